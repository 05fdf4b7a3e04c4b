"""Quotations: a paragraph that is wholly a quote, its attribution and its speaker."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import dropwhile, takewhile
from typing import Any

from ..swahili.sentences import sentences
from . import rules
from .model import TERMINAL, word_count
from .names import not_a_name

QUOTE_PAIRS = {
    "\u201c": "\u201d\u201c",  # “…” and German-style closing “ after „ is listed below
    '"': '"',
    "\u00ab": "\u00bb",
    "\u00bb": "\u00ab",
    "'": "'",
    "\u2018": "\u2019",
    "\u201e": "\u201c\u201d",  # „…“ and „…”
    "\u201d": "\u201d",
}

_SPEECH = re.compile("|".join(rules.SPEECH_STEMS), re.IGNORECASE)
_PUNCTUATION = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e()[]:;,.!?\u2013\u2014-"
_OPENERS = "\"'\u201c\u2018\u201e\u00ab(["
_NICKNAME = re.compile(rules.NICKNAME)
_PERSON_AGREES = re.compile(rules.PERSON_AGREEMENT)
_JOINT = re.compile(rules.JOINT_SPEAKERS)
_JOINT_MORE = re.compile(rules.JOINT_MORE)
_PLURAL_VERB = re.compile(rf",?\s+(?:{rules.PLURAL_PERSON_VERB})\b")

# The people a story has named so far, nearest first: (a name the story may call someone
# by, their full name); a nickname is one, the full name itself another.
Cast = Sequence[tuple[str, str]]


def whole_quote(text: str) -> str | None:
    """The words inside quotation marks, if the quotation is the whole paragraph.

    >>> whole_quote("\u201c Tutaendelea kupambana na rushwa. \u201d")
    'Tutaendelea kupambana na rushwa.'
    >>> whole_quote('"Ndiyo," alisema. "Basi."') is None
    True
    """
    closers = QUOTE_PAIRS.get(text[:1])
    if closers is None:
        return None
    body = text.rstrip(".").rstrip() if text.rstrip(".")[-1:] in closers else text
    if len(body) < 3 or body[-1] not in closers:
        return None
    inner = body[1:-1]
    if text[0] in "'\u2018":
        inner_marks = re.sub(r"(?<=\w)['\u2019](?=\w)", "", inner)  # ng'ombe is not a quote end
        if any(c in inner_marks for c in closers):
            return None
    elif any(c in inner for c in closers):
        return None
    inner = inner.strip()
    if word_count(inner) <= rules.QUOTE_TERM_MAX_WORDS and inner[-1:] not in TERMINAL + ",":
        return None  # “MAJI NI UHAI”: a slogan standing alone, not someone's words
    return inner if word_count(inner) >= 1 else None


def open_quote(text: str) -> str | None:
    """The words of a paragraph that opens a quotation and never closes it.

    >>> open_quote("\u201cTutaanza na mikoa mitano. Kisha tutaendelea na mingine.")
    'Tutaanza na mikoa mitano. Kisha tutaendelea na mingine.'
    """
    spans = quote_spans(text)
    if len(spans) != 1 or spans[0].opening != 0 or spans[0].closing < len(text):
        return None
    return text[spans[0].start : spans[0].end]


def quote_block(text: str, blocks: list[dict[str, Any]], cast: Cast = ()) -> dict[str, Any]:
    """A quote, taking its attribution from the end of the paragraph before it."""
    block: dict[str, Any] = {"quote": text}
    previous = blocks[-1].get("paragraph") if blocks else None
    if previous:
        last = sentences(previous)[-1]
        # A sentence holding speech of its own introduces nothing: the speech runs on.
        speaking = any(q["text"] in last for q in blocks[-1].get("quotes", ()))
        if not speaking and _introduces_quote(last):
            # "Bw. Msangi alisema:" names him by surname: the story gave his full name before.
            named = _joint(last, "", "", after=False) or _speaker(last)
            named = named or _attributed(last, after=False)[0]
            block["speaker"] = resolve(named or "", cast)
            block["attribution"] = last
            rest = previous[: len(previous) - len(last)].rstrip()
            if rest:
                blocks[-1]["paragraph"] = rest
            else:
                blocks.pop()
    if not block.get("speaker"):
        block.pop("speaker", None)
    return block


def _introduces_quote(sentence: str) -> bool:
    if sentence.rstrip().endswith(":"):
        return True
    name = _speaker(sentence)
    if not name:
        return False
    ends_with_name = re.search(re.escape(name) + r"[.!]?\s*$", sentence) is not None
    return ends_with_name or bool(_SPEECH.search(sentence))


def _speaker(sentence: str) -> str | None:
    """The person a sentence names: the last run of two or more capitalised name words.

    >>> _speaker("Wasiwasi huo umegusiwa na katibu mkuu wa NATO Jens Stoltenberg.")
    'Jens Stoltenberg'
    >>> _speaker("Akizungumza jana, Waziri Mkuu Kassim Majaliwa alisema:")
    'Kassim Majaliwa'
    """
    names, speaking = _names(sentence, lambda word: bool(_SPEECH.search(word)))
    if not names:
        return None
    return " ".join(names[speaking] if speaking is not None else names[-1])


def _names(sentence: str, verb: Callable[[str], bool]) -> tuple[list[list[str]], int | None]:
    """The names a sentence holds, in order, and which of them stands just before a verb."""
    runs: list[list[str]] = [[]]
    starts: list[str] = [""]  # the word before each run
    heads: list[str] = [""]  # and the word before that
    speaking = -1  # the run just before a speech verb ("Amina Diallo aliwaambia")
    previous = earlier = ""
    marks = {i for span in quote_spans(sentence) for i in (span.opening, span.closing)}
    for found in re.finditer(r"\S+", sentence):
        token = found.group()
        word = token.strip(_PUNCTUATION)
        # "Achieng' Owino": an apostrophe ending a name is part of it, unless it closes a quote.
        end = found.start() + token.find(word) + len(word) if word else -1
        if word and end < len(sentence) and sentence[end] in _SINGLE and end not in marks:
            word += sentence[end]
        named = word[:1].isupper() and not not_a_name(word)
        if token[:1] in _OPENERS and runs[-1]:
            runs.append([])  # "Iddi Salum 'Chuma'": a nickname is no part of the name
            starts.append("")
            heads.append("")
        if named:
            if not runs[-1]:
                starts[-1], heads[-1] = previous, earlier
            runs[-1].append(word)
        elif verb(word) and speaking < 0 and runs[-1]:
            speaking = len(runs) - 1
        if not named or token[-1:] in ",;:.!?)":
            runs.append([])  # a lower-case word, a title, an office or a comma ends a name
            starts.append("")
            heads.append("")
        # "Lindi Mjini" is no locative: only a lower-case "mjini" is
        previous, earlier = word, previous
    names: list[list[str]] = []
    chosen = None
    for i, (run, before, head) in enumerate(zip(runs, starts, heads, strict=True)):
        if before in rules.LOCATIVES:
            continue  # "mjini Addis Ababa" is a place
        # "wilaya ya Pangani Salum Mbwana", "wa Twiga Stars Bakari Shime": after "ya" or "wa"
        # come the place or team the title belongs to, then the name.
        # "mbele ya Esther Wanjiru Maina": after a preposition the whole run is the name.
        if before in rules.CONNECTORS and head.casefold() not in rules.PREPOSITIONS:
            run = run[-2:]
        if len(run) >= 2:
            chosen = len(names) if i == speaking else chosen
            names.append(run[-rules.NAME_MAX_WORDS :])
    return names, chosen


# --- Who is who: short names and nicknames --------------------------------------------------


def people(text: str) -> list[tuple[str, str]]:
    """The people a text names, in order, each with any nickname it gives them.

    >>> people("Mshambuliaji Iddi Salum, maarufu kama \u201cChuma\u201d, alifunga mabao.")
    [('Iddi Salum', 'Iddi Salum'), ('Chuma', 'Iddi Salum')]
    """
    found: list[tuple[str, str]] = []
    at = 0
    plain = unquoted(text)  # "Namshukuru Mungu" inside speech is no one in the story
    for run in _names(plain, lambda _: False)[0]:
        name = " ".join(run)
        found.append((name, name))
        at = plain.find(name, at)
        if at < 0:
            at = 0
            continue
        at += len(name)
        if (nick := _NICKNAME.match(text, at)) and not not_a_name(nick["nick"]):
            found.append((nick["nick"].strip(), name))
        # "Emmanuel Rweyemamu, mhadhiri …" or "mkulima Petro Massawe": what the person is,
        # kept lower-case so that no name resolves to it, for a later "mhadhiri huyo".
        role = re.match(r"\s*,\s*(\w+)", plain[at:]) or re.search(
            r"(\w+)\s+$", plain[: at - len(name)]
        )
        if role and role[1].casefold() in rules.NOT_NAME_WORDS:
            found.append((f"~{role[1].casefold()}", name))
    return found


def _role_named(clause: str, cast: Cast, guess: str | None) -> str | None:
    """The person "mkulima huyo" points back to: the nearest one the story called a farmer,
    else, when the guessed speaker has another role, the nearest one it gave none."""
    back = re.search(r"\b(\w+)\s+(?:huyo|huyu)\b", clause)
    if not back or back[1].casefold() not in rules.NOT_NAME_WORDS:
        return None
    role = f"~{back[1].casefold()}"
    roles: dict[str, set[str]] = {}
    for alias, full in cast:
        roles.setdefault(full, set()).update({alias} if alias.startswith("~") else ())
    matched = [full for full, held in roles.items() if role in held]
    if matched or not roles.get(guess or ""):
        return next(iter(matched), None)
    return next((full for full, held in roles.items() if not held), None)


def resolve(name: str, cast: Cast) -> str:
    """The fullest name the story gave someone it now calls by a surname or nickname.

    >>> resolve("Kibwana", [("Selemani Kibwana", "Selemani Kibwana")])
    'Selemani Kibwana'
    >>> resolve("Chen", [("Chen Weiguo", "Chen Weiguo")]), resolve("Juma", [])
    ('Chen Weiguo', 'Juma')
    """
    short = " ".join(name.split())
    if not short:
        return name
    if " na " in short:  # people speaking together, each by the fullest name
        parts = re.split(r"(, | na )", short)
        return "".join(p if i % 2 else resolve(p, cast) for i, p in enumerate(parts))
    # A nickname, perhaps without the title it holds: "Moshi" for "Mama Moshi".
    nickname = next(
        (full for alias, full in cast if alias != full and f" {alias}".endswith(f" {short}")),
        None,
    )
    if nickname:
        return nickname
    fuller = [full for alias, full in cast if alias == full and len(full) > len(short)]
    # A surname is the usual short form; a first name or a Chinese surname ("Bw. Chen" for
    # Chen Weiguo) only when no full name ends with the word.
    match = next((f for f in fuller if f" {f}".endswith(f" {short}")), None)
    match = match or next((f for f in fuller if f" {short} " in f" {f} "), None)
    if match is None:
        return name
    # "Juma Kiraka" in the paragraph before may be "Ali Juma Kiraka" in the lead.
    within = [f for f in fuller if f" {match} " in f" {f} "]
    return max(within, key=lambda f: len(f.split()), default=match)


# --- Direct speech inside a paragraph -------------------------------------------------------

_QUOTE_VERB = re.compile(
    "(?:hu|(?P<subject>{})(?:{})?)(?P<object>{})?(?P<stem>{})".format(
        *(
            "|".join(sorted(words, key=len, reverse=True))
            for words in (
                rules.QUOTE_VERB_SUBJECTS,
                rules.QUOTE_VERB_TENSES,
                rules.QUOTE_VERB_OBJECTS,
                rules.QUOTE_VERB_STEMS,
            )
        )
    )
)
# A verb of the -ki- tense after "huku": "huku akitaka", "huku wakisema" (while he/they …).
_WHILE = re.compile(r"(?:a|wa|tu|ni|u|m|i|zi|ya|li|ki|vi)ki[a-z]{2,}")
# "Mzee Paulo Magesa, aliyeniambia, '…'": a person's relative speech verb introduces too.
_RELATIVE_VERB = re.compile(
    "(?:a|wa)(?:li|na|me)(?:ye|o)(?:{})?(?:{})".format(
        *(
            "|".join(sorted(words, key=len, reverse=True))
            for words in (rules.QUOTE_VERB_OBJECTS, rules.QUOTE_VERB_STEMS)
        )
    )
)
_ACCORDING = re.compile(rules.QUOTE_ACCORDING, re.IGNORECASE)
_SINGLE = "'\u2018\u2019"


@dataclass(frozen=True)
class Speech:
    """Direct speech found in a paragraph: its words inside the marks, and who said them."""

    text: str
    speaker: str | None
    closed: bool = True  # False when the speech runs on into the next paragraph


@dataclass(frozen=True)
class _Span:
    opening: int  # where the opening mark is
    closing: int  # where the closing mark is; the text's length when none closes it
    start: int  # the quoted words, without the marks and the spaces inside them
    end: int


def speech_verb(token: str) -> bool:
    """Whether a word is an inflected speech verb.

    >>> [speech_verb(w) for w in ("alisema,", "aliwaambia", "anaongeza", "kusema", "Amina")]
    [True, True, True, False, False]
    """
    return _QUOTE_VERB.fullmatch(token.strip(_PUNCTUATION).casefold()) is not None


def quote_spans(text: str) -> list[_Span]:
    """Every quotation in a paragraph, in any mark; an apostrophe inside a word is no mark."""
    spans: list[_Span] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] in QUOTE_PAIRS and _opens(text, i):
            closers = QUOTE_PAIRS[text[i]]
            j = i + 1
            while j < n and not (text[j] in closers and _closes(text, j)):
                j += 1
            inner = text[i + 1 : j]
            start = i + 1 + len(inner) - len(inner.lstrip())
            end = i + 1 + len(inner.rstrip())
            if end > start and any(c.isalnum() for c in text[start:end]):
                spans.append(_Span(i, j, start, end))
            i = j + 1
        else:
            i += 1
    return spans


def _around(text: str, i: int) -> tuple[str, str]:
    return (text[i - 1] if i else " "), (text[i + 1] if i + 1 < len(text) else " ")


def _opens(text: str, i: int) -> bool:
    mark = text[i]
    before, after = _around(text, i)
    if i + 1 >= len(text):
        return False
    if mark in _SINGLE:
        return not before.isalnum() and not after.isspace()  # ng'ombe, wa'sio
    if mark in "\u201d\u00bb":  # ”…” and »…« open only where a word starts
        return not before.isalnum() and after.isalnum()
    return True


def _closes(text: str, j: int) -> bool:
    mark = text[j]
    before, after = _around(text, j)
    if mark in _SINGLE:
        return not after.isalnum()  # ng'ombe: the apostrophe is followed by a letter
    if mark == "\u201c":  # „…“ closes; “ before a word opens the next quotation
        return not (before.isspace() and after.isalnum())
    return True


def inline_speech(
    text: str, previous: str = "", carried: str | None = None, cast: Cast = ()
) -> list[Speech]:
    """Direct speech inside a paragraph, with its speaker; quoted terms are left out.

    `previous` is the paragraph before, where a speaker may have been named; `carried` is
    the speaker of speech the paragraph before left open; `cast` the people named earlier
    in the story, whose full names a speaker called by a surname or nickname gets.

    >>> inline_speech('"Nafanya uandishi wa kitaaluma," anasema Amina Juma, mwandishi.')
    [Speech(text='Nafanya uandishi wa kitaaluma,', speaker='Amina Juma', closed=True)]
    >>> inline_speech('Ni kile kinachoitwa "uandishi wa kitaaluma" na wataalamu.')
    []
    """
    spans = quote_spans(text)
    found: list[Speech] = []
    for k, span in enumerate(spans):
        lead = text[spans[k - 1].closing + 1 if k else 0 : span.opening]
        ahead = text[span.closing + 1 : spans[k + 1].opening if k + 1 < len(spans) else len(text)]
        speech = _speech(text, span, lead, ahead, found, previous, carried if not k else None)
        if speech is not None and (clause := sentences(unquoted(lead).strip() or " ")[-1]):
            # "Mkulima huyo alimalizia: …" points back past the person named just before.
            here = people(text[: span.opening])[::-1]
            guess = resolve(speech.speaker or "", [*here, *cast])
            named = _introduces(clause) and _role_named(clause, [*here, *cast], guess)
            if named and not (_speaker(clause) or _subject(clause)):
                speech = Speech(speech.text, named, speech.closed)
        if speech is not None and speech.speaker:
            # Nearest first: this paragraph up to the quotation, then the rest of it.
            here = people(text[: span.opening])[::-1] + people(text[span.closing + 1 :])
            speech = Speech(speech.text, resolve(speech.speaker, [*here, *cast]), speech.closed)
        if speech is not None:
            found.append(speech)
    return found


def _speech(
    text: str,
    span: _Span,
    lead: str,
    ahead: str,
    found: list[Speech],
    previous: str,
    carried: str | None,
) -> Speech | None:
    """The quotation as speech with its speaker, or None when it is a term of the narrator."""
    words = text[span.start : span.end]
    closed = span.closing < len(text)
    punctuated = words[-1] in ",.!?\u2026:;"
    stripped = lead.rstrip()
    before = "" if not stripped or stripped[-1] in TERMINAL else sentences(lead.strip())[-1]
    tail = ahead.lstrip()
    # '…utakaodumu.' Ripoti …": a full stop inside the marks ends the sentence too.
    new_sentence = tail[:1] in tuple(TERMINAL) or (words[-1] in ".!?" and tail[:1].isupper())
    after = sentences(tail.lstrip(TERMINAL + ",;:\u2013\u2014- ") or " ")[0].strip()
    opening = not before  # the quotation starts a sentence
    final = not closed or words[-1] in TERMINAL or not tail or new_sentence

    introduced = _introduces(before) or (
        final and punctuated and (_reported(before) or _named_colon(before))
    )
    if introduced and not punctuated and _runs_on(tail):
        introduced = False  # 'akiongeza kuwa "…" tayari …': a phrase inside his sentence
    verbs = [i for i, w in enumerate(after.split()[:9]) if speech_verb(w)]
    followed = bool(verbs) and (verbs[0] == 0 or not new_sentence)
    if followed and not (
        opening
        or punctuated
        or (tail[:1] in ",\u2013\u2014-" and len(words.split()) > rules.QUOTE_TERM_MAX_WORDS)
    ):
        followed = False  # 'Kitabu chake, "Safari Yangu", kinaeleza …' names a book
    continues = (
        opening and final and (bool(found) or carried is not None or _told(text, span, previous))
    )
    if not (introduced or followed or continues):
        return None

    if introduced:
        speaker, unnamed = _attributed(before, after=False)
    elif followed:
        speaker, unnamed = _attributed(after, after=True)
    else:
        speaker, unnamed = None, False
    clause = before if introduced else after
    if (introduced or followed) and (
        joint := _joint(clause, text[: span.opening], previous, after=not introduced)
    ):
        speaker, unnamed = joint, False
    if speaker is None and not unnamed:
        if continues and not (introduced or followed) and found:
            speaker = found[-1].speaker
        else:
            speaker = _named_before(text[: span.opening], found, previous, carried)
    return Speech(words, speaker, closed)


def _introduces(clause: str) -> bool:
    """Whether the narrator's clause before a quotation introduces speech."""
    tokens = clause.split()
    if not tokens:
        return False
    if _ACCORDING.search(clause):
        return True
    if tokens[-1][-1:] in ",:" and _RELATIVE_VERB.fullmatch(tokens[-1][:-1].casefold()):
        return True
    verb = [i for i, w in enumerate(tokens) if speech_verb(w)]
    if not verb:
        return False
    last = tokens[-1].strip(_PUNCTUATION).casefold()
    # "inaeleza hali hiyo kama “…”" describes something as a phrase; "alisema kama" reports.
    described = last == "kama" and verb[-1] < len(tokens) - 2
    return (
        clause.rstrip().endswith(":")
        or verb[-1] == len(tokens) - 1
        or (last in rules.QUOTE_THAT and len(tokens) - verb[-1] <= 8 and not described)
    )


