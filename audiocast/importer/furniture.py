"""Page furniture (menus, captions, links, buttons, schedules, footers) told from the story."""

from __future__ import annotations

import re
from itertools import takewhile

from ..swahili.sentences import abbreviation_stop
from . import rules
from .dates import dateline_date
from .model import CLOSERS, TERMINAL, Line, Meta, compile_any, same_text, word_count
from .names import AGENCY_LINE, AGENCY_TAIL, TRAILING_AUTHOR, byline_name, is_name, unshout
from .paragraphs import unpunctuated_bounds

_NAV = compile_any(rules.NAV_PATTERNS)

_READ_MORE = compile_any(rules.READ_MORE_PATTERNS)

_PHOTO_LINE = compile_any(rules.PHOTO_PATTERNS)

_PHOTO_MARK = re.compile(rules.PHOTO_MARK)

_PHOTO_PAREN = re.compile(rf"\s*{rules.PHOTO_PAREN}$")

_PHOTO_TAIL = re.compile(rules.PHOTO_TAIL)

_COPYRIGHT_CREDIT = re.compile(rules.PHOTO_PATTERNS[-1], re.IGNORECASE)

_ADVERT = compile_any(rules.ADVERT_PATTERNS)

_POST_CREDIT = re.compile(rules.POST_CREDIT_LINE)

_POST_TAIL = re.compile(rules.POST_TAIL, re.IGNORECASE)

_BIO = re.compile(rules.WRITER_BIO, re.IGNORECASE)

_GALLERY_COUNTER = re.compile(rules.GALLERY_COUNTER, re.IGNORECASE)

_TICKER_HEADING = re.compile(rules.TICKER_HEADINGS, re.IGNORECASE)

_TICKER_LINE = re.compile(rules.TICKER_LINE, re.IGNORECASE)

_ISSUED_BY = re.compile(rules.ISSUED_BY, re.IGNORECASE)

_PAGINATION = compile_any(rules.PAGINATION_PATTERNS)

_COOKIES = re.compile(rules.COOKIE_NOTICE, re.IGNORECASE)

_COOKIE_TITLE = re.compile(rules.COOKIE_TITLE, re.IGNORECASE)

_COOKIES_WORD = re.compile(r"\b(?:vidakuzi|cookies?)\b", re.IGNORECASE)

_NEWSLETTER = compile_any(rules.NEWSLETTER_PATTERNS)

_COMMENT_META = re.compile(rules.COMMENT_META, re.IGNORECASE)

_COMMENT_ACTIONS = re.compile(
    rf"{rules.COMMENT_ACTION}(?:\s*[·•|]\s*{rules.COMMENT_ACTION})*", re.IGNORECASE
)

_KEY_POINTS = re.compile(rules.KEY_POINTS_HEADINGS, re.IGNORECASE)

_ARCHIVE = re.compile(rules.CAPTION_ARCHIVE, re.IGNORECASE)

_DURATION = re.compile(rules.MEDIA_DURATION, re.IGNORECASE)

_BOX_CLOSE = re.compile(rules.BOX_CLOSE, re.IGNORECASE)

_SKIP_BOX = re.compile(rules.SKIP_BOX, re.IGNORECASE)

_READ_MORE_BARE = re.compile(rules.READ_MORE_BARE, re.IGNORECASE)

_PROMO_CALL = re.compile(rules.PROMO_CALL, re.IGNORECASE)

_SHARE_PLEA = re.compile(rules.SHARE_PLEA, re.IGNORECASE)

_LIKE_PLEA = re.compile(rules.LIKE_PLEA, re.IGNORECASE)

_SIGN_OFF = re.compile(rules.SIGN_OFF)

HASHTAGS = re.compile(rules.HASHTAGS)

_SCHEDULE = compile_any(rules.SCHEDULE_PATTERNS)

_TIME_RANGE = re.compile(rules.TIME_RANGE, re.IGNORECASE)

_TIME_START = re.compile(rules.TIME_START)

_FOOTER = compile_any(rules.FOOTER_PATTERNS)

_END_MARKER = re.compile(rules.END_MARKERS, re.IGNORECASE)

_BOX_START = re.compile(rules.BOX_START, re.IGNORECASE)

_LINK_BOX = compile_any(rules.LINK_BOX_HEADINGS)

_CREDIT = compile_any(rules.CREDIT_PATTERNS)

_LABEL = compile_any(rules.LABEL_PATTERNS)

_TIMESTAMP = compile_any(rules.TIMESTAMP_PATTERNS)
_SOCIAL_BAR = re.compile(rules.SOCIAL_BAR, re.IGNORECASE)

_URL_LINE = re.compile(rf"<?(?:{rules.URL_RE}|{rules.DOMAIN_RE})>?", re.IGNORECASE)

_URL_ANY = re.compile(rf"{rules.URL_RE}|\b{rules.DOMAIN_RE}", re.IGNORECASE)

_EMAIL = re.compile(rules.EMAIL_RE)

SEPARATED = re.compile(rules.MENU_SEPARATORS)

_PHONE = re.compile(rules.PHONE_RE)

_POSTAL = re.compile(rules.POSTAL_RE, re.IGNORECASE)

