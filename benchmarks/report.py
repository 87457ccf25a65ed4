"""Markdown tables and the issue's targets, from the benchmark's results (see run.py)."""

from __future__ import annotations

KB = 1024
MB = 1024 * 1024

# The targets of issue #6, section 3.
WARM_RATE = 200_000  # issue #15: check with nothing changed, records per second
ONE_CHANGED_S = 0.5  # issue #15: one changed file in 15,000 records
SERVE_S = 2.0  # issue #15: a saved course shows in the open page within 2 s (1,000 courses)
CHECK_RATE = 20_000  # records per second
BUILD_RATIO = 1.25  # ours / baseline, at every N
BUILD_GROWTH = 11.0  # build time at 10,000 / at 1,000
MEMORY_RATIO = 2.0  # issue #15: our build's peak memory / the baseline's, at 10,000 courses
CLICK_MS = 50.0  # at 5,000 courses
SEARCH_BYTES = 1 * MB  # at 10,000 courses
INDEX_GZIP = 300 * KB  # at 1,000 courses
INDEX_GZIP_10000 = 150 * KB  # issue #15: the course index at 10,000 courses
NOT_RUN = "本次未测（not measured）"


def _num(value, digits=1, scale=1.0):
    if value is None:
        return "n/a"
    return f"{value / scale:,.{digits}f}"


def _table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(" --- " for _ in head) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _sizes(results: dict) -> list[dict]:
    return [results["sizes"][key] for key in sorted(results["sizes"], key=int)]


def search_bytes(entry: dict) -> int | None:
    """The largest payload over the measured queries (None when search could not be measured)."""
    found = [s["bytes"] for s in (entry.get("browser") or {}).get("search", []) if s.get("bytes") is not None]
    return max(found) if found else None


def _cached(cached: dict | None) -> list[str]:
    if not cached:
        return ["n/a"] * 5
    return [
        _num(cached["first"]["wall_s"], 2),
        _num(cached["warm"]["wall_s"], 2),
        _num(cached["warm"]["records_per_s"], 0),
        _num(cached["per_file"]["wall_s"], 2),
        _num(cached["one_changed"]["wall_s"], 2),
    ]


