"""A newsroom's web server on 127.0.0.1 for the ingest tests: feeds of every kind (RSS 2.0,
Atom, JSON Feed, WordPress REST), story pages, and sources that fail in each way.

The stories are written for these tests. Each path's answer can be changed between passes;
the server answers If-None-Match with 304 as a CMS does, and keeps every request's headers
and time. Answers queued for a path (`queue`) are given one per request before its usual one:
a source that is busy (429, 503 with Retry-After) or fails (500) and then answers.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

STORIES = {
    "soko": (
        "Wafanyabiashara wa soko la Kariakoo wapata vibanda vipya",
        [
            "Halmashauri ya jiji imewakabidhi wafanyabiashara wadogo vibanda mia mbili vipya "
            "katika soko la Kariakoo.",
            "Mwenyekiti wa wafanyabiashara alisema vibanda hivyo vitawasaidia kuhifadhi bidhaa "
            "zao wakati wa mvua za masika.",
        ],
    ),
    "maji": (
        "Wakazi wa Morogoro wapata maji safi baada ya miaka mitano",
        [
            "Mradi mpya wa maji umeanza kutoa huduma kwa zaidi ya kaya elfu tatu katika kata "
            "ya Kihonda mkoani Morogoro.",
            "Wakazi walisema hawatalazimika tena kutembea umbali mrefu kutafuta maji ya kunywa.",
        ],
    ),
    "shule": (
        "Wanafunzi wa Pemba waanza masomo katika madarasa mapya",
        [
            "Wanafunzi wa shule ya msingi ya Chake Chake wameanza masomo katika madarasa manne "
            "yaliyojengwa na wazazi.",
            "Mwalimu mkuu aliwashukuru wazazi kwa kuchangia saruji na nguvu kazi.",
        ],
    ),
    "kahawa": (
        "Bei ya kahawa yapanda katika mnada wa Moshi",
        [
            "Wakulima wa kahawa wa Kilimanjaro wamepata bei nzuri zaidi katika mnada wa wiki "
            "hii mjini Moshi.",
            "Chama cha ushirika kilisema ubora wa kahawa umeongezeka msimu huu.",
        ],
    ),
    "mpira": (
        "Timu ya wasichana ya Mwanza yashinda kombe la mkoa",
        [
            "Timu ya mpira wa miguu ya wasichana ya Mwanza imeshinda kombe la mkoa kwa mabao "
            "mawili kwa moja.",
            "Kocha wao alisema ushindi huo umetokana na mazoezi ya kila siku.",
        ],
    ),
    "barabara": (
        "Barabara ya Iringa hadi Ruaha kukamilika mwakani",
        [
            "Serikali imesema ujenzi wa barabara ya lami kutoka Iringa hadi hifadhi ya Ruaha "
            "utakamilika mwakani.",
            "Wenye hoteli wanatarajia watalii wengi zaidi barabara itakapokamilika.",
        ],
    ),
    "uvuvi": (
        "Wavuvi wa Kilwa wapokea boti mpya za uvuvi",
        [
            "Wavuvi wa Kilwa Masoko wamepokea boti kumi mpya zenye injini kutoka kwa benki ya "
            "wananchi.",
            "Kiongozi wa wavuvi alisema boti hizo zitawawezesha kuvua mbali zaidi baharini.",
        ],
    ),
}
DAY = datetime(2026, 11, 20, 7, 30, tzinfo=UTC)


def body_html(key: str, extra: str = "") -> str:
    paragraphs = STORIES[key][1]
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs + ([extra] if extra else []))


def story_page(key: str) -> str:
    """The story's own page on the newsroom's site, with its menu and footer."""
    title, _ = STORIES[key]
    return (
        f"<!doctype html><html lang=sw><head><meta charset=utf-8><title>{escape(title)}"
        "</title><meta name=author content='Asha Juma'>"
        f"<meta property='article:published_time' content='{DAY.isoformat()}'></head><body>"
        "<nav><a href=/>Mwanzo</a> <a href=/siasa>Siasa</a></nav><article>"
        f"<h1>{escape(title)}</h1>{body_html(key)}</article>"
        "<footer>Haki zote zimehifadhiwa.</footer></body></html>"
    )


def rss(base: str, items: list[dict[str, Any]]) -> str:
    """RSS 2.0; an item with "full" carries content:encoded, else only a description."""
    entries = []
    for item in items:
        title, paragraphs = STORIES[item["key"]]
        content = body_html(item["key"], item.get("extra", ""))
        full = (
            f"<content:encoded><![CDATA[{content}]]></content:encoded>"
            if item.get("full", True)
            else ""
        )
        categories = "".join(f"<category>{c}</category>" for c in item.get("categories", ()))
        entries.append(
            f"<item><title>{escape(title)}</title><link>{base}/habari/{item['key']}</link>"
            f"<guid isPermaLink='false'>habari-{item['key']}</guid>"
            f"<pubDate>{format_datetime(DAY)}</pubDate><dc:creator>Asha Juma</dc:creator>"
            f"{categories}<description>{escape(paragraphs[0][:80])}</description>{full}</item>"
        )
    return (
        "<?xml version='1.0' encoding='UTF-8'?><rss version='2.0' "
        "xmlns:content='http://purl.org/rss/1.0/modules/content/' "
        "xmlns:dc='http://purl.org/dc/elements/1.1/'><channel><title>Habari</title>"
        f"<link>{base}/</link><description>Habari za leo</description>"
        f"{''.join(entries)}</channel></rss>"
    )


def atom(base: str, keys: list[str]) -> str:
    entries = "".join(
        f"<entry><title>{escape(STORIES[k][0])}</title><id>urn:habari:{k}</id>"
        f"<link href='{base}/habari/{k}'/><updated>{DAY.isoformat()}</updated>"
        f"<author><name>Juma Said</name></author>"
        f"<content type='html'>{escape(body_html(k))}</content></entry>"
        for k in keys
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title>Habari</title><id>urn:habari</id><updated>{DAY.isoformat()}</updated>"
        f"{entries}</feed>"
    )


def json_feed(base: str, keys: list[str]) -> str:
    items = [
        {"id": f"jf-{k}", "url": f"{base}/habari/{k}", "title": STORIES[k][0],
         "content_html": body_html(k), "date_published": DAY.isoformat(),
         "authors": [{"name": "Neema Ali"}], "tags": ["Jamii"]}
        for k in keys
    ]  # fmt: skip
    return json.dumps(
        {"version": "https://jsonfeed.org/version/1.1", "title": "Habari", "items": items},
        ensure_ascii=False,
    )


def wordpress(base: str, keys: list[str], first: int = 101) -> str:
    posts = [
        {"id": n, "date": DAY.strftime("%Y-%m-%dT%H:%M:%S"),
         "guid": {"rendered": f"{base}/?p={n}"}, "link": f"{base}/habari/{k}",
         "title": {"rendered": escape(STORIES[k][0])},
         "content": {"rendered": body_html(k), "protected": False},
         "excerpt": {"rendered": f"<p>{escape(STORIES[k][1][0][:60])} [&hellip;]</p>"},
         "author": 3,
         "_embedded": {"author": [{"id": 3, "name": "Baraka Mushi"}],
                       "wp:term": [[{"taxonomy": "category", "name": "Uchumi"}]]}}
        for n, k in enumerate(keys, first)
    ]  # fmt: skip
    return json.dumps(posts, ensure_ascii=False)


@dataclass
class Answer:
    body: bytes
    status: int = 200
    content_type: str = "application/xml"
    delay: float = 0.0
    validators: bool = True
    # Set: the answer's validator is this Last-Modified date instead of an ETag.
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


class Newsroom:
    """The server; `answers[path]` is what it says to a GET of that path."""

    def __init__(self) -> None:
        self.answers: dict[str, Answer] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.times: list[tuple[str, float]] = []  # (path, time.monotonic()) of each request
        self.queued: dict[str, list[Answer]] = {}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def set(self, path: str, text: str, **options: Any) -> None:
        self.answers[path] = Answer(text.encode("utf-8"), **options)

    def queue(self, path: str, *answers: Answer) -> None:
        """Give these answers to the next requests of `path`, then its usual one."""
        self.queued.setdefault(path, []).extend(answers)

    def asked(self, path: str) -> list[float]:
        """When each request for `path` came (time.monotonic(), the same clock in every
        process of this machine)."""
        return [when for asked, when in self.times if asked == path]

    def seen(self, path: str) -> list[dict[str, str]]:
        """The headers of each request for `path`, in order."""
        return [headers for asked, headers in self.requests if asked == path]

    def __enter__(self) -> Newsroom:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        newsroom = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                newsroom.times.append((self.path, time.monotonic()))
                newsroom.requests.append((self.path, dict(self.headers.items())))
                queued = newsroom.queued.get(self.path)
                answer = queued.pop(0) if queued else newsroom.answers.get(self.path)
                if answer is None:
                    answer = Answer(b"<html><body>Haipatikani</body></html>", 404, "text/html")
                if answer.delay:
                    time.sleep(answer.delay)
                etag = f'"{hashlib.sha256(answer.body).hexdigest()[:16]}"'
                if answer.last_modified:
                    validator = ("Last-Modified", answer.last_modified)
                    unchanged = self.headers.get("If-Modified-Since") == answer.last_modified
                else:
                    validator = ("ETag", etag)
                    unchanged = self.headers.get("If-None-Match") == etag
                if answer.validators and unchanged:
                    self.send_response(304)
                    self.send_header(*validator)
                    self.end_headers()
                    return
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.content_type)
                self.send_header("Content-Length", str(len(answer.body)))
                if answer.validators and answer.status == 200:
                    self.send_header(*validator)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(answer.body)  # a client that gave up (the slow answer)

            def log_message(self, *_args: object) -> None:
                pass

        return Handler
