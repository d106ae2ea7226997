"""The container fork-environment script that `#%runtime_env(...)` installs (kernel-13.0.4.md §3.8).

The kernel fills a Groovy template of its own; we do not reproduce its text. This module writes
our own Groovy script implementing the documented behaviour, so an exported job runs its tasks in
the requested container:

* docker / podman: ``<platform> run --rm --env HOME=/tmp`` with the ProActive home and the task's
  `localspace` mounted at the same paths, `localspace` as the working directory, the node's user
  and group ids unless `rootless`, the host network when `host_network`, the NVIDIA GPUs when
  `nvidia_gpu`, and the optional user mount; a `docker://` prefix is stripped from the image.
* singularity: ``singularity exec`` with the same binds (``-B``), ``--nv``, ``--no-home``,
  ``--containall`` for `isolation`, on a `.sif` path or an image pulled once from ``docker://…``.
* any other `type`: no container at all (as in the kernel), and the script says so.

The script sets ``preJavaHomeCmd``, which the node reads (split on spaces) as the command that
prefixes the task's JVM. On Linux nodes the node's own JRE is mounted read-only at its path and
made the task's Java home, so images without Java work too.

Where we depart from the kernel, on purpose:

* Mount paths: the kernel's default is the Groovy string ``"null"``, which gives ``-v null:null``
  (``-B null:null``). Here no mount is added unless ``mount_host_path`` is given (the value
  ``null`` counts as not given); ``mount_container_path`` defaults to the host path.
* Booleans: the kernel pastes ``nvidia_gpu``, ``rootless``, ``isolation``, ``no_home`` and
  ``host_network`` verbatim into Groovy, so anything but lower-case ``true``/``false`` breaks the
  script at run time. Here ``true``/``false`` are read case-insensitively and any other value
  falls back to the default, with a comment in the script.
* An empty ``image=`` uses the default image instead of an empty image name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

PLATFORMS = ("docker", "podman", "singularity")
DEFAULT_PLATFORM = "docker"
DEFAULT_IMAGE = "docker://activeeon/dlm3"

# The template's defaults for its boolean parameters (kernel-13.0.4.md §3.8).
BOOLEAN_DEFAULTS: dict[str, bool] = {
    "nvidia_gpu": False,
    "rootless": False,
    "isolation": False,
    "no_home": False,
    "host_network": True,
    "verbose": False,
}

# Parameters the kernel pastes verbatim into Groovy as `def X = <value>` (§1.6).
VERBATIM_BOOLEANS = ("nvidia_gpu", "rootless", "isolation", "no_home", "host_network")


def parse_boolean(text: str | None) -> bool | None:
    """`true`/`false` in any case; None for anything else (and for a missing value)."""
    if text is None:
        return None
    lowered = text.lower()
    if lowered == "true":
        return True
    if lowered == "false":
        return False
    return None


def kernel_accepts_boolean(text: str) -> bool:
    """Whether the kernel's generated Groovy survives this value of a verbatim boolean."""
    return text in ("true", "false")


def platform_of(text: str | None) -> str | None:
    """The container platform `type` selects (lower-case), or None when it disables containers."""
    if text is None:
        return DEFAULT_PLATFORM
    lowered = text.lower()
    return lowered if lowered in PLATFORMS else None


@dataclass(frozen=True, slots=True)
class RuntimeEnv:
    """The `#%runtime_env` parameters as the generated script uses them."""

    requested_type: str  # the `type` value as written (or the default)
    platform: str | None  # docker, podman, singularity; None: no container
    image: str
    nvidia_gpu: bool
    rootless: bool
    isolation: bool
    no_home: bool
    host_network: bool
    verbose: bool
    mount_host: str | None
    mount_container: str | None
    notes: tuple[str, ...]  # how values were read where we depart from the kernel