def tables(results: dict) -> str:
    sizes = _sizes(results)
    parts = []

    parts.append("### catalog check 检查\n")
    parts.append(
        _table(
            [
                "N 课程",
                "记录 records",
                "检查 s（中位数，无缓存）",
                "CPU s",
                "记录/秒",
                "整个进程 s",
                "缓存·首次 s",
                "缓存·未改 s",
                "缓存·未改 记录/秒",
                "逐文件缓存·未改 s（构建用）",
                "缓存·改一个文件 s",
            ],
            [
                [
                    f"{e['n']:,}",
                    f"{e['records']:,}",
                    _num(e["check"]["wall_s"], 2),
                    _num(e["check"]["cpu_s"], 2),
                    _num(e["check"]["records_per_s"], 0),
                    _num(e["check"]["process_s"], 2),
                    *_cached(e["check"].get("cached")),
                ]
                for e in sizes
            ],
        )
    )

    parts.append("\n\n### mkdocs build 构建：我方 vs 基线（中位数）\n")
    rows = []
    for e in sizes:
        ours, base, search = e["build"]["ours"], e["build"]["baseline"], e["build"].get("baseline_search")
        rows.append(
            [
                f"{e['n']:,}",
                f"{ours['site']['html_pages']:,}",
                _num(ours["wall_s"], 1),
                _num(base["wall_s"], 1),
                _num(e["build"]["ratio"], 2),
                _num(search["wall_s"], 1) if search else "—",
                _num(e["build"].get("ratio_search"), 2) if search else "—",
                f"{_num(ours['maxrss_mb'], 0)} / {_num(base['maxrss_mb'], 0)}",
                f"{_num(ours['site']['bytes'], 1, MB)} / {_num(base['site']['bytes'], 1, MB)}",
                f"{ours['site']['files']:,} / {base['site']['files']:,}",
            ]
        )
    parts.append(
        _table(
            [
                "N",
                "我方页面 pages",
                "我方 s",
                "基线 s",
                "我方/基线",
                "基线+搜索 s",
                "我方/(基线+搜索)",
                "峰值内存 MB 我方/基线",
                "站点 MB 我方/基线",
                "文件数 我方/基线",
            ],
            rows,
        )
    )

    if any("zensical" in e["build"] or "hugo" in e["build"] for e in sizes):
        parts.append("\n\n### 同样的页面，不同的生成器 anchors: the same pages by each tool（中位数）\n")
        parts.append(_table(*anchor_table(sizes)))
    parts.append("\n\n### 索引页 index pages（页面 + 本页专用脚本；KB 原始 / gzip）\n")
    kinds = ("courses", "teachers", "sites", "routes")
    rows = []
    for e in sizes:
        weights = e["index_pages"]
        rows.append(
            [f"{e['n']:,}"]
            + [
                f"{_num(weights[k]['total_raw'], 0, KB)} / {_num(weights[k]['total_gzip'], 0, KB)}"
                if k in weights
                else "—"
                for k in kinds
            ]
        )
    parts.append(_table(["N", *kinds], rows))

    parts.append("\n\n### 搜索下载量与 Chromium（courses/index.html）\n")
    rows = []
    for e in sizes:
        browser = e.get("browser") or {}
        index = browser.get("index") or {}
        searches = browser.get("search") or []
        search_cells = [
            f"{s['query']}: {_num(s['bytes'], 0, KB)}" if s.get("bytes") is not None else f"{s['query']}: n/a"
            for s in searches
        ]
        download = index.get("download") or {}
        rows.append(
            [
                f"{e['n']:,}",
                "; ".join(search_cells) or "n/a",
                _num(e["build"]["ours"]["site"]["search_index_bytes"], 1, MB),
                _num(download.get("bytes"), 0, KB),
                _num(index.get("dom_interactive_ms"), 0),
                _num(index.get("facets_visible_ms"), 0),
                _num(index.get("click_script_ms"), 1),
                _num(index.get("click_paint_ms"), 1),
                _num(index.get("click_frame_ms"), 1),
                _num(index.get("first_click_cards_ms"), 1),
                _sort_cell(index.get("sort")),
            ]
        )
    parts.append(
        _table(
            [
                "N",
                "一次搜索下载 KB（按查询）",
                "搜索索引（磁盘）MB",
                "课程索引页下载 KB",
                "domInteractive ms",
                "筛选表单可见 ms",
                "点击·脚本 ms",
                "点击·到绘制 ms",
                "点击·两帧 ms",
                "首次点击·卡片画完 ms",
                "改排序·卡片画完 ms / 下载 KB",
            ],
            rows,
        )
    )
    parts.append("\n\n### 目标 targets（issue #6）\n")
    parts.append(_table(["目标 target", "实测 measured", "状态 status"], targets(results)))
    return "\n".join(parts) + "\n"


def _sort_cell(sort: dict | None) -> str:
    if not sort:
        return "n/a"
    return f"{sort['sort']}: {_num(sort.get('cards_ms'), 0)} / {_num(sort.get('bytes'), 0, KB)}"


ANCHORS = (
    ("baseline", "MkDocs 基线"),
    ("baseline_search", "基线+搜索"),
    ("zensical", "Zensical"),
    ("hugo", "Hugo"),
)


