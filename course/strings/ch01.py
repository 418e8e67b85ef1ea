"""Chapter 1 (customer concepts) labels: widgets, lecture tables and plots.

Examples
--------
>>> STRINGS["ch01_share_of_wallet"]["zh"]
'钱包份额'
"""

STRINGS = {
    # --- the rice-shop planner (course.widgets.concepts) ---------------------------------
    "ch01_people": {"en": "People in household 1", "zh": "第 1 户的人数"},
    "ch01_grams": {"en": "Rice per person (g/day)", "zh": "每人每天吃米（克）"},
    "ch01_bag": {"en": "Bag size (kg)", "zh": "每袋米（公斤）"},
    "ch01_safety": {"en": "Safety margin (days)", "zh": "提前送米（天）"},
    "ch01_stock_label": {"en": "Rice in the jar", "zh": "米缸里的米"},
    "ch01_margin_label": {"en": "Safety stock", "zh": "安全存量"},
    "ch01_delivery_label": {"en": "Delivery", "zh": "送米"},
    "ch01_kg_in_jar": {"en": "Rice in the jar (kg)", "zh": "米缸存米（公斤）"},
    "ch01_jar_title": {"en": "Household 1: its rice jar, morning by morning",
                       "zh": "第 1 户：每天早上米缸里还有多少米"},
    "ch01_day_axis": {"en": "Day of the plan", "zh": "计划的第几天"},
    "ch01_household": {"en": "Household", "zh": "住户"},
    "ch01_calendar_title": {"en": "Delivery calendar for the street",
                            "zh": "整条街的送米日程"},
    "ch01_daily_kg": {"en": "Rice eaten a day", "zh": "每天吃米"},
    "ch01_bag_lasts": {"en": "One bag lasts", "zh": "一袋米够吃"},
    "ch01_n_days": {"en": "{n} days", "zh": "{n} 天"},
    "ch01_run_out": {"en": "Jar runs out on", "zh": "米缸见底日期"},
    "ch01_deliver_on": {"en": "Deliver on", "zh": "送米日期"},
    "ch01_never": {"en": "never", "zh": "无需送米"},
    "ch01_featured_deliveries": {"en": "Deliveries to household 1 in {days} days",
                                 "zh": "{days} 天内给第 1 户送米次数"},
    "ch01_street_deliveries": {"en": "Deliveries to the whole street in {days} days",
                               "zh": "{days} 天内给整条街送米次数"},
    "ch01_busiest_day": {"en": "Most deliveries on one day", "zh": "一天内最多送米次数"},
    "ch01_planner_title": {"en": "Plan for household {household} and its street",
                           "zh": "{household} 户及整条街的送米计划"},
    "ch01_planner_note": {"en": "The plan starts on {start}; the other households keep their "
                                "own size and consumption.",
                          "zh": "计划从{start}开始；其他住户的人数和食量保持不变。"},
    "ch01_planner_try_this": {
        "en": "Household 1 eats from a 25 kg bag. Move the bag size down to 5 kg: how many "
              "deliveries does the whole street need in 60 days now, and how many on the "
              "busiest day? Then set the safety margin to 0 and to 7 days: why does a bigger "
              "margin not change how often a household is served, only when?",
        "zh": "第 1 户现在吃的是 25 公斤一袋的米。把每袋米调到 5 公斤：60 天内整条街一共要送"
              "多少次米？最忙的一天要送几次？再把“提前送米”调到 0 天和 7 天：为什么提前的天数"
              "变大，并不改变一户人家多久送一次，只改变哪一天送？",
    },
    # --- remembering versus not remembering ----------------------------------------------
    "ch01_keep_remember": {"en": "Retention, shop that remembers",
                           "zh": "记得顾客的米店：保持率"},
    "ch01_keep_forget": {"en": "Retention, each rival", "zh": "每家对手米店：保持率"},
    "ch01_n_rivals": {"en": "Rival shops", "zh": "对手米店数"},
    "ch01_shop_remembers": {"en": "The shop that remembers", "zh": "记得顾客的米店"},
    "ch01_shop_remembers_short": {"en": "Remembers", "zh": "记得顾客"},
    "ch01_shop_rival": {"en": "Rival shop {k}", "zh": "对手米店 {k}"},
    "ch01_rivals": {"en": "Rival shops", "zh": "对手米店"},
    "ch01_rival_average": {"en": "Rival (average)", "zh": "对手（平均）"},
    "ch01_steady_label": {"en": "Long-run share", "zh": "长期份额"},
    "ch01_period_axis": {"en": "Purchase (twice a month)", "zh": "第几次买米（每月两次）"},
    "ch01_market_share": {"en": "Market share", "zh": "市场占有率"},
    "ch01_share_of_wallet": {"en": "Share of wallet", "zh": "钱包份额"},
    "ch01_share_title": {"en": "Market share, purchase by purchase",
                         "zh": "每次买米时的市场占有率"},
    "ch01_wallet_title": {"en": "The year: market share and share of wallet",
                          "zh": "全年：市场占有率与钱包份额"},
    "ch01_customers_year": {"en": "Households that bought there this year",
                            "zh": "全年在这家店买过米的住户"},
    "ch01_repeat_purchases": {"en": "Repeat purchases at the shop that remembers",
                              "zh": "记得顾客的米店：回头购买次数"},
    "ch01_steady_share": {"en": "Long-run share (formula)", "zh": "长期份额（公式）"},
    "ch01_point_sales": {"en": "One more point of retention: extra sales a year",
                         "zh": "保持率再高 1 个百分点：每年多卖"},
    "ch01_point_margin": {"en": "... extra gross margin (at {rate})",
                          "zh": "……多赚毛利（毛利率 {rate}）"},
    "ch01_yuan": {"en": "¥{x}", "zh": "{x} 元"},
    "ch01_shops_title": {"en": "A year in the neighbourhood", "zh": "这个街区的一年"},
    "ch01_shops_note": {"en": "{n} households buy rice twice a month; the draws are fixed, so "
                              "every change you see comes from the controls.",
                        "zh": "{n} 户人家每月买两次米；随机数固定不变，所以你看到的每个变化"
                              "都来自你调整的控件。"},
    "ch01_shops_try_this": {
        "en": "Start with the shop that remembers at 95% and the rivals at 70%. Lower the "
              "shop's retention to 70%, the same as the rivals: what happens to its market "
              "share and to its share of wallet? Then raise it from 90% to 91%: what is that one "
              "point worth in a year, and is it worth more or less than a point from 60% to 61%?",
        "zh": "先把记得顾客的米店的保持率设为 95%，对手设为 70%。把这家店的保持率降到 70%，"
              "和对手一样：它的市场占有率和钱包份额会怎样变化？再把保持率从 90% 调到 91%："
              "这 1 个百分点一年值多少钱？和从 60% 调到 61% 相比，是更值钱还是更不值钱？",
    },
    # --- lecture tables and plots --------------------------------------------------------
    "ch01_col_household_id": {"en": "Household", "zh": "住户"},
    "ch01_col_people": {"en": "People", "zh": "人数"},
    "ch01_col_grams_per_person_day": {"en": "Grams per person a day", "zh": "每人每天（克）"},
    "ch01_col_stock_kg": {"en": "Rice left (kg)", "zh": "存米（公斤）"},
    "ch01_col_daily_kg": {"en": "Eaten a day (kg)", "zh": "每天吃米（公斤）"},
    "ch01_col_days_left": {"en": "Days left", "zh": "还能吃几天"},
    "ch01_col_run_out": {"en": "Runs out on", "zh": "见底日期"},
    "ch01_col_deliver_on": {"en": "Deliver on", "zh": "送米日期"},
    "ch01_col_customer_id": {"en": "Customer", "zh": "顾客"},
    "ch01_col_shop": {"en": "Shop", "zh": "米店"},
    "ch01_col_amount": {"en": "Amount (yuan)", "zh": "金额（元）"},
    "ch01_col_category_spend": {"en": "Rice spend, all sources (yuan)",
                                "zh": "买米总花费（元，所有渠道）"},
    "ch01_col_at_shop": {"en": "Spent at the shop (yuan)", "zh": "在这家店的花费（元）"},
    "ch01_col_share_of_wallet": {"en": "Share of wallet", "zh": "钱包份额"},
    "ch01_col_market_share": {"en": "Market share", "zh": "市场占有率"},
    "ch01_col_sales": {"en": "Sales (yuan)", "zh": "销售额（元）"},
    "ch01_col_margin": {"en": "Margin per purchase (yuan)", "zh": "每次购买的毛利（元）"},
    "ch01_col_purchases_per_year": {"en": "Purchases a year", "zh": "每年购买次数"},
    "ch01_col_retention": {"en": "Retention", "zh": "保持率"},
    "ch01_col_one_sale": {"en": "One sale (yuan)", "zh": "一次交易（元）"},
    "ch01_col_value": {"en": "Value over the years (yuan)", "zh": "多年价值（元）"},
    "ch01_col_multiple": {"en": "Times one sale", "zh": "相当于一次交易的倍数"},
    "ch01_col_customers": {"en": "Customers this year", "zh": "全年顾客数"},
    "ch01_col_repeat_purchases": {"en": "Repeat purchases", "zh": "回头购买次数"},
    "ch01_col_item": {"en": "Item", "zh": "项目"},
    "ch01_col_usd_m": {"en": "US$ million", "zh": "百万美元"},
    "ch01_shop_Wang": {"en": "Wang's shop", "zh": "王家米店"},
    "ch01_shop_Chen": {"en": "Chen's shop", "zh": "陈家米店"},
    "ch01_shop_Market": {"en": "Market stall", "zh": "菜市场米摊"},
    "ch01_shop_my shop": {"en": "My shop", "zh": "我的米店"},
    "ch01_shop_corner shop": {"en": "Corner shop", "zh": "街角米店"},
    "ch01_shop_market stall": {"en": "Market stall", "zh": "菜市场米摊"},
    "ch01_years_axis": {"en": "Years counted", "zh": "计算的年数"},
    "ch01_value_axis": {"en": "Value of one customer (yuan, undiscounted)",
                        "zh": "一位顾客的价值（元，不折现）"},
    "ch01_value_title": {"en": "One sale or a relationship?", "zh": "一次交易，还是一段关系？"},
    "ch01_retention_legend": {"en": "retention {r:.0%}", "zh": "保持率 {r:.0%}"},
    "ch01_one_sale_legend": {"en": "one sale", "zh": "一次交易"},
    "ch01_costco_membership": {"en": "Membership fees", "zh": "会员费收入"},
    "ch01_costco_sales": {"en": "Net sales", "zh": "商品销售收入"},
    "ch01_costco_operating": {"en": "Operating income", "zh": "营业利润"},
    "ch01_costco_net": {"en": "Net income", "zh": "净利润"},
    "ch01_costco_title": {"en": "Costco, fiscal 2024: fees against profit",
                          "zh": "开市客 2024 财年：会员费与利润"},
    "ch01_sow_axis": {"en": "Share of wallet at the shop", "zh": "这家店的钱包份额"},
    "ch01_households_axis": {"en": "Households", "zh": "住户数"},
    "ch01_sow_title": {"en": "How much of each household's rice comes from the shop",
                       "zh": "每户人家的米有多少是在这家店买的"},
}
