"""Building an episode: article to script, speech, program, renditions and episode.json."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from contextlib import ExitStack
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .article import Article, load_article
from .assets import AudioFile, MixAssets
from .bulletin import Bulletin, Part, bulletin_layout, fit_length, is_bulletin, load_bulletin
from .config import Settings, time_zone
from .cover import TAG_SIZE, Cover, drawn_cover, own_cover
from .defaults import LEXICON_FILE
from .engines import Engine, EngineStatus, choose_engine, hash_exclusions
from .episode import (
    RECORD_FILE,
    ChapterRecord,
    EngineInfo,
    EpisodeRecord,
    RenditionRecord,
    SegmentRecord,
    SentenceRecord,
    SourceRecord,
    existing_guid,
    new_guid,
    read_record,
    write_record,
)
from .errors import AudiocastError, AudioError, EngineError, EpisodeError
from .fsutil import TempFile, remove_dead_temps
from .inputs import check_regular
from .limits import check_episode_length, check_real_length
from .lock import show_lock
from .script import Script, build_script
from .show import Show
from .swahili import load_lexicon, normalize
from .tidy import collect, record_files

# Speech, mixing and mastering (numpy, the meters, the encoders) are imported only by a
# build that makes audio: deciding that an episode is up to date needs none of them.
if TYPE_CHECKING:
    from .master import Analysis
    from .media import Tags
    from .mix import Program
    from .synthesize import Progress

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildResult:
    record: EpisodeRecord
    folder: Path
    skipped_engines: tuple[EngineStatus, ...]
    up_to_date: bool = False  # nothing changed since the last build: nothing was redone


def build_hash(
    article: Article,
    script: Script,
    settings: Settings,
    engine: str,
    version: str,
    files: list[str],
) -> str:
    """Identifies everything that shapes the episode's files: same hash, same episode.

    The script carries what the engine is told (so a lexicon edit counts); `files` are the
    SHA-256 of the show's own cover and audio. How a service is reached (an engine's
    address, key or concurrency) changes nothing: each engine says which of its settings do.
    """
    fields = asdict(article)
    if not article.date_assumed:  # absent, as before the field existed: the hash is unchanged
        del fields["date_assumed"]
    blob = json.dumps(
        [
            fields,
            # A story's link is there only in a bulletin: other episodes' hashes are as before.
            [[s.spoken, s.link] if s.link else s.spoken for s in script],
            settings.model_dump(
                mode="json",
                # Where stories come from (ingest) does not shape an episode's files.
                exclude={"limits": True, "ingest": True, "sources": True, **hash_exclusions()},
            ),
            engine,
            version,
            files,
        ],
        default=str,
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _up_to_date(folder: Path, digest: str) -> EpisodeRecord | None:
    """The existing record if it was built from the same inputs and its files are intact."""
    try:
        record = read_record(folder / RECORD_FILE)
    except AudiocastError:
        return None
    if record.build_hash != digest:
        return None
    for rendition in record.renditions.values():
        path = folder / rendition.file
        if not path.is_file() or path.stat().st_size != rendition.bytes:
            return None
    if not all((folder / name).is_file() for name in record_files(record)):
        return None
    return record


def show_script(show: Show, article: Article) -> Script:
    """The script as this show speaks it: the Swahili normalizer with the show's lexicon."""
    return build_script(article, show.settings, _speaker(show))


@dataclass(frozen=True)
class EpisodeInput:
    """What an episode is built from: an article and its script as the show speaks it, or
    a bulletin of the show's articles (bulletin.py), which the build sees as one article
    (`script` then reads every story in its style; one with a length is cut to fit)."""

    article: Article
    script: Script
    bulletin: Bulletin | None = None
    parts: tuple[Part, ...] = ()

    @property
    def fitted(self) -> bool:
        return self.bulletin is not None and self.bulletin.length is not None

    def shaping(self) -> list[str]:
        """What shapes the episode besides the article, the script and the show's files."""
        return [f"length={self.bulletin.length!r}"] if self.fitted and self.bulletin else []