def anchor_table(sizes: list[dict]) -> tuple[list[str], list[list[str]]]:
    """Seconds of ours and of every anchor built in the run, our ratio to each (by wall time and,
    steadier on a shared machine, by CPU time), and what each build cost and wrote (CPU time,
    peak memory; the anchors' HTML pages and site size)."""
    present = [(key, label) for key, label in ANCHORS if any(key in e["build"] for e in sizes)]
    head = [
        "N",
        "我方 s",
        *[f"{label} s" for _, label in present],
        *[f"我方/{label}" for _, label in present],
    ]
    labels = " / ".join(label for _, label in present)
    head += [
        f"按 CPU 我方/… {labels}",
        f"CPU s 我方 / {labels}",
        f"峰值内存 MB 我方 / {labels}",
        f"HTML 页 {labels}",
        f"站点 MB {labels}",
    ]
    rows = []
    for e in sizes:
        build = e["build"]
        ours, ours_cpu = build["ours"]["wall_s"], build["ours"]["cpu_s"]
        runs = [build.get(key) for key, _ in present]

        def cells(pick, runs=runs):
            return " / ".join(pick(run) if run else "—" for run in runs)

        rows.append(
            [
                f"{e['n']:,}",
                _num(ours, 1),
                *[_num(run["wall_s"], 2) if run else "—" for run in runs],
                *[_num(ours / run["wall_s"], 2) if run else "—" for run in runs],
                cells(lambda run, cpu=ours_cpu: _num(cpu / run["cpu_s"], 2)),
                f"{_num(ours_cpu, 1)} / " + cells(lambda run: _num(run["cpu_s"], 1)),
                f"{_num(build['ours']['maxrss_mb'], 0)} / " + cells(lambda run: _num(run["maxrss_mb"], 0)),
                cells(lambda run: f"{run['site']['html_pages']:,}"),
                cells(lambda run: _num(run["site"]["bytes"], 1, MB)),
            ]
        )
    return head, rows


def _status(ok: bool | None) -> str:
    return "n/a" if ok is None else ("达成 met" if ok else "**未达成 not met**")


