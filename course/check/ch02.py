"""Self-checks for chapter 2, STP (segmentation, targeting, positioning).

Each question checks the student's function on two or three small public
cases whose expected results are written out by hand below (they do not come
from :mod:`course.sims.stp`). The specifications are those of
:mod:`course.sims.stp`.

========  ===========  ====================================================
question  id           answer
========  ===========  ====================================================
``q1``    ``ch02_q1``  ``standardize(features)``
``q2``    ``ch02_q2``  ``nearest_centroid(features, centroids)``
``q3``    ``ch02_q3``  ``segment_profile(features, labels)``
``q4``    ``ch02_q4``  ``attractiveness(ratings, weights)``
``q5``    ``ch02_q5``  ``nearest_competitor(positions)``
``q6``    ``ch02_q6``  ``quiz_answers``: 8 items (format only)
``q7``    ``ch02_q7``  ``my_numbers``: numbers about your own data (form only)
========  ===========  ====================================================

Examples
--------
>>> import course
>>> from course.check import ch02
>>> course.set_language("en")
>>> def standardize(features):
...     return (features - features.mean()) / features.std()
>>> ch02.q1.check()  # doctest: +ELLIPSIS
Not yet: public case 1 (...): ...
Run `ch02.q1.hint()` for a hint.
False
"""

from __future__ import annotations

import pandas as pd

from course.check._core import CUSTOMER, Case, FunctionQuestion, NumbersQuestion, course_quiz

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7"]

_SEGMENT = {"en": "segment", "zh": "细分市场"}
_BRAND = {"en": "brand", "zh": "品牌"}

# ------------------------------------------------------------------ q1: standardize

q1 = FunctionQuestion(
    "ch02_q1", "standardize",
    cases=[
        Case({"en": "four customers; population standard deviation",
              "zh": "四位客户；总体标准差"},
             (pd.DataFrame({"visits": [2.0, 4.0, 4.0, 6.0], "spend": [10, 10, 30, 30]},
                           index=["a", "b", "c", "d"]),),
             expected=pd.DataFrame({"visits": [-1.414214, 0.0, 0.0, 1.414214],
                                    "spend": [-1.0, -1.0, 1.0, 1.0]},
                                   index=["a", "b", "c", "d"]),
             hint={"en": "visits has mean 4 and population standard deviation "
                         "sqrt((4 + 0 + 0 + 4) / 4) = 1.414: divide by n, not n - 1. pandas' "
                         ".std() divides by n - 1 unless you pass ddof=0.",
                   "zh": "visits 的均值是 4，总体标准差是 sqrt((4 + 0 + 0 + 4) / 4) = 1.414："
                         "除以 n，而不是 n - 1。pandas 的 .std() 默认除以 n - 1，"
                         "要传入 ddof=0。"}),
        Case({"en": "a constant column", "zh": "取值全部相同的一列"},
             (pd.DataFrame({"spend": [5.0, 15.0], "region": [3, 3]}, index=["x", "y"]),),
             expected=pd.DataFrame({"spend": [-1.0, 1.0], "region": [0.0, 0.0]},
                                   index=["x", "y"]),
             hint={"en": "region is 3 for everyone: its standard deviation is 0 and 0 / 0 "
                         "is NaN. Such a column says nothing about how customers differ: make "
                         "its z-scores 0.0.",
                   "zh": "region 对所有人都是 3：标准差为 0，0 / 0 得到 NaN。这样的一列不能区分"
                         "客户，应把它的 z 分数设为 0.0。"}),
    ],
    hints=[
        {"en": "A z-score says how many standard deviations a value lies above (+) or below "
               "(-) its column's mean: (x - mean) / std, column by column.",
         "zh": "z 分数表示一个值比该列均值高（+）或低（-）几个标准差：逐列计算 "
               "(x - 均值) / 标准差。"},
        {"en": "Use the population standard deviation, features.std(ddof=0), as scikit-learn's "
               "StandardScaler does; pandas' default ddof=1 gives slightly smaller z-scores.",
         "zh": "用总体标准差 features.std(ddof=0)，与 scikit-learn 的 StandardScaler 相同；"
               "pandas 默认的 ddof=1 会让 z 分数略小。"},
        {"en": "Where the standard deviation is 0 the division gives NaN: replace those "
               "columns by 0.0 (for example std.replace(0, 1) before dividing).",
         "zh": "标准差为 0 的列相除会得到 NaN：把这些列设为 0.0（例如相除前先用 "
               "std.replace(0, 1)）。"},
    ],
    row_noun=CUSTOMER,
)