_CONTACT_CUE = re.compile(rules.CONTACT_CUES, re.IGNORECASE)

_BROADCAST_START = compile_any(rules.BROADCAST_STARTS)

_BROADCAST_WEAK = compile_any(rules.BROADCAST_WEAK_STARTS)

_BROADCAST_HINT = re.compile(rules.BROADCAST_HINTS, re.IGNORECASE)

_BROADCAST_ANYWHERE = re.compile(rules.BROADCAST_ANYWHERE, re.IGNORECASE)

_BULLET = re.compile(rules.BULLET)

_LIST_ITEMS = re.compile(rf"{rules.MENU_SEPARATORS}|\s*,\s*")

# Menu items a navigation run is made of, longest first so "idhaa ya kiswahili" wins.
_MENU_ITEMS = sorted(
    rules.SECTION_WORDS | rules.SHARE_WORDS | rules.NAV_WORDS, key=len, reverse=True
)

_LETTERS = re.compile(r"[^\W\d_]+")

# Lower-case words inside a name ("Ursula von der Leyen"): not the caption's language.
_NAME_INNER = rules.NAME_PARTICLES | {"der", "den", "del", "di", "dos", "le", "la", "ter"}


# A missing space after a full stop: two word characters, the stop, a capitalised word.
_MISSING_SPACE = re.compile(
    r"(?<=\w\w[.!?])(?=[A-Z][a-z])|(?<=[.!?][\u201d\u2019\u00bb)])(?=[A-Z])"
)


# A sentence end that a caption or heading was run onto: no space, or a non-breaking one.
_RUN_IN = re.compile(
    r"[.!?\u2026][\"\u201d\u2019\u00bb)]*(\u00a0[\s\u00a0]*|[ \t]+\u00a0[\s\u00a0]*|)(?=[A-Z])"
)

_SENTENCE_END = re.compile(
    r"[.!?\u2026][\"\u201d\u2019\u00bb)]*(?=[\s\u00a0]*[A-Z\u201c\"\u00ab\u201e])"
)

_JUNCTION = re.compile(r"(?<=[a-z0-9)\]])(?=[A-Z][a-z])")

# A read-also link run into a paragraph: the lead-in, then a capitalised headline.
_READ_MORE_RUN = re.compile(rf"(?i:{rules.READ_MORE_BARE})\s*[:\-\u2013|]?\s+(?=[A-Z])")

# A quotation opening a sentence after a word: "… ya mbolea "Tulipanda …".
_QUOTE_START = re.compile(r"(?<=[^\W\d_])\s+(?=[\"\u201c\u00ab\u201e\u2018'][A-Z])")

_AFTER_STOP = re.compile(r"[.!?\u2026][\"\u201d\u2019\u00bb)]*\s+$")


def split_run_ins(line: Line) -> list[Line]:
    """Cut a caption, agency codes or a heading the page ran into a line back out of it."""
    if line.reason:
        return [line]
    text = line.text
    if (link := _run_in_link(text)) is not None:
        start, end, resume = link
        story = split_run_ins(Line(text[:start].strip(), line.hint, line.gap)) if start else []
        return [
            *story,
            Line(text[start:end].strip(), gap=bool(story) or line.gap, reason=rules.READ_MORE),
            *split_run_ins(Line(text[resume:].strip(), line.hint)),
        ]
    if (post := _POST_TAIL.search(text)) is not None and post.start() > 0:
        return [
            *split_run_ins(Line(text[: post.start()].strip(), line.hint, line.gap)),
            Line(text[post.start() :].strip(), gap=False, reason=rules.POST_CREDIT),
        ]
    if (share := _share_tail(text)) is not None:
        return [
            *split_run_ins(Line(text[:share].strip(), line.hint, line.gap)),
            Line(text[share:].strip(), gap=False, reason=rules.SHARE),
        ]
    agencies = AGENCY_TAIL.search(text)
    if agencies and agencies.start() > 0:
        head = text[: agencies.start()]
        if (
            byline_name(head, bare=True)
            or TRAILING_AUTHOR.fullmatch(head)
            or (head.rstrip()[-1:] in TERMINAL + CLOSERS and "(" in agencies.group())
        ):
            return [
                *split_run_ins(Line(head.strip(), line.hint, line.gap)),
                Line(agencies.group().strip(), gap=False, reason=rules.AGENCY),
            ]
    mark = _PHOTO_MARK.search(text)
    if mark:
        before, after = text[: mark.start()], text[mark.end() :]
        pieces: list[Line] = []
        cut = _paragraph_end(before)
        if cut:
            pieces.append(Line(before[:cut].strip(), line.hint, line.gap))
            before = before[cut:]
        junction = next(
            (j.start() for j in _JUNCTION.finditer(after) if word_count(after[j.start() :]) >= 6),
            None,
        )
        caption = (before + text[mark.start() : mark.end()] + after[:junction]).strip()
        # The caption and the story around it were blocks of their own before the copy ran
        # them together: a paragraph cut off here is no part of the caption's block.
        pieces.append(Line(caption, gap=bool(pieces) or line.gap, reason=rules.PHOTO))
        if junction is not None:
            pieces.extend(split_run_ins(Line(after[junction:].strip(), line.hint)))
        return pieces
    paren = _PHOTO_PAREN.search(text) or _PHOTO_TAIL.search(text)
    if paren:
        head = text[: paren.start()]
        if word_count(head) >= 20 and head.rstrip()[-1:] in TERMINAL + CLOSERS:
            return [
                Line(head.strip(), line.hint, line.gap),
                Line(paren.group().strip(), gap=False, reason=rules.PHOTO),
            ]
        return [Line(text, gap=line.gap, reason=rules.PHOTO)]
    if line.hint in (None, "paragraph"):
        heading = _run_on_heading(text)
        if heading is not None:
            return [
                Line(text[:heading].strip(), line.hint, line.gap),
                Line(text[heading:].strip(), "heading", gap=False),
            ]
    return [line]