def targets(results: dict) -> list[list[str]]:
    by_n = {e["n"]: e for e in _sizes(results)}
    rows = []

    rates = {n: e["check"]["records_per_s"] for n, e in by_n.items()}
    worst = min(rates, key=rates.get) if rates else None
    rows.append(
        [
            f"catalog check ≥ {CHECK_RATE:,} 条/秒",
            f"最低 {rates[worst]:,.0f} 条/秒（N={worst:,}）" if worst else "n/a",
            _status(rates[worst] >= CHECK_RATE if worst else None),
        ]
    )

    cached = {n: e["check"]["cached"] for n, e in by_n.items() if "cached" in e["check"]}
    warm = {n: c["warm"]["records_per_s"] for n, c in cached.items()}
    largest = max(warm) if warm else None  # a rate: at small N a few fixed milliseconds rule it
    smallest = min(warm) if warm else None
    rows.append(
        [
            f"catalog check（未改，缓存）≥ {WARM_RATE:,} 条/秒（最大的 N）",
            f"{warm[largest]:,.0f} 条/秒（N={largest:,}；N={smallest:,} 时 {warm[smallest]:,.0f} 条/秒）"
            if largest
            else "n/a",
            _status(warm[largest] >= WARM_RATE if largest else None),
        ]
    )
    one = {n: c["one_changed"]["wall_s"] for n, c in cached.items()}
    largest = max(one) if one else None
    rows.append(
        [
            f"改一个文件后 catalog check ≤ {ONE_CHANGED_S} s（最大的 N）",
            f"{one[largest]:.2f} s（N={largest:,}）" if largest else "n/a",
            _status(one[largest] <= ONE_CHANGED_S if largest else None),
        ]
    )

    serve = ((by_n.get(1000) or {}).get("serve") or {}).get("edit_to_page_s")
    rows.append(
        [
            f"1,000 门课程时 mkdocs serve 保存到页面显示 ≤ {SERVE_S:g} s",
            f"{serve:.1f} s（中位数）" if serve is not None else NOT_RUN,
            _status(serve <= SERVE_S if serve is not None else None),
        ]
    )

    ratios = {n: e["build"]["ratio"] for n, e in by_n.items()}
    worst = max(ratios, key=ratios.get) if ratios else None
    rows.append(
        [
            f"构建 ≤ {BUILD_RATIO} × 基线（每个 N）",
            ", ".join(f"{n:,}: {r:.2f}×" for n, r in sorted(ratios.items())) or "n/a",
            _status(ratios[worst] <= BUILD_RATIO if worst else None),
        ]
    )

    build = (by_n.get(10000) or {}).get("build") or {}
    ours, base = (build.get("ours") or {}).get("maxrss_mb"), (build.get("baseline") or {}).get("maxrss_mb")
    rows.append(
        [
            f"10,000 门课程时构建峰值内存 ≤ {MEMORY_RATIO:g} × 基线",
            f"{ours:,.0f} MB / {base:,.0f} MB = {ours / base:.2f}×" if ours and base else NOT_RUN,
            _status(ours / base <= MEMORY_RATIO if ours and base else None),
        ]
    )

    if 1000 in by_n and 10000 in by_n:
        growth = by_n[10000]["build"]["ours"]["wall_s"] / by_n[1000]["build"]["ours"]["wall_s"]
        base = by_n[10000]["build"]["baseline"]["wall_s"] / by_n[1000]["build"]["baseline"]["wall_s"]
        rows.append(
            [
                f"构建时间增长 1,000 → 10,000 ≤ {BUILD_GROWTH:g}×",
                f"{growth:.1f}×（基线 {base:.1f}×）",
                _status(growth <= BUILD_GROWTH),
            ]
        )
    else:
        rows.append([f"构建时间增长 1,000 → 10,000 ≤ {BUILD_GROWTH:g}×", NOT_RUN, "n/a"])

    click = ((by_n.get(5000) or {}).get("browser") or {}).get("index", {}).get("click_frame_ms")
    rows.append(
        [
            f"5,000 门课程时一次筛选点击 ≤ {CLICK_MS:g} ms（含两帧）",
            f"{click:.1f} ms" if click is not None else NOT_RUN,
            _status(click <= CLICK_MS if click is not None else None),
        ]
    )

    payload = search_bytes(by_n[10000]) if 10000 in by_n else None
    rows.append(
        [
            "10,000 门课程时一次搜索下载 ≤ 1 MB",
            f"{payload / KB:,.0f} KB" if payload is not None else "n/a",
            _status(payload <= SEARCH_BYTES if payload is not None else None),
        ]
    )

    index = ((by_n.get(10000) or {}).get("browser") or {}).get("index") or {}
    click = index.get("click_frame_ms")
    first = index.get("first_click_cards_ms")
    rows.append(
        [
            f"10,000 门课程时一次筛选点击 ≤ {CLICK_MS:g} ms（含两帧）",
            f"{click:.1f} ms（首次点击，卡片画完 {_num(first, 1)} ms）" if click is not None else NOT_RUN,
            _status(click <= CLICK_MS if click is not None else None),
        ]
    )
    page = ((by_n.get(10000) or {}).get("index_pages") or {}).get("courses")
    rows.append(
        [
            "10,000 门课程时课程索引页 ≤ 150 KB gzip",
            f"{page['total_gzip'] / KB:,.0f} KB（其中页面 {page['page_gzip'] / KB:,.0f} KB）"
            if page
            else NOT_RUN,
            _status(page["total_gzip"] <= INDEX_GZIP_10000 if page else None),
        ]
    )

    weights = (by_n.get(1000) or {}).get("index_pages") or {}
    if weights:
        kind = max(weights, key=lambda k: weights[k]["total_gzip"])
        largest = weights[kind]["total_gzip"]
        rows.append(
            [
                "1,000 门课程时索引页 ≤ 300 KB gzip",
                f"最大 {kind}/index.html {largest / KB:,.0f} KB",
                _status(largest <= INDEX_GZIP),
            ]
        )
    else:
        rows.append(["1,000 门课程时索引页 ≤ 300 KB gzip", NOT_RUN, "n/a"])
    return rows