def _reported(clause: str) -> bool:
    """Whether reported speech runs on into the quotation: 'anaonya kuwa bila amani, "…"'."""
    tokens = clause.split()
    verb = [i for i, w in enumerate(tokens) if speech_verb(w)]
    if not verb or not clause.rstrip().endswith(",") or len(tokens) - verb[-1] > 8:
        return False
    return any(w.casefold() in rules.QUOTE_THAT - {"kama"} for w in tokens[verb[-1] + 1 :])


def _named_colon(clause: str) -> bool:
    """Whether a clause about a named person ends in a colon: "Juma Kitenge alikuwa na maneno
    machache:" introduces his words without a speech verb."""
    return clause.rstrip().endswith(":") and bool(_subject(clause) or _speaker(clause))


def _runs_on(tail: str) -> bool:
    """Whether the narrator's sentence runs on after the quotation ('"…" tayari kuanza')."""
    word = tail.split(maxsplit=2)
    if not word or not word[0][:1].islower() or speech_verb(word[0]):
        return False
    # "alisema “…” na kuongeza kuwa": the speech ends, the narrator adds what followed; as
    # in "alisema “…” huku akitaka …" (while he asked).
    return not (
        word[0] in ("na", "huku", "kisha")
        and len(word) > 1
        and (word[1][:2] == "ku" or (word[0] == "huku" and _WHILE.match(word[1]) is not None))
    )