def read_input(show: Show, path: Path, limit: int) -> EpisodeInput:
    """The article or bulletin at `path`, with its script."""
    if is_bulletin(path):
        bulletin = load_bulletin(show, path, limit)
        script, parts = bulletin_layout(bulletin, show.settings, _speaker(show))
        return EpisodeInput(bulletin.article, script, bulletin, parts)
    article = load_article(path, limit)
    return EpisodeInput(article, show_script(show, article))


def _speaker(show: Show) -> Callable[[str], str]:
    """What an engine is told for a written sentence: the Swahili normalizer, with the
    show's lexicon."""
    lexicon = load_lexicon(show.root / LEXICON_FILE)
    return partial(normalize, lexicon=lexicon, subs=True)


def load_assets(show: Show) -> MixAssets:
    """The show's own intro, outro and music bed, checked to stay inside the show, to be
    regular files and to start as audio; they are decoded only as they are mixed."""

    def load(name: str | None) -> AudioFile | None:
        if not name:
            return None
        from .ffmpeg import stream_audio
        from .mix import PROGRAM_RATE

        path = show.inside(name)
        check_regular(path, AudioError)  # ffmpeg would wait forever on a pipe
        next(stream_audio(path, PROGRAM_RATE), None)  # unreadable: told before any speech
        digest = hashlib.sha256()
        with path.open("rb") as file:
            while chunk := file.read(1 << 20):
                digest.update(chunk)
        return AudioFile(path, digest.hexdigest())

    mix_settings = show.settings.mix
    return MixAssets(load(mix_settings.intro), load(mix_settings.outro), load(mix_settings.bed))


def media_name(slug: str, profile: str, sha256: str, suffix: str) -> str:
    """`<slug>-<hash8>.mp3`, mobile `<slug>-<hash8>.mobile.m4a`: new content, new URL.

    >>> media_name("2024-06-18-x", "radio", "68dab05a" * 8, ".mp3")
    '2024-06-18-x-68dab05a.radio.mp3'
    """
    profile_part = "" if profile == "podcast" else f".{profile}"
    return f"{slug}-{sha256[:8]}{profile_part}{suffix}"


def text_name(slug: str, suffix: str, data: bytes) -> str:
    """`<slug>-<hash8>.vtt` and the like: a transcript or chapters file of new content gets a
    new name, so a feed written before never names a file another build rewrote."""
    return f"{slug}-{hashlib.sha256(data).hexdigest()[:8]}{suffix}"


def article_digest(path: Path, max_bytes: int) -> str | None:
    """The SHA-256 of the article file as it is now; None if it is not a regular file that
    can be read (nothing then matches it)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with path.open("rb") as file:
            return hashlib.sha256(file.read(max_bytes + 1)).hexdigest()
    except OSError:
        return None


def _file_hashes(assets: MixAssets, cover: Cover | None) -> list[str]:
    """The show's own files as they enter the build hash."""
    return [  # a drawn cover is the show's title, which the settings carry
        *([hashlib.sha256(cover.data).hexdigest()] if cover else []),
        *(a.sha256 for a in (assets.intro, assets.outro, assets.bed) if isinstance(a, AudioFile)),
    ]


def _speech_cached(
    show: Show, article: Article, script: Script, files: list[str], engine: Engine, force: bool
) -> bool:
    """Whether a build with `engine` asks it for no speech: up to date, or all of it cached."""
    from .cache import SegmentCache
    from .synthesize import all_cached

    digest = build_hash(article, script, show.settings, engine.name, engine.version, files)
    up_to_date = not force and _up_to_date(show.episode_dir(article.slug), digest) is not None
    return up_to_date or all_cached(
        script, engine, show.settings.voices, SegmentCache(show.cache_dir)
    )


