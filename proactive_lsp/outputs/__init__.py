"""Exporters of the workflow: pictures (SVG, PNG) and other formats."""
