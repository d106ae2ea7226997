"""Golden job XML for representative workflows, exported through the real SDK as kernel 13.0.4
builds jobs, each judged valid by ProActive's own validator before it is compared.

Re-bless the golden files with `PROACTIVE_LSP_BLESS=1 pytest tests/sdk/test_export_golden.py`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from proactive_lsp.analysis import analyze
from proactive_lsp.diagnostics import Severity
from proactive_lsp.documents.notebook import notebook_from_cells
from proactive_lsp.sdk import ValidatorProcess
from proactive_lsp.sdk.export import XML_NAMESPACE, export_xml

pytestmark = pytest.mark.requires_sdk

GOLDEN = Path(__file__).with_name("golden")
BLESS = os.environ.get("PROACTIVE_LSP_BLESS") == "1"

CASES: dict[str, list[str]] = {
    "chain_import_export": [
        "#%import()\nimport os",
        "#%import(language=Linux_Bash)\nset -e",
        "#%task(name=prep, export=[x, y], generic_info=[(owner, me)], variables=[(SIZE, big)],"
        " precious_result=true)\nx = 1\ny = 2",
        "#%task(name=train, dep=[prep], import=[x, y], export=[model])\nmodel = x + y",
        "#%task(name=report, dep=[train], language=Linux_Bash, export=[out])\nout=done",
        "#%task(name=jy, dep=[report], language=Jython, export=[z], import=[model])\nz = model",
        "#%job(name=chain_job, generic_info=[(PARTITION, gpu)], variables=[(MODE, fast)])",
    ],
    "languages": [
        "#%task(name=t_py)\nprint(1)",
        "#%task(name=t_python, language=Python)\nprint(2)",
        "#%task(name=t_jython, language=Jython)\nprint 3",
        "#%task(name=t_bash, language=Linux_Bash)\necho 4",
        "#%task(name=t_cmd, language=Windows_Cmd)\necho 5",
        "#%task(name=t_compose, language=DockerCompose)\nversion: '3'",
        "#%task(name=t_scalaw, language=Scalaw)\nprintln(7)",
        "#%task(name=t_groovy, language=Groovy)\nprintln 8",
        "#%task(name=t_js, language=Javascript)\nprint(9)",
        "#%task(name=t_ruby, language=Ruby)\nputs 10",
        "#%task(name=t_perl, language=Perl)\nprint 11;",
        "#%task(name=t_ps, language=PowerShell)\nWrite-Output 12",
        "#%task(name=t_r, language=R)\nprint(13)",
        "#%job(name=languages_job)",
    ],
    "scripts": [
        "#%task(name=work)\nprint('work')",
        "#%pre_script(name=work, language=Linux_Bash)\necho before",
        "#%post_script(name=work, language=Groovy)\nprintln 'after'",
        "#%selection_script(name=work)\nselected = True",
        "#%fork_env(name=work, language=Groovy)\nforkEnvironment.setJavaHome('/usr')",
        "#%task(name=other, dep=[work])\nprint('other')",
        "#%selection_script(name=other, language=Groovy)\nselected = false",
        "#%job(name=scripts_job)",
    ],
    "job_defaults_force": [
        "#%task(name=early)\nprint('early')",
        "#%selection_script(name=early, language=Groovy)\nselected = false",
        "#%job_selection_script(language=Groovy, force=on)\nselected = true // job",
        "#%task(name=middle, dep=[early])\nprint('middle')",
        "#%job_fork_env(language=Groovy)\nforkEnvironment.addSystemEnvironmentVariable('A', 'b')",
        "#%task(name=late, dep=[middle])\nprint('late')",
        "#%job(name=defaults_job)",
    ],
    "runtime_env": [
        "#%task(name=before)\nprint('before')",
        "#%runtime_env(type=podman, image=docker://python:3.11, force=on)",
        "#%task(name=after, dep=[before])\nprint('after')",
        "#%job(name=runtime_job)",
    ],
    "replicate": [
        "#%split(name=split1)\nprint('split')",
        "#%runs()\nruns=4",
        "#%process()\nprint(variables.get('PA_TASK_REPLICATION'))",
        "#%merge()\nprint('merge')",
        "#%task(name=after, dep=[merge1])\nprint('after')",
        "#%job(name=replicate_job)",
    ],
    "straight_runs_default_merge": [
        "#%import()\nimport math",
        "#%job_selection_script(language=Groovy)\nselected = true // job default",
        "#%task(name=source, export=[n])\nn = 3",
        "#%task(name=work, dep=[source], import=[n], runs=3)\nprint(n)",
        "#%job(name=runs_job)",
    ],
    "straight_runs_child": [
        "#%task(name=source)\nprint('source')",
        "#%task(name=work, dep=[source], runs=N)\nprint('work')",
        "#%task(name=gather, dep=[work])\nprint('gather')",
        "#%job(name=runs_child_job, variables=[(N, two)])",
    ],
    "loop": [
        "#%task(name=init)\nprint('init')",
        "#%start(name=start1, dep=[init])\nprint('start')",
        "#%condition()\nloop = variables.get('PA_TASK_ITERATION') < 3",
        "#%loop()\nprint('loop')",
        "#%job(name=loop_job)",
    ],
    "branch": [
        "#%branch(name=branch1)\nprint('branch')",
        "#%condition()\nbranch = 'if'",
        "#%if(name=if1)\nprint('if')",
        "#%else(name=else1)\nprint('else')",
        "#%continuation(name=continuation1)\nprint('continuation')",
        "#%job(name=branch_job)",
    ],
    "multiblock": [
        "#%configure(task=multiblock)",
        "#%task(name=grown, export=[x])\nx = 1",
        "x = x + 1",
        "#%task(name=plain_append, dep=[grown])\nprint('a')",
        "print('b')",
    ],
}


def normalise(xml: str) -> str:
    """Nothing in the SDK's XML is volatile today; line endings are the only thing we pin."""
    return re.sub(r"\r\n?", "\n", xml).rstrip() + "\n"


@pytest.mark.parametrize("name", sorted(CASES))
def test_export_matches_golden_and_is_valid(name: str, validator: ValidatorProcess) -> None:
    analysis = analyze(notebook_from_cells(CASES[name]))
    errors = [d for d in analysis.diagnostics if d.severity is Severity.ERROR]
    assert errors == [], f"{name}: the representative workflow should have no error"
    xml = normalise(export_xml(analysis.workflow))
    verdict = validator.validate_xml(xml)
    assert verdict.valid, f"{name}: ProActive refuses the export: {verdict.describe()}"
    assert f'xmlns="{XML_NAMESPACE}"' in xml
    golden = GOLDEN / f"{name}.xml"
    if BLESS or not golden.exists():
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(xml, encoding="utf-8")
        if not BLESS:
            pytest.fail(f"wrote missing golden file {golden.name}; check it and commit it")
    assert xml == golden.read_text(encoding="utf-8")
