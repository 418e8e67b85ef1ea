"""Bilingual strings (English / 简体中文) and Chinese-capable plotting.

The course speaks one language at a time. The language is chosen, in order,
by :func:`set_language`, the ``CRM_COURSE_LANG`` environment variable, or
defaults to English. Every label a widget or a plot shows comes from
:data:`STRINGS` through :func:`t`, so both languages always carry the same
keys (a test holds them together). Course-wide and chapter 5 strings live here;
every other chapter keeps its own in ``course/strings/chNN.py``, merged in on import.

Examples
--------
>>> from course import i18n
>>> i18n.set_language("zh")
>>> i18n.t("customers")
'客户数'
>>> i18n.set_language("en")
>>> i18n.t("customers")
'Customers'
>>> i18n.t("share_of", what="revenue")
'Share of revenue'
"""

from __future__ import annotations

import os
import warnings

from course.strings import collect

LANGUAGES = ("en", "zh")

#: Preferred CJK fonts, first found wins. Debian's ``fonts-noto-cjk`` gives the first.
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC", "WenQuanYi Zen Hei",
             "SimHei", "Microsoft YaHei", "PingFang SC")

STRINGS: dict[str, dict[str, str]] = {
    # generic table and plot words
    "customers": {"en": "Customers", "zh": "客户数"},
    "customer": {"en": "Customer", "zh": "客户"},
    "revenue": {"en": "Revenue", "zh": "销售额"},
    "share_of": {"en": "Share of {what}", "zh": "{what}占比"},
    "customer_share": {"en": "Share of customers", "zh": "客户占比"},
    "revenue_share": {"en": "Share of revenue", "zh": "销售额占比"},
    "segment": {"en": "Segment", "zh": "RFM 客群"},
    "class": {"en": "Class", "zh": "类别"},
    "count": {"en": "Count", "zh": "数量"},
    "bins": {"en": "Score bins", "zh": "评分档数"},
    "weight_r": {"en": "Weight R", "zh": "R 权重"},
    "weight_f": {"en": "Weight F", "zh": "F 权重"},
    "weight_m": {"en": "Weight M", "zh": "M 权重"},
    "recency": {"en": "Recency (days)", "zh": "最近一次消费（天）"},
    "frequency": {"en": "Frequency (orders)", "zh": "消费频率（订单数）"},
    "monetary": {"en": "Monetary (revenue)", "zh": "消费金额"},
    # RFM value tiers
    "tier_top": {"en": "Top-value tier", "zh": "顶级价值层"},
    "tier_high": {"en": "High-value tier", "zh": "高价值层"},
    "tier_mid": {"en": "Mid-value tier", "zh": "中价值层"},
    "tier_low": {"en": "Low-value tier", "zh": "低价值层"},
    # RFM named segments (recency x frequency/monetary grid)
    "seg_champions": {"en": "Champions", "zh": "核心客群"},
    "seg_loyal": {"en": "Loyal", "zh": "忠诚客群"},
    "seg_promising": {"en": "Promising", "zh": "成长客群"},
    "seg_at_risk": {"en": "At risk", "zh": "流失风险客群"},
    "seg_attention": {"en": "Needs attention", "zh": "待唤醒客群"},
    "seg_lost": {"en": "Hibernating or lost", "zh": "沉睡客群"},
    # ABC
    "abc_title": {"en": "ABC analysis: the Pareto curve", "zh": "ABC 分类：帕累托曲线"},
    "a_cut": {"en": "A cut-off", "zh": "A 类界限"},
    "b_cut": {"en": "B cut-off", "zh": "B 类界限"},
    "class_a": {"en": "A", "zh": "A 类"},
    "class_b": {"en": "B", "zh": "B 类"},
    "class_c": {"en": "C", "zh": "C 类"},
    "rfm_title": {"en": "RFM segments", "zh": "RFM 客户分群"},
    "equal_line": {"en": "Every customer equal", "zh": "绝对平均线"},
    "top_share_note": {
        "en": "Top {customers:.0%} of customers bring {revenue:.0%} of revenue",
        "zh": "前 {customers:.0%} 的客户贡献了 {revenue:.0%} 的销售额",
    },
    # chapter 5 widgets (course.widgets.identification)
    "view": {"en": "View", "zh": "查看方式"},
    "view_tiers": {"en": "Value tiers", "zh": "价值分层"},
    "view_segments": {"en": "Named segments", "zh": "RFM 客群"},
    "tier": {"en": "Value tier", "zh": "价值层"},
    "share": {"en": "Share", "zh": "占比"},
    "total": {"en": "Total", "zh": "合计"},
    "rfm_tiers_title": {"en": "RFM value tiers", "zh": "RFM 客户价值分层"},
    "rfm_bars_title": {
        "en": "{title}: share of customers vs share of revenue",
        "zh": "{title}：客户占比与销售额占比",
    },
    "rfm_weights_zero": {
        "en": "All three weights are 0, so there is no weighted RFM score to rank customers "
              "by. Set at least one weight above 0.",
        "zh": "R、F、M 三个权重都是 0，无法计算加权 RFM 得分。请至少把一个权重调到大于 0。",
    },
    "rfm_weights_unused": {
        "en": "The named segments use the R score and the mean of F and M; the weights "
              "apply to the value tiers only.",
        "zh": "客户分群只看 R 得分和 F、M 得分的平均值，权重只用于价值分层。",
    },
    "no_customers": {
        "en": "There are no customers with a purchase in this data.",
        "zh": "这份数据里没有任何有购买记录的客户。",
    },
    "abc_classes_title": {"en": "ABC classes", "zh": "ABC 分类结果"},
    "cum_customer_share": {
        "en": "Cumulative share of customers (most valuable first)",
        "zh": "累计客户占比（按价值从高到低排列）",
    },
    "cum_revenue_share": {"en": "Cumulative share of revenue", "zh": "累计销售额占比"},
    "b_cut_raised": {
        "en": "The B cut-off cannot be below the A cut-off, so it was raised to {value:.0%}.",
        "zh": "B 类界限不能低于 A 类界限，已自动调高到 {value:.0%}。",
    },
    "a_cut_lowered": {
        "en": "The A cut-off cannot be above the B cut-off, so it was lowered to {value:.0%}.",
        "zh": "A 类界限不能高于 B 类界限，已自动调低到 {value:.0%}。",
    },
    # chapter 5 lecture (notebooks/*/ch05_identification.ipynb): one contiguous block.
    # Group names: every value tier, RFM segment, value quadrant, ABC class and MAN grade has a
    # name of its own in each language (tests/test_i18n.py holds them apart).
    "quad_vip": {"en": "VIP customers", "zh": "贵宾型客户"},
    "quad_major": {"en": "Major customers", "zh": "稳定型客户"},
    "quad_potential": {"en": "High-potential customers", "zh": "潜力型客户"},
    "quad_ordinary": {"en": "Ordinary customers", "zh": "普通型客户"},
    "grade_qualified": {"en": "Qualified lead", "zh": "合格线索"},
    "grade_develop": {"en": "Lead to develop", "zh": "待开发线索"},
    "grade_nurture": {"en": "Lead to nurture", "zh": "待培育线索"},
    "grade_drop": {"en": "Dropped lead", "zh": "放弃线索"},
    "rule_duplicates": {"en": "Exact duplicate lines", "zh": "完全重复的记录"},
    "rule_no_customer": {"en": "No customer number", "zh": "没有客户编号"},
    "rule_cancellation_lines": {"en": "Cancellation lines", "zh": "取消订单（退单）记录"},
    "rule_netted_orders": {"en": "Order lines cancelled (netted off)",
                           "zh": "被取消冲抵的订单明细"},
    "rule_unmatched_cancellations": {"en": "Cancellations with no matching order",
                                     "zh": "找不到对应订单的取消记录"},
    "rule_non_positive": {"en": "Zero or negative quantity or price", "zh": "数量或单价不为正"},
    "col_customer_id": {"en": "Customer", "zh": "客户编号"},
    "col_order_id": {"en": "Order", "zh": "订单号"},
    "col_date": {"en": "Date", "zh": "日期"},
    "col_quantity": {"en": "Quantity", "zh": "数量"},
    "col_unit_price": {"en": "Unit price (£)", "zh": "单价（英镑）"},
    "col_amount": {"en": "Amount (£)", "zh": "金额（英镑）"},
    "col_customer_code": {"en": "Customer code", "zh": "客户代码"},
    "col_city": {"en": "City", "zh": "城市"},
    "col_orders": {"en": "Orders", "zh": "订单数"},
    "col_lead_id": {"en": "Lead", "zh": "线索编号"},
    "col_company": {"en": "Company", "zh": "公司"},
    "col_budget": {"en": "Yearly budget", "zh": "年度预算（元）"},
    "col_has_authority": {"en": "Authority", "zh": "有决策权"},
    "col_has_need": {"en": "Need", "zh": "有需求"},
    "col_money": {"en": "Money", "zh": "有购买力"},
    "col_met": {"en": "Conditions met", "zh": "满足条件数"},
    "col_grade": {"en": "MAN grade", "zh": "MAN 等级"},
    "col_combination": {"en": "Combination", "zh": "组合"},
    "col_yes": {"en": "yes", "zh": "是"},
    "col_no": {"en": "no", "zh": "否"},
    "col_gross_sales": {"en": "Gross sales (£)", "zh": "总销售额（英镑）"},
    "col_net_sales": {"en": "Net sales (£)", "zh": "净销售额（英镑）"},
    "col_gross_rank": {"en": "Rank by gross sales", "zh": "按总销售额的排名"},
    "col_rule": {"en": "Cleaning rule", "zh": "清洗规则"},
    "col_lines": {"en": "Lines", "zh": "记录行数"},
    "col_score": {"en": "Score", "zh": "得分"},
    "col_r_score": {"en": "R score", "zh": "R 得分"},
    "col_f_score": {"en": "F score", "zh": "F 得分"},
    "col_m_score": {"en": "M score", "zh": "M 得分"},
    "col_worse_f": {"en": "Customers with fewer orders", "zh": "订单更少的客户数"},
    "col_value": {"en": "Value", "zh": "价值"},
    "col_share_before": {"en": "Share reached before", "zh": "此前已达累计占比"},
    "col_running_share": {"en": "Running share", "zh": "累计占比"},
    "col_account": {"en": "Account", "zh": "客户"},
    "col_current_value": {"en": "Current value (thousands)", "zh": "当前价值（千元）"},
    "col_category_spend": {"en": "Category spend, all suppliers, next 12 months (thousands)",
                           "zh": "未来 12 个月本品类总采购额（所有供应商，千元）"},
    "col_potential_value": {"en": "Potential value (thousands)", "zh": "潜在价值（千元）"},
    "col_share_of_wallet": {"en": "Share of wallet", "zh": "钱包份额"},
    "col_quadrant": {"en": "Quadrant (absolute cuts)", "zh": "象限（绝对分界）"},
    "col_quadrant_median": {"en": "Quadrant (median cuts)", "zh": "象限（中位数分界）"},
    "col_orders_in_year": {"en": "Orders in the year", "zh": "一年内的订单数"},
    "col_orders_1": {"en": "1 order", "zh": "1 单"},
    "col_orders_2-3": {"en": "2-3 orders", "zh": "2～3 单"},
    "col_orders_4-10": {"en": "4-10 orders", "zh": "4～10 单"},
    "col_orders_11+": {"en": "11 or more", "zh": "11 单及以上"},
    "col_count": {"en": "Count", "zh": "计数"},
    "col_mean": {"en": "Mean", "zh": "均值"},
    "col_std": {"en": "Standard deviation", "zh": "标准差"},
    "col_min": {"en": "Minimum", "zh": "最小值"},
    "col_25%": {"en": "25th percentile", "zh": "25% 分位数"},
    "col_50%": {"en": "Median", "zh": "中位数"},
    "col_75%": {"en": "75th percentile", "zh": "75% 分位数"},
    "col_max": {"en": "Maximum", "zh": "最大值"},
    "col_monetary_gbp": {"en": "Monetary (£)", "zh": "消费金额（英镑）"},
    "col_revenue": {"en": "Revenue (£)", "zh": "销售额（英镑）"},
    "col_pareto_curve": {"en": "Pareto curve", "zh": "帕累托曲线"},
    "col_current_axis": {"en": "Current value (purchases from us, last 12 months, thousands)",
                         "zh": "当前价值（过去 12 个月向我们采购的金额，千元）"},
    "col_potential_axis": {"en": "Potential value (next 12 months, thousands)",
                           "zh": "潜在价值（未来 12 个月，千元）"},
    # end of the chapter 5 lecture block
    # --- chapter 5 explorers: try-this prompts and currency (course.widgets) -------------
    "try_this": {"en": "Try this:", "zh": "动手试一试："},
    "rfm_try_this": {
        "en": "With 5 score bins, put all the weight on M (set R and F to 0): what share of "
              "revenue does the Top-value tier bring? Now put all the weight on R instead (F and M "
              "at 0): does the Top-value tier still bring most of the revenue? What does the "
              "difference tell you about the customers who bought most recently?",
        "zh": "评分档数保持 5，把全部权重放在 M 上（R、F 调到 0）：顶级价值层贡献了多少销售额占比？"
              "再把全部权重改放在 R 上（F、M 调到 0）：顶级价值层还贡献了大部分销售额吗？"
              "两次结果的差别说明最近购买的客户是怎样的一批客户？",
    },
    "abc_try_this": {
        "en": "Lower the A cut-off from 80% to 50%: how many customers are in class A now, and "
              "what share of all customers is that? Does this shop's revenue follow the 80/20 "
              "rule, or is it more concentrated?",
        "zh": "把 A 类界限从 80% 调低到 50%：现在 A 类有多少位客户，占全部客户的百分之几？"
              "这家店的销售额符合“二八法则”吗，还是更加集中？",
    },
    "revenue_in": {"en": "Revenue ({currency})", "zh": "销售额（{currency}）"},
    "currency_gbp": {"en": "£", "zh": "英镑"},
    # --- end of chapter 5 explorers block -------------------------------------------------
    # self-check messages
    "check_ok": {"en": "Correct!", "zh": "回答正确！"},
    "check_fail": {"en": "Not yet: {detail}", "zh": "还不对：{detail}"},
    "check_missing": {
        "en": "Define `{name}` first, then run this check again.",
        "zh": "请先定义 `{name}`，再运行检查。",
    },
    "check_unfinished": {
        "en": "`{name}` is not finished yet (it raises NotImplementedError).",
        "zh": "`{name}` 还没有完成（仍在抛出 NotImplementedError）。",
    },
    "check_raised": {"en": "`{name}` raised {error}", "zh": "`{name}` 运行出错：{error}"},
    "hint": {"en": "Hint: {text}", "zh": "提示：{text}"},
    "no_more_hints": {"en": "No more hints for this task.", "zh": "这道题没有更多提示了。"},
    "hint_numbered": {"en": "Hint {i}/{n}: {text}", "zh": "提示 {i}/{n}：{text}"},
    "hints_restart": {
        "en": "That was the last hint; here they are again from the first.",
        "zh": "已经是最后一条提示了，下面从第一条重新开始。",
    },
    "check_hint_offer": {
        "en": "Run `{ref}.hint()` for a hint.",
        "zh": "需要帮助的话，可以运行 `{ref}.hint()` 查看提示。",
    },
    "check_case": {"en": "public case {n} ({label}): {detail}",
                   "zh": "公开测试 {n}（{label}）：{detail}"},
    "check_not_callable": {
        "en": "`{name}` should be a function, but it is a {type}",
        "zh": "`{name}` 应当是一个函数，但现在是 {type}",
    },
    "check_returned_none": {
        "en": "`{name}` returned None; did you forget `return`?",
        "zh": "`{name}` 返回了 None，是不是忘了写 `return`？",
    },
    "check_wrong_type": {"en": "expected a {expected}, got {got}",
                         "zh": "应当返回 {expected}，实际返回的是 {got}"},
    "check_missing_columns": {
        "en": "column(s) {cols} missing; your result has {found}",
        "zh": "缺少列 {cols}；你的结果中只有 {found}",
    },
    "check_duplicate_rows": {
        "en": "{noun} {label} appears more than once in the index",
        "zh": "{noun} {label} 在索引中出现了不止一次",
    },
    "check_wrong_index": {
        "en": "the result should be indexed by {index_name} ({expected}); your index is {got}",
        "zh": "结果应当以 {index_name} 作为索引（{expected}）；你的索引是 {got}",
    },
    "check_missing_rows": {"en": "{noun} {labels} missing from the result",
                           "zh": "结果中缺少{noun} {labels}"},
    "check_extra_rows": {"en": "unexpected {noun} {labels} in the result",
                         "zh": "结果中不应出现{noun} {labels}"},
    "check_value": {"en": "{what} of {noun} {label}: expected {expected}, got {got}",
                    "zh": "{noun} {label} 的 {what}：应为 {expected}，实际为 {got}"},
    "check_scalar": {"en": "expected {expected}, got {got}",
                     "zh": "应为 {expected}，实际为 {got}"},
    "check_uncomparable": {
        "en": "your result (a {kind}) could not be compared with the expected one ({error})",
        "zh": "你的结果（{kind}）无法与预期结果比较（{error}）",
    },
    "check_imported_note": {
        "en": "Note: `{name}` comes from {module}. The grader gives no points for an imported "
              "function: write your own in this notebook.",
        "zh": "注意：`{name}` 来自 {module}。评分时导入的函数不得分，请在本笔记本中自己实现。",
    },
    "quiz_not_dict": {
        "en": "`{name}` should be a dict such as {example}, but it is a {type}",
        "zh": "`{name}` 应当是一个字典，例如 {example}，但现在是 {type}",
    },
    "quiz_extra": {"en": "unexpected key(s) {keys}; use exactly the keys {expected}",
                   "zh": "多出了键 {keys}；键应当正好是 {expected}"},
    "quiz_missing": {"en": "no answer yet for question(s) {keys}",
                     "zh": "以下题目还没有作答：{keys}"},
    "quiz_bad_answer": {"en": "question {qno}: {value} is not one of {allowed}",
                        "zh": "第 {qno} 题：{value} 不是 {allowed} 中的一个"},
    "quiz_format_ok": {
        "en": "Your answers have the right format ({n} answers, each one of {allowed}). This "
              "check does not say whether they are right: they are graded after you submit.",
        "zh": "答案格式正确（共 {n} 题，每题为 {allowed} 之一）。这里不检查对错，"
              "提交后由评分程序判分。",
    },
    "numbers_not_dict": {
        "en": "`{name}` should be a dict with the keys {keys}, but it is a {type}",
        "zh": "`{name}` 应当是一个字典，键为 {keys}，但现在是 {type}",
    },
    "numbers_keys": {"en": "`{name}` should have exactly the keys {keys}; it has {got}",
                     "zh": "`{name}` 的键应当正好是 {keys}，现在是 {got}"},
    "numbers_not_number": {"en": "{field}: {value} is not a number yet",
                           "zh": "{field}：{value} 还不是一个数"},
    "numbers_not_count": {"en": "{field} is a number of customers: a whole number, 0 or more "
                                "(got {value})",
                          "zh": "{field} 是客户人数，应为 0 或正整数（现在是 {value}）"},
    "numbers_not_share": {"en": "{field} is a share: between 0 and 1 (got {value})",
                          "zh": "{field} 是一个占比，应在 0 到 1 之间（现在是 {value}）"},
    "numbers_format_ok": {
        "en": "Your numbers have the right form. This check does not say whether they are "
              "right: they are graded on your own data after you submit.",
        "zh": "数值的形式正确。这里不检查对错，提交后会用你自己的数据判分。",
    },
    # ---- exercise hints and student-facing errors (self-checks, hand-in, student data)
    "hint_for_case": {"en": "Hint for public case {n} ({label}): {text}",
                      "zh": "针对公开测试 {n}（{label}）的提示：{text}"},
    "hint_for_item": {"en": "Question {item}: {text}", "zh": "第 {item} 题：{text}"},
    "err_hint_number": {"en": "{ref} has hints 1 to {n}, not {got}",
                        "zh": "{ref} 的提示编号是 1 到 {n}，没有第 {got} 条"},
    "err_student_id": {
        "en": 'set STUDENT_ID to your student id first, e.g. STUDENT_ID = "s001"',
        "zh": '请先把 STUDENT_ID 设为你的学号，例如 STUDENT_ID = "s001"',
    },
    "err_n_customers": {"en": "n_customers must be 0 or more, got {n}",
                        "zh": "n_customers 应为 0 或正整数，现在是 {n}"},
    "err_n_leads": {"en": "n_leads must be 0 or more, got {n}",
                    "zh": "n_leads 应为 0 或正整数，现在是 {n}"},
    "handin_later": {"en": "{qid}: your answer is recorded when the notebook is graded.",
                     "zh": "{qid}：评分时才会记录你的答案。"},
    "handin_done": {"en": "{qid}: answer handed in.", "zh": "{qid}：答案已提交。"},
    "handin_not_function": {"en": "expected a function, got {type}",
                            "zh": "这里应当是一个函数，现在是 {type}"},
    "handin_imported": {
        "en": "it comes from the module {module!r}: write it in this notebook instead of "
              "importing it",
        "zh": "它来自模块 {module!r}：请在本笔记本中自己编写，不要导入",
    },
}

