"""The article written out as the article.yaml a producer reviews."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import yaml


class _Flow(list[str]):
    """A list written on one line, as the sample writes categories: [Siasa, Asia]."""


class _FlowMap(dict[str, str]):
    """A mapping written on one line, as the sample writes source: {name: DW Kiswahili}."""


class _Timestamp(str):
    """An ISO date written unquoted, so YAML reads it back as a date."""


class _Dumper(yaml.SafeDumper):
    pass


def _flow_list(dumper: yaml.SafeDumper, value: list[str]) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


def _flow_map(dumper: yaml.SafeDumper, value: dict[str, str]) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=True)


def _timestamp(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", str(value))


_Dumper.add_representer(_Flow, _flow_list)


_Dumper.add_representer(_FlowMap, _flow_map)


_Dumper.add_representer(_Timestamp, _timestamp)


# YAML's own timestamp forms: only these may be written unquoted and read back as dates.
_YAML_TIMESTAMP = re.compile(
    r"\d{4}-\d\d-\d\d|\d{4}-\d\d?-\d\d?(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?"
    r"(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?"
)

_ORDER = (
    "title", "slug", "date", "date_assumed", "author", "source", "categories", "language",
    "summary", "summary_quotes", "body",
)  # fmt: skip


def to_yaml(
    article: dict[str, Any], *, origin: str | None = None, notes: Sequence[str] = ()
) -> str:
    """The article as a producer-friendly article.yaml, with a header asking for a review.

    >>> print(to_yaml({"title": "Habari", "date": "2024-06-18", "author": "Juma Mussa",
    ...     "categories": ["Siasa"], "summary": "Muhtasari.", "body": [{"paragraph": "Aya."}]}))
    # Imported by audiocast: review before building (title, byline, date, headings, quotes).
    # The journalist's words are unchanged; page furniture was dropped.
    title: Habari
    date: 2024-06-18
    author: Juma Mussa
    categories: [Siasa]
    summary: Muhtasari.
    body:
    - paragraph: Aya.
    <BLANKLINE>
    """
    data: dict[str, Any] = {}
    for key in sorted(article, key=lambda k: _ORDER.index(k) if k in _ORDER else len(_ORDER)):
        value = article[key]
        if key == "date" and isinstance(value, str) and _YAML_TIMESTAMP.fullmatch(value):
            value = _Timestamp(value)
        elif key == "categories" and isinstance(value, list):
            value = _Flow(value)
        elif key == "source" and isinstance(value, dict):
            value = _FlowMap(value)
        data[key] = value
    where = f" from {origin}" if origin else ""
    header = [
        f"# Imported by audiocast{where}: review before building (title, byline, date, "
        "headings, quotes).",
        "# The journalist's words are unchanged; page furniture was dropped.",
        *(f"# Check: {note}" for note in notes),
    ]
    dumped = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**9,
        default_flow_style=False,
    )  # fmt: skip
    return "\n".join(header) + "\n" + dumped
