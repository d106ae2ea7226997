"""Where the ProActive SDK jars and the Java tools are, found without importing the SDK.

Importing `proactive` pulls in py4j and may print; `find_spec` only locates the package.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import shutil
from pathlib import Path

from proactive_lsp.sdk.errors import SdkUnavailableError

SDK_DISTRIBUTION = "proactive"
SDK_PIN = "proactive==13.0.3"

_INSTALL_SDK = (
    f"install the ProActive Python SDK: pip install '{SDK_PIN}' "
    "(or pip install 'proactive-lsp[sdk]')"
)
_INSTALL_JDK = "install a JDK (Java 8 or newer), e.g. apt-get install openjdk-17-jdk-headless"


def sdk_lib_dir() -> Path:
    """The folder holding the SDK's jars (`proactive/java/lib`)."""
    spec = importlib.util.find_spec(SDK_DISTRIBUTION)
    if spec is None or spec.origin is None:
        raise SdkUnavailableError(f"The 'proactive' package is not installed: {_INSTALL_SDK}")
    lib = Path(spec.origin).parent / "java" / "lib"
    if not any(lib.glob("scheduler-api-*.jar")):
        raise SdkUnavailableError(f"No ProActive jars under {lib}: re-{_INSTALL_SDK}")
    return lib


def sdk_version() -> str:
    """The installed SDK's version; part of the compiled validator's cache key."""
    try:
        return importlib.metadata.version(SDK_DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError as e:
        message = f"The 'proactive' package is not installed: {_INSTALL_SDK}"
        raise SdkUnavailableError(message) from e


def java_executable() -> str:
    """`java` as the SDK finds it (first on PATH), else `$JAVA_HOME/bin/java`."""
    found = shutil.which("java") or _from_java_home("java")
    if found is None:
        raise SdkUnavailableError(f"No 'java' on PATH nor in JAVA_HOME: {_INSTALL_JDK}")
    return found


def javac_executable() -> str:
    """`javac` of the same JDK as `java` when there is one, so classes match the runtime."""
    java = Path(java_executable()).resolve()
    sibling = java.with_name("javac")
    if sibling.is_file() and os.access(sibling, os.X_OK):
        return str(sibling)
    found = shutil.which("javac") or _from_java_home("javac")
    if found is None:
        raise SdkUnavailableError(
            f"'java' is there but not 'javac' (a JRE, not a JDK): {_INSTALL_JDK}"
        )
    return found


def _from_java_home(tool: str) -> str | None:
    home = os.environ.get("JAVA_HOME")
    if not home:
        return None
    candidate = Path(home) / "bin" / tool
    return str(candidate) if candidate.is_file() else None


def missing_prerequisite() -> str | None:
    """Why ProActive's validator cannot run here (what to install), or `None` when it can."""
    try:
        sdk_lib_dir()
        javac_executable()
    except SdkUnavailableError as e:
        return str(e)
    return None
