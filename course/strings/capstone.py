"""Label strings of the capstone: self-check messages and segment / action names."""

STRINGS = {
    # ---------------------------------------------------------------- self-check messages
    "capstone_not_pair": {"en": "{name} must return a pair (table, log), got {type}",
                          "zh": "{name} 应返回一对结果 (table, log)，实际得到 {type}"},
    "capstone_table_part": {"en": "the cleaned table: {detail}", "zh": "清洗后的表：{detail}"},
    "capstone_table_lines": {"en": "it has {got} lines, expected {expected}",
                             "zh": "共有 {got} 行，应为 {expected} 行"},
    "capstone_log_part": {"en": "the log: {detail}", "zh": "清洗日志：{detail}"},
    "capstone_log_rules": {"en": "the log's rule column must be {expected} in this order, "
                                 "got {got}",
                           "zh": "日志的 rule 列应依次为 {expected}，实际是 {got}"},
    "capstone_missing_input": {
        "en": "the input {what} has no column {col!r}: the public case gives it, so your "
              "function must have looked for another name",
        "zh": "输入 {what} 中没有 {col!r} 列：公开示例提供了这一列，你的函数可能用错了列名"},
    # ---------------------------------------------------------------- segments and actions
    "capstone_new": {"en": "new", "zh": "新客户"},
    "capstone_core": {"en": "core", "zh": "核心客户"},
    "capstone_regular": {"en": "regular", "zh": "常客"},
    "capstone_occasional": {"en": "occasional", "zh": "偶购客户"},
    "capstone_lapsing": {"en": "lapsing", "zh": "渐失客户"},
    "capstone_dormant": {"en": "dormant", "zh": "沉睡客户"},
    "capstone_serve": {"en": "serve", "zh": "维持服务"},
    "capstone_develop": {"en": "develop", "zh": "培育发展"},
    "capstone_reprice": {"en": "reprice", "zh": "调整价格"},
    "capstone_let_go": {"en": "let go", "zh": "放弃"},
}
