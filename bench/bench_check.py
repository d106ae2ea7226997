"""`check` on generated notebooks of 10, 100, 1000 and 5000 tasks: per-phase times and memory.

Run: `make bench` (or `.venv/bin/python bench/bench_check.py`). Prints a table; asserts nothing.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import write

SIZES = (10, 100, 1000, 5000)


def phases(path: Path) -> dict[str, float]:
    from proactive_lsp.analysis import CellCache
    from proactive_lsp.checks.files import check_files, config_file, reads_files
    from proactive_lsp.checks.flowchecker import check_flow
    from proactive_lsp.checks.graph import check_job_name
    from proactive_lsp.checks.tasks import check_tasks
    from proactive_lsp.documents.load import load_document
    from proactive_lsp.model.replay import replay

    t0 = time.perf_counter()
    document = load_document(path)
    t1 = time.perf_counter()
    cache = CellCache()
    cells = [cache.read(c.text, document.kind) for c in document.cells]
    t2 = time.perf_counter()
    workflow, _ = replay(document, cells)
    t3 = time.perf_counter()
    check_tasks(workflow)
    check_job_name(workflow)
    file_cells = [i for i, cell in enumerate(cells) if reads_files(cell)]
    check_files(document, cells, config_file(document.folder), file_cells)
    check_flow(workflow.tasks)
    t4 = time.perf_counter()
    # Memory in a second pass: tracing allocations slows everything down several times.
    tracemalloc.start()
    fresh = CellCache()
    replay(document, [fresh.read(c.text, document.kind) for c in document.cells])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "load": t1 - t0,
        "parse": t2 - t1,
        "model": t3 - t2,
        "checks": t4 - t3,
        "peak_mb": peak / 2**20,
    }


def whole_command(path: Path) -> tuple[float, float]:
    """Wall time and max RSS of `proactive-lsp check` in a fresh interpreter."""
    start = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import resource, sys\nfrom proactive_lsp.cli.main import main\n"
            f"code = main(['check', {str(path)!r}])\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n",
        ],
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    rss_kb = int(result.stderr.strip().splitlines()[-1])
    return wall, rss_kb / 1024


def interpreter_start() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        print(f"python start-up alone: {interpreter_start() * 1000:.0f} ms")
        print("in-process phases with warm imports (peak: traced allocations of reading the cells")
        print("and the replay); then the whole `check` command in a fresh interpreter: wall, max RSS")
        print(
            f"{'tasks':>6} {'load':>8} {'parse':>8} {'model':>8} {'checks':>8} {'peak':>8} "
            f"{'check cmd':>10} {'max RSS':>8}"
        )
        for size in SIZES:
            path = write(Path(folder), size)
            p = phases(path)
            wall, rss = whole_command(path)
            print(
                f"{size:>6} {p['load'] * 1000:>6.1f}ms {p['parse'] * 1000:>6.1f}ms "
                f"{p['model'] * 1000:>6.1f}ms {p['checks'] * 1000:>6.1f}ms {p['peak_mb']:>6.1f}MB "
                f"{wall * 1000:>8.0f}ms {rss:>6.0f}MB"
            )


if __name__ == "__main__":
    main()
