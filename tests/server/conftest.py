"""End-to-end fixtures: the real server over stdio, under several editors' capability profiles.

Profiles (what each editor really declares, see the editors spec):
- `vscode`: VS Code with vscode-languageclient >= 10: notebook sync and *pull* diagnostics.
- `vscode-push`: the same editor with a client that syncs notebooks but only takes pushed
  diagnostics (vscode-languageclient 8/9 in notebooks); used to count published notifications.
- `neovim`: Neovim 0.11's recorded capabilities, push only (as 0.7-0.9 do).
- `jupyterlab`: jupyterlab-lsp 5: push only, no snippets, UTF-16 positions, one virtual
  document per notebook with full-text changes.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from typing import Any

import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

SERVER = [sys.executable, "-m", "proactive_lsp"]
ROOT = "file:///workspace"


def capabilities(profile: str) -> types.ClientCapabilities:
    """Recorded client capabilities, adjusted the way each editor really behaves."""
    if profile in ("vscode", "vscode-push"):
        caps = pytest_lsp.client_capabilities("visual-studio-code")
        caps.notebook_document = types.NotebookDocumentClientCapabilities(
            synchronization=types.NotebookDocumentSyncClientCapabilities(dynamic_registration=True)
        )
        if profile == "vscode":
            assert caps.text_document is not None and caps.workspace is not None
            caps.text_document.diagnostic = types.DiagnosticClientCapabilities(
                dynamic_registration=True, related_document_support=False
            )
            caps.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(
                refresh_support=True
            )
        return caps
    if profile == "neovim":
        caps = pytest_lsp.client_capabilities("neovim")
        if caps.text_document is not None:
            caps.text_document.diagnostic = None  # push, as Neovim 0.7-0.9 do
        return caps
    assert profile == "jupyterlab", profile
    # jupyterlab-lsp: push only, no snippets, UTF-16 (no positionEncodings), full-text changes.
    caps = pytest_lsp.client_capabilities("neovim")
    assert caps.text_document is not None
    caps.text_document.diagnostic = None
    caps.general = None
    if caps.text_document.completion and caps.text_document.completion.completion_item:
        caps.text_document.completion.completion_item.snippet_support = False
    return caps


class Client(LanguageClient):
    """pytest-lsp's client that also keeps every notification and edit request it receives."""

    published: list[types.PublishDiagnosticsParams]
    applied_edits: list[types.ApplyWorkspaceEditParams]
    init_result: types.InitializeResult | None


def _record_publish(client: Client, params: types.PublishDiagnosticsParams) -> None:
    client.published.append(params)
    client.diagnostics[params.uri] = params.diagnostics


def _apply_edit(
    client: Client, params: types.ApplyWorkspaceEditParams
) -> types.ApplyWorkspaceEditResult:
    client.applied_edits.append(params)
    return types.ApplyWorkspaceEditResult(applied=True)


def _command_or_action(value: Any, _: type) -> types.Command | types.CodeAction:
    # lsprotocol 2025's own hook reads every item with a `command` key as a Command, so a
    # CodeAction that carries a command would come back mangled: tell them apart by its type.
    converter = default_converter()  # type: ignore[no-untyped-call]
    kind = types.Command if isinstance(value.get("command"), str) else types.CodeAction
    found: types.Command | types.CodeAction = converter.structure(value, kind)
    return found


def make_client() -> Client:
    client = Client(converter_factory=default_converter)
    client.published = []
    client.applied_edits = []
    client.init_result = None
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = _record_publish
    features[types.WORKSPACE_APPLY_EDIT] = _apply_edit
    register_lsp_features(client, features)
    client.protocol._converter.register_structure_hook(
        types.Command | types.CodeAction,
        _command_or_action,
    )
    return client


CONFIG = ClientServerConfig(server_command=SERVER, client_factory=make_client)


async def start(
    client: LanguageClient, profile: str, options: Any = None, root_uri: str = ROOT
) -> types.InitializeResult:
    result = await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities(profile), root_uri=root_uri, initialization_options=options
        )
    )
    if isinstance(client, Client):
        client.init_result = result
    return result


@pytest_lsp.fixture(config=CONFIG)  # type: ignore[untyped-decorator]
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    """A fresh server per test, as jupyterlab-lsp starts it."""
    await start(lsp_client, "jupyterlab")
    yield
    await lsp_client.shutdown_session()
