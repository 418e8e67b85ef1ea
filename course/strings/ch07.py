"""Chapter 7 labels: CLV calculator, retention economics, who is still alive, loyalty types.

Examples
--------
>>> STRINGS["ch07_loyalty_latent_loyalty"]["zh"]
'潜在忠诚'
"""

STRINGS = {
    # self-check messages
    "ch07_check_no_key": {"en": "the dict has no key {name!r}",
                          "zh": "返回的字典中没有键 {name!r}"},
    "ch07_check_key": {"en": "{name}: expected {expected}, got {got}",
                       "zh": "{name}：应为 {expected}，实际为 {got}"},
    # loyalty types (Dick and Basu)
    "ch07_loyalty_true_loyalty": {"en": "true loyalty", "zh": "真正忠诚"},
    "ch07_loyalty_latent_loyalty": {"en": "latent loyalty", "zh": "潜在忠诚"},
    "ch07_loyalty_spurious_loyalty": {"en": "spurious loyalty", "zh": "虚假忠诚"},
    "ch07_loyalty_no_loyalty": {"en": "no loyalty", "zh": "不忠诚"},
    "ch07_attitude": {"en": "Relative attitude (1-7)", "zh": "相对态度（1～7 分）"},
    "ch07_repeat": {"en": "Repeat patronage (share of category purchases)",
                    "zh": "重复购买（占该品类购买的比例）"},
    "ch07_loyalty_type": {"en": "Loyalty type", "zh": "忠诚类型"},
    # CLV calculator
    "ch07_margin": {"en": "Margin / period", "zh": "每期毛利"},
    "ch07_retention": {"en": "Retention", "zh": "留存率"},
    "ch07_discount": {"en": "Discount rate", "zh": "折现率"},
    "ch07_horizon": {"en": "Horizon (periods)", "zh": "期数"},
    "ch07_period": {"en": "Period", "zh": "期"},
    "ch07_year": {"en": "Year", "zh": "年份"},
    "ch07_survival": {"en": "Still a customer (r^t)", "zh": "仍是客户的概率（r^t）"},
    "ch07_expected_margin": {"en": "Expected margin", "zh": "期望毛利"},
    "ch07_discount_factor": {"en": "Discount factor", "zh": "折现系数"},
    "ch07_present_value": {"en": "Present value", "zh": "现值"},
    "ch07_cumulative": {"en": "Cumulative (finite CLV)", "zh": "累计（有限期 CLV）"},
    "ch07_clv_finite": {"en": "CLV over {n} periods", "zh": "{n} 期 CLV"},
    "ch07_clv_infinite": {"en": "CLV, infinite horizon", "zh": "无限期 CLV"},
    "ch07_share_reached": {"en": "Share of the infinite value reached",
                           "zh": "达到无限期价值的比例"},
    "ch07_periods_95": {"en": "Periods to reach 95 %", "zh": "达到 95% 所需期数"},
    "ch07_unbounded": {"en": "no limit", "zh": "无上限"},
    "ch07_none": {"en": "-", "zh": "-"},
    "ch07_value_in": {"en": "Value ({currency})", "zh": "价值（{currency}）"},
    "ch07_clv_plot_title": {"en": "Finite CLV approaching the closed form",
                            "zh": "有限期 CLV 逼近封闭公式"},
    "ch07_pv_bars": {"en": "Present value of period t", "zh": "第 t 期的现值"},
    "ch07_clv_try_this": {
        "en": "Set retention to 0.9 and the discount rate to 0.1. How many periods does the "
              "finite CLV need to reach 95 % of the closed form? Now raise retention to 0.95: "
              "does the infinite value grow by 5 % or by much more, and why?",
        "zh": "把留存率设为 0.9、折现率设为 0.1。有限期 CLV 需要多少期才能达到封闭公式的 95%？"
              "再把留存率提高到 0.95：无限期价值是增加 5%，还是多得多？为什么？"},
    "currency_yuan": {"en": "yuan", "zh": "元"},
    "currency_usd": {"en": "$", "zh": "美元"},
    # retention economics
    "ch07_cohort_size": {"en": "Cohort size", "zh": "队列客户数"},
    "ch07_acquisition_cost": {"en": "Acquisition cost", "zh": "获客成本"},
    "ch07_extra_points": {"en": "Extra retention (points)", "zh": "留存率提高（百分点）"},
    "ch07_years": {"en": "Years", "zh": "年数"},
    "ch07_base": {"en": "retention {r:.0%}", "zh": "留存率 {r:.0%}"},
    "ch07_improved": {"en": "retention {r:.0%}", "zh": "留存率 {r:.0%}"},
    "ch07_cohort_npv": {"en": "Cohort's cumulative discounted profit ({currency})",
                        "zh": "队列累计折现利润（{currency}）"},
    "ch07_cohort_title": {"en": "What more retention does to a cohort",
                          "zh": "留存率提高对一个队列的影响"},
    "ch07_before": {"en": "Before", "zh": "改变前"},
    "ch07_after": {"en": "After", "zh": "改变后"},
    "ch07_change": {"en": "Change", "zh": "变化"},
    "ch07_clv_per_customer": {"en": "CLV per customer", "zh": "每位客户的 CLV"},
    "ch07_cohort_profit": {"en": "Cohort profit (NPV)", "zh": "队列利润（净现值）"},
    "ch07_break_even": {"en": "Break-even year", "zh": "盈亏平衡年份"},
    "ch07_never": {"en": "never", "zh": "不能回本"},
    "ch07_retention_try_this": {
        "en": "Keep the margin at 100, the acquisition cost at 250 and retention at 75 %. "
              "Add 5 points of retention: by what percentage does the cohort's profit grow? "
              "Now raise the acquisition cost to 350: why does the same 5 points now matter "
              "far more in per cent?",
        "zh": "保持毛利 100、获客成本 250、留存率 75%。把留存率提高 5 个百分点：队列利润增加了"
              "百分之几？再把获客成本提高到 350：为什么同样的 5 个百分点，按百分比算影响大得多？"},
    # who is still alive
    "ch07_customer": {"en": "CDNOW customer", "zh": "CDNOW 客户"},
    "ch07_custom": {"en": "(set by hand)", "zh": "（手动设置）"},
    "ch07_frequency": {"en": "Frequency (repeat purchases)", "zh": "重复购买次数"},
    "ch07_recency": {"en": "Recency (weeks, first to last)", "zh": "最近购买时点（周，首购起）"},
    "ch07_age": {"en": "Age T (weeks)", "zh": "客户年龄 T（周）"},
    "ch07_p_alive": {"en": "P(alive)", "zh": "仍活跃的概率"},
    "ch07_expected_next": {"en": "Expected purchases, next {weeks} weeks",
                           "zh": "未来 {weeks} 周的期望购买次数"},
    "ch07_actual_next": {"en": "Actual purchases, next {weeks} weeks (holdout)",
                         "zh": "未来 {weeks} 周的实际购买次数（验证期）"},
    "ch07_alive_title": {"en": "Who is still alive? (BG/NBD)", "zh": "谁还是活跃客户？（BG/NBD）"},
    "ch07_recency_axis": {"en": "Time of the last purchase (weeks after the first)",
                          "zh": "最后一次购买的时点（首购后第几周）"},
    "ch07_alive_note": {"en": "recency cannot exceed T: set to {t:.1f}",
                        "zh": "recency 不能大于 T：已设为 {t:.1f}"},
    "ch07_alive_try_this": {
        "en": "Give a customer 10 repeat purchases and an age of 39 weeks, then move the last "
              "purchase from week 39 back to week 20. How fast does P(alive) fall? Do the same "
              "with 1 repeat purchase: why does a frequent buyer's silence say more?",
        "zh": "给一位客户 10 次重复购买、客户年龄 39 周，然后把最后一次购买从第 39 周往前移到"
              "第 20 周。仍活跃的概率下降得有多快？换成只有 1 次重复购买再试一次："
              "为什么常客的“沉默”更能说明问题？"},
    # BG/NBD tables and plots in the lecture
    "ch07_week": {"en": "Week", "zh": "周"},
    "ch07_actual": {"en": "Actual", "zh": "实际"},
    "ch07_model": {"en": "BG/NBD model", "zh": "BG/NBD 模型"},
    "ch07_cum_repeat": {"en": "Cumulative repeat transactions", "zh": "累计重复购买次数"},
    "ch07_weekly_repeat": {"en": "Repeat transactions per week", "zh": "每周重复购买次数"},
    "ch07_calibration_end": {"en": "end of calibration", "zh": "校准期结束"},
    "ch07_holdout_title": {"en": "CDNOW: repeat transactions, actual and expected",
                           "zh": "CDNOW：重复购买次数，实际值与模型预测"},
    "ch07_by_freq_title": {"en": "Holdout purchases by calibration frequency",
                           "zh": "按校准期购买次数分组的验证期购买"},
    "ch07_cal_frequency": {"en": "Repeat purchases in calibration (7 = 7+)",
                           "zh": "校准期重复购买次数（7 表示 7 次及以上）"},
    "ch07_mean_holdout": {"en": "Mean purchases in the 39-week holdout",
                          "zh": "39 周验证期内的平均购买次数"},
    "ch07_customers": {"en": "Customers", "zh": "客户数"},
    "ch07_parameter": {"en": "Parameter", "zh": "参数"},
    "ch07_estimate": {"en": "Our estimate", "zh": "本课估计值"},
    "ch07_published": {"en": "Published", "zh": "文献值"},
    "ch07_expected_spend": {"en": "Expected spend per transaction", "zh": "每次交易的期望消费"},
    "ch07_mean_spend": {"en": "Mean repeat spend", "zh": "重复购买平均消费"},
    "ch07_expected_value": {"en": "Expected value, next 39 weeks",
                            "zh": "未来 39 周的期望价值"},
    "ch07_frequency_short": {"en": "Frequency", "zh": "重复购买次数"},
    "ch07_recency_short": {"en": "Recency (weeks)", "zh": "最近购买时点（周）"},
    "ch07_T_short": {"en": "T (weeks)", "zh": "T（周）"},
    "ch07_case": {"en": "Case", "zh": "情形"},
}
