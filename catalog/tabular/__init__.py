"""Text files and spreadsheets: encodings, reading xlsx/CSV, and the one formula guard of
everything written."""