def _run_in_link(text: str) -> tuple[int, int, int] | None:
    """A read-also link a copy ran into the story ("… jana. SOMA ZAIDI: Kichwa Story …").

    Returns where the link starts, where its headline ends (at a full stop or where a
    sentence starts after it) and where the story resumes; None unless story follows.
    """
    for m in _READ_MORE_RUN.finditer(text):
        if m.start() and not _AFTER_STOP.search(text, 0, m.start()):
            continue  # mid-sentence: a reporter's "soma pia" is no link
        stops = [(s.end(), s.end()) for s in _SENTENCE_END.finditer(text, m.end())]
        starts = [(b.end, b.start) for b in unpunctuated_bounds(text, m.end(), len(text))]
        quotes = [(q.start(), q.end()) for q in _QUOTE_START.finditer(text, m.end())]
        for end, resume in sorted(stops + starts + quotes):
            headline, story = text[m.end() : end], text[resume:]
            if (
                2 <= word_count(headline) <= rules.RUN_IN_LINK_MAX_WORDS
                and word_count(story) >= rules.RUN_IN_STORY_MIN_WORDS
                and any(c in story for c in TERMINAL)
            ):
                return m.start(), end, resume
            if word_count(headline) >= 2:
                break  # the headline's end, and no story after it
    return None


def _share_tail(text: str) -> int | None:
    """Where share buttons run onto a paragraph's end start ("… jana. Shiriki: Facebook X")."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text) if not _abbreviation(text, m.start())]
    if not ends or word_count(text[: ends[-1]]) < 5:
        return None
    tail = text[ends[-1] :].strip()
    buttons = word_count(tail) >= 2 and _all_in(tail.casefold(), rules.SHARE_WORDS)
    return ends[-1] if buttons else None


def _paragraph_end(text: str) -> int | None:
    """Where a paragraph ends and a caption run onto it begins, if the paragraph is long."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text) if not _abbreviation(text, m.start())]
    ends = [e for e in ends if word_count(text[:e]) >= 20 and text[e:].strip()]
    return ends[-1] if ends else None


def _run_on_heading(text: str) -> int | None:
    """Where a heading run onto a paragraph's end starts ("…ya fedha.\u00a0Kim ausifu …")."""
    matches = [m for m in _RUN_IN.finditer(text) if not _abbreviation(text, m.start())]
    if not matches:
        return None
    tail = text[matches[-1].end() :]
    if (
        2 <= word_count(tail) <= 12
        and not any(c in tail for c in TERMINAL + ":;")
        and not tail.rstrip().endswith(",")
        and word_count(text[: matches[-1].start()]) >= 5
    ):
        return matches[-1].end()
    return None


def _abbreviation(text: str, stop: int) -> bool:
    """Whether the full stop at `stop` ends an abbreviation ("Dkt.") or an initial ("J.")."""
    word = re.split(r"[\s\u00a0]", text[:stop])[-1].lower()
    return abbreviation_stop(word, text[stop + 1 :].lstrip())


def repair(text: str) -> str:
    """Restore the space a page lost after a full stop; the only change made to the words.

    >>> repair("kuwachagua.Akizungumza na Dkt.Mpango kwa Sh2.5 bilioni.")
    'kuwachagua. Akizungumza na Dkt. Mpango kwa Sh2.5 bilioni.'
    """
    return _MISSING_SPACE.sub(" ", text.strip())


