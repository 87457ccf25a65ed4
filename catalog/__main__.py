"""`python -m catalog` is the same as the `catalog` command."""

from .cli import main

raise SystemExit(main())
