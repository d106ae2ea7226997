"""Submission through the real ProActive SDK, against the loopback stand-in scheduler."""
