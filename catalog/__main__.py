"""`python -m catalog` is the same as the `catalog` command."""

from catalog.cli import main

raise SystemExit(main())