def _told(text: str, span: _Span, previous: str) -> bool:
    """Whether the sentence before a quotation that opens a sentence tells of speech."""
    narrated = text[: span.opening].strip() or previous.strip()
    if not narrated:
        return False
    last = sentences(narrated)[-1]
    return last.rstrip().endswith(":") or any(speech_verb(w) for w in last.split())


def _attributed(clause: str, *, after: bool) -> tuple[str | None, bool]:
    """The speaker a speech verb's clause names, and whether it names someone unnamed.

    >>> _attributed("alisema Waziri wa Afya Amina Juma.", after=True)
    ('Amina Juma', False)
    >>> _attributed("alisema mzee mmoja wa Kondoa.", after=True)
    (None, True)
    """
    tokens = clause.split()
    verbs = [i for i, w in enumerate(tokens) if speech_verb(w)]
    if not verbs:  # "Kwa mujibu wa Amina Juma,"
        names, _ = _names(clause, speech_verb)
        return (" ".join(names[-1]) if names else None), False
    names, speaking = _names(clause, speech_verb)
    if names:
        if speaking is not None:
            return " ".join(names[speaking]), False
        return " ".join(names[0] if after else names[-1]), False
    # "Bi. Kweka alisisitiza kuwa tembo wanaendelea kupungua:": the verb with a named
    # subject speaks, not the last one.
    tried = [_one_named(tokens, at, after) for at in (verbs if after else verbs[::-1])]
    return next((t for t in tried if t[0]), tried[0])


