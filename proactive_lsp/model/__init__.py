"""The workflow model: cells replayed with the kernel's semantics into tasks and a graph."""