def speech_cached(show: Show, article_paths: list[Path], engine: Engine, force: bool) -> bool:
    """Whether building all these articles with `engine` asks it for no speech at all, so a
    network engine need not be probed. An article that cannot be read fails on its own."""
    try:
        files = _file_hashes(load_assets(show), own_cover(show))
    except AudiocastError:
        return False
    for path in article_paths:
        try:
            source = read_input(show, path, show.settings.limits.article_bytes)
        except AudiocastError:
            continue
        shaped = files + source.shaping()
        if not _speech_cached(show, source.article, source.script, shaped, engine, force):
            return False
    return True


def build_episode(
    show: Show,
    article_path: Path,
    engines: list[str] | None = None,
    progress: Progress | None = None,
    force: bool = False,
    mastering: Progress | None = None,
) -> BuildResult:
    """Build one article into its episode folder, which changes in one step at the end.

    Every file of the episode is written under a new name as a temporary file; then, under
    the show lock and only if the article on disk is still the one read, they are renamed
    into place and episode.json names them (see tidy.py). An interrupted or outdated build
    leaves the episode as it was. An episode whose inputs have not changed is not rebuilt
    unless `force`.
    """
    settings = show.settings
    limit = settings.limits.article_bytes
    # The article as read: the digest before and after loading it must agree, else it was
    # being saved meanwhile and this build can never commit (it says to build again).
    before = article_digest(article_path, limit)
    source = read_input(show, article_path, limit)
    article, script = source.article, source.script
    read = before if before == article_digest(article_path, limit) else None
    check_episode_length(script, settings.limits, str(article_path))  # before paying for speech
    # The show's own files are checked before any speech is paid for.
    assets, cover = load_assets(show), own_cover(show)
    folder = show.episode_dir(article.slug)
    show.check_slug(article.slug, article_path)  # two articles may not share an episode
    files = _file_hashes(assets, cover) + source.shaping()

    def cached(candidate: Engine) -> bool:  # then a network engine need not be probed
        return _speech_cached(show, article, script, files, candidate, force)

    engine, skipped = choose_engine(engines or settings.voices.engine, settings, cached)
    digest = build_hash(article, script, settings, engine.name, engine.version, files)
    current = None if force else _up_to_date(folder, digest)
    if current is not None:
        return BuildResult(current, folder, tuple(skipped), up_to_date=True)
    remove_dead_temps(folder)  # left by earlier builds of this episode that were killed
    # The program is mixed into a file and mastered from it block by block: an hour-long
    # bulletin needs no more memory than a short story.
    with TempFile(folder / f"{article.slug}.program") as program_file:
        if source.fitted:
            program, analysis, script, notes = _speak_and_fit(
                show, source, engine, assets, program_file.path, progress, article_path
            )
        else:
            program, analysis = _speak_and_mix(
                show, script, engine, assets, program_file.path, progress, article_path
            )
            notes = ()
        check_real_length(program.duration, settings.limits, str(article_path))
        with ExitStack() as staged:  # the episode's files, deleted unless committed
            record, files_of = _finish(show, article, script, program, analysis, engine, digest,
                                       cover, staged, mastering)  # fmt: skip
            record = record.model_copy(update={"notes": list(notes)})
            program_file.discard()  # mastered: the disk space is free before the commit
            record = _commit(show, article_path, read, record, files_of)
    log.info("built %s with %s", article.slug, engine.name)
    return BuildResult(record, folder, tuple(skipped))


def _speak_and_mix(
    show: Show,
    script: Script,
    engine: Engine,
    assets: MixAssets,
    path: Path,
    progress: Progress | None,
    article_path: Path,
) -> tuple[Program, Analysis]:
    """Speech, the program and its analysis; with an engine that says its rate, each
    sentence is mixed and measured while the next is spoken."""
    from .cache import SegmentCache
    from .ffmpeg import look_for_ffmpeg
    from .synthesize import speaking, synthesize_to_cache

    settings, cache = show.settings, SegmentCache(show.cache_dir)
    rate = getattr(engine, "sample_rate", None)
    try:
        if isinstance(rate, int):
            with speaking(script, engine, settings.voices, cache, rate, progress) as speech:
                # Imported while the first sentences are spoken, not before; and ffmpeg
                # found then too, and the renditions' decoders loaded, not when mastering
                # starts.
                from .master import Analyser
                from .media import media_format
                from .mix import mix, program_rate

                look_for_ffmpeg()
                for name in settings.build.renditions:
                    media_format(settings.profiles[name].format).stream_decoder()
                analyser = Analyser(program_rate(speech, assets))
                program = mix(script, speech, settings.mix, assets, path=path, sink=analyser.add)
            return program, analyser.finish()
        stored = synthesize_to_cache(script, engine, settings.voices, cache, progress)
    except EngineError as exc:
        raise EngineError(f"{article_path}: {exc}") from exc
    from .master import analyse
    from .mix import mix

    program = mix(script, stored, settings.mix, assets, path=path)
    return program, analyse(program)


