"""What an editor feels under `mkdocs serve`: from saving a course file to seeing the change.

`mkdocs serve` runs on the generated project (127.0.0.1, a free port); Chromium opens the
page of one course; the benchmark rewrites that course's `title:` line in its YAML file and
polls the open page (MkDocs' livereload reloads it when the rebuild is done) until the new
title is its heading. The time from the write to that moment is one sample (`edit_to_page_s`);
the time from starting the server to the first page served is `first_build_s`. Only what
the editor sees is measured: the file, the server's port, the page.

Issue #15's target: at most 2 s at 1,000 courses.
"""

from __future__ import annotations

import contextlib
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from browser_measure import CHROMIUM, LAUNCH_ARGS  # one browser set-up for every measure

TIMEOUT_S = 300.0  # only stops a hung server; the samples are what is reported


def _free_port() -> int:
    with contextlib.closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_served(url: str, server: subprocess.Popen, deadline: float) -> None:
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"mkdocs serve ended with {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} not served within {TIMEOUT_S:.0f} s")


def _heading(page) -> str:
    try:
        return page.locator("article.menu-record h1").first.inner_text(timeout=1000)
    except Exception:  # the page is reloading: ask again
        return ""


def measure_serve(project: Path, env: dict, samples: int = 3) -> dict:
    """Start `mkdocs serve` in `project`, edit one course `samples` times, time each edit."""
    from playwright.sync_api import sync_playwright

    course = sorted((project / "courses").glob("*.yml"))[0]
    original = course.read_text(encoding="utf-8")
    port = _free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"]
    started = time.perf_counter()
    server = subprocess.Popen(
        command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}/courses/{course.stem}.html"
    result: dict = {"course": course.name, "samples_s": []}
    try:
        _wait_served(url, server, started + TIMEOUT_S)
        result["first_build_s"] = time.perf_counter() - started
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            page = browser.new_page()
            page.goto(url)
            for number in range(1, samples + 1):
                marker = f"改动{number}"
                lines = original.splitlines(keepends=True)
                lines = [
                    f"title: 基准测试{marker}\n" if line.startswith("title:") else line for line in lines
                ]
                time.sleep(1.0)  # a quiet moment, as between two saves
                written = time.perf_counter()
                course.write_text("".join(lines), encoding="utf-8")
                while marker not in _heading(page):
                    if time.perf_counter() - written > TIMEOUT_S:
                        raise TimeoutError(f"the edit {marker} did not show within {TIMEOUT_S:.0f} s")
                    time.sleep(0.05)
                result["samples_s"].append(time.perf_counter() - written)
            browser.close()
    finally:
        course.write_text(original, encoding="utf-8")
        server.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=20)
        if server.poll() is None:
            server.kill()
    result["edit_to_page_s"] = statistics.median(result["samples_s"])
    return result
