"""Chapter 4 strings: Maslow's levels, dominant-need outcomes, the needs-pyramid widget.

Examples
--------
>>> from course.i18n import t
>>> t("ch04_level_self_actualisation", lang="zh")
'自我实现需求'
"""

STRINGS = {
    # errors a student may see
    "ch04_err_n_respondents": {"en": "n_respondents must be 0 or more, got {n}",
                               "zh": "n_respondents 应为 0 或正整数，现在是 {n}"},
    # the five levels and the two other outcomes of dominant_need
    "ch04_level_physiological": {"en": "Physiological", "zh": "生理需求"},
    "ch04_level_safety": {"en": "Safety", "zh": "安全需求"},
    "ch04_level_belonging": {"en": "Love and belonging", "zh": "社交需求（爱与归属）"},
    "ch04_level_esteem": {"en": "Esteem", "zh": "尊重需求"},
    "ch04_level_self_actualisation": {"en": "Self-actualisation", "zh": "自我实现需求"},
    "ch04_level_all_met": {"en": "All five met", "zh": "五个层次都已满足"},
    "ch04_level_unknown": {"en": "Cannot tell (blank answer)", "zh": "无法判断（有漏答）"},
    "ch04_level_none": {"en": "(not placed)", "zh": "（未放置）"},
    # segments of the generated surveys
    "ch04_seg_low_income": {"en": "Low income", "zh": "低收入群体"},
    "ch04_seg_middle_income": {"en": "Middle income", "zh": "中等收入群体"},
    "ch04_seg_high_income": {"en": "High income", "zh": "高收入群体"},
    "ch04_seg_all": {"en": "All respondents", "zh": "全部受访者"},
    # table columns and words of the lecture and the widget
    "ch04_col_respondent_id": {"en": "Respondent", "zh": "受访者"},
    "ch04_col_segment": {"en": "Income segment", "zh": "收入群体"},
    "ch04_col_dominant_need": {"en": "Dominant unmet need", "zh": "主导的未满足需求"},
    "ch04_col_level": {"en": "Level", "zh": "需求层次"},
    "ch04_col_appeal": {"en": "Appeal", "zh": "广告诉求"},
    "ch04_col_customers": {"en": "Respondents reached", "zh": "触达的受访者"},
    "ch04_col_share": {"en": "Share of all respondents", "zh": "占全部受访者比例"},
    "ch04_col_answered": {"en": "Answered", "zh": "作答人数"},
    "ch04_col_met_share": {"en": "Share met", "zh": "已满足比例"},
    "ch04_col_dominant": {"en": "Dominant need of", "zh": "以此为主导需求的人数"},
    "ch04_col_dominant_share": {"en": "Share of respondents", "zh": "占受访者比例"},
    "ch04_col_respondents": {"en": "Respondents", "zh": "受访者人数"},
    "ch04_col_mean_score": {"en": "Mean score (1-7)", "zh": "平均得分（1～7 分）"},
    "ch04_col_first_stop": {"en": "First level not met or blank", "zh": "第一个未满足或漏答的层次"},
    "ch04_col_lowest_score": {"en": "Level with the lowest score", "zh": "得分最低的层次"},
    "ch04_col_physiological": {"en": "Physiological", "zh": "生理"},
    "ch04_col_safety": {"en": "Safety", "zh": "安全"},
    "ch04_col_belonging": {"en": "Belonging", "zh": "社交"},
    "ch04_col_esteem": {"en": "Esteem", "zh": "尊重"},
    "ch04_col_self_actualisation": {"en": "Self-actualisation", "zh": "自我实现"},
    "ch04_col_all_met": {"en": "All met", "zh": "都已满足"},
    "ch04_col_unknown": {"en": "Cannot tell", "zh": "无法判断"},
    "ch04_yes": {"en": "yes", "zh": "是"},
    "ch04_no": {"en": "no", "zh": "否"},
    "ch04_col_description": {"en": "What the need is about", "zh": "需求的含义"},
    "ch04_col_products": {"en": "Products and appeals that speak to it",
                          "zh": "针对这一层次的产品和广告诉求"},
    "ch04_col_threshold": {"en": "Met at a score of", "zh": "满足的分数线"},
    "ch04_plot_dist_title": {"en": "Dominant unmet need by income segment",
                             "zh": "各收入群体主导的未满足需求"},
    "ch04_plot_met_title": {"en": "Share of respondents who have each need met",
                            "zh": "各层次需求已满足的受访者比例"},
    # the needs-pyramid widget (course.widgets.needs)
    "ch04_threshold": {"en": "Met at score", "zh": "满足的分数线"},
    "ch04_group": {"en": "Who", "zh": "受访者范围"},
    "ch04_pyramid_title": {"en": "Dominant unmet need", "zh": "主导的未满足需求"},
    "ch04_met_title": {"en": "Need met (score at or above the line)",
                       "zh": "需求已满足（得分不低于分数线）"},
    "ch04_group_line": {
        "en": "{group}, n = {n} · met at a score of {threshold} or more · all five met: "
              "{all_met:.0%} · cannot tell: {unknown:.0%}",
        "zh": "{group}，n = {n} · 得分不低于 {threshold} 分算满足 · 五个层次都已满足："
              "{all_met:.0%} · 无法判断：{unknown:.0%}"},
    "ch04_share_axis": {"en": "Share of respondents", "zh": "占受访者比例"},
    "ch04_met_axis": {"en": "Share of those who answered", "zh": "占该层次作答者比例"},
    "ch04_reach_title": {"en": "Your appeals and whom they reach",
                         "zh": "你放置的广告诉求及其触达人数"},
    "ch04_reach_total": {"en": "Reached by at least one appeal",
                         "zh": "至少被一条诉求触达"},
    "ch04_no_respondents": {"en": "No respondents in this group.",
                            "zh": "这个范围内没有受访者。"},
    "ch04_try_this": {
        "en": "Place each appeal on the level it speaks to. Then raise the score at which a need "
              "counts as met from 5 to 6: which appeal gains the most people, which loses, and "
              "why does the share you cannot tell about change? Compare the low- and the "
              "high-income segment: which appeal would you lead with for each?",
        "zh": "先把每条广告诉求放到它针对的需求层次上。然后把“满足”的分数线从 5 分调到 6 分："
              "哪条诉求触达的人增加最多，哪条减少了？“无法判断”的比例为什么也变了？再比较低收入"
              "群体和高收入群体：面向这两个群体，你分别会主打哪条诉求？"},
    # the appeals a student places in the widget
    "ch04_appeal_meal": {"en": "Hot lunch delivered for 15 yuan", "zh": "15 元热饭送到手"},
    "ch04_appeal_insurance": {"en": "Accident cover for the whole family",
                              "zh": "全家意外保障"},
    "ch04_appeal_club": {"en": "Join 5,000 members on weekend rides",
                         "zh": "和 5000 名会员一起周末骑行"},
    "ch04_appeal_black_card": {"en": "Black card: reserved for our top members",
                               "zh": "黑卡：只为顶级会员保留"},
    "ch04_appeal_course": {"en": "Master the craft you always wanted to",
                           "zh": "学会你一直想掌握的手艺"},
}