def furniture_reason(text: str) -> str | None:
    """The furniture reason for a whole line, without looking at its neighbours."""
    low = text.casefold().strip(" .:")
    words = word_count(text)
    unpunctuated = text.rstrip()[-1:] not in TERMINAL
    checks: tuple[tuple[bool, str], ...] = (
        (_cookie_notice(text, words), rules.COOKIES),
        (bool(_COPYRIGHT_CREDIT.fullmatch(text)), rules.PHOTO),
        (bool(_FOOTER.fullmatch(text)) and (words <= 25 or "©" in text), rules.FOOTER),
        (bool(_URL_LINE.fullmatch(text)), rules.URL),
        (nav_run(text), rules.NAVIGATION),
        (bool(_NAV.fullmatch(text)) or low in rules.NAV_WORDS or _menu(text), rules.NAVIGATION),
        (_broadcast(text, words), rules.BROADCAST),
        (bool(_EMAIL.search(text)) and words <= rules.CONTACT_MAX_WORDS, rules.EMAIL),
        (_contact(text, words), rules.CONTACT),
        (bool(_URL_ANY.search(text)) and words <= rules.CONTACT_MAX_WORDS, rules.URL),
        (bool(_PHOTO_LINE.fullmatch(text)), rules.PHOTO),
        (bool(_READ_MORE.fullmatch(text)), rules.READ_MORE),
        (_all_in(low, rules.SHARE_WORDS) or bool(_SOCIAL_BAR.fullmatch(text)), rules.SHARE),
        (bool(_ADVERT.fullmatch(text)), rules.ADVERT),
        (bool(_PAGINATION.fullmatch(text)), rules.PAGE_BREAK),
        (bool(_POST_CREDIT.fullmatch(text.strip())), rules.POST_CREDIT),
        (bool(_BIO.fullmatch(text.strip())) and words <= rules.WRITER_BIO_MAX_WORDS, rules.BIO),
        (_promo(text, words), rules.PROMO),
        (bool(_SHARE_PLEA.fullmatch(text)) and words <= rules.SHARE_PLEA_MAX_WORDS, rules.PROMO),
        (bool(_LIKE_PLEA.fullmatch(text)) and words <= rules.SHARE_PLEA_MAX_WORDS, rules.PROMO),
        (bool(HASHTAGS.fullmatch(text.strip())), rules.HASHTAG_LINE),
        (_newsletter(text, words), rules.NEWSLETTER),
        (text.strip().isdigit(), rules.LABEL),  # a list's number ("1", "2"): never story
        (table_row(text), rules.TABLE),
        (_schedule(text, words, unpunctuated), rules.SCHEDULE),
        (bool(AGENCY_LINE.fullmatch(text)), rules.AGENCY),
        (bool(_CREDIT.fullmatch(text)) and words <= 12, rules.CREDIT),
        (bool(_TIMESTAMP.fullmatch(text)) and unpunctuated, rules.TIMESTAMP),
        (bool(_LABEL.fullmatch(text)), rules.LABEL),
        (_all_in(low, rules.FOOTER_WORDS), rules.FOOTER),
        (_all_in(low, rules.NAV_WORDS), rules.NAVIGATION),
        (foreign(text) and byline_name(text) is None, rules.FOREIGN),  # "By Juma Ali"
    )
    return next((reason for matched, reason in checks if matched), None)


def _cookie_notice(text: str, words: int) -> bool:
    """A cookie notice: short, or of any length in a language the story is not written in."""
    if not _COOKIES.search(text):
        return False
    return words <= rules.COOKIE_MAX_WORDS or _foreign_words(text)


def _foreign_words(text: str) -> bool:
    """Whether a line has no Swahili word at all (a French or English notice)."""
    return not any(t.casefold() in rules.SWAHILI_WORDS for t in _LETTERS.findall(text))


def _newsletter(text: str, words: int) -> bool:
    """A newsletter sign-up line ("Jiunge na jarida letu"); speech that mentions one is not."""
    quoted = any(c in text for c in '"\u201c\u201d\u00ab\u00bb\u201e')
    return words <= rules.NEWSLETTER_MAX_WORDS and not quoted and bool(_NEWSLETTER.fullmatch(text))


def table_row(text: str) -> bool:
    """A row of a table ("1 Simba 9 7 1 1 22", "Timu P W D L Pts"): numbers and codes.

    >>> table_row("2 Yanga 8 6 2 0 20"), table_row("Simba 2 Yanga 1")
    (True, False)
    """
    cells = text.split()
    if len(cells) < rules.TABLE_MIN_CELLS or text.rstrip()[-1:] in TERMINAL:
        return False
    coded = sum(
        c.replace(".", "").replace(",", "").isdigit()
        or (len(c) <= rules.TABLE_CODE_MAX_CHARS and c[:1].isupper())
        for c in cells
    )
    return coded >= rules.TABLE_CELL_SHARE * len(cells)


def mark_boxes(lines: list[Line]) -> None:
    """Boxes that only their neighbours give away: a cookie notice's buttons, a photo above
    its © credit, a table's title, an audio box, a key-points box."""
    for i, line in enumerate(lines):
        before = lines[i - 1] if i else None
        if line.reason == rules.COOKIES and _COOKIES.search(line.text):
            if (
                before is not None
                and before.reason is None
                and _COOKIE_TITLE.fullmatch(before.text.strip())
            ):
                before.reason = rules.COOKIES  # the box's title
            # Only the notice's own buttons: a marked button never marks more, so a site
            # name, date bar or sign-in link under the box stays for the header to read.
            for x in lines[i + 1 : i + 1 + rules.COOKIE_BUTTONS]:  # "Kubali", "Accepter"
                if x.reason not in (None, rules.NAVIGATION) or x.date or not _button(x.text):
                    break
                x.reason = rules.COOKIES
        elif (
            line.reason == rules.PHOTO
            and _COPYRIGHT_CREDIT.fullmatch(line.text)
            and not line.gap  # a credit alone in its block is not the line above's
            and before is not None
            and before.reason is None
            and not before.date
            and word_count(before.text) <= rules.CAPTION_MAX_WORDS
        ):
            before.reason = rules.PHOTO  # the caption a © credit stands under
        elif line.reason == rules.TABLE and before is not None and before.reason is None:
            if word_count(before.text) <= 8 and before.text.rstrip()[-1:] not in TERMINAL:
                before.reason = rules.TABLE  # the table's title: "MSIMAMO LIGI KUU BARA"
        elif line.reason in (None, rules.LABEL) and _DURATION.fullmatch(line.text.strip()):
            _mark_media(lines, i)
        elif line.reason is None and _archive_caption(lines, i):
            line.reason = rules.PHOTO
        elif line.reason is None and _between_alt_and_credit(lines, i):
            line.reason = rules.PHOTO  # DW: alt text, caption (even dated), "Picha: …"
        if _COMMENT_META.fullmatch(line.text.strip()):
            _mark_comment(lines, i)


