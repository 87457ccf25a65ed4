"""The scale benchmark of issue #6: our catalog against plain MkDocs + Material, Zensical and
Hugo on the same pages, N = 100 … 10,000.

    python benchmarks/run.py [--sizes 100,1000,5000,10000] [--repeat 3] [--quick]

For each N, in the same run: a `catalog demo` catalog of N courses (generated once);
`catalog check` (median over repeats, wall and CPU time, records per second); the full
`mkdocs build --strict` of our site and of the anchors (the same plain Markdown page per
record built by MkDocs, by MkDocs with Material's search, by Zensical and by Hugo, see
baseline.py), interleaved within each repeat so the ratios hold on a noisy machine, with
peak memory and site size; the weight of the index pages; and, in Chromium, the course
index's time to interactive, one facet click, and the search payload of one query.
Results: benchmarks/out/results.json and a Markdown table on stdout (and results.md).
Everything is measured from outside (processes, files, the browser), never through the
engine's internals. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402
from baseline import CONFIG, SEARCH_CONFIG, ZENSICAL_CONFIG, ZENSICAL_SITE, write_baseline, write_hugo  # noqa: E402
from report import tables  # noqa: E402
from sitestats import index_weights, site_stats  # noqa: E402

from catalog.demo.synthetic import counts_for, write_demo  # noqa: E402

DEFAULT_SIZES = (100, 1000, 5000, 10000)
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks")
CHECK_CHILD = """
import json, sys, time
from pathlib import Path
start = time.perf_counter()
from catalog.demo.synthetic import REFERENCE_DATE
from catalog.load.summary import check_summary
from catalog.load.validate import check_catalog
ready = time.perf_counter()
cpu = time.process_time()
mode = sys.argv[2]  # no-cache | cache (as mkdocs build and serve) | summary (as catalog check)
if mode == "summary":
    result = check_summary(Path(sys.argv[1]), today=REFERENCE_DATE)
    records, problems = result.records, result.problems
else:
    result = check_catalog(Path(sys.argv[1]), today=REFERENCE_DATE, cache=mode == "cache")
    records, problems = len(result.catalog), result.problems
cpu = time.process_time() - cpu
wall = time.perf_counter() - ready
print(json.dumps({"wall_s": wall, "cpu_s": cpu, "import_s": ready - start,
                  "records": records,
                  "errors": sum(1 for p in problems if p.is_error),
                  "problems": len(problems)}))
"""


class BenchError(RuntimeError):
    pass


def _env() -> dict:
    return {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        # The generated projects sit in this checkout's folder; git must not take them for part
        # of it: our build would read this repository's edition tags and list every generated
        # record as added since (5.8 s and a long change list at 10,000 courses).
        "GIT_CEILING_DIRECTORIES": str(OUT),
    }


# The build runs as a child of this small launcher, not of the benchmark: Linux keeps a
# process's peak memory across exec, so a child forked from the benchmark (which holds the
# generated catalog) would report at least the benchmark's own peak. The launcher (Python
# without site, about 10 MB, `launcher_floor_mb` in the results) forks, execs the command,
# and writes the child's wall time and wait4 usage to the file named first.
LAUNCHER = """
import json, os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    except OSError as exc:
        print(f"cannot run {sys.argv[2]}: {exc}", file=sys.stderr, flush=True)
    os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
with open(sys.argv[1], "w") as out:
    json.dump({"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
               "maxrss_kib": usage.ru_maxrss, "code": os.waitstatus_to_exitcode(status)}, out)