def _speak_and_fit(
    show: Show,
    source: EpisodeInput,
    engine: Engine,
    assets: MixAssets,
    path: Path,
    progress: Progress | None,
    article_path: Path,
) -> tuple[Program, Analysis, Script, tuple[str, ...]]:
    """A bulletin cut to its length: every story spoken in its style and mixed once to
    measure each segment; then the stories, styles and pauses that fit (bulletin.fit_length)
    mixed again, and silence added or the closing silence shortened to the exact frame."""
    from .cache import SegmentCache
    from .master import analyse
    from .mix import mix
    from .synthesize import synthesize_to_cache

    settings, script, bulletin = show.settings, source.script, source.bulletin
    assert bulletin is not None and bulletin.length is not None
    try:
        stored = synthesize_to_cache(
            script, engine, settings.voices, SegmentCache(show.cache_dir), progress
        )
    except EngineError as exc:
        raise EngineError(f"{article_path}: {exc}") from exc
    whole = mix(script, stored, settings.mix, assets, path=path)
    between = settings.mix.pause_between_sentences / 1000
    pauses = [s.pause_after_ms / 1000 + between * (len(s.sentences) - 1) for s in script.segments]
    # What a segment takes: its sentences and pauses, and what is heard before it that goes
    # with it (the chime before a story, which leaves with the story).
    costs, after = [], 0.0
    for segment, span in zip(script.segments, whole.spans, strict=True):
        costs.append(span.end - after + segment.pause_after_ms / 1000)
        after = span.end + segment.pause_after_ms / 1000
    try:
        fit = fit_length(bulletin, source.parts, costs, pauses, whole.duration - sum(costs))
    except AudiocastError as exc:
        raise EpisodeError(f"{article_path}: {exc}") from None
    scaled = settings.mix.model_copy(
        update={"pause_between_sentences": round(settings.mix.pause_between_sentences * fit.scale)}
    )
    chosen = Script(
        tuple(
            replace(
                script.segments[i],
                pause_after_ms=round(script.segments[i].pause_after_ms * fit.scale),
            )
            for i in fit.kept
        )
    )
    program = mix(chosen, [stored[i] for i in fit.kept], scaled, assets, path=path)
    program = _to_length(program, bulletin.length, article_path)
    return program, analyse(program), chosen, fit.notes


def _to_length(program: Program, seconds: float, article_path: Path) -> Program:
    """The program made exactly `seconds` long: silence added at the end, or the closing
    silence shortened (never the voice)."""
    frames = round(seconds * program.rate)
    if frames > program.frames:
        with program.path.open("ab") as out:
            out.write(bytes(2 * (frames - program.frames)))
    elif frames < program.frames:
        cut = program.read(frames)
        if cut.any():  # voice, not silence
            raise EpisodeError(
                f"{article_path}: the bulletin came out {program.duration - seconds:.2f} s "
                "longer than its length; build it again with --force"
            )
        with program.path.open("r+b") as out:
            out.truncate(2 * frames)
    return replace(program, frames=frames)


