"""Chapter 2 (STP) label strings: segmentation, targeting, positioning.

Keys start with ``ch02_``. The group names of this chapter are *clusters*
(k-means output, 聚类客群), *candidate segments* (候选细分市场) and *brands*:
none collides with chapter 5's RFM segments (RFM 客群) or value tiers.

Examples
--------
>>> STRINGS["ch02_cluster"]["zh"]
'聚类客群'
"""

STRINGS = {
    # ------------------------------------------------------------ features
    "ch02_feat_recency": {"en": "Recency (days)", "zh": "最近一次消费（天）"},
    "ch02_feat_frequency": {"en": "Frequency (orders)", "zh": "消费频率（单）"},
    "ch02_feat_monetary": {"en": "Monetary (£)", "zh": "消费金额（英镑）"},
    "ch02_feat_basket": {"en": "Mean order value (£)", "zh": "平均客单价（英镑）"},
    "ch02_feat_products": {"en": "Distinct products", "zh": "购买的商品种数"},
    "ch02_feat_domestic": {"en": "UK customer (share)", "zh": "英国本土客户（占比）"},
    "ch02_log_of": {"en": "log(1 + {name})", "zh": "log(1 + {name})"},
    # ------------------------------------------------------------ segmentation widget
    "ch02_k": {"en": "Clusters k", "zh": "聚类数 k"},
    "ch02_features": {"en": "Features", "zh": "细分变量"},
    "ch02_scale": {"en": "Standardise (z-scores)", "zh": "标准化（z 分数）"},
    "ch02_log": {"en": "Log of counts and money", "zh": "对次数和金额取对数"},
    "ch02_x_feature": {"en": "x axis", "zh": "横轴"},
    "ch02_y_feature": {"en": "y axis", "zh": "纵轴"},
    "ch02_cluster": {"en": "Cluster", "zh": "聚类客群"},
    "ch02_cluster_n": {"en": "Cluster {n}", "zh": "客群 {n}"},
    "ch02_share": {"en": "Share", "zh": "占比"},
    "ch02_profile_title": {"en": "Cluster profiles (means, in the data's own units)",
                           "zh": "各聚类客群的画像（均值，原始单位）"},
    "ch02_quality": {"en": "Silhouette {sil:.3f} (−1 to 1, higher = better separated) · "
                           "stability {stab:.3f} (1 = the same clusters from every random "
                           "start)",
                     "zh": "轮廓系数 {sil:.3f}（−1 到 1，越高分得越开）· "
                           "稳定性 {stab:.3f}（1 表示每次随机起点得到的客群都相同）"},
    "ch02_no_features": {"en": "Choose at least one feature to segment on.",
                         "zh": "请至少选择一个细分变量。"},
    "ch02_unscaled_note": {"en": "Not standardised: the feature with the largest numbers "
                                 "decides the clusters almost alone.",
                           "zh": "未标准化：数值最大的那个变量几乎单独决定了聚类结果。"},
    "ch02_scatter_title": {"en": "Customers on two features, coloured by cluster",
                           "zh": "客户在两个变量上的分布（按聚类客群着色）"},
    "ch02_sizes_title": {"en": "Cluster sizes", "zh": "各客群规模"},
    "ch02_customers_axis": {"en": "Customers", "zh": "客户数"},
    "ch02_segment_try_this": {
        "en": "Set k to 3, then to 4, 5 and 6: which k gives the highest silhouette, and "
              "which the most stable clusters? Then untick Standardise: which feature now "
              "decides the clusters, and why?",
        "zh": "把 k 依次设为 3、4、5、6：哪个 k 的轮廓系数最高？哪个 k 的客群最稳定？"
              "再取消“标准化”：现在是哪个变量在决定聚类结果？为什么？"},
    # ------------------------------------------------------------ attractiveness widget
    "ch02_criterion_size": {"en": "Size", "zh": "规模"},
    "ch02_criterion_growth": {"en": "Growth", "zh": "增长"},
    "ch02_criterion_margin": {"en": "Margin", "zh": "利润率"},
    "ch02_criterion_competition": {"en": "Weak rivals", "zh": "竞争弱"},
    "ch02_criterion_fit": {"en": "Fit", "zh": "匹配度"},
    "ch02_weight_of": {"en": "w {name}", "zh": "权重·{name}"},
    "ch02_candidate": {"en": "Candidate segment", "zh": "候选细分市场"},
    "ch02_seg_gift_shops": {"en": "UK gift shops", "zh": "英国礼品店"},
    "ch02_seg_wholesalers": {"en": "Large wholesalers", "zh": "大型批发商"},
    "ch02_seg_eu_retailers": {"en": "EU retailers", "zh": "欧盟零售商"},
    "ch02_seg_one_time": {"en": "One-time buyers", "zh": "一次性购买客户"},
    "ch02_seg_lapsed": {"en": "Lapsed regulars", "zh": "流失的老客户"},
    "ch02_score": {"en": "Score", "zh": "得分"},
    "ch02_rank": {"en": "Rank", "zh": "排名"},
    "ch02_attr_title": {"en": "Segment attractiveness (weighted mean rating, 1 to 10)",
                        "zh": "细分市场吸引力（加权平均评分，1～10）"},
    "ch02_tie_note": {"en": "Tie: {names} share rank {rank}.",
                      "zh": "并列：{names}同为第 {rank} 名。"},
    "ch02_weights_zero": {"en": "All weights are 0: give at least one criterion a weight.",
                          "zh": "所有权重都是 0：请至少给一个指标设定权重。"},
    "ch02_attr_try_this": {
        "en": "With equal weights, which segment ranks first, and which two tie? Raise the "
              "weight of Margin to 4: does the leader change, and does the tie break? Which "
              "weights put One-time buyers first?",
        "zh": "权重都相同时，哪个细分市场排第一？哪两个并列？把“利润率”的权重调到 4："
              "第一名变了吗？并列还在吗？什么样的权重能让“一次性购买客户”排第一？"},
    # ------------------------------------------------------------ perceptual map widget
    "ch02_attr_prestige": {"en": "Prestige", "zh": "尊贵"},
    "ch02_attr_handling": {"en": "Handling", "zh": "操控"},
    "ch02_attr_economy": {"en": "Economy", "zh": "经济"},
    "ch02_attr_safety": {"en": "Safety", "zh": "安全"},
    "ch02_brand_Mercedes-Benz": {"en": "Mercedes-Benz", "zh": "奔驰"},
    "ch02_brand_BMW": {"en": "BMW", "zh": "宝马"},
    "ch02_brand_Toyota": {"en": "Toyota", "zh": "丰田"},
    "ch02_brand_Volvo": {"en": "Volvo", "zh": "沃尔沃"},
    "ch02_brand_BYD": {"en": "BYD", "zh": "比亚迪"},
    "ch02_brand_Tesla": {"en": "Tesla", "zh": "特斯拉"},
    "ch02_brand_new": {"en": "New brand", "zh": "新品牌"},
    "ch02_brand": {"en": "Brand", "zh": "品牌"},
    "ch02_new_x": {"en": "New brand x", "zh": "新品牌·横轴"},
    "ch02_new_y": {"en": "New brand y", "zh": "新品牌·纵轴"},
    "ch02_nearest": {"en": "Nearest competitor", "zh": "最近的竞争者"},
    "ch02_distance": {"en": "Distance", "zh": "距离"},
    "ch02_gap": {"en": "Gap", "zh": "空白点"},
    "ch02_map_title": {"en": "Perceptual map (illustrative ratings, 1 to 10)",
                       "zh": "感知图（示意评分，1～10）"},
    "ch02_new_nearest": {"en": "The new brand's nearest competitor: {names} (distance {d:.2f})",
                         "zh": "新品牌最近的竞争者：{names}（距离 {d:.2f}）"},
    "ch02_same_axes": {"en": "Choose two different attributes for the axes.",
                       "zh": "请为两条坐标轴选择不同的属性。"},
    "ch02_map_try_this": {
        "en": "With Prestige across and Safety up, move the new brand from (5, 5) to (8, 9): "
              "which competitor is nearest at each step? Where is a gap no brand holds, and "
              "would buyers want a car there?",
        "zh": "横轴选“尊贵”、纵轴选“安全”，把新品牌从 (5, 5) 移到 (8, 9)：每一步最近的竞争者"
              "是谁？哪里有一个没有品牌占据的空白点？消费者会想要那个位置上的车吗？"},
    # ------------------------------------------------------------ lecture tables
    "ch02_col_customer": {"en": "Customer", "zh": "客户"},
    "ch02_col_segment": {"en": "Segment", "zh": "细分市场"},
    "ch02_col_k": {"en": "k", "zh": "k"},
    "ch02_col_silhouette": {"en": "Silhouette", "zh": "轮廓系数"},
    "ch02_col_stability": {"en": "Stability", "zh": "稳定性"},
    "ch02_col_seconds": {"en": "Seconds", "zh": "秒"},
}
