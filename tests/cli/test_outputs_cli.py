"""`dot`, `draw`, `import-dot` and `check --proactive` end to end, as subprocesses."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "proactive_lsp", *args], capture_output=True, text=True, timeout=120
    )


def test_dot_writes_next_to_the_document_by_job_name(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "replicate_sweep.py", tmp_path)
    result = cli("dot", str(tmp_path / "replicate_sweep.py"))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "parameter_sweep.dot").read_text()
    assert text.startswith('strict digraph "parameter_sweep"') and "split1 -> process1;" in text


def test_draw_svg_and_png(tmp_path: Path) -> None:
    svg, png = tmp_path / "w.svg", tmp_path / "w.png"
    assert cli("draw", str(EXAMPLES / "broken_pipeline.ipynb"), "-o", str(svg)).returncode == 0
    text = svg.read_text()
    assert 'data-task="clean"' in text and "error" in text
    result = cli("draw", str(EXAMPLES / "iris_pipeline.ipynb"), "-o", str(png))
    if result.returncode == 2 and "pillow" in result.stderr.lower():
        pytest.skip("Pillow is not installed")
    assert png.read_bytes().startswith(b"\x89PNG")
    assert (
        cli("draw", str(EXAMPLES / "iris_pipeline.ipynb"), "-o", str(tmp_path / "w.gif")).returncode
        == 2
    )


def test_import_dot_to_python_and_notebook(tmp_path: Path) -> None:
    dot = tmp_path / "g.dot"
    dot.write_text("digraph { b -> c; a -> b; }\n")
    result = cli("import-dot", str(dot), "-o", str(tmp_path / "out.py"))
    assert result.returncode == 0 and "would drop" in result.stderr
    assert (tmp_path / "out.py").read_text().startswith("#%task(name=a)\n")
    assert cli("import-dot", str(dot), "-o", str(tmp_path / "out.ipynb")).returncode == 0
    cells = json.loads((tmp_path / "out.ipynb").read_text())["cells"]
    assert ["".join(c["source"]) for c in cells] == [
        "#%task(name=a)",
        "#%task(name=b, dep=[a])",
        "#%task(name=c, dep=[b])",
    ]
    check = cli("check", str(tmp_path / "out.ipynb"))
    assert check.returncode == 0, check.stdout


@pytest.mark.requires_sdk
def test_check_proactive_adds_proactive_verdict(tmp_path: Path) -> None:
    pytest.importorskip("proactive")
    if shutil.which("java") is None or shutil.which("javac") is None:
        pytest.skip("needs java and javac")
    flow = tmp_path / "badif.py"
    flow.write_text(
        "#%task(name=a)\n#%branch(name=b1)\n#%condition()\nbranch='if';\n"
        "#%if(name=i1, dep=[a])\n#%else(name=e1)\n#%continuation(name=c1)\n"
    )
    result = cli("check", "--proactive", "--format", "json", str(flow))
    assert result.returncode == 1
    items = [i for i in json.loads(result.stdout) if i["code"] == "PA406"]
    assert any(
        "ProActive's validator refuses the job (flow stage)" in i["message"]
        and "IF task block cannot have dependencies" in i["message"]
        and i["line"] == 5
        for i in items
    )
    valid = cli("check", "--proactive", str(EXAMPLES / "iris_pipeline.ipynb"))
    assert valid.returncode == 0 and "PA406" not in valid.stdout