def _finish(
    show: Show,
    article: Article,
    script: Script,
    program: Program,
    analysis: Analysis,
    engine: Engine,
    digest: str,
    cover: Cover | None,
    staged: ExitStack,
    mastering: Progress | None = None,
) -> tuple[EpisodeRecord, dict[str, TempFile]]:
    """Master the renditions, write transcripts and chapters as temporary files (entered
    into `staged`), and the record that names them; the files by their final names. A show
    without a cover of its own gets one drawn while the renditions encode: only their tags,
    written last, carry it."""
    from .chapters import chapters_json, make_chapters
    from .media import Tags
    from .synthesize import role_voice
    from .transcript import record_cues, subrip, webvtt

    settings = show.settings
    folder = show.episode_dir(article.slug)
    chapters = make_chapters(script.segments, program.spans, program.duration)
    tags = Tags(
        title=article.title,
        artist=article.author,
        album=settings.show.title,
        date=article.date.date().isoformat(),
        comment=article.summary,
        cover=None,  # given each rendition as it is tagged: see `tagged`
        chapters=tuple(chapters),
        created=datetime.now(time_zone(settings.show.timezone)),
        reference=article.slug,
    )
    names = settings.build.renditions
    # Named for the episode and profile only: ffmpeg and the tag writers are told the
    # format, and the file's own name comes from its hash once it is written.
    encoded = {n: staged.enter_context(TempFile(folder / f"{article.slug}.{n}")) for n in names}
    tally = _Tally(mastering, len(names) * program.frames)
    drawn: Future[Cover] = Future()
    # The cover is drawn once the encoders have begun: drawing it as they started held the
    # interpreter they needed. Begun: a first block encoded, tags wanted, or a rendition over.
    begun = threading.Event()

    def tagged() -> Tags:  # a rendition's tags once it is encoded, with the cover
        begun.set()
        return replace(tags, cover=drawn.result())

    def render(name: str) -> RenditionRecord:
        def share(done: int, total: int) -> None:
            begun.set()
            tally.add(name, done, total)

        try:
            return _render(article.slug, name, program, settings, tagged, analysis,
                           encoded[name], share)  # fmt: skip
        finally:
            begun.set()

    # Each rendition streams the program from its file through its own encoder: on more
    # than one core they overlap, and an added rendition costs a fraction of the first.
    workers = min(len(names), len(os.sched_getaffinity(0)))
    with ThreadPoolExecutor(workers, thread_name_prefix="master") as pool:
        futures = {name: pool.submit(render, name) for name in names}
        try:
            # Drawn here, as the encoders run: the cover is the title's, wanted only by tags.
            begun.wait()
            drawn.set_result(cover or drawn_cover(settings.show.title, TAG_SIZE))
            wait(futures.values(), return_when=FIRST_EXCEPTION)
            for future in futures.values():
                if future.done() and future.exception() is not None:
                    future.result()  # the first failure, raised here
            renditions = {name: future.result() for name, future in futures.items()}
        except BaseException as exc:
            tally.stop()  # the others end at their next block, not at their last
            if not drawn.done():  # a rendition waiting for its cover ends too
                drawn.set_exception(exc)
            raise
    files = {renditions[name].file: encoded[name] for name in names}
    segments = _segment_records(script, program)
    cues = record_cues(segments)  # as validate makes them again from the record
    texts = {
        "vtt": (".vtt", webvtt(cues)),
        "srt": (".srt", subrip(cues)),
        "chapters": (".chapters.json", chapters_json(chapters)),
    }
    named = {}
    for kind, (suffix, text) in texts.items():
        data = text.encode("utf-8")
        named[kind] = text_name(article.slug, suffix, data)
        files[named[kind]] = staged.enter_context(TempFile(folder / named[kind]))
        files[named[kind]].write(data)

    record = EpisodeRecord(
        slug=article.slug,
        guid=new_guid(settings.show.base_url, article.slug),  # an earlier build's is kept
        title=article.title,
        date=article.date,
        date_assumed=article.date_assumed,
        author=article.author,
        summary=article.summary,
        categories=list(article.categories),
        source=SourceRecord(name=article.source.name, url=article.source.url)
        if article.source
        else None,
        engine=EngineInfo(name=engine.name, version=engine.version),
        voices={v: role_voice(engine, settings.voices, v) for v in ("narrator", "quote")},
        build_hash=digest,
        duration=renditions["podcast"].duration,
        renditions=renditions,
        segments=segments,
        transcripts={"vtt": named["vtt"], "srt": named["srt"]},
        chapters_file=named["chapters"],
        chapters=[
            ChapterRecord(start=c.start, end=c.end, title=c.title, url=c.url) for c in chapters
        ],
        built_at=datetime.now(UTC),
    )
    return record, files


