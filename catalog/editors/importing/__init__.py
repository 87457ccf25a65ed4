"""`catalog import KIND FILE`: spreadsheets (xlsx or CSV) turned into record files.

cells.py reads one cell as a field value, header.py finds and checks the header row,
rows.py turns data rows into checked records, sheet.py runs the whole import and the
command. Records are written by catalog.editors.record_files.
"""
