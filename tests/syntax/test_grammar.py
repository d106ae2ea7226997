"""Table-driven tests of grammar/pragma.lark on its own: accept/reject and how it reads a line."""

from __future__ import annotations

import pytest
from lark.exceptions import UnexpectedInput

from proactive_lsp.syntax.grammar import grammar_path, pragma_parser

ACCEPTED = [
    "#%task(name=myTask)",
    "#%  task ( name = x , dep = [ a , b ] )",
    "#%task(   name   =  location  , dep = [hi]  )",
    "#%task",
    "#%task()",  # the empty-() rule depends on the trigger: the parser module checks it
    "#%task(name=)",
    "#%task(name=1task)",
    "#%task(name=a.b)",
    "#%task(name=my-task)",
    "#%task(name=tâche)",
    "#%task(name=x, variables=[(a,1)])",
    "#%task(name=x, dep=y)",
    "#%task(name=T2,dep=[T1],runs=N-2)",
    "#%task(name=T2,dep=[T1],runs=N/2)",
    "#%task(name=x, path=C:\\dir\\a.py)",
    "#%show_resource_manager(width=80%)",
    "#%task(name=x",
    "#%task(name=x)) ) ",
    "#%task(name=x)#",
    "#%%task(name=x)",
    "#% ) task(name=x)",
    "#% draw job()",
    "#%draw job",
    "#%",
    "#%(x=1)",
    "#%task(gi=[ ( a , b ) , ( c , d ) ])",
]

REJECTED = [
    '#%task(name="myTask")',
    "#%task(name='myTask')",
    "#%task(name=my task)",
    "#%task(name=x,)",
    "#%task(,name=x)",
    "#%task(name=x,,dep=[a])",
    "#%task(name)",
    "#%task(name=x, variables=[(a,b,c)])",
    "#%task(name=x, variables=[(a,b),(c)])",
    "#%task(name=x, dep=[])",
    "#%task(name=x, dep=[1a])",
    "#%task(name=x, gi=[(a-b,c)])",
    "#%task(name=T2,dep=[T1],runs=N*2)",
    "#%task(name=T2,dep=[T1],runs=3+x)",
    "#%task(name=x, path=~/a.py)",
    "#%task(name=x,\tlanguage=Python)",
    "#%task(name=x) # comment",
    "#%draw_job() extra",
    "#%task(name=x)\r",
    "#%task(name=é)",
    "#%task(name=myTask2, dep=[myTask1], import[var1,var2])",
    "#%draw_job([name=JOB_NAME], [inline=off], [save=on])",
    "#%import([language=SCRIPT_LANGUAGE]).",
    "#%task(dep=[a, [b]])",
    "#%task(a=b=c)",
]


def test_grammar_file_is_found() -> None:
    assert grammar_path().is_file()


@pytest.mark.parametrize("line", ACCEPTED)
def test_grammar_accepts(line: str) -> None:
    pragma_parser().parse(line)


@pytest.mark.parametrize("line", REJECTED)
def test_grammar_rejects(line: str) -> None:
    with pytest.raises(UnexpectedInput):
        pragma_parser().parse(line)


@pytest.mark.parametrize(
    ("line", "trigger"),
    [
        ("#%  task (name=x)", "task"),
        ("#% draw job()", "draw job"),
        ("#%draw job ", "draw job"),
        ("#%task #", "task"),
        ("#%task#(x=1)", "task#"),
        ("#%%%task", "task"),
        ("#%Task(name=x)", "Task"),
    ],
)
def test_grammar_reads_the_trigger_as_the_kernel(line: str, trigger: str) -> None:
    tree = pragma_parser().parse(line)
    triggers = [t for t in tree.children if getattr(t, "type", "").startswith("TRIGGER")]
    assert [str(t) for t in triggers] == [trigger]


def test_the_tail_takes_stripped_characters_only_at_the_end() -> None:
    tree = pragma_parser().parse("#%show_resource_manager(width=80%) ")
    assert str(tree.children[-1]) == "%) "
