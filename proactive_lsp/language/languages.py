"""The script languages kernel 13.0.4 accepts in `language=` (kernel-13.0.4.md §4).

The kernel asks the installed SDK at run time; SDK 13.0.3 (and its master) has exactly these
twelve, case-sensitive, which is also the README's list.
"""

from __future__ import annotations

# `language=` value -> ProActive script engine.
LANGUAGES: dict[str, str] = {
    "Linux_Bash": "bash",
    "Windows_Cmd": "cmd",
    "DockerCompose": "docker-compose",
    "Scalaw": "scalaw",
    "Groovy": "groovy",
    "Javascript": "javascript",
    "Jython": "python",
    "Python": "cpython",
    "Ruby": "ruby",
    "Perl": "perl",
    "PowerShell": "powershell",
    "R": "R",
}

# What each kind of script runs as when `language` is absent.
DEFAULT_TASK_LANGUAGE = "Python"
DEFAULT_SCRIPT_LANGUAGE = "Jython"  # selection scripts and fork environments
DEFAULT_FLOW_LANGUAGE = "Javascript"  # `runs` and `condition` bodies, not changeable
DEFAULT_SELECTION_LANGUAGE = "Groovy"  # the `selected = true` script every task gets
RUNTIME_ENV_LANGUAGE = "Groovy"  # the fork environment `#%runtime_env` generates

# Names people type for the languages above, for the PA205 quick fix.
ALIASES: dict[str, str] = {
    "bash": "Linux_Bash",
    "sh": "Linux_Bash",
    "shell": "Linux_Bash",
    "linux": "Linux_Bash",
    "cmd": "Windows_Cmd",
    "bat": "Windows_Cmd",
    "windows": "Windows_Cmd",
    "docker": "DockerCompose",
    "docker_compose": "DockerCompose",
    "scala": "Scalaw",
    "js": "Javascript",
    "node": "Javascript",
    "cpython": "Python",
    "py": "Python",
    "python_three": "Python",
    "ps": "PowerShell",
    "powershell_core": "PowerShell",
    "pwsh": "PowerShell",
    "rscript": "R",
}


def unsupported_message(language: str) -> str:
    """The kernel's exact ParameterError text for a language it does not know."""
    listing = "".join(f"\n   - {name}" for name in LANGUAGES)
    return f"Language '{language}' not supported!\n Supported Languages:{listing}"


def closest_language(language: str) -> str | None:
    """The supported name meant by ``language``: case-insensitive match first, then aliases."""
    lowered = language.lower()
    for name in LANGUAGES:
        if name.lower() == lowered:
            return name
    if lowered in ALIASES:
        return ALIASES[lowered]
    import difflib

    found = difflib.get_close_matches(lowered, [n.lower() for n in LANGUAGES], n=1, cutoff=0.6)
    if found:
        return next(name for name in LANGUAGES if name.lower() == found[0])
    return None
