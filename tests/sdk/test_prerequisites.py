"""Without Java or the SDK the bridge says what to install; importing it costs nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from proactive_lsp.sdk import SdkUnavailableError, locate, missing_prerequisite, validate_xml

REPO = Path(__file__).resolve().parents[2]


def test_no_java_says_to_install_a_jdk(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PROACTIVE_LSP_CACHE", str(tmp_path / "cache"))
    with pytest.raises(SdkUnavailableError, match="install a JDK"):
        locate.java_executable()
    with pytest.raises(SdkUnavailableError, match="install a JDK"):
        validate_xml("<job/>")
    reason = missing_prerequisite()
    assert reason is not None and "java" in reason


def test_no_sdk_says_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(locate, "SDK_DISTRIBUTION", "proactive_lsp_absent_sdk")
    with pytest.raises(SdkUnavailableError, match=r"pip install 'proactive==13\.0\.3'"):
        locate.sdk_lib_dir()
    with pytest.raises(SdkUnavailableError, match=r"pip install 'proactive==13\.0\.3'"):
        locate.sdk_version()
    assert "proactive==13.0.3" in (missing_prerequisite() or "")


def test_importing_the_bridge_does_not_import_the_sdk() -> None:
    code = (
        "import sys, proactive_lsp.sdk; "
        "assert 'proactive' not in sys.modules and 'py4j' not in sys.modules, sorted(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, timeout=60)