def resolve(params: Mapping[str, str | None]) -> RuntimeEnv:
    notes: list[str] = []
    requested = params.get("type")
    platform = platform_of(requested)

    image = params.get("image")
    if image is None:
        image = DEFAULT_IMAGE
    elif image == "":
        notes.append(f"image is empty: using the default image {DEFAULT_IMAGE}")
        image = DEFAULT_IMAGE

    flags: dict[str, bool] = {}
    for key, default in BOOLEAN_DEFAULTS.items():
        text = params.get(key)
        value = parse_boolean(text)
        if value is None:
            if text is not None:
                notes.append(
                    f"{key}={text} is neither true nor false: using the default {str(default).lower()}"
                )
            value = default
        elif text is not None and key in VERBATIM_BOOLEANS and not kernel_accepts_boolean(text):
            notes.append(
                f"{key}={text} read as {str(value).lower()} (the kernel's own script needs lower case)"
            )
        flags[key] = value

    host = _path(params.get("mount_host_path"))
    container = _path(params.get("mount_container_path"))
    if host is None and container is not None:
        notes.append("mount_container_path without mount_host_path: no mount")
        container = None
    elif host is not None and container is None:
        container = host

    return RuntimeEnv(
        requested_type=DEFAULT_PLATFORM if requested is None else requested,
        platform=platform,
        image=image,
        mount_host=host,
        mount_container=container,
        notes=tuple(notes),
        **flags,
    )


def _path(text: str | None) -> str | None:
    """A mount path, or None when not given (missing, empty, or the kernel's default `null`)."""
    return None if text is None or text == "" or text == "null" else text


def runtime_env_script(params: Mapping[str, str | None]) -> str:
    """The Groovy fork-environment script for these `#%runtime_env` parameters.

    ``params`` maps parameter names to their values as the kernel extracts them (the last of a
    duplicated key, spaces removed); a missing or None value takes the default. Unknown keys
    (`force`, `debug`, …) are ignored.
    """
    env = resolve(params)
    lines = [
        "// Container fork environment for #%runtime_env, generated by proactive-lsp.",
        "// Our own script for the documented behaviour of ProActive Jupyter Kernel 13.0.4's",
        "// runtime_env; it is not the kernel's template. Defaults: type=docker,",
        f"// image={DEFAULT_IMAGE}, nvidia_gpu=false, rootless=false, isolation=false,",
        "// no_home=false, host_network=true, verbose=false; no extra mount unless",
        "// mount_host_path is given (mount_container_path defaults to it).",
        "// It sets preJavaHomeCmd, the command the node puts before the task's java command",
        "// (split on spaces: paths with spaces cannot be mounted).",
    ]
    lines += [f"// Note: {_comment(note)}" for note in env.notes]
    if env.platform is None:
        return "\n".join([*lines, *_no_container(env)]) + "\n"
    lines += [
        "",
        f"String PLATFORM = {_groovy(env.platform)}",
        f"String IMAGE = {_groovy(env.image)}",
        f"boolean NVIDIA_GPU = {_bool(env.nvidia_gpu)}",
        f"boolean ROOTLESS = {_bool(env.rootless)}",
        f"boolean ISOLATION = {_bool(env.isolation)}",
        f"boolean NO_HOME = {_bool(env.no_home)}",
        f"boolean HOST_NETWORK = {_bool(env.host_network)}",
        f"boolean VERBOSE = {_bool(env.verbose)}",
        f"String MOUNT_HOST = {_groovy(env.mount_host or '')}",
        f"String MOUNT_CONTAINER = {_groovy(env.mount_container or '')}",
        "",
    ]
    body = _SINGULARITY if env.platform == "singularity" else _DOCKER
    return "\n".join(lines) + _COMMON + body + _FINISH


def _no_container(env: RuntimeEnv) -> list[str]:
    message = (
        f"runtime_env: type {env.requested_type} is not docker, podman or singularity: "
        "the task runs without a container"
    )
    return [
        "// The type is not docker, podman or singularity: no container (preJavaHomeCmd unset).",
        "",
        f"println {_groovy(message)}",
    ]


