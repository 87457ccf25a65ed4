"""`catalog check` with its cache, this checkout against another one, interleaved on one catalog.

    python benchmarks/check_cache.py --scale 10000 --against /work/main [--rounds 4]

Writes a `catalog demo` catalog of SCALE courses once and a copy for each checkout (each
keeps its own `.cache/`), fills both caches, then in every round and for each checkout in
turn, each in a fresh process with that checkout first on PYTHONPATH (as benchmarks/run.py):

- *settled*: `catalog check` once the files of the last edit are older than RACY_NS (the
  first run after an edit can still be told nothing changed only by the files' hashes);
- *warm*: `catalog check` again, nothing changed (run.py's 缓存·未改);
- *per-file*: `check_catalog(cache=True)`, what `mkdocs build` and `serve` run;
- *one*: `catalog check` after one course file got a comment line (run.py's 缓存·改一个文件);
- *back*: `catalog check` after the line is taken out again.

Prints the median wall and CPU time of each (after imports), and records per second.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from catalog.demo.synthetic import write_demo  # noqa: E402

CHILD = """
import json, sys, time
from pathlib import Path
from catalog.demo.synthetic import REFERENCE_DATE
from catalog.load.validate import check_catalog
try:
    from catalog.load.summary import check_summary
except ImportError:  # before catalog.load.summary
    from catalog.load.validate import check_summary
wall, cpu = time.perf_counter(), time.process_time()
if sys.argv[2] == "summary":
    records = check_summary(Path(sys.argv[1]), today=REFERENCE_DATE).records
else:
    records = len(check_catalog(Path(sys.argv[1]), today=REFERENCE_DATE, cache=True).catalog)
print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu, "records": records}))
"""
SETTLE_S = 3.2  # catalog.load.cache.RACY_NS, and a little


def run(checkout: Path, data: Path, mode: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(data), mode], cwd=data, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"{checkout}: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10000, help="number of courses")
    parser.add_argument("--against", type=Path, required=True, help="another checkout to compare with")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    checkouts = {"this": ROOT, "against": args.against.resolve()}
    times: dict[tuple[str, str], list[dict]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "demo"
        with open(os.devnull, "w") as quiet:
            stdout, sys.stdout = sys.stdout, quiet
            try:
                code = write_demo(ROOT, source, args.scale)
            finally:
                sys.stdout = stdout
        if code != 0:
            return code
        data = {name: Path(tmp) / name for name in checkouts}
        for folder in data.values():
            shutil.copytree(source, folder)
        time.sleep(SETTLE_S)
        for name, checkout in checkouts.items():
            run(checkout, data[name], "summary")  # fills the caches
        for _ in range(args.rounds):
            time.sleep(SETTLE_S)
            for name, checkout in checkouts.items():
                for what, mode in (("settled", "summary"), ("warm", "summary"), ("per-file", "cache")):
                    times.setdefault((name, what), []).append(run(checkout, data[name], mode))
            for name, checkout in checkouts.items():
                course = sorted((data[name] / "courses").glob("*.yml"))[args.scale // 2]
                original = course.read_bytes()
                course.write_bytes(original + b"# benchmark edit\n")
                times.setdefault((name, "one"), []).append(run(checkout, data[name], "summary"))
                course.write_bytes(original)
                times.setdefault((name, "back"), []).append(run(checkout, data[name], "summary"))
    print(f"{args.scale:,} courses, {args.rounds} rounds, load average now {os.getloadavg()}")
    for name, checkout in checkouts.items():
        print(f"{name}: {checkout}")
        for what in ("settled", "warm", "per-file", "one", "back"):
            runs = times[(name, what)]
            wall = statistics.median(r["wall"] for r in runs)
            cpu = statistics.median(r["cpu"] for r in runs)
            rate = runs[0]["records"] / wall
            print(f"  {what:9} wall {wall:.3f} s  CPU {cpu:.3f} s  {rate:,.0f} records/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
