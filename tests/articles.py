"""Articles the tests write or read, shared so each shape is written once."""

from __future__ import annotations

from pathlib import Path

from audiocast.article import Article, Quote

# Two short paragraphs: enough sentences for the cache and synthesis tests.
SHORT_ARTICLE = {
    "title": "Habari ya majaribio",
    "date": "2024-06-18",
    "author": "Mwandishi",
    "summary": "Muhtasari wa habari.",
    "body": [{"paragraph": "Aya ya kwanza."}, {"paragraph": "Aya ya pili."}],
}


def journalist_texts(article: Article) -> list[str]:
    """Every piece of the article that was the journalist's words on the page."""
    texts = [article.title, article.summary]
    for block in article.body:
        texts.append(block.text)
        if isinstance(block, Quote) and block.attribution:
            texts.append(block.attribution)
    return texts


def write_article(show: Path, slug: str, title: str, version: int) -> Path:
    """A short article at episodes/<slug>/article.yaml; `version` changes its text, so a
    rebuild makes new speech and new media names."""
    path = show / "episodes" / slug / "article.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"title: {title}\nslug: {slug}\ndate: {slug[:10]}\nauthor: Mwandishi Wetu\n"
        f"summary: Habari fupi, toleo la {version}.\n"
        f"body:\n  - paragraph: Aya ya toleo la {version}. Ni fupi.\n",
        encoding="utf-8",
    )
    return path
