"""Tools for editors: sheets imported and exported, new-record scaffolds, JSON Schemas,
`catalog diff`, ids from names."""
