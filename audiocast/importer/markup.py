"""HTML to lines: each block element a line, with its block's hint and its landmark's reason."""

from __future__ import annotations

import re
from typing import Any

from . import rules
from .model import Line

# Block-level HTML elements: each starts a new line of text.
_BLOCK_TAGS = frozenset(
    {"p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "ul", "ol",
     "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "figcaption", "table",
     "tr", "td", "th", "dl", "dt", "dd", "pre", "address", "form", "menu", "time", "br", "hr",
     "body", "html", "title", "iframe", "video", "audio", "picture", "button", "label"}
)  # fmt: skip

_HINT_TAGS = {
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
    "h6": "heading", "blockquote": "quote", "p": "paragraph", "li": "paragraph",
}  # fmt: skip

_SKIP_TAGS = ("script", "style", "noscript", "template", "svg", "head")


def html_lines(markup: str, page: bool = False) -> list[Line]:
    """The visible lines of HTML, each with its block's hint and its landmark's reason."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        root = (
            lxml.html.document_fromstring(markup.encode("utf-8"), parser=parser)
            if page
            else lxml.html.fragment_fromstring(markup, create_parent="div")
        )
    except (etree.ParserError, ValueError):
        return []
    for bad in root.xpath("|".join(f"//{t}" for t in _SKIP_TAGS)):
        bad.drop_tree()
    pieces: list[tuple[str, str | None, str | None]] = []
    stack: list[tuple[str | None, str | None]] = [(None, None)]
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        block = tag in _BLOCK_TAGS
        if event == "start":
            reason, hint = stack[-1]
            reason = reason or _landmark(el)
            hint = _HINT_TAGS.get(tag, hint)
            stack.append((reason, hint))
            if block or _apart(el):
                pieces.append(("\n", None, None))
            if el.text:
                pieces.append((el.text, reason, hint))
        else:
            stack.pop()
            if block:
                pieces.append(("\n", None, None))
            if el.tail:
                pieces.append((el.tail, *stack[-1]))
    lines: list[Line] = []
    current: list[str] = []
    reason = hint = None
    for text, r, h in [*pieces, ("\n", None, None)]:
        if text == "\n":
            joined = re.sub(r"[ \t\r\n\f\v]+", " ", "".join(current)).strip()
            if joined:
                lines.append(Line(joined, hint, reason=reason))
            current, reason, hint = [], None, None
            continue
        current.append(text)
        if text.strip():
            reason = reason or r
            hint = hint or h
    return lines


def _apart(el: Any) -> bool:
    """Whether an inline element starts a line of its own: one of a row of elements with no
    text of the parent's between them, run together with the one before (no space at the
    seam), each of two words or more. Pages lay such rows out as lines (a byline's
    "Mwandishi, X" and "Nafasi, BBC"); read as written they run into one ("KhamisNafasi").
    Rows of single words stay joined: a kicker's "TanzaniaUchumi" is read as two labels."""
    before, parent = el.getprevious(), el.getparent()
    if before is None or parent is None or not isinstance(before.tag, str) or before.tail:
        return False
    if (parent.text or "").strip() or any((c.tail or "").strip() for c in parent):
        return False
    left, right = "".join(before.itertext()), "".join(el.itertext())
    if not left or not right or left[-1].isspace() or right[0].isspace():
        return False
    return len(left.split()) >= 2 and len(right.split()) >= 2


def _landmark(el: Any) -> str | None:
    tag = el.tag.lower()
    if tag == "header" and el.xpath("ancestor::article or ancestor::main"):
        return None  # the story's own header: title and byline
    if tag in rules.HTML_LANDMARKS:
        return rules.HTML_LANDMARKS[tag]
    names = f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}".lower()
    if "navigation" in names:
        return rules.NAVIGATION
    return next((reason for hint, reason in rules.HTML_CLASS_HINTS if hint in names), None)
