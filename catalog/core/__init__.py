"""What a record is: the models and their markers, the kind declarations, vocabularies,
relations, the personal-data rule, problems."""