def _mark_comment(lines: list[Line], start: int) -> None:
    """A reader's comment: its "name · when" line, its text, up to its action row or the
    next furniture; a run longer than a comment is left to the story."""
    end = start + 1
    while end < len(lines) and end - start <= rules.COMMENT_MAX_LINES:
        x = lines[end]
        if _COMMENT_ACTIONS.fullmatch(x.text.strip()):
            end += 1
            break
        if x.reason or _COMMENT_META.fullmatch(x.text.strip()):
            break
        end += 1
    else:
        if end < len(lines):
            return  # too long for a comment: maybe the story goes on
    for x in lines[start:end]:
        if x.reason is None or x is lines[start]:
            x.reason = rules.COMMENTS


def _archive_caption(lines: list[Line], i: int) -> bool:
    """A short line ending "(Maktaba)" right beside a photo credit or media box."""
    if word_count(lines[i].text) > rules.CAPTION_MAX_WORDS:
        return False
    if not _ARCHIVE.fullmatch(lines[i].text.strip()):
        return False
    near = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
    return any(x.reason in (rules.PHOTO, rules.MEDIA) for x in near)


def _between_alt_and_credit(lines: list[Line], i: int) -> bool:
    """A short line between a photo's foreign alt text and its "Picha:" credit: its caption."""
    if not 0 < i < len(lines) - 1 or word_count(lines[i].text) > rules.CAPTION_MAX_WORDS:
        return False
    before, after = lines[i - 1], lines[i + 1]
    return before.reason == rules.FOREIGN and after.reason == rules.PHOTO


def _button(text: str) -> bool:
    """A cookie box's button ("Kubali zote", "Mipangilio ya vidakuzi"), never a date or name."""
    low = text.casefold()
    return (
        word_count(text) <= rules.COOKIE_BUTTON_MAX_WORDS
        and text[-1:] not in TERMINAL
        and not any(c.isdigit() for c in text)
        and (any(w in low for w in rules.COOKIE_BUTTON_WORDS) or bool(_COOKIES_WORD.search(text)))
    )


def _mark_media(lines: list[Line], end: int) -> None:
    """An audio box at its clip's length: back to its first label ("Sikiliza", the clip's
    title, "Sauti"), on over the labels and download button after it; all media."""
    start = max(end - rules.MEDIA_BOX_MAX_LINES + 1, 0)
    first = None
    for j in range(end - 1, start - 1, -1):
        if not (lines[j].reason or word_count(lines[j].text) <= 12):
            break
        if _media_label(lines[j].text):
            first = j
    if first is None:
        return
    stop = end + 1
    while stop < len(lines) and stop - end <= 2 and _media_button(lines[stop].text):
        stop += 1
    for x in lines[first:stop]:
        x.reason = x.reason if x.reason and x.reason != rules.NAVIGATION else rules.MEDIA


def _media_label(text: str) -> bool:
    return text.casefold().strip(" :") in rules.MEDIA_LABELS


def _media_button(text: str) -> bool:
    """A label or download button under a clip's length ("Sikiliza", "Pakua")."""
    low = text.casefold().strip(" :")
    return low in rules.MEDIA_LABELS or low in rules.MEDIA_BUTTONS


def mark_ticker(lines: list[Line]) -> None:
    """A live ticker: its heading, then the score and minute lines under it, up to a gap."""
    for i, line in enumerate(lines):
        if line.reason or not _TICKER_HEADING.fullmatch(line.text.strip()):
            continue
        ticks = list(
            takewhile(lambda x: bool(_TICKER_LINE.fullmatch(x.text.strip())), lines[i + 1 :])
        )
        if ticks:
            for x in [line, *ticks]:
                x.reason = rules.TICKER


def mark_key_points(lines: list[Line]) -> None:
    """A key-points box above the story ("Muhtasari" and its bullets) repeats the story."""
    for i, line in enumerate(lines):
        if line.reason or not _KEY_POINTS.fullmatch(line.text.strip()):
            continue
        bullets = []
        for x in lines[i + 1 :]:
            if x.reason or not _BULLET.match(x.text):
                break
            bullets.append(x)
        if bullets:
            for x in [line, *bullets]:
                x.reason = rules.KEY_POINTS


def unbullet(line: Line) -> None:
    """A bulleted link list is other stories; a bulleted sentence loses only its glyph."""
    bullet = _BULLET.match(line.text)
    if bullet is None or line.reason or not line.text[bullet.end() :].strip():
        return
    rest = line.text[bullet.end() :].strip()
    if word_count(rest) <= rules.BULLET_LINK_MAX_WORDS and rest[-1] not in TERMINAL + CLOSERS:
        line.reason = rules.RELATED
    else:
        line.text = rest  # the glyph is layout, not a word of the story