# ------------------------------------------------------------------ q2: nearest_centroid

_CENTS = pd.DataFrame({"x": [0.0, 4.0, 0.0], "y": [0.0, 0.0, 4.0]},
                      index=["value", "premium", "online"])

q2 = FunctionQuestion(
    "ch02_q2", "nearest_centroid",
    cases=[
        Case({"en": "three centroids, clear cases", "zh": "三个中心，没有并列"},
             (pd.DataFrame({"x": [0.5, 3.0, -1.0], "y": [0.2, 1.0, 3.0]},
                           index=["c1", "c2", "c3"]), _CENTS),
             expected=pd.Series({"c1": "value", "c2": "premium", "c3": "online"}),
             hint={"en": "c2 at (3, 1) is sqrt(1 + 1) = 1.41 from premium (4, 0) and "
                         "sqrt(9 + 1) = 3.16 from value (0, 0): compute the distance to every "
                         "centroid and take the smallest.",
                   "zh": "c2 位于 (3, 1)，到 premium (4, 0) 的距离是 sqrt(1 + 1) = 1.41，"
                         "到 value (0, 0) 是 sqrt(9 + 1) = 3.16：算出到每个中心的距离，取最小"
                         "的。"}),
        Case({"en": "a tie: the centroid listed first wins; an extra column",
              "zh": "并列时取排在前面的中心；多出一列"},
             (pd.DataFrame({"x": [2.0, 2.0], "y": [2.0, 0.0], "note": [7.0, 1.0]},
                           index=["t1", "t2"]), _CENTS),
             expected=pd.Series({"t1": "value", "t2": "value"}),
             hint={"en": "t1 at (2, 2) is equally far (2.83) from all three centroids and "
                         "XX idxmin and argmin return the "
                         "first minimum. Ignore columns the centroids do not have (note).",
                   "zh": "t1 位于 (2, 2)，到三个中心的距离都是 2.83；t2 位于 (2, 0)，到 value 和 "
                         "premium 一样远：取 centroids 中排在前面的那个，所以两者都是 value（而不"
                         "是按字母顺序排在前面的 online 或 premium）。"
                         "idxmin 和 argmin 返回的正是第一个最小值。centroids 没有的列（note）"
                         "要忽略。"}),
    ],
    hints=[
        {"en": "For one centroid, the distance of every customer is "
               "((features[cols] - centroid) ** 2).sum(axis=1) ** 0.5, with cols the "
               "centroids' columns.",
         "zh": "对某一个中心，每位客户的距离是 ((features[cols] - 中心) ** 2).sum(axis=1) ** 0.5，"
               "其中 cols 是 centroids 的列。"},
        {"en": "Put the distances to every centroid side by side in a DataFrame (one column "
               "per centroid label, in the centroids' order) and take .idxmin(axis=1).",
         "zh": "把到每个中心的距离并排放进一个 DataFrame（每个中心一列，按 centroids 的顺序），"
               "再取 .idxmin(axis=1)。"},
        {"en": "The result is a Series with the index of features: one label per customer.",
         "zh": "结果是一个以 features 的索引为索引的 Series：每位客户一个标签。"},
    ],
    row_noun=CUSTOMER,
    value_noun=_SEGMENT,
)

# ------------------------------------------------------------------ q3: segment_profile