def _commit(
    show: Show, article_path: Path, read: str | None, record: EpisodeRecord,
    files: dict[str, TempFile],
) -> EpisodeRecord:  # fmt: skip
    """Make the episode's new files current in one step, under the show lock: renamed into
    place, then named by episode.json; the files no feed and no record names go."""
    folder = show.episode_dir(record.slug)
    record_path = folder / RECORD_FILE
    # Held only for this moment, so other builds keep speaking meanwhile; `audiocast feed`
    # never reads a record whose files are not all there.
    with show_lock(show):
        if read is None or article_digest(article_path, show.settings.limits.article_bytes) != read:
            raise EpisodeError(
                f"{article_path}: the article changed while it was being built, so nothing "
                "of this build was kept; build it again (unless a build started after the "
                "change is still running)"
            )
        record = record.model_copy(update={"guid": existing_guid(record_path) or record.guid})
        try:
            for name, temp in files.items():
                temp.commit(folder / name)
            write_record(record_path, record)
        finally:
            # The previous build's files stay while a written feed names them; any of ours
            # renamed before a failure goes, as no record names it.
            collect(show, [record.slug])
    return record


def _render(
    slug: str,
    name: str,
    program: Program,
    settings: Settings,
    tags: Callable[[], Tags],
    analysis: Analysis,
    encoded: TempFile,
    progress: Progress | None = None,
) -> RenditionRecord:
    from .master import master
    from .media import media_format

    profile = settings.profiles[name]
    rendition = master(program, profile, tags, encoded.path, analysis, progress)
    suffix = media_format(profile.format).suffix
    return RenditionRecord(
        profile=name,
        format=profile.format,
        # A new name for new content: a feed never points at a file being rewritten.
        file=media_name(slug, name, rendition.sha256, suffix),
        bytes=rendition.size,
        sha256=rendition.sha256,
        duration=round(rendition.duration, 3),
        loudness=round(rendition.loudness, 2),
        true_peak=round(rendition.true_peak, 2),
        bitrate=profile.bitrate,
        sample_rate=profile.sample_rate,
        channels=profile.channels,
    )


class _Tally:
    """One bar for all renditions mastered at once: the frames each has encoded, summed, over
    the program's length times their count. Told to stop (a rendition failed, or Ctrl-C),
    it ends every other rendition at its next block."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self._progress, self._total = progress, total
        self._done: dict[str, int] = {}
        self._lock = threading.Lock()
        self._stopped = threading.Event()

    def add(self, name: str, done: int, _: int) -> None:
        if self._stopped.is_set():
            raise EpisodeError("stopped: another rendition failed")
        if self._progress is not None:
            with self._lock:
                self._done[name] = done
                self._progress(sum(self._done.values()), self._total)

    def stop(self) -> None:
        self._stopped.set()


def _segment_records(script: Script, program: Program) -> list[SegmentRecord]:
    from .transcript import word_starts

    return [
        SegmentRecord(
            role=s.role.value,
            voice=s.voice,
            text=s.text,
            spoken=s.spoken,
            start=round(span.start, 3),
            end=round(span.end, 3),
            speaker=s.speaker,
            inline=s.inline,
            sentences=[
                SentenceRecord(
                    text=sentence.text,
                    spoken=sentence.spoken,
                    start=round(sentence_span.start, 3),
                    end=round(sentence_span.end, 3),
                    words=word_starts(sentence.spoken, sentence_span.words),
                )
                for sentence, sentence_span in zip(s.sentences, spans, strict=True)
            ],
        )
        for s, span, spans in zip(script, program.spans, program.sentence_spans, strict=True)
    ]