#: The course-wide strings above plus every chapter's (``course/strings/chNN.py``).
STRINGS = collect(STRINGS)

_language: str | None = None


def set_language(lang: str) -> None:
    """Choose the language of labels, plots and self-check messages.

    Parameters
    ----------
    lang : {"en", "zh"}
        The language code.

    Raises
    ------
    ValueError
        If ``lang`` is not one of :data:`LANGUAGES`.

    Examples
    --------
    >>> set_language("zh"); get_language()
    'zh'
    >>> set_language("en")
    """
    global _language
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, got {lang!r}")
    _language = lang


def get_language() -> str:
    """Return the current language code ('en' or 'zh').

    Examples
    --------
    >>> get_language() in LANGUAGES
    True
    """
    if _language is not None:
        return _language
    env = os.environ.get("CRM_COURSE_LANG", "en")
    return env if env in LANGUAGES else "en"


def t(key: str, lang: str | None = None, **fields: object) -> str:
    """Return the string ``key`` in the current (or given) language.

    Parameters
    ----------
    key : str
        A key of :data:`STRINGS`.
    lang : {"en", "zh"}, optional
        Overrides the current language.
    **fields
        Values for ``{placeholders}`` in the string.

    Raises
    ------
    KeyError
        If ``key`` is unknown; the message names it.

    Examples
    --------
    >>> t("revenue", lang="zh")
    '销售额'
    """
    try:
        entry = STRINGS[key]
    except KeyError:
        raise KeyError(f"no course string named {key!r} in course.i18n.STRINGS") from None
    text = entry[lang or get_language()]
    return text.format(**fields) if fields else text


