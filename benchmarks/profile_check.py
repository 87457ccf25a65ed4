"""Profile `check_catalog` on a synthetic catalog: records per second and where the time goes.

    python benchmarks/profile_check.py --scale 5000 [--top 25] [--keep DIR]

Writes a `catalog demo` catalog of SCALE courses to a temporary folder (or DIR), times
`check_catalog` (best of three, CPU time, so a busy machine distorts it less), then runs it
once under cProfile and prints the functions that take the most time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from catalog.demo.synthetic import REFERENCE_DATE, write_demo  # noqa: E402
from catalog.load.validate import check_catalog  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=5000, help="number of courses")
    parser.add_argument("--top", type=int, default=25, help="functions to list")
    parser.add_argument("--keep", type=Path, help="write the catalog here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp) / "demo"
        if not (out / "vocabulary.yml").is_file() and write_demo(ROOT, out, args.scale) != 0:
            return 1
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            result = check_catalog(out, today=REFERENCE_DATE)
            best = min(best, time.process_time() - start)
        records = len(result.catalog)
        rate = records / best
        print(f"{records} records, {len(result.problems)} problems, {best:.2f} s CPU, {rate:,.0f} records/s")
        profile = cProfile.Profile()
        profile.runcall(check_catalog, out, today=REFERENCE_DATE)
        text = io.StringIO()
        stats = pstats.Stats(profile, stream=text)
        stats.sort_stats("tottime").print_stats(args.top)
        stats.sort_stats("cumulative").print_stats(args.top)
        print(text.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