def _contact(text: str, words: int) -> bool:
    """A paragraph of contact details ("Tuandikie: x@y.com, simu +255 …"), not a story line."""
    if words > rules.CONTACT_PARAGRAPH_MAX_WORDS:
        return False
    found = _EMAIL.search(text) or _PHONE.search(text) or _POSTAL.search(text)
    if found is None:
        return False
    return words <= rules.CONTACT_MAX_WORDS or bool(_CONTACT_CUE.search(text))


def _broadcast(text: str, words: int) -> bool:
    """A broadcaster's "listen to us" line: how to tune in, follow or write to the station."""
    if words > 60:
        return False
    if _BROADCAST_ANYWHERE.search(text) or _BROADCAST_START.fullmatch(text):
        return True
    if not _BROADCAST_WEAK.fullmatch(text):
        return False
    return words <= 12 or len(broadcast_hints(text)) >= 3 or _contact(text, words)


def broadcast_hints(text: str) -> set[str]:
    return {m.group().casefold() for m in _BROADCAST_HINT.finditer(text)}


def nav_run(text: str) -> bool:
    """Site sections or networks listed on one line: "Idhaa ya Kiswahili, Uchumi, Michezo, …"."""
    if text.rstrip()[-1:] in TERMINAL or any(c.isdigit() for c in text):
        return False
    items = [p.strip() for p in _LIST_ITEMS.split(text) if p.strip()]
    if len(items) == 1:
        items = _menu_words(text.casefold())
        return len(items) >= rules.NAV_RUN_MIN_ITEMS
    return (
        len(items) >= rules.NAV_RUN_MIN_ITEMS
        and all(word_count(p) <= 3 and p[0].isupper() for p in items)
        and any(p.casefold() in _MENU_ITEMS for p in items)
    )


def _menu_words(low: str) -> list[str]:
    """The menu items a space-separated line is made of, or [] if anything else is in it."""
    found: list[str] = []
    rest = f" {low} "
    for item in _MENU_ITEMS:
        while f" {item} " in rest:
            found.append(item)
            rest = rest.replace(f" {item} ", " ", 1)
    return found if not rest.strip() else []


def foreign(text: str) -> bool:
    """A short line in German or English (a DW photo caption), not Swahili.

    >>> foreign("Bundesliga: Bayern München gegen Borussia Dortmund")
    True
    >>> foreign("Ursula von der Leyen azuru Nairobi"), foreign("Simba yaichapa Yanga")
    (False, False)
    """
    if word_count(text) > rules.FOREIGN_MAX_WORDS or text[:1] in CLOSERS + "\u201c\u201e\u00ab":
        return False
    tokens = _LETTERS.findall(text)
    if text.isupper():  # a shouted headline: its words tell the language as lower case would
        tokens = [t.casefold() for t in tokens]
    words = [t.casefold() for i, t in enumerate(tokens) if _counted(tokens, i)]
    swahili = sum(w in rules.SWAHILI_WORDS for w in words)
    other = max(
        sum(w in rules.GERMAN_WORDS for w in words), sum(w in rules.ENGLISH_WORDS for w in words)
    )
    if swahili or not other:
        return False
    if other >= 2:
        return True
    content = [w for w in words if w not in rules.GERMAN_WORDS | rules.ENGLISH_WORDS]
    # Swahili words end in a vowel; German and English ones mostly do not.
    vowels = sum(w[-1] in "aeiou" for w in content)
    return not content or vowels * 2 < len(content) or any(c in "äöüß" for c in "".join(content))


def _counted(tokens: list[str], i: int) -> bool:
    """Whether a word tells the language: lower case, not inside a name, or a first "Die"."""
    word = tokens[i]
    if word[:1].isupper():
        low = word.casefold()
        return i == 0 and (low in rules.GERMAN_WORDS or low in rules.ENGLISH_WORDS)
    inside = 0 < i < len(tokens) - 1 and tokens[i - 1][:1].isupper()
    return not (inside and word in _NAME_INNER)


def _menu(text: str) -> bool:
    """A menu written on one line: "Nyumbani | Habari | Michezo | Vipindi"."""
    parts = [p for p in SEPARATED.split(text) if p.strip()]
    return len(parts) >= rules.MENU_MIN_ITEMS and all(word_count(p) <= 3 for p in parts)


def _all_in(low: str, words: frozenset[str]) -> bool:
    """Whether a line is only buttons or links from `words` ("Shiriki Facebook | Twitter")."""
    if low in words:
        return True
    # "Shiriki habari hii: WhatsApp | Facebook | X": a lead-in and its buttons
    parts = [p for p in re.split(rf"{rules.MENU_SEPARATORS}|:\s+", low) if p]
    if len(parts) > 1 and all(p.strip(" .:") in words for p in parts):
        return True
    if len(parts) == 2 and parts[0].strip() in words:
        low = parts[1]  # "Shiriki habari hii: Facebook Twitter WhatsApp"
    tokens = low.split()
    return len(tokens) > 1 and all(t.strip(" .:,|") in words for t in tokens)


