"""Run the stand-in on its own, for the editor end-to-end tests: prints its URL, then serves.

    PYTHONPATH=tests python -m standin.serve --user e2e:e2e-secret --polls 8 --seconds 600

It stops by itself after ``--seconds`` (the e2e runner also kills it), and listens on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import sys
import time

from .behaviour import Behaviour
from .scheduler import StandinScheduler


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--user", default="admin:admin", help="LOGIN:PASSWORD accepted")
    parser.add_argument("--polls", type=int, default=4, help="status reads before a job ends")
    parser.add_argument("--seconds", type=float, default=600.0, help="stop after this long")
    args = parser.parse_args()
    login, _, password = args.user.partition(":")
    behaviour = Behaviour(users={login: password}, polls_until_finished=args.polls)
    with StandinScheduler(behaviour) as scheduler:
        print(scheduler.base_url, flush=True)
        deadline = time.monotonic() + args.seconds
        while time.monotonic() < deadline:
            time.sleep(0.5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
