"""What `#%runtime_env` accepts but runs wrongly (the kernel validates none of its values).

Reported from the replay, not the validator: the kernel runs the pragma (so the model installs
the fork environment), and the problem shows only when ProActive starts the task.
"""

from __future__ import annotations

import difflib

from proactive_lsp.checks.codes import make
from proactive_lsp.diagnostics import Diagnostic, Edit, Fix
from proactive_lsp.model.runtime_env import PLATFORMS, VERBATIM_BOOLEANS, kernel_accepts_boolean
from proactive_lsp.syntax.tree import Pragma


def runtime_env_problems(pragma: Pragma) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for key in VERBATIM_BOOLEANS:
        param = pragma.param(key)
        if param is None or kernel_accepts_boolean(param.value.text):
            continue
        lowered = param.value.text.lower()
        fixes = (
            (Fix(f"Write `{lowered}`", (Edit(param.value.range, lowered),), preferred=True),)
            if lowered in ("true", "false")
            else ()
        )
        found.append(
            make(
                "PA203",
                f"`{key}={param.value.text}`: the kernel pastes this value into its Groovy fork "
                "environment as is, so the task fails when ProActive starts it; write `true` or "
                "`false` (lower case)",
                param.value.range,
                fixes=fixes,
            )
        )
    platform = pragma.param("type")
    if platform is not None and platform.value.text.lower() not in PLATFORMS:
        closest = difflib.get_close_matches(platform.value.text.lower(), PLATFORMS, n=1, cutoff=0.5)
        found.append(
            make(
                "PA203",
                f"`type={platform.value.text}` is not docker, podman or singularity: the fork "
                "environment then runs the task without any container",
                platform.value.range,
                fixes=tuple(
                    Fix(f"Write `{c}`", (Edit(platform.value.range, c),), preferred=True)
                    for c in closest
                ),
            )
        )
    host, container = pragma.param("mount_host_path"), pragma.param("mount_container_path")
    if (host is None) != (container is None):
        given = host or container
        assert given is not None
        found.append(
            make(
                "PA203",
                "give both `mount_host_path` and `mount_container_path`: with one of them the kernel "
                "mounts `null` for the other",
                given.key.range,
            )
        )
    image = pragma.param("image")
    if image is not None and not image.value.text:
        found.append(
            make(
                "PA203",
                "`image=` is empty: the container cannot start",
                image.value.range,
            )
        )
    return found