def _promo(text: str, words: int) -> bool:
    """A call to click or watch elsewhere, shouted or pointing ("TAZAMA VIDEO HAPA ⬇️")."""
    loud = text.isupper() or any(c in rules.PROMO_ARROWS for c in text)
    return words <= rules.PROMO_MAX_WORDS and loud and bool(_PROMO_CALL.search(text))


def _schedule(text: str, words: int, unpunctuated: bool) -> bool:
    if words > rules.SCHEDULE_MAX_WORDS:
        return False
    if _TIME_RANGE.search(text):
        return True
    if _TIME_START.fullmatch(text) and unpunctuated:
        return True
    return bool(_SCHEDULE.fullmatch(text)) and unpunctuated


def mark_broadcast_blocks(lines: list[Line]) -> None:
    """After a "listen to us" line, what is not story prose is the broadcaster's footer."""
    story = block = False
    for i, line in enumerate(lines):
        if line.reason == rules.BROADCAST:
            block = True
            continue
        if line.reason or line.date or TRAILING_AUTHOR.fullmatch(line.text):
            continue
        prose = is_lead(line)
        if not block:
            story = story or prose
            continue
        hints = broadcast_hints(line.text)
        if prose and len(hints) < 2 and not _contact(line.text, word_count(line.text)):
            block, story = False, True  # the story goes on after a box inside it
        elif prose or hints or (story and not _story_follows(lines[i + 1 :])):
            line.reason = rules.BROADCAST


def _story_follows(rest: list[Line]) -> bool:
    """Whether the next line that is not furniture is a paragraph of the story (a heading's)."""
    following = next((x for x in rest if not x.reason), None)
    return (
        following is not None
        and is_lead(following)
        and len(broadcast_hints(following.text)) < 2
        and not _contact(following.text, word_count(following.text))
    )


def mark_link_lists(lines: list[Line]) -> None:
    """Links listed under a lead-in ("Unaweza pia kusoma:") and BBC's boxes inside a story."""
    for i, line in enumerate(lines):
        box = _BOX_START.fullmatch(line.text)
        closed = _BOX_CLOSE.fullmatch(line.text)
        skip = _SKIP_BOX.fullmatch(line.text)
        if closed:
            _mark_box(lines, i, closed.group(1))
        if skip and i + 1 < len(lines) and same_text(lines[i + 1].text, skip.group(1)):
            lines[i + 1].reason = lines[i + 1].reason or rules.RELATED
            _mark_links(lines[i + 2 :], rules.RELATED)
        elif box:
            end = rules.BOX_END.format(box.group(1)).casefold()
            inside = lines[i + 1 : i + 1 + rules.BOX_MAX_LINES]
            close = next((j for j, x in enumerate(inside) if x.text.casefold() == end), None)
            for x in inside[: close + 1 if close is not None else 0]:
                x.reason = x.reason or rules.RELATED
        elif line.reason == rules.READ_MORE and (
            line.text.rstrip().endswith(":") or _READ_MORE_BARE.fullmatch(line.text.strip())
        ):
            _mark_links(lines[i + 1 :], rules.READ_MORE)
        elif line.reason is None and _LINK_BOX.fullmatch(line.text):
            line.reason = rules.RELATED  # RFI's "Kuhusu mada hiyo" box between paragraphs
            _mark_links(lines[i + 1 :], rules.RELATED)


def _mark_box(lines: list[Line], close: int, name: str) -> None:
    """A box closed by "Mwisho wa X": from the line "X" above it, all links."""
    start = max(close - rules.BOX_MAX_LINES, 0)
    for j in range(close - 1, start - 1, -1):
        if same_text(lines[j].text, name):
            for x in lines[j : close + 1]:
                x.reason = x.reason or rules.RELATED
            return


def _mark_links(lines: list[Line], reason: str) -> None:
    """The link titles listed under a lead-in: short lines up to a blank line or prose."""
    marked: list[Line] = []
    for x in lines:
        if x.gap or is_lead(x) or word_count(x.text) > 15:
            # With no blank line, the last short line right above the story's next paragraph
            # is that paragraph's subheading (UN News's "Tazama pia" box ends so).
            if len(marked) > 2 and not x.gap and is_lead(x) and _unstopped(marked[-1].text):
                marked[-1].reason = None
            break
        if x.reason is None:
            x.reason = reason
            marked.append(x)


def _unstopped(text: str) -> bool:
    return text.rstrip()[-1:] not in TERMINAL + CLOSERS


def mark_gallery(lines: list[Line]) -> None:
    """A photo gallery's counters ("1 ya 5") and the short captions between them and credits,
    and a caption right under a credit above the story's date."""
    for line in lines:
        if line.reason is None and _GALLERY_COUNTER.fullmatch(line.text.strip()):
            line.reason = rules.PHOTO
    for i in range(1, len(lines) - 1):
        before, line, after = lines[i - 1], lines[i], lines[i + 1]
        if line.reason or line.role or line.date:
            continue
        if word_count(line.text) > rules.CAPTION_MAX_WORDS:
            continue
        counted = _GALLERY_COUNTER.fullmatch(before.text.strip()) and after.reason == rules.PHOTO
        credited = before.reason == rules.PHOTO and (
            after.date is not None or _GALLERY_COUNTER.fullmatch(after.text.strip())
        )
        if counted or credited:
            line.reason = rules.PHOTO


