"""The command line: a thin shell over the core (and the server entry point)."""
