"""Errors of the SDK bridge: each says what is missing and how to get it."""

from __future__ import annotations


class SdkError(Exception):
    """Base class for every failure of the ProActive SDK bridge."""


class SdkUnavailableError(SdkError):
    """A prerequisite (the `proactive` package, `java`, `javac`) is not installed."""


class ValidatorCrashedError(SdkError):
    """The validator JVM died or answered something that is not a verdict."""


def java_message(e: Exception) -> str:
    """The Java exception's own message when py4j carries one, else Python's text of it."""
    java = getattr(e, "java_exception", None)
    if java is not None:
        message = java.getMessage()
        return str(message) if message is not None else str(java.toString())
    return str(e)
