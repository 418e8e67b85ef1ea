"""Label strings of the capstone: the self-checks' own messages."""

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
}