def _one_named(tokens: list[str], at: int, after: bool) -> tuple[str | None, bool]:
    """The one-word name next to the speech verb at `at`, or whether it names no one."""
    subject = [w.strip(_PUNCTUATION) for w in tokens[:at][-3:]]
    following = [w.strip(_PUNCTUATION) for w in tokens[at + 1 : at + 5]]
    for word in [subject[-1:], following[:1]]:
        name = next(iter(word), "")
        if _one_name(name):
            return name, False
    # "alisema Rais Ruto", "alisema Luteni Kanali Mbwambo": titles, then the name.
    titles = len(list(takewhile(lambda w: w.casefold() in rules.NOT_NAME_WORDS, following)))
    if titles and following[titles : titles + 1] and _one_name(following[titles]):
        return following[titles], False
    if after and tokens[at].endswith(","):
        return None, False  # "alilalamika, akieleza …": the subject came before, not after
    verb = _QUOTE_VERB.fullmatch(tokens[at].strip(_PUNCTUATION).casefold())
    if verb and verb["subject"] == "wa":
        return None, True  # "walisema mashabiki hao": a crowd speaks, no one person
    if after and verb and (verb["object"] or verb["stem"] in rules.QUOTE_VERB_ADDRESSED):
        return None, False  # "aliwaambia waandishi wa habari": those told, not the speaker
    if not after and at and tokens[at - 1].endswith(","):
        return None, False  # "Akizungumza na wanahabari, alisema:": the clause has no subject
    described = [w for w in (following if after else subject) if w]
    if any(w.casefold() in rules.BACK_REFERENCES for w in described):
        return None, False  # "mwenyekiti huyo": named earlier
    first = described[0] if after and described else (described[-1] if described else "")
    unnamed = first[:1].islower() and first.casefold() not in rules.NOT_SUBJECT_WORDS
    return None, unnamed


