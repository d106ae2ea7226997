"""Submission through the CLI (and the session layer) against the stand-in scheduler."""
