"""The department's side of ordering: the order CSV format, reading orders back, the
dispatch summary and its reports."""