"""


def run_measured(command: list[str], cwd: Path) -> dict:
    """Run a fresh process; its wall time, CPU time and peak memory (its largest process)."""
    with tempfile.TemporaryFile() as log, tempfile.NamedTemporaryFile("r", suffix=".json") as usage:
        launch = [sys.executable, "-I", "-S", "-c", LAUNCHER, usage.name, *command]
        process = subprocess.run(launch, cwd=cwd, env=_env(), stdout=log, stderr=log)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
        measured = json.loads(usage.read() or "{}")
    code = measured.get("code", process.returncode)
    if process.returncode != 0 or code != 0:
        raise BenchError(f"{' '.join(command)} (in {cwd}) failed ({code}):\n{output[-4000:]}")
    return {
        "wall_s": measured["wall_s"],
        "cpu_s": measured["cpu_s"],
        "maxrss_mb": measured["maxrss_kib"] / 1024,  # Linux reports KiB
        "output": output,
    }


def launcher_floor_mb() -> float:
    """The peak memory the launcher reports for a command that uses almost none (`true`)."""
    return run_measured(["true"], ROOT)["maxrss_mb"]


def _median(values):
    return statistics.median(values) if values else None


# --- the steps ------------------------------------------------------------------------------


def generate(n: int, work: Path) -> tuple[Path, Path, Path]:
    """Our project (catalog of N courses + this repository's site), the baseline project
    (MkDocs and Zensical) and the Hugo project."""
    ours, base, hugo = work / "ours", work / "baseline", work / "hugo"
    for folder in (ours, base, hugo):
        if folder.exists():
            shutil.rmtree(folder)
    start = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        stdout, sys.stdout = sys.stdout, quiet
        try:
            code = write_demo(ROOT, ours, n)
        finally:
            sys.stdout = stdout
    if code != 0:
        raise BenchError(f"catalog demo --scale {n} failed ({code})")
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, ours / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, ours / part)
    pages = write_baseline(ours, base)
    hugo_pages = write_hugo(ours, hugo)
    if hugo_pages != pages:
        raise BenchError(f"the Hugo project has {hugo_pages} pages, the baseline {pages}")
    print(f"  已生成 {n:,} 门课程的目录和 {pages:,} 个基线页面，用时 {time.perf_counter() - start:.1f} s")
    return ours, base, hugo


def measure_check(data: Path, repeat: int, mode: str = "no-cache") -> dict:
    """The check in fresh processes: without the cache (cold), with the per-file cache
    (`cache`, as mkdocs build and serve), or as `catalog check` does (`summary`)."""
    runs = []
    for _ in range(repeat):
        outer = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", CHECK_CHILD, str(data), mode],
            cwd=data,
            env=_env(),
            capture_output=True,
            text=True,
        )
        process_s = time.perf_counter() - outer
        if done.returncode != 0:
            raise BenchError(f"catalog check failed:\n{done.stderr[-4000:]}")
        run = json.loads(done.stdout.strip().splitlines()[-1])
        if run["errors"]:
            raise BenchError(f"the generated catalog has {run['errors']} errors")
        run["process_s"] = process_s
        runs.append(run)
    wall = _median([r["wall_s"] for r in runs])
    records = runs[0]["records"]
    return {
        "runs": runs,
        "records": records,
        "wall_s": wall,
        "cpu_s": _median([r["cpu_s"] for r in runs]),
        "process_s": _median([r["process_s"] for r in runs]),
        "records_per_s": records / wall,
        "records_per_cpu_s": records / _median([r["cpu_s"] for r in runs]),
    }


def measure_cached_checks(data: Path, repeat: int) -> dict:
    """The check cache (catalog/load/cache.py): the first run writing it, runs with nothing
    changed (as `catalog check`, and per file as mkdocs build and serve), and `catalog check`
    after one course file changed (a comment line added, then taken out)."""
    shutil.rmtree(data / ".cache", ignore_errors=True)
    first = measure_check(data, 1, "summary")
    time.sleep(3.1)  # files changed just now are hashed every time ("racy"); let them settle
    warm = measure_check(data, repeat, "summary")
    per_file = measure_check(data, repeat, "cache")
    courses = sorted((data / "courses").glob("*.yml"))
    course = courses[len(courses) // 2]
    original = course.read_bytes()
    try:
        course.write_bytes(original + b"# benchmark edit\n")
        one = measure_check(data, 1, "summary")
    finally:
        course.write_bytes(original)
    shutil.rmtree(data / ".cache", ignore_errors=True)
    return {"first": first, "warm": warm, "per_file": per_file, "one_changed": one}


def _build_command(site: Path, config: str | None = None) -> list[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    return [*command, "-f", config] if config else command


def anchor_tools() -> dict[str, str]:
    """The anchors' build tools, or a BenchError saying how to get the missing one: a run never
    leaves an anchor out on its own (`--no-anchors` does, when asked)."""
    missing, tools = [], {}
    hugo = shutil.which("hugo")
    if hugo:
        tools["hugo"] = hugo
    else:
        missing.append("hugo（Debian 软件包 hugo：sudo apt-get install hugo）")
    try:
        from importlib.metadata import version

        tools["zensical"] = version("zensical")
    except Exception:
        missing.append('zensical（Python 包：pip install -e ".[bench]"）')
    if missing:
        raise BenchError(
            "缺少对照的构建工具 missing anchor tools: "
            + "; ".join(missing)
            + "。./dev bench 会安装它们；不测它们请加 --no-anchors"
        )
    return tools


def build_jobs(ours: Path, base: Path, hugo: Path, work: Path, with_search: bool, anchors: bool) -> dict:
    """name -> (project, site, command, folders to remove before each build so it starts cold)."""
    jobs = {
        "ours": (ours, work / "site-ours", _build_command(work / "site-ours"), (".cache",)),
        "baseline": (base, work / "site-baseline", _build_command(work / "site-baseline", CONFIG), ()),
    }
    if with_search:
        site = work / "site-baseline-search"
        jobs["baseline_search"] = (base, site, _build_command(site, SEARCH_CONFIG), ())
    if anchors:
        tools = anchor_tools()
        zensical = [sys.executable, "-m", "zensical", "build", "--strict", "-f", ZENSICAL_CONFIG]
        jobs["zensical"] = (base, base / ZENSICAL_SITE, zensical, (".cache",))
        site = work / "site-hugo"
        command = [tools["hugo"], "--quiet", "--ignoreCache", "--panicOnWarning", "-d", str(site)]
        jobs["hugo"] = (hugo, site, command, ("resources",))
    return jobs


def measure_builds(
    ours: Path, base: Path, hugo: Path, work: Path, repeat: int, with_search: bool, anchors: bool = True
) -> dict:
    """Interleaved builds: each repeat builds ours and the anchors, in a rotating order."""
    jobs = build_jobs(ours, base, hugo, work, with_search, anchors)
    names = list(jobs)
    runs: dict[str, list[dict]] = {name: [] for name in names}
    for r in range(repeat):
        order = names[r % len(names) :] + names[: r % len(names)]
        for name in order:
            project, site, command, caches = jobs[name]
            if site.exists():
                shutil.rmtree(site)
            for cache in caches:  # every build cold, as in CI
                shutil.rmtree(project / cache, ignore_errors=True)
            run = run_measured(command, project)
            run.pop("output")
            runs[name].append(run)
            print(
                f"    第 {r + 1}/{repeat} 次 {name:16} {run['wall_s']:7.1f} s  {run['maxrss_mb']:6.0f} MB",
                flush=True,
            )
    result = {}
    for name in names:
        result[name] = {
            "runs": runs[name],
            "wall_s": _median([x["wall_s"] for x in runs[name]]),
            "cpu_s": _median([x["cpu_s"] for x in runs[name]]),
            "maxrss_mb": max(x["maxrss_mb"] for x in runs[name]),
            "site": site_stats(jobs[name][1]),
        }
    result["ratio"] = result["ours"]["wall_s"] / result["baseline"]["wall_s"]
    if with_search:
        result["ratio_search"] = result["ours"]["wall_s"] / result["baseline_search"]["wall_s"]
    for name in ("zensical", "hugo"):
        if name in result:
            result[f"ratio_{name}"] = result["ours"]["wall_s"] / result[name]["wall_s"]
    return result


def search_queries(data: Path) -> list[str]:
    """A topic word and the name of a teacher in this catalog."""
    queries = ["党史"]
    teachers = sorted((data / "teachers").glob("*.yml"))
    if teachers:
        record = yaml.safe_load(teachers[len(teachers) // 2].read_text(encoding="utf-8")) or {}
        if record.get("name"):
            queries.append(str(record["name"]))
    return queries


SERVE_UP_TO = 1000  # `mkdocs serve` is measured at sizes up to this (issue #15 asks at 1,000)


def measure_serve_edit(project: Path) -> dict:
    try:
        from serve_measure import measure_serve

        return measure_serve(project, _env())
    except Exception as exc:  # no Playwright, no Chromium, a hung server: the rest still counts
        return {"error": f"{type(exc).__name__}: {exc}"}


def measure_browser(site: Path, data: Path) -> dict:
    try:
        from browser_measure import measure_site

        return measure_site(site, search_queries(data))
    except Exception as exc:  # no Playwright or no Chromium: the other numbers still count
        return {"error": f"{type(exc).__name__}: {exc}"}


# --- the run --------------------------------------------------------------------------------


def machine() -> dict:
    def run(*command: str) -> str:
        try:
            return subprocess.run(command, capture_output=True, text=True, cwd=ROOT).stdout.strip()
        except OSError:
            return ""

    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for package in (
        "mkdocs",
        "mkdocs-material",
        "zensical",
        "pagefind",
        "jieba",
        "playwright",
        "pydantic",
        "pyyaml",
    ):
        try:
            from importlib.metadata import version

            versions[package] = version(package)
        except Exception:
            versions[package] = None
    return {
        "nproc": run("nproc") or str(os.cpu_count()),
        "free_h": run("free", "-h"),
        "cpu_model": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": versions,
        "hugo": run("hugo", "version"),
        "launcher_floor_mb": launcher_floor_mb(),
        "git_commit": run("git", "rev-parse", "--short", "HEAD"),
        "git_dirty": bool(run("git", "status", "--porcelain", "--untracked-files=no")),
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="numbers of courses")
    parser.add_argument("--repeat", type=int, default=3, help="repeats of check and builds (medians)")
    parser.add_argument(
        "--repeat-for",
        action="append",
        default=[],
        metavar="N=R",
        help="fewer repeats for one size, e.g. 10000=1 (long builds)",
    )
    parser.add_argument("--quick", action="store_true", help="smoke run: sizes 100,1000 and repeat 1")
    parser.add_argument(
        "--no-baseline-search", action="store_true", help="skip the baseline with Material's search plugin"
    )
    parser.add_argument(
        "--no-anchors", action="store_true", help="skip the Zensical and Hugo builds of the same pages"
    )
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measures")
    parser.add_argument("--keep", action="store_true", help="keep generated catalogs and sites in out/work")
    parser.add_argument("--out", type=Path, default=OUT, help="where results.json and results.md go")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.repeat = "100,1000", 1
    args.size_list = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.repeats = {n: args.repeat for n in args.size_list}
    for item in args.repeat_for:
        n, _, r = item.partition("=")
        args.repeats[int(n)] = int(r)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.no_anchors:
        anchor_tools()  # fail before the first catalog is generated, not after minutes
    args.out.mkdir(parents=True, exist_ok=True)
    results = {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": "python benchmarks/run.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "machine": machine(),
        "repeats": {str(n): r for n, r in args.repeats.items()},
        "sizes": {},
    }
    started = time.perf_counter()
    for n in args.size_list:
        repeat = args.repeats[n]
        counts = counts_for(n)
        print(f"N = {n:,} 门课程（重复 {repeat} 次）", flush=True)
        work = Path(tempfile.mkdtemp(prefix=f"n{n}-", dir=args.out))
        load_before, size_started = os.getloadavg(), time.perf_counter()
        try:
            ours, base, hugo = generate(n, work)
            check = measure_check(ours, repeat)
            print(f"  catalog check {check['wall_s']:.2f} s，{check['records_per_s']:,.0f} 条/秒", flush=True)
            check["cached"] = measure_cached_checks(ours, repeat)
            warm = check["cached"]["warm"]
            rate = f"{warm['wall_s']:.2f} s，{warm['records_per_s']:,.0f} 条/秒"
            print(f"  catalog check（缓存，未改）{rate}", flush=True)
            build = measure_builds(
                ours, base, hugo, work, repeat, not args.no_baseline_search, not args.no_anchors
            )
            entry = {
                "n": n,
                "counts": counts.__dict__,
                "records": check["records"],
                "repeat": repeat,
                "check": check,
                "build": build,
                "index_pages": index_weights(work / "site-ours"),
            }
            if not args.no_browser:
                print("  浏览器测量（Chromium）…", flush=True)
                entry["browser"] = measure_browser(work / "site-ours", ours)
            if not args.no_browser and n <= SERVE_UP_TO:
                entry["serve"] = measure_serve_edit(ours)
                if "edit_to_page_s" in entry["serve"]:
                    print(
                        f"  mkdocs serve：保存到页面显示 {entry['serve']['edit_to_page_s']:.1f} s", flush=True
                    )
            entry["loadavg"] = {"before": load_before, "after": os.getloadavg()}
            entry["elapsed_s"] = time.perf_counter() - size_started
            results["sizes"][str(n)] = entry
        finally:
            if args.keep:
                print(f"  保留了 {work}")
            else:
                shutil.rmtree(work, ignore_errors=True)
        results["elapsed_s"] = time.perf_counter() - started
        (args.out / "results.json").write_text(
            json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    text = tables(results)
    (args.out / "results.md").write_text(text, encoding="utf-8")
    print()
    print(text)
    print(f"结果（results）：{args.out / 'results.json'}，共 {results['elapsed_s'] / 60:.1f} 分钟")
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except BenchError as exc:
        print(f"基准测试失败（benchmark failed）：{exc}", file=sys.stderr)
        raise SystemExit(1) from None
