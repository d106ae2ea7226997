"""Registers the marker of the editor end-to-end tests."""


def pytest_configure(config):  # type: ignore[no-untyped-def]
    config.addinivalue_line(
        "markers",
        "editors_e2e: drives real editors (code-server, JupyterLab) in headless Chromium; "
        "needs PROACTIVE_E2E=1, installs into .cache/e2e/",
    )
