"""Generated notebooks for the benchmarks: one task per cell, each importing from the previous."""

from __future__ import annotations

import json
from pathlib import Path


def cells(count: int) -> list[str]:
    texts = []
    for i in range(count):
        dep = f", dep=[T{i - 1}], import=[x{i - 1}]" if i else ""
        texts.append(f"#%task(name=T{i}{dep}, export=[x{i}])\nx{i} = {i}\nprint(x{i})")
    return texts


def notebook(count: int) -> str:
    return json.dumps(
        {
            "nbformat": 4,
            "nbformat_minor": 5,
            "metadata": {"kernelspec": {"name": "proactive"}},
            "cells": [
                {
                    "cell_type": "code",
                    "id": f"c{i}",
                    "metadata": {},
                    "outputs": [],
                    "execution_count": None,
                    "source": text,
                }
                for i, text in enumerate(cells(count))
            ],
        }
    )


def write(folder: Path, count: int) -> Path:
    path = folder / f"generated_{count}.ipynb"
    path.write_text(notebook(count))
    return path
