"""The pragma table: complete, consistent with the kernel's lists, documented."""

from __future__ import annotations

from proactive_lsp.language.languages import LANGUAGES, closest_language, unsupported_message
from proactive_lsp.language.pragmas import HELP_TOPICS, PRAGMAS
from proactive_lsp.language.spec import Kind

# pragma.py: pragmas_empty (+ runtime_env, which has no check at all).
EMPTY_OK = {
    "connect", "submit_job", "import", "split", "runs", "process", "merge", "start", "loop",
    "condition", "branch", "if", "else", "continuation", "job_selection_script",
    "job_fork_env", "draw_job", "help", "get_job_result", "print_job_output",
    "list_submitted_jobs", "list_nodesources", "list_hosts", "list_tokens", "list_resources",
    "export_xml", "show_resource_manager", "show_scheduling_portal",
    "show_workflow_automation", "runtime_env",
}
UNCONNECTED = {"connect", "help", "configure"}
CREATES_TASK = {"task", "split", "process", "merge", "start", "loop", "branch", "if", "else",
                "continuation"}


def test_42_live_pragmas_and_the_removed_one() -> None:
    live = [n for n, s in PRAGMAS.items() if not s.removed]
    assert len(live) == 42
    assert [n for n, s in PRAGMAS.items() if s.removed] == ["get_result"]
    assert "help" not in HELP_TOPICS and "runtime_env" in HELP_TOPICS


def test_kernel_lists() -> None:
    live = {n: s for n, s in PRAGMAS.items() if not s.removed}
    assert {n for n, s in live.items() if s.empty_parens_ok} == EMPTY_OK
    assert {n for n, s in live.items() if not s.needs_connection} == UNCONNECTED
    assert {n for n, s in live.items() if not s.generic_grammar} == {"connect", "runtime_env"}
    assert {n for n, s in live.items() if s.creates_task} == CREATES_TASK


def test_every_entry_is_documented() -> None:
    for name, spec in PRAGMAS.items():
        assert spec.name == name
        assert spec.summary and spec.doc and spec.example
        assert spec.usage.startswith(f"#%{name}(")
        assert len({p.name for p in spec.params}) == len(spec.params)
        for param in spec.params:
            assert param.doc, (name, param.name)
            checked_at_parse = param.validated and param.kind is not Kind.TEXT
            if checked_at_parse and param.kind not in (Kind.LANGUAGE,):
                assert param.message, (name, param.name)


def test_kernel_wording_kept_verbatim() -> None:
    pre = PRAGMAS["pre_script"].param("name")
    assert pre is not None and pre.message == "Invalid name parameter "
    export = PRAGMAS["task"].param("export")
    assert export is not None and export.message == "Invalid dependencies parameter"
    variables = PRAGMAS["job"].param("variables")
    assert variables is not None and variables.message == "Invalid generic information parameter"


def test_hidden_parameters() -> None:
    process = PRAGMAS["process"]
    for name in ("dep", "variables", "runs", "precious_result"):
        spec = process.param(name)
        assert spec is not None and spec.hidden and not spec.validated
    language = PRAGMAS["selection_script"].param("language")
    assert language is not None and language.hidden
    assert "runs" in PRAGMAS["task"].usage and "precious_result" in PRAGMAS["task"].usage


def test_languages() -> None:
    assert len(LANGUAGES) == 12 and LANGUAGES["Python"] == "cpython"
    assert closest_language("python") == "Python"
    assert closest_language("bash") == "Linux_Bash"
    assert closest_language("groovy") == "Groovy"
    assert unsupported_message("python").startswith("Language 'python' not supported!\n")
