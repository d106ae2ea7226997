"""`proactive-lsp submit | results | jobs`: submit a workflow through the SDK and follow its job.

* `submit PATH [--url URL --login USER | --config INI] [--wait]` — refuses a workflow with
  errors; honours the document's `#%submit_job` options (flags override them); prints
  `job_id: N`, and with `--wait` the task counts on stderr until the job ends, then a summary.
* `results [JOB_ID] [--task NAME] [--output]` — a job's (or a task's) results, or its stdout
  with `--output`; the last submitted job by default; the server and login of the job's record
  unless given.
* `jobs` — the jobs submitted from this machine (the local record).

The password is never an argument: it comes from `PROACTIVE_PASSWORD`, the ini, a
`#%connect(password=...)` in the document, `--password-stdin`, or a prompt on a terminal.

Exit codes: 0 done (with `--wait`: the job finished and no task failed); 1 the workflow has
errors, the scheduler rejected the job, an option is invalid, or the job failed; 2 usage, I/O,
settings, connection or Java problems.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from proactive_lsp.submit.errors import (
    ConnectionSettingsError,
    InvalidOption,
    JobRejected,
    PasswordNeeded,
    SubmitError,
    WorkflowHasErrors,
)

_JOB_FAULTS = (WorkflowHasErrors, JobRejected, InvalidOption)


def add_submit_parsers(subparsers: Any) -> None:
    """Register `submit`, `results` and `jobs` on the main parser's `add_subparsers()` object."""
    submit = subparsers.add_parser(
        "submit", help="submit a notebook or .py workflow to a ProActive scheduler",
        description="Submit a workflow through the ProActive SDK, as #%%submit_job does. "
        "A workflow with errors is never submitted. Exit 0: submitted (with --wait: finished "
        "with no failed task); 1: refused, rejected or failed; 2: usage, connection or Java "
        "problem.",
    )
    submit.add_argument("path", metavar="PATH", help="notebook (.ipynb) or .py workflow")
    _connection_arguments(submit)
    submit.add_argument("--wait", action="store_true",
                        help="follow the job until it ends, then print a summary")
    for option in ("name", "input-path", "output-path", "nodesource", "host", "token"):
        submit.add_argument(f"--{option}", default=None,
                            help=f"the #%%submit_job `{option.replace('-', '_')}` option")
    submit.add_argument("--poll", type=float, default=1.0, metavar="SECONDS",
                        help="time between two status reads with --wait (default 1)")
    submit.add_argument("--format", choices=("text", "json"), default="text")

    results = subparsers.add_parser(
        "results", help="results or outputs of a submitted job or task",
        description="Print a job's results (get_job_result), a task's (--task, "
        "get_task_result), or their stdout (--output, print_job_output/print_task_output). "
        "Without JOB_ID: the last job submitted from this machine.",
    )
    results.add_argument("job_id", metavar="JOB_ID", type=int, nargs="?", default=None)
    results.add_argument("--task", metavar="NAME", default=None)
    results.add_argument("--output", action="store_true", help="stdout instead of results")
    _connection_arguments(results)

    jobs = subparsers.add_parser("jobs", help="list the jobs submitted from this machine")
    jobs.add_argument("--limit", type=int, default=50)
    jobs.add_argument("--format", choices=("text", "json"), default="text")


def _connection_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("connection (default: #%connect, proactive_config.ini, "
                                      "PROACTIVE_URL/LOGIN/PASSWORD)")
    group.add_argument("--url", default=None, help="scheduler root, e.g. https://host:8443")
    group.add_argument("--login", default=None)
    group.add_argument("--config", metavar="INI", default=None,
                       help="a proactive_config.ini to read the server and user from")
    group.add_argument("--password-stdin", action="store_true",
                       help="read the password from the first line of stdin")
    group.add_argument("--deadline", type=float, default=20.0, metavar="SECONDS",
                       help="give up on a server that does not answer (default 20)")


def run_job_command(args: argparse.Namespace) -> int:
    """Dispatch a parsed `submit`/`results`/`jobs` command line."""
    if args.command == "submit":
        return run_submit(args)
    if args.command == "results":
        return run_results(args)
    return run_jobs(args)


@contextlib.contextmanager
def _sdk_quiet() -> Iterator[TextIO]:
    """Our stdout for our output; the SDK's `print()`s go to stderr meanwhile."""
    out = sys.stdout
    sys.stdout = sys.stderr
    try:
        yield out
    finally:
        sys.stdout = out


