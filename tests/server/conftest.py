"""End-to-end fixtures: the real server over stdio, under several editors' capability profiles."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

SERVER = [sys.executable, "-m", "proactive_lsp"]


def capabilities(profile: str) -> types.ClientCapabilities:
    """Recorded client capabilities, adjusted the way each editor really behaves."""
    if profile == "vscode":
        caps = pytest_lsp.client_capabilities("visual-studio-code")
        caps.notebook_document = types.NotebookDocumentClientCapabilities(
            synchronization=types.NotebookDocumentSyncClientCapabilities(dynamic_registration=True)
        )
        return caps
    if profile == "neovim":
        caps = pytest_lsp.client_capabilities("neovim")
        if caps.text_document is not None:
            caps.text_document.diagnostic = None  # push, as Neovim 0.7-0.9 do
        return caps
    # jupyterlab-lsp: push only, no snippets, full-text changes.
    caps = pytest_lsp.client_capabilities("neovim")
    assert caps.text_document is not None
    caps.text_document.diagnostic = None
    if caps.text_document.completion and caps.text_document.completion.completion_item:
        caps.text_document.completion.completion_item.snippet_support = False
    return caps


async def start(client: LanguageClient, profile: str) -> None:
    await client.initialize_session(
        types.InitializeParams(capabilities=capabilities(profile), root_uri="file:///workspace")
    )


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    await start(lsp_client, "jupyterlab")
    yield
    await lsp_client.shutdown_session()
