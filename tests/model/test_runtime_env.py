"""The Groovy fork-environment script of `#%runtime_env` (proactive_lsp/model/runtime_env.py).

The structural tests run everywhere. The `requires_sdk` ones run the generated scripts in a real
Groovy (with stand-in `variables`, `localspace` and `forkEnvironment` bindings, and a fake
`singularity` on PATH) and export a job through the SDK for ProActive's validator; they skip
without Java, the SDK or a Groovy. The SDK ships no Groovy, so the Groovy is looked up in
`$PROACTIVE_LSP_GROOVY_LIB`, `$GROOVY_HOME/lib` or Debian's `/usr/share/groovy/lib`
(apt-get install groovy).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote_plus

import pytest

from proactive_lsp.analysis import analyze
from proactive_lsp.documents.notebook import notebook_from_cells
from proactive_lsp.model.runtime_env import (
    DEFAULT_IMAGE,
    parse_boolean,
    platform_of,
    resolve,
    runtime_env_script,
)

# --- structure (no Java) -------------------------------------------------------------------------


def settings(script: str) -> dict[str, str]:
    """The `String X = ...` / `boolean X = ...` settings at the top of a script."""
    found: dict[str, str] = {}
    for line in script.splitlines():
        for kind in ("String ", "boolean "):
            if line.startswith(kind) and " = " in line and line.split()[1].isupper():
                name, value = line[len(kind):].split(" = ", 1)
                found[name] = value
    return found


def test_defaults() -> None:
    script = runtime_env_script({})
    assert settings(script) == {
        "PLATFORM": "'docker'",
        "IMAGE": f"'{DEFAULT_IMAGE}'",
        "NVIDIA_GPU": "false",
        "ROOTLESS": "false",
        "ISOLATION": "false",
        "NO_HOME": "false",
        "HOST_NETWORK": "true",
        "VERBOSE": "false",
        "MOUNT_HOST": "''",
        "MOUNT_CONTAINER": "''",
    }
    assert "preJavaHomeCmd = cmd.join(' ')" in script
    assert "['--network', 'host']" in script and "'HOME=/tmp'" in script
    assert "singularity" not in script.split("// It sets", 1)[1]
    assert "null:null" not in script


def test_defaults_are_said_at_the_top() -> None:
    head = runtime_env_script({}).split("\n\n", 1)[0]
    for said in ("type=docker", f"image={DEFAULT_IMAGE}", "nvidia_gpu=false", "rootless=false",
                 "isolation=false", "no_home=false", "host_network=true", "verbose=false",
                 "mount_host_path"):
        assert said in head
    assert all(line.startswith("//") for line in head.splitlines())


def test_docker_and_podman_pieces() -> None:
    docker = runtime_env_script({"type": "docker", "nvidia_gpu": "true"})
    assert "['--gpus', 'all']" in docker and "['--device', 'nvidia.com/gpu=all']" in docker
    assert "'run', '--rm'" in docker and "'--user', ids" in docker and "'-w', inContainer" in docker
    assert "variables.get('PA_SCHEDULER_HOME')" in docker and "String.valueOf(localspace)" in docker
    assert "startsWith('docker://')" in docker
    podman = runtime_env_script({"type": "Podman"})
    assert settings(podman)["PLATFORM"] == "'podman'"


def test_singularity_pieces() -> None:
    script = runtime_env_script({"type": "SINGULARITY", "image": "/images/tool.sif"})
    assert settings(script)["PLATFORM"] == "'singularity'"
    for piece in ("'singularity', 'exec'", "'--nv'", "'--no-home'", "'--containall'", "'-B'",
                  "'--pwd'", "'singularity', 'pull'", "endsWith('.sif')", "'docker://' + IMAGE"):
        assert piece in script
    assert "'run', '--rm'" not in script


@pytest.mark.parametrize("kind", ["lxc", "", "none", "docker2"])
def test_unknown_platform_sets_nothing(kind: str) -> None:
    script = runtime_env_script({"type": kind, "nvidia_gpu": "true"})
    code = [line for line in script.splitlines() if line and not line.startswith("//")]
    assert code == [
        f"println 'runtime_env: type {kind} is not docker, podman or singularity: "
        "the task runs without a container'"
    ]
    assert resolve({"type": kind}).platform is None


def test_booleans_are_read_case_insensitively_with_a_note() -> None:
    script = runtime_env_script({"nvidia_gpu": "True", "host_network": "FALSE", "rootless": "yes"})
    values = settings(script)
    assert values["NVIDIA_GPU"] == "true"
    assert values["HOST_NETWORK"] == "false"
    assert values["ROOTLESS"] == "false"  # not a boolean: the default
    assert "// Note: nvidia_gpu=True read as true" in script
    assert "// Note: rootless=yes is neither true nor false: using the default false" in script
    assert "// Note: verbose" not in runtime_env_script({"verbose": "TRUE"})  # kernel: any case
    assert [parse_boolean(t) for t in ("true", "FaLsE", "1", None)] == [True, False, None, None]


@pytest.mark.parametrize(
    ("host", "container", "expected"),
    [
        (None, None, ("''", "''")),
        ("null", "null", ("''", "''")),  # the kernel's own default: no `-v null:null`
        ("", "/logs", ("''", "''")),
        ("/data", None, ("'/data'", "'/data'")),
        ("/data", "null", ("'/data'", "'/data'")),
        ("/data", "/mnt/logs", ("'/data'", "'/mnt/logs'")),
    ],
)
def test_mounts(host: str | None, container: str | None, expected: tuple[str, str]) -> None:
    values = settings(runtime_env_script(
        {"mount_host_path": host, "mount_container_path": container}
    ))
    assert (values["MOUNT_HOST"], values["MOUNT_CONTAINER"]) == expected


def test_empty_image_uses_the_default() -> None:
    env = resolve({"image": ""})
    assert env.image == DEFAULT_IMAGE and env.notes


def test_values_are_escaped() -> None:
    script = runtime_env_script({"image": "it's$x\\users", "mount_host_path": "/a\tb"})
    assert settings(script)["IMAGE"] == "'it\\'s$x\\\\users'"
    assert settings(script)["MOUNT_HOST"] == "'/a\\tb'"
    assert "\\u" not in script.replace("\\\\u", "")  # Groovy reads \uXXXX even in comments


def test_platform_of() -> None:
    assert [platform_of(t) for t in (None, "DOCKER", "podman", "x")] == [
        "docker", "docker", "podman", None
    ]


def test_the_kernel_model_uses_it_for_the_job_default() -> None:
    analysis = analyze(notebook_from_cells([
        "#%runtime_env(type=singularity, image=docker://a, image=docker://b, nvidia_gpu=true)",
        "#%task(name=t)\nprint(1)",
    ]))
    fork_env = analysis.workflow.tasks["t"].fork_env
    assert fork_env is not None and fork_env.language == "Groovy"
    assert fork_env.code == runtime_env_script(
        {"type": "singularity", "image": "docker://b", "nvidia_gpu": "true"}
    )


# --- in a real Groovy ----------------------------------------------------------------------------

# Runs each script given on the command line with stand-in bindings, one JVM for all of them,
# and prints `key=value` lines (values URL-encoded) after a `#name` line per script.
DRIVER = r"""
class StandInFork {
    String javaHome = ''
    boolean windowsToLinux = false
    void setJavaHome(String home) { javaHome = home }
    void setDockerWindowsToLinux(boolean value) { windowsToLinux = value }
    static String convertToLinuxPath(String path) { path }
}
def enc = { Object v -> java.net.URLEncoder.encode(String.valueOf(v), 'UTF-8') }
String localspace = args[0]
args.drop(1).each { String path ->
    def fork = new StandInFork()
    def printed = new StringWriter()
    def binding = new Binding([variables: [PA_SCHEDULER_HOME: '/opt/proactive'],
                               localspace: localspace, forkEnvironment: fork,
                               out: new PrintWriter(printed, true)])
    println '#' + new File(path).getName()
    try {
        new GroovyShell(binding).evaluate(new File(path))
        println 'error='
    } catch (Throwable e) {
        println 'error=' + enc(e.toString())
    }
    println 'cmd=' + enc(binding.hasVariable('preJavaHomeCmd') ? binding.getVariable('preJavaHomeCmd') : '<unset>')
    println 'javaHome=' + enc(fork.javaHome)
    println 'printed=' + enc(printed.toString())
}
println 'nodeJavaHome=' + enc(System.getProperty('java.home'))
"""

# Stands in for `singularity pull OUT URI`: logs the call and writes OUT.
FAKE_SINGULARITY = """#!/bin/sh
echo "$@" >> "$(dirname "$0")/calls.log"
if [ "$1" = pull ]; then echo "image of $3" > "$2"; fi
"""


def groovy_lib() -> Path | None:
    """A folder of jars holding Groovy (with its dependencies), or None."""
    folders: list[Path] = []
    with contextlib.suppress(Exception):
        from proactive_lsp.sdk.locate import sdk_lib_dir

        folders.append(sdk_lib_dir())
    for variable, suffix in (("PROACTIVE_LSP_GROOVY_LIB", ""), ("GROOVY_HOME", "lib")):
        if os.environ.get(variable):
            folders.append(Path(os.environ[variable]) / suffix)
    folders.append(Path("/usr/share/groovy/lib"))
    for folder in folders:
        if any(folder.glob("groovy-[0-9]*.jar")) or any(folder.glob("groovy.jar")):
            return folder
    return None


def groovy_missing() -> str | None:
    from proactive_lsp.sdk.locate import missing_prerequisite

    reason = missing_prerequisite()
    if reason is not None:
        return reason
    if groovy_lib() is None:
        return "no Groovy jars (SDK lib, $PROACTIVE_LSP_GROOVY_LIB, $GROOVY_HOME/lib or /usr/share/groovy/lib)"
    return None


@dataclass(frozen=True)
class Run:
    cmd: str
    error: str
    java_home: str
    printed: str


@dataclass
class Groovy:
    folder: Path
    node_java_home: str = ""

    def run(self, scripts: Mapping[str, str]) -> dict[str, Run]:
        from proactive_lsp.sdk.locate import java_executable

        lib = groovy_lib()
        assert lib is not None
        driver = self.folder / "driver.groovy"
        driver.write_text(DRIVER, encoding="utf-8")
        paths = []
        for name, text in scripts.items():
            path = self.folder / f"{name}.groovy"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        env = dict(os.environ, PATH=f"{self.folder / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
        result = subprocess.run(
            [java_executable(), f"-Duser.home={self.folder / 'home'}", "-cp", f"{lib}/*",
             "groovy.ui.GroovyMain", str(driver), str(self.folder / "space"), *paths],
            capture_output=True, text=True, timeout=120, env=env, check=False,
        )
        assert result.returncode == 0, result.stderr
        runs: dict[str, Run] = {}
        name, fields = "", {}
        for line in result.stdout.splitlines():
            if line.startswith("#"):
                name, fields = line[1:].removesuffix(".groovy"), {}
                continue
            key, _, value = line.partition("=")
            fields[key] = unquote_plus(value)
            if key == "printed":
                runs[name] = Run(fields["cmd"], fields["error"], fields["javaHome"], fields["printed"])
            if key == "nodeJavaHome":
                self.node_java_home = fields[key]
        return runs


@pytest.fixture(scope="module")
def groovy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Groovy]:
    reason = groovy_missing()
    if reason is not None:
        pytest.skip(f"cannot run Groovy: {reason}")
    folder = tmp_path_factory.mktemp("groovy")
    (folder / "home").mkdir()
    (folder / "space").mkdir()
    (folder / "bin").mkdir()
    fake = folder / "bin" / "singularity"
    fake.write_text(FAKE_SINGULARITY, encoding="utf-8")
    fake.chmod(0o755)
    yield Groovy(folder)
    shutil.rmtree(folder, ignore_errors=True)


CASES: dict[str, dict[str, str | None]] = {
    "default": {},
    "docker_gpu": {"type": "docker", "image": "docker://python:3.11", "nvidia_gpu": "true"},
    "podman_gpu": {"type": "PODMAN", "image": "python:3.11", "nvidia_gpu": "true",
                   "host_network": "false", "rootless": "true"},
    "docker_mount": {"mount_host_path": "/data", "mount_container_path": "/logs"},
    "docker_null_mount": {"mount_host_path": "null", "mount_container_path": "null"},
    "docker_verbose": {"verbose": "True", "image": "docker://quay.io/x/y:1"},
    "docker_bad_bools": {"nvidia_gpu": "True", "rootless": "yes", "host_network": "FALSE"},
    "docker_odd_image": {"image": "it's$x\\users\\u0041]]>\x01"},
    "singularity_sif": {"type": "singularity", "image": "/images/tool.sif", "nvidia_gpu": "true",
                        "no_home": "true", "isolation": "true", "mount_host_path": "/data"},
    "singularity_pull": {"type": "Singularity", "image": "docker://python:3.11"},
    "singularity_pull_again": {"type": "singularity", "image": "docker://python:3.11",
                               "verbose": "true"},
    "unknown": {"type": "lxc"},
}


@pytest.fixture(scope="module")
def runs(groovy: Groovy) -> dict[str, Run]:
    return groovy.run({name: runtime_env_script(params) for name, params in CASES.items()})


@pytest.mark.requires_sdk
def test_every_script_runs_in_groovy(runs: dict[str, Run]) -> None:
    assert set(runs) == set(CASES)
    assert {name: run.error for name, run in runs.items() if run.error} == {}


def user_ids() -> str:
    return f"{os.getuid()}:{os.getgid()}"


@pytest.mark.requires_sdk
def test_docker_commands(runs: dict[str, Run], groovy: Groovy) -> None:
    space, jre = groovy.folder / "space", groovy.node_java_home
    common = (f"-v /opt/proactive:/opt/proactive -v {space}:{space} -v {jre}:{jre}:ro")
    assert runs["default"].cmd == (
        f"docker run --rm --env HOME=/tmp --network host {common} --user {user_ids()} "
        f"-w {space} activeeon/dlm3"
    )
    assert runs["default"].java_home == jre
    assert runs["default"].printed == ""
    assert runs["docker_gpu"].cmd.startswith(
        "docker run --rm --env HOME=/tmp --network host --gpus all -v "
    )
    assert runs["docker_gpu"].cmd.endswith(f"-w {space} python:3.11")
    assert runs["podman_gpu"].cmd == (
        f"podman run --rm --env HOME=/tmp --device nvidia.com/gpu=all {common} "
        f"-w {space} python:3.11"
    )
    assert f"{jre}:ro -v /data:/logs --user" in runs["docker_mount"].cmd
    assert "null" not in runs["docker_null_mount"].cmd
    assert runs["docker_null_mount"].cmd == runs["default"].cmd
    assert runs["docker_bad_bools"].cmd == (
        f"docker run --rm --env HOME=/tmp --gpus all {common} --user {user_ids()} "
        f"-w {space} activeeon/dlm3"
    )
    assert runs["docker_odd_image"].cmd.endswith(" it's$x\\users\\u0041]]>\x01")


@pytest.mark.requires_sdk
def test_verbose_prints_the_parameters_and_the_command(runs: dict[str, Run]) -> None:
    printed = runs["docker_verbose"].printed.splitlines()
    assert printed[0].startswith("runtime_env: platform docker, image docker://quay.io/x/y:1")
    assert printed[-1] == "runtime_env: " + runs["docker_verbose"].cmd
    assert runs["docker_verbose"].cmd.endswith(" quay.io/x/y:1")


@pytest.mark.requires_sdk
def test_singularity_commands(runs: dict[str, Run], groovy: Groovy) -> None:
    space, jre = groovy.folder / "space", groovy.node_java_home
    binds = f"-B /opt/proactive:/opt/proactive -B {space}:{space} -B {jre}:{jre}:ro"
    assert runs["singularity_sif"].cmd == (
        f"singularity exec --nv --no-home --containall {binds} -B /data:/data "
        f"--pwd {space} /images/tool.sif"
    )
    pulled = groovy.folder / "home" / ".proactive-runtime-env" / "docker_python_3.11.sif"
    assert runs["singularity_pull"].cmd == f"singularity exec {binds} --pwd {space} {pulled}"
    assert pulled.read_text().strip() == "image of docker://python:3.11"
    calls = (groovy.folder / "bin" / "calls.log").read_text().splitlines()
    assert len(calls) == 1 and calls[0].startswith("pull ")  # pulled once, then reused
    assert runs["singularity_pull_again"].cmd == runs["singularity_pull"].cmd
    assert not list(pulled.parent.glob("*.lock")) and not list(pulled.parent.glob("*.tmp.sif"))


@pytest.mark.requires_sdk
def test_unknown_platform_runs_without_a_container(runs: dict[str, Run]) -> None:
    assert runs["unknown"].cmd == "<unset>"
    assert runs["unknown"].java_home == ""
    assert "type lxc is not docker, podman or singularity" in runs["unknown"].printed


# --- exported through the SDK --------------------------------------------------------------------


@pytest.mark.requires_sdk
def test_the_exported_job_is_valid_and_carries_the_script() -> None:
    from proactive_lsp.sdk.locate import missing_prerequisite

    reason = missing_prerequisite()
    if reason is not None:
        pytest.skip(f"ProActive validator unavailable: {reason}")
    from proactive_lsp.sdk.export import XML_NAMESPACE, export_xml
    from proactive_lsp.sdk.validator_process import shared_validator

    analysis = analyze(notebook_from_cells([
        "#%runtime_env(type=docker, image=docker://python:3.11)",
        "#%task(name=work)\nprint('work')",
        "#%job(name=runtime_env_job)",
    ]))
    xml = export_xml(analysis.workflow)
    verdict = shared_validator().validate_xml(xml)
    assert verdict.valid, verdict.describe()
    ns = {"pa": XML_NAMESPACE}
    code = ET.fromstring(xml).find(
        "pa:taskFlow/pa:task[@name='work']/pa:forkEnvironment/pa:envScript/pa:script/pa:code", ns
    )
    assert code is not None and code.get("language") == "groovy"
    expected = runtime_env_script({"type": "docker", "image": "docker://python:3.11"})
    assert (code.text or "").strip() == expected.strip()