def _bool(value: bool) -> str:
    return "true" if value else "false"


_STRING_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t",
                   "\b": "\\b", "\f": "\\f"}


def _unprintable(char: str) -> bool:
    code = ord(char)
    return code < 0x20 or 0x7F <= code <= 0x9F or char in "\u2028\u2029"


def _groovy(text: str) -> str:
    """A Groovy expression for exactly ``text``: single-quoted (no interpolation).

    Groovy, like Java, turns ``\\uXXXX`` into a character before it reads the source, even in
    comments, so we never write one: backslashes are doubled (an even run is no escape), and a
    control character with no short escape is concatenated as a `char`.
    """
    parts: list[str] = []
    chunk: list[str] = []
    for char in text:
        if char in _STRING_ESCAPES:
            chunk.append(_STRING_ESCAPES[char])
        elif _unprintable(char):
            parts.append("'" + "".join(chunk) + "'")
            parts.append(f"((char) {ord(char)})")
            chunk = []
        else:
            chunk.append(char)
    if chunk or not parts:
        parts.append("'" + "".join(chunk) + "'")
    return " + ".join(parts)


def _comment(text: str) -> str:
    """Text safe on one `//` comment line (see `_groovy` about backslashes)."""
    return "".join("?" if _unprintable(c) else c for c in text.replace("\\", "\\\\"))


# Shared by every container platform: where things are on the node.
_COMMON = r"""
String osName = System.getProperty('os.name', '').toLowerCase()
boolean onWindows = osName.contains('windows')
boolean onMac = osName.contains('mac')
def fork = binding.hasVariable('forkEnvironment') ? binding.getVariable('forkEnvironment') : null
String paHome = variables.get('PA_SCHEDULER_HOME')
String workDir = String.valueOf(localspace)
// On Linux, the node's own JRE is mounted read-only at its path and becomes the task's Java
// home, so the image needs no Java of its own (it needs a compatible C library).
String nodeJavaHome = (onWindows || onMac) ? null : System.getProperty('java.home')
if (nodeJavaHome != null && fork != null) {
    fork.setJavaHome(nodeJavaHome)
}
if (VERBOSE) {
    println 'runtime_env: platform ' + PLATFORM + ', image ' + IMAGE + ', nvidia_gpu ' + NVIDIA_GPU +
        ', rootless ' + ROOTLESS + ', isolation ' + ISOLATION + ', no_home ' + NO_HOME +
        ', host_network ' + HOST_NETWORK + ', mount ' + (MOUNT_HOST ? MOUNT_HOST + ':' + MOUNT_CONTAINER : 'none')
}
List<String> cmd = []
"""

_DOCKER = r"""
// docker / podman
String image = IMAGE.startsWith('docker://') ? IMAGE.substring('docker://'.length()) : IMAGE
def inContainer = { String path -> (onWindows && fork != null) ? fork.convertToLinuxPath(path) : path }
if (onWindows && fork != null) {
    fork.setDockerWindowsToLinux(true)
}
cmd += [PLATFORM, 'run', '--rm', '--env', 'HOME=/tmp']
if (HOST_NETWORK) {
    cmd += ['--network', 'host']
}
if (NVIDIA_GPU) {
    cmd += (PLATFORM == 'docker') ? ['--gpus', 'all'] : ['--device', 'nvidia.com/gpu=all']
}
if (paHome) {
    cmd += ['-v', paHome + ':' + inContainer(paHome)]
}
cmd += ['-v', workDir + ':' + inContainer(workDir)]
if (nodeJavaHome != null) {
    cmd += ['-v', nodeJavaHome + ':' + nodeJavaHome + ':ro']
}
if (MOUNT_HOST) {
    cmd += ['-v', MOUNT_HOST + ':' + MOUNT_CONTAINER]
}
// Files written in localspace must belong to the node's user: run as its uid:gid, except in
// rootless mode, where the container's root already is the node's user.
if (!ROOTLESS && !onWindows) {
    String ids = ''
    try {
        def system = Class.forName('com.sun.security.auth.module.UnixSystem')
        def unix = system.getDeclaredConstructor().newInstance()
        ids = String.valueOf(unix.getUid()) + ':' + String.valueOf(unix.getGid())
    } catch (Throwable ignored) {
        try {
            ids = ['id', '-u'].execute().text.trim() + ':' + ['id', '-g'].execute().text.trim()
        } catch (Throwable e) {
            println 'runtime_env: cannot read the user and group ids, ' +
                'the container runs as its image user: ' + e.getMessage()
        }
    }
    if (ids ==~ /\d+:\d+/) {
        cmd += ['--user', ids]
    }
}
cmd += ['-w', inContainer(workDir), image]
"""

