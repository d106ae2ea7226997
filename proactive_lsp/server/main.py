"""Run the server over stdio (or TCP for debugging), keeping stdout for the protocol only."""

from __future__ import annotations

import gc
import logging
import os
import sys


def serve(tcp: str | None = None) -> int:
    logging.basicConfig(
        stream=sys.stderr, level=os.environ.get("PROACTIVE_LSP_LOG", "INFO").upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # pygls logs every message it sends and receives at INFO, document text included (and so a
    # password written in a #%connect): protocol traces are opt-in.
    if os.environ.get("PROACTIVE_LSP_TRACE_PROTOCOL") != "1":
        logging.getLogger("pygls").setLevel(logging.WARNING)
    from proactive_lsp.server.app import create_server

    server = create_server()
    # The analysis builds many small acyclic objects per keystroke, freed by reference counting;
    # frequent cyclic collections over everything the imports left behind only add latency.
    gc.collect()
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    if tcp is not None:
        host, _, port = tcp.rpartition(":")
        server.start_tcp(host or "127.0.0.1", int(port))
        return 0
    # Libraries print (the ProActive SDK writes [INFO] lines to stdout): JSON-RPC gets its own
    # duplicate of fd 1, and fd 1 / sys.stdout then point at stderr.
    protocol_out = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    server.start_io(sys.stdin.buffer, protocol_out)
    return 0