q3 = FunctionQuestion(
    "ch02_q3", "segment_profile",
    cases=[
        Case({"en": "two segments", "zh": "两个细分市场"},
             (pd.DataFrame({"visits": [2.0, 8.0, 10.0], "spend": [50.0, 20.0, 30.0]},
                           index=["a", "b", "c"]),
              pd.Series({"a": "treat", "b": "regular", "c": "regular"})),
             expected=pd.DataFrame({"customers": [2, 1], "share": [2 / 3, 1 / 3],
                                    "visits": [9.0, 2.0], "spend": [25.0, 50.0]},
                                   index=["regular", "treat"]),
             hint={"en": "regular has b and c: 2 customers of 3, mean visits (8 + 10) / 2 = 9. "
                         "features.groupby(labels) gives the means; .size() the counts.",
                   "zh": "regular 包含 b 和 c：3 位客户中的 2 位，visits 均值为 (8 + 10) / 2 = 9。"
                         "features.groupby(labels) 求均值；.size() 求人数。"}),
        Case({"en": "labels listed in another order", "zh": "标签的行顺序不同"},
             (pd.DataFrame({"spend": [10.0, 20.0, 60.0]}, index=["x", "y", "z"]),
              pd.Series({"z": "B", "y": "A", "x": "A"})),
             expected=pd.DataFrame({"customers": [2, 1], "share": [2 / 3, 1 / 3],
                                    "spend": [15.0, 60.0]}, index=["A", "B"]),
             hint={"en": "The labels Series lists z first: match labels to customers by "
                         "customer id (the index), not by position. groupby with a Series "
                         "aligns on the index for you; .to_numpy() or .values would not.",
                   "zh": "labels 把 z 排在最前：要按客户编号（索引）把标签对应到客户，而不是按位"
                         "置。"
                         "用 Series 做 groupby 会自动按索引对齐；用 .to_numpy() 或 .values 则"
                         "不会。"}),
    ],
    hints=[
        {"en": "One row per segment: customers (how many), share (customers / all customers) "
               "and the mean of every feature column.",
         "zh": "每个细分市场一行：customers（人数）、share（人数 / 客户总数），以及每个变量的均"
               "值。"},
        {"en": "grouped = features.groupby(labels); grouped.size() and grouped.mean() give the "
               "counts and the means; put customers and share in front of the means "
               "(pd.concat or insert).",
         "zh": "grouped = features.groupby(labels)；grouped.size() 和 grouped.mean() 给出人数"
               "和均值；把 customers 和 share 放在均值前面（pd.concat 或 insert）。"},
        {"en": "customers must be whole numbers (int); the rows are sorted by segment label "
               "(groupby sorts them).",
         "zh": "customers 必须是整数（int）；各行按细分市场标签排序（groupby 会自动排序）。"},
    ],
    row_noun=_SEGMENT,
)

# ------------------------------------------------------------------ q4: attractiveness