def _password(args: argparse.Namespace, target: Any) -> Any:
    if target.password:
        return target
    if args.password_stdin:
        return target.with_password(sys.stdin.readline().rstrip("\r\n"))
    if sys.stdin.isatty():
        return target.with_password(getpass.getpass(f"Password for {target.describe()}: "))
    return target


def _fail(error: SubmitError, context: str = "error") -> int:
    print(f"{context}: {error}", file=sys.stderr)
    return 1 if isinstance(error, _JOB_FAULTS) else 2


def run_submit(args: argparse.Namespace) -> int:
    from proactive_lsp.analysis import analyze
    from proactive_lsp.documents.cells import DocumentError
    from proactive_lsp.documents.load import load_document
    from proactive_lsp.submit.client import SchedulerSession
    from proactive_lsp.submit.connection import resolve_target
    from proactive_lsp.submit.record import JobRecords
    from proactive_lsp.submit.run import SubmitOptions, follow, refusal, submit_document

    path = Path(args.path)
    try:
        analysis = analyze(load_document(path))
    except DocumentError as error:
        print(f"{path}: error: {error}", file=sys.stderr)
        return 2
    refused = refusal(analysis)
    if refused is not None:
        return _fail(refused, str(path))
    overrides = {"name": args.name, "input_path": args.input_path,
                 "output_path": args.output_path, "nodesource": args.nodesource,
                 "host": args.host, "token": args.token}
    options = SubmitOptions.from_document(analysis).merged(overrides)
    records = JobRecords()
    with _sdk_quiet() as out:
        try:
            target = resolve_target(url=args.url, login=args.login, config=args.config,
                                    analysis=analysis)
            target = _password(args, target).complete()
            with SchedulerSession(target, deadline=args.deadline) as session:
                job = submit_document(session, analysis, options, records)
                if args.format == "text":
                    print(f"job_id: {job.job_id}", file=out, flush=True)
                if not args.wait:
                    if args.format == "json":
                        print(json.dumps({"jobId": job.job_id, "name": job.name,
                                          "url": job.url}), file=out)
                    return 0

                def show(progress: Any) -> None:
                    print(f"job {progress.job_id}: {progress.status}: {progress.counts()}",
                          file=sys.stderr, flush=True)

                summary = follow(session, job, on_progress=show, poll_seconds=args.poll,
                                 records=records)
        except PasswordNeeded as error:
            print(f"error: {error}: set PROACTIVE_PASSWORD, put it in the ini, or use "
                  "--password-stdin", file=sys.stderr)
            return 2
        except SubmitError as error:
            return _fail(error, "not submitted" if isinstance(error, _JOB_FAULTS) else "error")
        if args.format == "json":
            print(json.dumps(summary.as_dict()), file=out)
        else:
            print(summary.text(), file=out)
    return 0 if summary.succeeded else 1


def run_results(args: argparse.Namespace) -> int:
    from proactive_lsp.submit.client import SchedulerSession
    from proactive_lsp.submit.connection import resolve_target
    from proactive_lsp.submit.record import JobRecords
    from proactive_lsp.submit.run import results_text

    record = JobRecords().find(args.job_id, None)
    job_id = args.job_id if args.job_id is not None else (record.job_id if record else None)
    if job_id is None:
        print("error: no job submitted from this machine yet: give a JOB_ID", file=sys.stderr)
        return 2
    with _sdk_quiet() as out:
        try:
            if args.url or args.config or record is None:
                target = resolve_target(url=args.url, login=args.login, config=args.config)
            else:
                target = resolve_target(url=record.url, login=args.login or record.login,
                                        explicit_source="the job's record")
            target = _password(args, target).complete()
            with SchedulerSession(target, deadline=args.deadline) as session:
                outcomes = session.results(job_id, args.task)
        except ConnectionSettingsError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        except PasswordNeeded as error:
            print(f"error: {error}: set PROACTIVE_PASSWORD or use --password-stdin",
                  file=sys.stderr)
            return 2
        except SubmitError as error:
            return _fail(error)
        print(results_text(outcomes, output=args.output, task=args.task), file=out)
    return 0


def run_jobs(args: argparse.Namespace) -> int:
    from proactive_lsp.submit.record import JobRecords

    records = JobRecords().all(args.limit)
    if args.format == "json":
        print(json.dumps([r.__dict__ for r in records]))
    else:
        for record in records:
            print(record.line())
    return 0


def main(argv: list[str] | None = None) -> int:
    """`python -m proactive_lsp.cli.jobs submit|results|jobs ...` (same as `proactive-lsp ...`)."""
    parser = argparse.ArgumentParser(prog="proactive-lsp")
    add_submit_parsers(parser.add_subparsers(dest="command", metavar="COMMAND", required=True))
    return run_job_command(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