def _joint(clause: str, narrated: str, previous: str, *, after: bool) -> str | None:
    """Two people a plural speech verb speaks for: named with it ("A na B walisema:"), or
    named together just before when the verb has no subject ("…,” walisema kwa pamoja.")."""
    tokens = clause.split()
    at = next((i for i, w in enumerate(tokens) if _plural_speech(w)), None)
    if at is None:
        return None
    if here := _pair(clause):
        return here
    following = next(iter(tokens[at + 1 : at + 2]), "").strip(_PUNCTUATION)
    described = following[:1].islower() and following.casefold() not in rules.NOT_SUBJECT_WORDS
    if after and described:
        return None  # "walisema wakazi hao": a crowd, however many were named before
    if not after and at and not tokens[at - 1].endswith(","):
        return None  # "Wakazi hao walisema:"
    plain = unquoted(narrated).strip() or unquoted(previous).strip()
    told = sentences(plain) if plain else []
    # The verb's own sentence, then the one before it.
    return next((pair for s in told[::-1][:2] if (pair := _pair(s))), None)


def _plural_speech(token: str) -> bool:
    verb = _QUOTE_VERB.fullmatch(token.strip(_PUNCTUATION).casefold())
    return verb is not None and verb["subject"] == "wa"


def _pair(sentence: str) -> str | None:
    """Two names joined by "na" that are the subject of a plural verb, or follow a plural
    speech verb.

    >>> _pair("Wavuvi wa Kilwa na Lindi, Asha Said na Musa Ali, walisema wamechoka.")
    'Asha Said na Musa Ali'
    """
    plain = unquoted(sentence)
    for found in _JOINT.finditer(plain):
        before = plain[: found.start()].split()[-1:]
        if not (
            _PLURAL_VERB.match(plain, found.end())
            or (before and _plural_speech(before[0]) and speech_verb(before[0]))
        ):
            continue
        names = [_without_titles(found[part]) for part in ("first", "second")]
        if not all(len(n) > 1 or (n and _one_name(n[0])) for n in names):
            continue
        listed = [" ".join(n) for n in names]
        start = found.start()
        # "Asha Said, Musa Ali na Juma Omar": full names listed before the pair speak too;
        # a lone capitalised word there is more likely a place ("Nungwi, Asha Said na …").
        while (more := _JOINT_MORE.search(plain[:start])) and len(
            extra := _without_titles(more["more"])
        ) > 1:
            listed.insert(0, " ".join(extra))
            start = more.start()
        return ", ".join(listed[:-1]) + " na " + listed[-1]
    return None


