"""`catalog demo`: synthetic catalogs of any size for benchmarks and scaling tests."""
