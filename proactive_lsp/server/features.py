"""Register every LSP feature module on the server (one module per concern)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from proactive_lsp.server import actions, assist, jobs, navigation, outline, outputs

if TYPE_CHECKING:
    from proactive_lsp.server.app import ProActiveServer


def register(server: ProActiveServer) -> None:
    store = server.store
    navigation.register(server, store)
    navigation.register_hierarchy(server, store)
    outline.register(server, store)
    actions.register(server, store)
    assist.register(server, store)
    outputs.register(server, store)
    jobs.register(server, store)
