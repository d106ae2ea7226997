"""Settings: severity overrides and disabled codes, from initializationOptions and from
workspace/didChangeConfiguration, change what is published (push) or pulled."""

from __future__ import annotations

from typing import Any

from conftest import SERVER, Client, make_client, start
from lspkit import barrier, codes, doc, open_text
from lsprotocol import types

TEXT = "#%task(name=a, export=[unused])\nunused = 1\n\n#%task(name=b, dep=[zz])\ny = 2\n"
URI = "file:///workspace/settings.py"


async def session(profile: str, options: Any = None) -> Client:
    client = make_client()
    await client.start_io(*SERVER)
    await start(client, profile, options)
    return client


def by_code(client: Client) -> dict[str, types.DiagnosticSeverity | None]:
    return {str(d.code): d.severity for d in client.diagnostics[URI]}


async def test_initialization_options_override_severity_and_disable_codes() -> None:
    client = await session(
        "neovim",
        {
            "proactive": {
                "severity": {"PA301": "warning", "pa504": "information"},
                "disabled": ["PA604"],
            }
        },
    )
    try:
        open_text(client, URI, TEXT)
        await barrier(client)
        assert by_code(client) == {
            "PA301": types.DiagnosticSeverity.Warning,
            "PA504": types.DiagnosticSeverity.Information,
        }
        await client.shutdown_session()
    finally:
        await client.stop()  # type: ignore[no-untyped-call]


async def test_did_change_configuration_republishes_what_changed() -> None:
    client = await session("neovim")
    try:
        open_text(client, URI, TEXT)
        await barrier(client)
        assert by_code(client)["PA301"] == types.DiagnosticSeverity.Error
        assert "PA604" in by_code(client)

        client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(
                settings={
                    "proactive": {"disabled": ["PA604", "PA504"], "severity": {"PA301": "hint"}}
                }
            )
        )
        await barrier(client)
        assert by_code(client) == {"PA301": types.DiagnosticSeverity.Hint}

        before = len(client.published)
        client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(
                settings={
                    "proactive": {"disabled": ["PA604", "PA504"], "severity": {"PA301": "hint"}}
                }
            )
        )
        await barrier(client)
        assert client.published[before:] == []  # same settings: nothing re-sent

        client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(
                settings={"proactive": {"disabled": [], "severity": {}}}
            )
        )
        await barrier(client)
        assert by_code(client)["PA301"] == types.DiagnosticSeverity.Error
        assert "PA604" in by_code(client)
        await client.shutdown_session()
    finally:
        await client.stop()  # type: ignore[no-untyped-call]


async def test_settings_apply_to_pulled_diagnostics_and_ask_for_a_refresh() -> None:
    client = await session("vscode", {"proactive": {"disabled": ["PA604"]}})
    try:
        open_text(client, URI, TEXT)
        await barrier(client)

        async def pulled() -> list[str]:
            report = await client.text_document_diagnostic_async(
                types.DocumentDiagnosticParams(text_document=doc(URI))
            )
            assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
            return codes(report.items, ignore=())

        assert sorted(await pulled()) == ["PA301", "PA504"]
        refreshes = client.diagnostic_refresh_count
        client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(
                settings={"proactive": {"disabled": ["PA604", "PA301"]}}
            )
        )
        await barrier(client)
        assert client.diagnostic_refresh_count > refreshes
        assert await pulled() == ["PA504"]
        assert client.published == []
        await client.shutdown_session()
    finally:
        await client.stop()  # type: ignore[no-untyped-call]