def _without_titles(run: str) -> list[str]:
    words = [w.strip(_PUNCTUATION) for w in run.split()]
    return list(dropwhile(not_a_name, words))


def _one_name(word: str) -> bool:
    return (
        len(word) > 1
        and word[:1].isupper()
        and word[1:].islower()
        and not not_a_name(word)
        and word.casefold() not in rules.NOT_SPEAKER_WORDS
    )


def _named_before(
    narrated: str, found: list[Speech], previous: str, carried: str | None
) -> str | None:
    """The speaker named before a speech verb that has none: the sentence before, an
    earlier quote of the paragraph, then the paragraph before."""
    plain = unquoted(narrated).strip()
    for sentence in reversed(sentences(plain) if plain else []):
        if name := _subject(sentence) or _speaker(sentence):
            return name
    if found and found[-1].speaker:
        return found[-1].speaker
    if carried:
        return carried
    before = unquoted(previous).strip()
    tail = sentences(before)[-2:] if before else []
    return next((name for s in reversed(tail) if (name := _subject(s) or _speaker(s))), None)


def unquoted(text: str) -> str:
    """The narrator's words only: each quotation blanked, so no one is found inside it.

    >>> unquoted('Alisema "Asante Mungu" kisha akaondoka.').split()
    ['Alisema', 'kisha', 'akaondoka.']
    """
    for span in quote_spans(text):
        text = (
            text[: span.opening]
            + " " * (span.closing + 1 - span.opening)
            + text[span.closing + 1 :]
        )
    return text


