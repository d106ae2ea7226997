"""`proactive-lsp check` end to end, as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def check(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "proactive_lsp", "check", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )


def test_valid_notebook_exits_zero() -> None:
    result = check(str(EXAMPLES / "iris_pipeline.ipynb"))
    assert result.returncode == 0, result.stdout
    assert " error " not in result.stdout


def test_broken_notebook_text_output_is_compiler_like() -> None:
    result = check(str(EXAMPLES / "broken_pipeline.ipynb"))
    assert result.returncode == 1
    line = next(x for x in result.stdout.splitlines() if "PA301" in x)
    assert line.startswith(f"{EXAMPLES / 'broken_pipeline.ipynb'}:2:1:25: error PA301 ")
    assert "checked 1 file" in result.stderr


def test_json_output_fields(tmp_path: Path) -> None:
    flow = tmp_path / "flow.py"
    flow.write_text("# header\n#%task(name=a)\nx = 1\n\n#%task(name=b, dep=[zz])\n")
    result = check("--format", "json", str(flow))
    assert result.returncode == 1
    items = json.loads(result.stdout)
    item = next(i for i in items if i["code"] == "PA301")
    assert item == {
        "path": str(flow),
        "cell": None,
        "line": 5,
        "column": 21,
        "end_line": 5,
        "end_column": 23,
        "severity": "error",
        "code": "PA301",
        "message": item["message"],
    }


def test_unreadable_inputs_exit_two(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ipynb"
    bad.write_text("{oops")
    result = check(str(bad), str(tmp_path / "missing.py"))
    assert result.returncode == 2
    assert "invalid JSON" in result.stderr and "missing.py" in result.stderr


def test_usage_error_exits_two() -> None:
    assert check().returncode == 2


def test_folder_is_walked() -> None:
    result = check("--format", "json", str(EXAMPLES))
    paths = {Path(i["path"]).name for i in json.loads(result.stdout)}
    assert {"broken_pipeline.ipynb", "broken_controls.py"} <= paths
