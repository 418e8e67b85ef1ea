"""Chapter 3 labels: AIDMA and AISAS stages, events, channels, the funnel widget.

Examples
--------
>>> STRINGS["ch03_stage_memory"]["zh"]
'记忆'
"""

STRINGS = {
    # stages (AIDA, AIDMA, AISAS)
    "ch03_stage_reach": {"en": "Reach", "zh": "触达"},
    "ch03_stage_attention": {"en": "Attention", "zh": "注意"},
    "ch03_stage_interest": {"en": "Interest", "zh": "兴趣"},
    "ch03_stage_desire": {"en": "Desire", "zh": "欲望"},
    "ch03_stage_memory": {"en": "Memory", "zh": "记忆"},
    "ch03_stage_search": {"en": "Search", "zh": "搜索"},
    "ch03_stage_action": {"en": "Action", "zh": "行动"},
    "ch03_stage_share": {"en": "Share", "zh": "分享"},
    # events of the log
    "ch03_event_view": {"en": "View", "zh": "浏览"},
    "ch03_event_click": {"en": "Click", "zh": "点击"},
    "ch03_event_add_to_cart": {"en": "Add to cart", "zh": "加入购物车"},
    "ch03_event_purchase": {"en": "Purchase", "zh": "购买"},
    "ch03_event_share": {"en": "Share", "zh": "分享"},
    "ch03_event_login": {"en": "Log-in", "zh": "登录"},
    # channels
    "ch03_channel_display": {"en": "Display ads", "zh": "展示广告"},
    "ch03_channel_live": {"en": "Live stream", "zh": "直播"},
    "ch03_channel_search": {"en": "Search", "zh": "搜索引擎"},
    "ch03_channel_social": {"en": "Social posts", "zh": "社交媒体"},
    # paths
    "ch03_path": {"en": "Path", "zh": "路径"},
    "ch03_path_aidma": {"en": "AIDMA", "zh": "AIDMA"},
    "ch03_path_aisas": {"en": "AISAS", "zh": "AISAS"},
    # table columns
    "ch03_col_stage": {"en": "Stage", "zh": "阶段"},
    "ch03_col_event": {"en": "Event", "zh": "事件"},
    "ch03_col_channel": {"en": "First-touch channel", "zh": "首次接触渠道"},
    "ch03_col_user_id": {"en": "User", "zh": "用户"},
    "ch03_col_users": {"en": "Users", "zh": "用户数"},
    "ch03_col_timestamp": {"en": "Time", "zh": "时间"},
    "ch03_col_rate": {"en": "Rate", "zh": "转化率"},
    "ch03_col_count": {"en": "People", "zh": "人数"},
    "ch03_col_drop": {"en": "Drop", "zh": "流失率"},
    "ch03_col_spend": {"en": "Spend (yuan)", "zh": "投入（元）"},
    "ch03_col_cpa": {"en": "Cost per action (yuan)", "zh": "单次行动成本（元）"},
    "ch03_col_bottleneck": {"en": "Bottleneck", "zh": "瓶颈"},
    "ch03_col_purchases": {"en": "Purchases", "zh": "购买人数"},
    "ch03_col_sharers": {"en": "Sharers", "zh": "分享人数"},
    "ch03_col_earned_reach": {"en": "Earned reach", "zh": "分享带来的触达"},
    "ch03_col_earned_purchases": {"en": "Purchases from sharing", "zh": "分享带来的购买"},
    "ch03_col_total_purchases": {"en": "All purchases", "zh": "购买总人数"},
    "ch03_col_cost_per_purchase": {"en": "Cost per purchase (yuan)", "zh": "单次购买成本（元）"},
    "ch03_col_source": {"en": "Information source", "zh": "信息来源"},
    "ch03_col_controls": {"en": "Who controls it", "zh": "谁能控制"},
    "ch03_col_trust": {"en": "How far consumers trust it", "zh": "消费者的信任程度"},
    "ch03_col_example": {"en": "Example", "zh": "例子"},
    "ch03_col_factor": {"en": "Factor", "zh": "因素"},
    "ch03_col_sub_factors": {"en": "Sub-factors", "zh": "具体因素"},
    "ch03_share_of_viewers": {"en": "Share of the channel's viewers", "zh": "占该渠道浏览者的比例"},
    "ch03_yes": {"en": "yes", "zh": "是"},
    "ch03_no": {"en": "no", "zh": "否"},
    # the funnel widget
    "ch03_reach": {"en": "Reach", "zh": "触达人数"},
    "ch03_budget": {"en": "Budget (yuan)", "zh": "预算（元）"},
    "ch03_weight": {"en": "{stage} weight", "zh": "{stage}权重"},
    "ch03_funnel_title": {"en": "{path} funnel: people at each stage",
                          "zh": "{path} 漏斗：各阶段人数"},
    "ch03_compare_title": {"en": "Same budget, two paths", "zh": "同样预算，两种路径"},
    "ch03_people_axis": {"en": "People (log scale)", "zh": "人数（对数刻度）"},
    "ch03_purchases_axis": {"en": "Purchases", "zh": "购买人数"},
    "ch03_first_wave": {"en": "First wave", "zh": "首轮购买"},
    "ch03_from_sharing": {"en": "From sharing", "zh": "分享带来"},
    "ch03_bar_label": {"en": "{count:,} · ¥{cpa} each", "zh": "{count:,} 人 · 每人 ¥{cpa}"},
    "ch03_no_cpa": {"en": "-", "zh": "-"},
    "ch03_bottleneck_note": {
        "en": "Bottleneck on the way to purchase: {stage} (drop {drop:.0%} from the stage "
              "before).",
        "zh": "通往购买的瓶颈：{stage}（比上一阶段流失 {drop:.0%}）。"},
    "ch03_no_bottleneck": {"en": "No bottleneck: nobody got past the reach.",
                           "zh": "没有瓶颈：没有人越过触达这一步。"},
    "ch03_compare_note": {
        "en": "Same budget, same plan: AIDMA {aidma:,} purchases, AISAS {aisas:,} "
              "({earned:,} of them from sharing). In this model AISAS has one stage fewer "
              "before the purchase: an assumption, not a finding.",
        "zh": "同样的预算和分配：AIDMA 带来 {aidma:,} 次购买，AISAS 带来 {aisas:,} 次"
              "（其中 {earned:,} 次来自分享）。在这个模型里，AISAS 在购买之前少一个阶段：这是假设，"
              "不是研究结论。"},
    "ch03_no_budget": {"en": "All weights are 0: nothing is spent, every stage keeps its base "
                             "rate.",
                       "zh": "所有权重都为 0：预算没有花出去，各阶段保持基础转化率。"},
    "ch03_funnel_try_this": {
        "en": "With the budget at 60,000 yuan and equal weights, which stage is the bottleneck? "
              "Move weight from Attention to that stage: how many more purchases do you get, "
              "and why does a second shift of the same size help less, or even hurt? Then "
              "switch to AISAS: which plan wins there?",
        "zh": "预算 60,000 元、各阶段权重相同时，瓶颈在哪个阶段？把“注意”的一部分权重移到这个阶段："
              "购买人数增加了多少？再同样调整一次，为什么效果变小，甚至适得其反？再切换到 AISAS："
              "那里哪种分配最好？"},
}