def _subject(sentence: str) -> str | None:
    """The person a sentence is about: a name, even one word, that opens it or its main clause,
    followed by a word agreeing with a person ("Masereka, anayejulikana …", "Mbambu alikiri").

    >>> _subject("Akijibu hoja hizo, Kimaro aliahidi kuchukua hatua.")
    'Kimaro'
    >>> _subject("Dodoma, mji mkuu, kilikuwa kimya.") is None
    True
    >>> _subject("Yanga, ambayo ilishinda jana, itacheza Jumamosi.") is None
    True
    """
    tokens = sentence.split()
    starts = [0] + [i + 1 for i, t in enumerate(tokens) if t.endswith(",")]
    for at in starts:
        # Titles and offices before the name: "Bi. Owino", "Waziri Kombo".
        while (
            at < len(tokens) and tokens[at].strip(_PUNCTUATION).casefold() in rules.NOT_NAME_WORDS
        ):
            at += 1
        run: list[str] = []
        while at < len(tokens) and len(run) < rules.NAME_MAX_WORDS:
            word = tokens[at].strip(_PUNCTUATION)
            if not word[:1].isupper() or not_a_name(word) or tokens[at][:1] in _OPENERS:
                break
            run.append(word)
            at += 1
            if tokens[at - 1][-1:] in ",;:.!?)":
                break
        if not run or (len(run) == 1 and not _one_name(run[0])):
            continue
        following = tokens[at].strip(_PUNCTUATION) if at < len(tokens) else ""
        if tokens[at - 1].endswith(",") and not _PERSON_AGREES.fullmatch(following):
            # "Maina, kwa upande wake, alikiri": the verb comes after a short aside.
            aside = tokens[at : at + rules.ASIDE_MAX_WORDS]
            closing = next((i for i, t in enumerate(aside) if t.endswith(",")), None)
            if closing is not None and at + closing + 1 < len(tokens):
                verb = tokens[at + closing + 1].strip(_PUNCTUATION)
                following = verb if _PERSON_AGREES.fullmatch(verb) else following
        # A person agrees with "a-" (alisema, anayejulikana, ambaye) or is described by an
        # office ("Kibet, kocha wake, …"); a team or a place takes other agreements
        # ("Simba, ambayo …", "Simba ilishinda").
        described = tokens[at - 1].endswith(",") and following in rules.TITLE_WORDS
        if _PERSON_AGREES.fullmatch(following) or described:
            return " ".join(run)
    return None