q4 = FunctionQuestion(
    "ch02_q4", "attractiveness",
    cases=[
        Case({"en": "a tie shares a rank; weights need not sum to 1",
              "zh": "并列同名次；权重之和不必为 1"},
             (pd.DataFrame({"size": [8, 4, 6], "margin": [2, 8, 4], "fit": [9, 9, 9]},
                           index=["a", "b", "c"]), {"size": 2, "margin": 2}),
             expected=pd.DataFrame({"score": [6.0, 5.0, 5.0], "rank": [1, 2, 2]},
                                   index=["b", "a", "c"]),
             hint={"en": "a scores (2 x 8 + 2 x 2) / 4 = 5 and c (2 x 6 + 2 x 4) / 4 = 5: a "
                         "tie, so both get rank 2 (rank(method='min', ascending=False)) and "
                         "no segment is third. fit has no weight: ignore it.",
                   "zh": "a 的得分是 (2 × 8 + 2 × 2) / 4 = 5，c 是 (2 × 6 + 2 × 4) / 4 = 5："
                         "并列，所以都是第 2 名（rank(method='min', ascending=False)），"
                         "没有第 3 名。fit 没有权重，忽略它。"}),
        Case({"en": "a zero weight; a tie hidden by floating point",
              "zh": "权重为 0；被浮点误差掩盖的并列"},
             (pd.DataFrame({"size": [3, 1, 5], "growth": [3, 5, 1], "margin": [3, 3, 3],
                            "fit": [9, 1, 5]}, index=["p", "q", "r"]),
              {"size": 0.1, "growth": 0.1, "margin": 0.1, "fit": 0.0}),
             expected=pd.DataFrame({"score": [3.0, 3.0, 3.0], "rank": [1, 1, 1]},
                                   index=["p", "q", "r"]),
             hint={"en": "All three score exactly 3, but 0.1 x 3 + 0.1 x 3 + 0.1 x 3 and "
                         "0.1 x 1 + 0.1 x 5 + 0.1 x 3 differ in the 16th digit as floats. "
                         "Round the scores to 9 decimals before ranking: .round(9).rank(...).",
                   "zh": "三者的得分都恰好是 3，但作为浮点数，0.1 × 3 + 0.1 × 3 + 0.1 × 3 与 "
                         "0.1 × 1 + 0.1 × 5 + 0.1 × 3 在第 16 位上不同。排名前先把得分保留 "
                         "9 位小数：.round(9).rank(...)。"}),
    ],
    hints=[
        {"en": "score = (ratings[criteria] * weights).sum(axis=1) / sum of the weights, over the "
               "criteria named in weights (pd.Series(weights) lines up with the columns).",
         "zh": "score = (ratings[各指标] * 权重).sum(axis=1) / 权重之和，只用 weights 中列出的"
               "指标（pd.Series(weights) 会与列名对齐）。"},
        {"en": "rank 1 is the highest score: score.round(9).rank(method='min', "
               "ascending=False).astype(int). Equal scores share the smaller rank and the next "
               "rank is skipped (1, 2, 2, 4).",
         "zh": "得分最高为第 1 名：score.round(9).rank(method='min', ascending=False)"
               ".astype(int)。得分相同则取较小的名次，并跳过下一个名次（1, 2, 2, 4）。"},
        {"en": "Return a DataFrame with the columns score and rank, indexed by segment; the "
               "row order does not matter for the check.",
         "zh": "返回包含 score 和 rank 两列、以细分市场为索引的 DataFrame；检查时不看行的顺序。"},
    ],
    row_noun=_SEGMENT,
)

# ------------------------------------------------------------------ q5: nearest_competitor

q5 = FunctionQuestion(
    "ch02_q5", "nearest_competitor",
    cases=[
        Case({"en": "four brands, one tie", "zh": "四个品牌，一处并列"},
             (pd.DataFrame({"price": [2.0, 4.0, 6.0, 4.0], "quality": [3.0, 3.0, 3.0, 9.0]},
                           index=["Lumi", "Kite", "Juno", "Ivo"]),),
             expected=pd.DataFrame({"nearest": ["Kite", "Juno, Lumi", "Kite", "Kite"],
                                    "distance": [2.0, 2.0, 2.0, 6.0]},
                                   index=["Lumi", "Kite", "Juno", "Ivo"]),
             hint={"en": "Kite is 2 from Lumi and 2 from Juno: name both, sorted and joined by "
                         "', ' -> 'Juno, Lumi'. A brand is never its own competitor: leave "
                         "the distance 0 to itself out.",
                   "zh": "Kite 到 Lumi 和到 Juno 的距离都是 2：两个都要写出，排序后用 ', ' 连接，"
                         "即 'Juno, Lumi'。品牌不是自己的竞争者：不要算它到自己的距离 0。"}),
        Case({"en": "two brands at the same position", "zh": "两个品牌位置相同"},
             (pd.DataFrame({"x": [1.0, 1.0, 4.0], "y": [1.0, 1.0, 5.0]},
                           index=["Ace", "Bolt", "Cove"]),),
             expected=pd.DataFrame({"nearest": ["Bolt", "Ace", "Ace, Bolt"],
                                    "distance": [0.0, 0.0, 5.0]},
                                   index=["Ace", "Bolt", "Cove"]),
             hint={"en": "Ace and Bolt share a position: each is the other's nearest "
                         "competitor at distance 0. Skip a brand's own row by its name, not by "
                         "a distance of 0.",
                   "zh": "Ace 和 Bolt 位置相同：彼此都是对方最近的竞争者，距离为 0。"
                         "排除品牌自身时要按名称排除，而不是按距离为 0 排除。"}),
    ],
    hints=[
        {"en": "For each brand, compute the Euclidean distance to every other brand: "
               "((positions - positions.loc[b]) ** 2).sum(axis=1) ** 0.5, then drop b itself.",
         "zh": "对每个品牌，算出它到其他每个品牌的欧氏距离："
               "((positions - positions.loc[b]) ** 2).sum(axis=1) ** 0.5，再去掉 b 自己。"},
        {"en": "The smallest distance is distance; nearest lists every brand within 1e-9 of it, "
               "sorted by name and joined by ', '.",
         "zh": "最小的距离就是 distance；nearest 列出所有与它相差不超过 1e-9 的品牌，"
               "按名称排序并用 ', ' 连接。"},
        {"en": "Return a DataFrame indexed like positions with the columns nearest and "
               "distance.",
         "zh": "返回与 positions 索引相同、包含 nearest 和 distance 两列的 DataFrame。"},
    ],
    row_noun=_BRAND,
)