_SINGULARITY = r"""
// singularity
if (onWindows || onMac) {
    throw new IllegalStateException('runtime_env: singularity containers need a Linux node')
}
String sif = IMAGE
if (!IMAGE.toLowerCase().endsWith('.sif')) {
    // Pulled once per node user into ~/.proactive-runtime-env, under a lock file so that
    // concurrent tasks wait for one pull instead of pulling the same image together.
    String uri = IMAGE.contains('://') ? IMAGE : 'docker://' + IMAGE
    File cache = new File(System.getProperty('user.home'), '.proactive-runtime-env')
    cache.mkdirs()
    File pulled = new File(cache, uri.replaceAll('[^A-Za-z0-9._-]+', '_') + '.sif')
    if (!pulled.exists()) {
        File lock = new File(cache, pulled.getName() + '.lock')
        long deadline = System.currentTimeMillis() + 30L * 60L * 1000L
        boolean locked = lock.createNewFile()
        while (!locked && !pulled.exists() && System.currentTimeMillis() < deadline) {
            Thread.sleep(2000L)
            locked = lock.createNewFile()
        }
        try {
            if (!pulled.exists()) {
                File partial = new File(cache, pulled.getName() + '.' + System.nanoTime() + '.tmp.sif')
                if (VERBOSE) {
                    println 'runtime_env: singularity pull ' + uri
                }
                Process pull = ['singularity', 'pull', partial.getPath(), uri].execute()
                StringBuffer output = new StringBuffer()
                pull.waitForProcessOutput(output, output)
                int status = pull.exitValue()
                if (status != 0 || !partial.exists()) {
                    partial.delete()
                    throw new IllegalStateException('runtime_env: singularity pull ' + uri +
                        ' failed (exit ' + status + '): ' + output)
                }
                if (!partial.renameTo(pulled) && !pulled.exists()) {
                    throw new IllegalStateException('runtime_env: cannot move the pulled image to ' + pulled)
                }
                pulled.setReadable(true, false)
            }
        } finally {
            if (locked) {
                lock.delete()
            }
        }
    }
    sif = pulled.getAbsolutePath()
}
cmd += ['singularity', 'exec']
if (NVIDIA_GPU) {
    cmd += ['--nv']
}
if (NO_HOME) {
    cmd += ['--no-home']
}
if (ISOLATION) {
    cmd += ['--containall']
}
if (paHome) {
    cmd += ['-B', paHome + ':' + paHome]
}
cmd += ['-B', workDir + ':' + workDir]
if (nodeJavaHome != null) {
    cmd += ['-B', nodeJavaHome + ':' + nodeJavaHome + ':ro']
}
if (MOUNT_HOST) {
    cmd += ['-B', MOUNT_HOST + ':' + MOUNT_CONTAINER]
}
cmd += ['--pwd', workDir, sif]
"""

_FINISH = r"""
if (cmd.any { it =~ /\s/ }) {
    println 'runtime_env: a path holds a space, which breaks the container command: ' + cmd
}
// The node reads this binding and starts the task's JVM behind it.
preJavaHomeCmd = cmd.join(' ')
if (VERBOSE) {
    println 'runtime_env: ' + preJavaHomeCmd
}
"""