def mark_captions(lines: list[Line], *, prose_only: bool = False) -> None:
    """A caption is the rest of a short block with a photo credit or a foreign alt text in it.

    `prose_only` marks only captions that would pass for a paragraph (above the lead, where
    a headline or byline may share a block with a credit when a copy lost its blank lines).
    """
    starts = [i for i, line in enumerate(lines) if i == 0 or line.gap]
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=False):
        block = lines[start:end]
        if len(block) > rules.CAPTION_BLOCK_MAX_LINES or not any(
            x.reason in (rules.PHOTO, rules.FOREIGN) for x in block
        ):
            continue
        rest = [x for x in block if x.reason is None and x.role is None]
        if all(word_count(x.text) <= rules.CAPTION_MAX_WORDS and not x.date for x in rest):
            for x in rest:
                if x.hint != "heading" and (is_lead(x) or not prose_only):
                    x.reason = rules.PHOTO


def is_lead(line: Line) -> bool:
    """The first paragraph of the story: prose, not a heading, caption or dateline."""
    if line.reason or line.date or line.hint == "heading":
        return False
    text = line.text
    words = word_count(text)
    if words >= 20:
        return True
    stops = len(re.findall(r"[.!?\u2026][\"'\u201d\u2019\u00bb)]*(?=\s|$)", text))
    ends_in_stop = re.search(r"[.\u2026][\"'\u201d\u2019\u00bb)]*$", text) is not None
    return words >= 5 and (ends_in_stop or (stops >= 2 and words >= 8))


def ends_story(text: str) -> bool:
    """A heading after which nothing is the story ("Habari zinazohusiana")."""
    return bool(_END_MARKER.fullmatch(text.strip()))


def mark_trailing_matter(body: list[Line], meta: Meta) -> None:
    """Mark the author credit after the story, and everything after a 'related' heading."""
    ended = False
    for i, line in enumerate(body):
        if ended:
            line.reason = line.reason or rules.RELATED
        elif line.reason is None and (issued := _ISSUED_BY.fullmatch(line.text.strip())):
            # The rest is the release's signature, office, address and the site's footer.
            for rest in body[i:]:
                if rest.reason in (None, rules.NAVIGATION) and not rest.date:  # the release day
                    rest.reason = rules.RELEASE_SIGNATURE
            if meta.author is None:
                meta.author = _issuer(issued.group(1), body[i + 1 :])
            _mark_slogan([line for line in body[:i] if line.reason is None])
            break
        elif line.reason is None and _END_MARKER.fullmatch(line.text):
            line.reason = rules.RELATED
            ended = True
        elif line.reason is None and (
            match := TRAILING_AUTHOR.fullmatch(line.text) or _SIGN_OFF.fullmatch(line.text.strip())
        ):
            if meta.author is None and is_name(match.group(1).strip()):
                meta.author, line.role = match.group(1).strip(), "author"
            else:
                line.reason = rules.CREDIT


def _mark_slogan(above: list[Line]) -> None:
    """The ministry's motto in capitals right above a release's signature: no story."""
    if above and word_count(above[-1].text) <= rules.SLOGAN_MAX_WORDS:
        bare = above[-1].text.strip().strip("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb!.")
        if bare.isupper():
            above[-1].reason = rules.SLOGAN


def _issuer(same_line: str, below: list[Line]) -> str | None:
    """The office a press release names under "Imetolewa na:", up to its date or a gap."""
    parts = [same_line.strip()] if same_line.strip() else []
    for line in below[: rules.ISSUER_MAX_LINES]:
        text = line.text.strip()
        if (parts and line.gap) or line.date or dateline_date(text) or text[-1:] in TERMINAL:
            break
        parts.append(unshout(text))
    return ", ".join(dict.fromkeys(parts)) or None


def mark_body_furniture(body: list[Line]) -> None:
    """Furniture that only its neighbours give away: alt text, menus, trailing links."""
    for i, line in enumerate(body):
        if line.reason or line.role:
            continue
        following = body[i + 1] if i + 1 < len(body) else None
        if line.date:
            line.reason = rules.TIMESTAMP
        elif (
            following is not None
            and following.reason == rules.PHOTO
            and not following.gap
            and word_count(line.text) <= rules.ALT_TEXT_MAX_WORDS
            and line.text[-1] not in TERMINAL
        ):
            line.reason = rules.ALT_TEXT
    mark_captions(body)
    numbered = [
        i
        for i, line in enumerate(body)
        if line.reason is None
        and line.role is None
        and re.match(r"\d+\.\s+\S", line.text)
        and line.text[-1] not in TERMINAL
        and word_count(line.text) <= 6
    ]
    for i in numbered:
        if i - 1 in numbered or i + 1 in numbered:
            body[i].reason = rules.NAVIGATION
    for line in reversed(body):
        if line.reason or line.role:
            continue
        if word_count(line.text) <= 6 and line.text[-1] not in TERMINAL + CLOSERS:
            line.reason = rules.FOOTER
        else:
            break
