"""Bilingual strings (English / 简体中文) and Chinese-capable plotting.

The course speaks one language at a time. The language is chosen, in order,
by :func:`set_language`, the ``CRM_COURSE_LANG`` environment variable, or
defaults to English. Every label a widget or a plot shows comes from
:data:`STRINGS` through :func:`t`, so both languages always carry the same
keys (a test holds them together).

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
    "segment": {"en": "Segment", "zh": "客户群"},
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
    "tier_top": {"en": "Top value", "zh": "核心客户"},
    "tier_high": {"en": "High value", "zh": "重要客户"},
    "tier_mid": {"en": "Medium value", "zh": "一般客户"},
    "tier_low": {"en": "Low value", "zh": "低价值客户"},
    # RFM named segments (recency x frequency/monetary grid)
    "seg_champions": {"en": "Champions", "zh": "重要价值客户"},
    "seg_loyal": {"en": "Loyal", "zh": "忠诚客户"},
    "seg_new": {"en": "New or promising", "zh": "新客户 / 潜力客户"},
    "seg_at_risk": {"en": "At risk", "zh": "流失风险客户"},
    "seg_attention": {"en": "Needs attention", "zh": "需要关注的客户"},
    "seg_lost": {"en": "Hibernating or lost", "zh": "沉睡 / 流失客户"},
    # ABC
    "abc_title": {"en": "ABC analysis: the Pareto curve", "zh": "ABC 分类：帕累托曲线"},
    "a_cut": {"en": "A cut-off", "zh": "A 类界限"},
    "b_cut": {"en": "B cut-off", "zh": "B 类界限"},
    "class_a": {"en": "A", "zh": "A 类"},
    "class_b": {"en": "B", "zh": "B 类"},
    "class_c": {"en": "C", "zh": "C 类"},
    "rfm_title": {"en": "RFM segments", "zh": "RFM 客户分群"},
    "equal_line": {"en": "Every customer equal", "zh": "完全平均线"},
    "top_share_note": {
        "en": "Top {customers:.0%} of customers bring {revenue:.0%} of revenue",
        "zh": "前 {customers:.0%} 的客户贡献了 {revenue:.0%} 的销售额",
    },
    # chapter 5 widgets (course.widgets.identification)
    "view": {"en": "View", "zh": "查看方式"},
    "view_tiers": {"en": "Value tiers", "zh": "价值分层"},
    "view_segments": {"en": "Named segments", "zh": "客户分群"},
    "tier": {"en": "Value tier", "zh": "价值层级"},
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