# ------------------------------------------------------------------ q6: quiz

q6 = course_quiz(
    "ch02_q6",
    item_hints={
        "1": {"en": "Can the firm earn enough from so few buyers? Which criterion is about that?",
              "zh": "这么少的顾客，企业能赚到足够的钱吗？哪一条标准讲的是这一点？"},
        "2": {"en": "The firm knows who they are and how much they spend. Can it get a message "
                    "or a product to them?",
              "zh": "企业知道他们是谁、花多少钱。它能把信息或产品送到他们面前吗？"},
        "3": {"en": "If two segments answer every offer the same way, is it worth treating them "
                    "as two?",
              "zh": "如果两个细分市场对任何营销方案的反应都一样，还值得把它们分开对待吗？"},
        "4": {"en": "Think of the firm's resources first: how many segments can it serve well?",
              "zh": "先想想企业的资源：它能把几个细分市场服务好？"},
        "5": {"en": "Buyers see no difference between suppliers' products and the product is "
                    "new to the market: what do the targeting factors suggest?",
              "zh": "买家看不出各家产品有什么不同，而且产品刚进入市场：目标市场策略的"
                    "考虑因素指向哪种策略？"},
        "6": {"en": "What can the firm do when it knows each customer and makes each order to "
                    "measure?",
              "zh": "当企业了解每一位客户，而且每个订单都按需定制时，它能做到什么？"},
        "7": {"en": "The message names a rival. Which positioning method does that?",
              "zh": "这句广告点了对手的名。哪种定位方法会这样做？"},
        "8": {"en": "k-means measures distances: what happens to them when one column is "
                    "multiplied by 1,000?",
              "zh": "k-means 计算的是距离：把某一列乘以 1000，距离会怎样？"},
    },
)

# ------------------------------------------------------------------ q7: my_numbers

q7 = NumbersQuestion(
    "ch02_q7", "my_numbers", counts=("largest_segment", "top_segment_customers"),
    shares=("largest_share",),
    hints=[
        {"en": "Start from z = standardize(my_features) and labels = nearest_centroid(z, "
               "my_centroids): one segment per customer.",
         "zh": "先算 z = standardize(my_features) 和 labels = nearest_centroid(z, my_centroids)："
               "每位客户一个细分市场。"},
        {"en": "largest_segment is the number of customers in the biggest segment "
               "(labels.value_counts().max()); largest_share divides it by all customers.",
         "zh": "largest_segment 是最大细分市场的客户数（labels.value_counts().max()）；"
               "largest_share 用它除以客户总数。"},
        {"en": "top_segment_customers: rank my_ratings with attractiveness(my_ratings, "
               "WEIGHTS), take the segment with rank 1 and count its customers in labels.",
         "zh": "top_segment_customers：用 attractiveness(my_ratings, WEIGHTS) 排名，取第 1 名的"
               "细分市场，再在 labels 中数它有多少客户。"},
    ],
    field_hints={"largest_segment": 2, "largest_share": 2, "top_segment_customers": 3},
)