def both(key: str, **fields: object) -> str:
    """The string ``key`` in English and in Chinese, for errors a student may see.

    An error message cannot know which language its reader prefers, so it
    carries both: ``"English / 中文"``.

    Examples
    --------
    >>> both("err_n_customers", n=-1)
    'n_customers must be 0 or more, got -1 / n_customers 应为 0 或正整数，现在是 -1'
    """
    return " / ".join(t(key, lang=lang, **fields) for lang in LANGUAGES)


def find_cjk_font() -> str | None:
    """Return the name of an installed font that has Chinese glyphs, or None.

    Examples
    --------
    >>> find_cjk_font() is None or isinstance(find_cjk_font(), str)
    True
    """
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in installed:
            return name
    return None


def setup_matplotlib(warn: bool = True) -> str | None:
    """Make matplotlib draw Chinese text, and say clearly when it cannot.

    Puts the first installed CJK font in front of ``font.sans-serif`` and keeps
    minus signs ASCII (CJK fonts often lack U+2212).

    Parameters
    ----------
    warn : bool, default True
        Emit a ``UserWarning`` with the install command when no CJK font exists.

    Returns
    -------
    str or None
        The font chosen, or None if none is installed.

    Examples
    --------
    >>> import matplotlib
    >>> font = setup_matplotlib(warn=False)
    >>> font is None or matplotlib.rcParams["font.sans-serif"][0] == font
    True
    """
    import matplotlib

    font = find_cjk_font()
    if font is None:
        if warn:
            warnings.warn(
                "No Chinese (CJK) font is installed, so Chinese plot labels will show as "
                "empty boxes. On Debian or Ubuntu run: sudo apt-get install fonts-noto-cjk "
                "(`make lab` does this when it runs as root).",
                UserWarning,
                stacklevel=2,
            )
        return None
    fonts = [font] + [f for f in matplotlib.rcParams["font.sans-serif"] if f != font]
    matplotlib.rcParams["font.sans-serif"] = fonts
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["axes.unicode_minus"] = False
    return font
