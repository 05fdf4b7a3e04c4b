"""The table every benchmark prints: the machine, then one row per case."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable


def print_table(name: str, rows: Iterable[tuple[str, str, str]]) -> None:
    """`name` benchmarks on this machine, as a Markdown table of case, measured and target."""
    machine = f"{os.cpu_count()} cores, {sys.platform}, Python {sys.version.split()[0]}"
    print(f"{name} benchmarks on {machine}")
    print("| case | measured | target |")
    print("|---|---|---|")
    for case, measured, target in rows:
        print(f"| {case} | {measured} | {target} |")
