"""Reading and checking: which files are records, YAML with positions, typed records, every
rule; `check_catalog` is the one loader."""
