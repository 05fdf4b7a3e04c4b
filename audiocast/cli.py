"""The `audiocast` command: parse, call one library function, show progress and errors."""

from __future__ import annotations

import datetime
import logging
import os
from collections.abc import Sequence
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text
from typer.core import TyperGroup

from . import __version__
from .defaults import DEFAULT_HOST, DEFAULT_PORT, SETTINGS_FILE
from .errors import AudiocastError, ConfigError, system_error
from .tuning import tune_process

if TYPE_CHECKING:  # the commands import what they use: `audiocast --help` loads none of it
    from .engines import EngineStatus
    from .episode import EpisodeRecord, ListedRecord, PublicRecord
    from .publish import PublicFile
    from .show import Show


class _Group(TyperGroup):
    """Library errors become one line on stderr and exit code 1 (tracebacks with --verbose)."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except AudiocastError as exc:
            if state.verbose:
                raise
            err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None
        except OSError as exc:  # a full disk, a folder we may not write: the system's words
            if state.verbose:
                raise
            err.print(f"error: {system_error(exc)}", markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None


app = typer.Typer(
    cls=_Group,
    help="Swahili news articles to podcast episodes: script, build, feed.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
_PLAIN: dict[str, Any] = {"markup": False, "highlight": False, "soft_wrap": True}
err = Console(stderr=True)


class _State:
    verbose = False
    show_dir: Path | None = None


state = _State()

ShowOption = Annotated[
    Path | None,
    typer.Option("--show", help="The show folder (default: nearest with audiocast.toml)."),
]


def _show() -> Show:
    from .show import Show

    return Show.open(state.show_dir) if state.show_dir else Show.find(Path.cwd())


def _version(value: bool) -> None:
    if value:
        out.print(f"audiocast {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log each step; show tracebacks.")
    ] = False,
    show: ShowOption = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print version.")
    ] = False,
) -> None:
    """Turn a Swahili article into a mastered episode and a podcast feed.

    Example: audiocast build episodes/2024-06-18-putin-pyongyang/article.yaml && audiocast feed
    """
    tune_process()
    state.verbose = verbose
    state.show_dir = show
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


class Language(StrEnum):
    """The show's Swahili, as feeds tag it."""

    SW = "sw"
    SW_KE = "sw-KE"
    SW_TZ = "sw-TZ"


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Where to create the show.")] = Path("."),
    title: Annotated[
        str | None, typer.Option(help="The show's name (default: the folder's name).")
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            help="Where feeds/ and episodes/ will be published, e.g. https://radio.co.tz/podcast."
        ),
    ] = None,
    owner: Annotated[
        str, typer.Option(help="The newsroom: the feeds' author and owner.")
    ] = "Dawati la Habari",
    email: Annotated[
        str | None,
        typer.Option(help="The owner's e-mail, which podcast directories write to."),
    ] = None,
    language: Annotated[
        Language, typer.Option(help="sw, or sw-KE / sw-TZ for a Kenyan or Tanzanian show.")
    ] = Language.SW,
    copyright: Annotated[
        str | None,
        typer.Option(help="The feeds' copyright line (default: © the episodes' years, owner)."),
    ] = None,
    engine: Annotated[
        list[str] | None,
        typer.Option(
            "--engine",
            "-e",
            help="The voices' engine (repeat for a fallback list, e.g. -e edge -e espeak); "
            "default: gtts, then espeak offline.",
        ),
    ] = None,
) -> None:
    """Create a show: audiocast.toml, lexicon.yaml, episodes/ and feeds/.

    Without --base-url and --email it writes placeholders, which validate and publish refuse.

    Example: audiocast init pwani --title "Sauti ya Pwani" --base-url https://radio.co.tz/pwani
    """
    from .config import load_settings
    from .init import DEFAULT_ENGINES, PLACEHOLDER_BASE_URL, PLACEHOLDER_EMAIL, init_show
    from .placeholders import placeholders

    created = init_show(folder, title, base_url or PLACEHOLDER_BASE_URL, owner,
                        email or PLACEHOLDER_EMAIL, language.value, copyright,
                        engine or DEFAULT_ENGINES)  # fmt: skip
    out.print(f"Created the show in {folder} ({', '.join(created)}).", soft_wrap=True)
    if folder.resolve() != Path.cwd().resolve():
        # Every other command works on the show of the current folder: go there first.
        out.print(f"Next: cd {folder}", soft_wrap=True)
    out.print(f"Then edit {SETTINGS_FILE} and add episodes with `audiocast import PAGE`.")
    for found in placeholders(load_settings(folder / SETTINGS_FILE)):
        # Said now, not discovered at the first publish.
        err.print(f"note: {folder / SETTINGS_FILE}: {found}", **_PLAIN)


@app.command("import")
def import_(
    source: Annotated[
        Path,
        typer.Argument(help="A copied page (.txt), saved page (.html) or .json, or a folder."),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Where to write (default episodes/<slug>/article.yaml)."
        ),
    ] = None,
    kind: Annotated[
        str, typer.Option(help="auto, text, html or json (default: from the file).")
    ] = "auto",
    explain: Annotated[bool, typer.Option(help="List what was dropped and why.")] = False,
    force: Annotated[bool, typer.Option(help="Overwrite an existing article file.")] = False,
    date: Annotated[
        str | None,
        typer.Option(
            metavar="YYYY-MM-DD",
            help="The publication date, whatever the page says (default: the page's, else today).",
        ),
    ] = None,
) -> None:
    """Turn a news page into article.yaml for you to review before building.

    Example: audiocast import ukurasa.txt --explain
    Example: audiocast import kurasa/            (every page in the folder kurasa)
    """
    from .importer.files import import_file

    day = _iso_date(date, "--date")
    if source.is_dir():
        if output:
            raise typer.BadParameter("a folder's pages each go to their own episode folder")
        _import_folder(_show(), source, explain, kind=kind, force=force, date=day)
        return
    show = _show()
    result = import_file(show, source, output=output, kind=kind, force=force, date=day)
    if explain:
        for dropped in result.dropped:
            out.print(f"dropped ({dropped.reason}): {dropped.text}", **_PLAIN)
    for note in result.notes:
        err.print(f"check: {note}", **_PLAIN)
    path = _shown(result.path)
    where = f"the show {show.settings.show.title!r} ({_shown(show.root)})"
    out.print(f"Wrote {path} in {where}: review it, then `audiocast build {path}`", **_PLAIN)


def _import_folder(show: Show, folder: Path, explain: bool, **options: Any) -> None:
    from .importer.files import import_folder

    with _progress() as bar:
        task = bar.add_task("Importing", total=None)
        result = import_folder(show, folder, progress=partial(_advance, bar, task), **options)
    table = _table("page", "result", "date", "quotes", "warnings")
    for outcome in result.outcomes:
        if outcome.imported:
            if explain:
                for dropped in outcome.imported.dropped:
                    out.print(f"{outcome.page.name}: dropped ({dropped.reason}): {dropped.text}",
                              **_PLAIN)  # fmt: skip
            date = (outcome.date or "")[:10] + (" (assumed)" if outcome.date_assumed else "")
            written = Text(f"imported → {_shown(outcome.imported.path)}")
            table.add_row(outcome.page.name, written, date, str(outcome.quotes),
                          str(outcome.warnings))  # fmt: skip
        else:  # the page is its row's first column: its path need not open the message
            error = (outcome.error or "").removeprefix(f"{outcome.page}: ")
            table.add_row(outcome.page.name, Text(f"failed: {error}", style="red"), "", "", "")
    out.print(table)
    done = [o for o in result.outcomes if o.imported]
    assumed = sum(o.date_assumed for o in done)
    out.print(
        f"Imported {len(done)} of {len(result.outcomes)} pages: {assumed} dates assumed, "
        f"{sum(o.quotes for o in done)} quotes found, {sum(o.warnings for o in done)} "
        "warnings (the `# Check:` lines atop each article.yaml). Review them, then "
        "`audiocast build`.",
        **_PLAIN,
    )
    if result.ignored:
        names = ", ".join(path.name for path in result.ignored)
        err.print(f"note: not pages (.txt, .html, .htm, .json), left out: {names}", **_PLAIN)
    if result.failed:
        names = ", ".join(o.page.name for o in result.failed)
        err.print(f"{len(result.failed)} of {len(result.outcomes)} pages failed: {names}",
                  **_PLAIN)  # fmt: skip
        raise typer.Exit(1)


def _iso_date(value: str | None, option: str) -> datetime.date | None:
    """A date option's value; a usage error when it is not a real YYYY-MM-DD date."""
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2024-06-18",
            param_hint=f"'{option}'",
        ) from None


@app.command()
def script(
    article: Annotated[
        Path, typer.Argument(help="The article.yaml (or .json), or a bulletin.yaml, to read.")
    ],
    spoken: Annotated[
        bool, typer.Option("--spoken", help="Show the text exactly as the engine receives it.")
    ] = False,
) -> None:
    """Print the narration script, to proof-read before building.

    Example: audiocast script episodes/2024-06-18-putin-pyongyang/article.yaml
    """
    from .build import read_input
    from .script import render_script

    show = _show()
    script = read_input(show, article, show.settings.limits.article_bytes).script
    text = render_script(script, spoken=spoken)
    out.print(text, markup=False, highlight=False, end="", soft_wrap=True)


@app.command()
def build(
    articles: Annotated[
        list[Path] | None,
        typer.Argument(help="Article files; default: every episodes/*/article.yaml."),
    ] = None,
    engine: Annotated[
        list[str] | None,
        typer.Option(
            "--engine",
            "-e",
            help="Engine to use (repeat for a fallback list); else AUDIOCAST_ENGINE, "
            "else [voices] engine in audiocast.toml.",
        ),
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Articles built at once.")] = 1,
    force: Annotated[bool, typer.Option(help="Rebuild episodes that are up to date.")] = False,
    executor: Annotated[
        str | None,
        typer.Option(help="Build on a Dask cluster instead: dask://HOST:PORT."),
    ] = None,
) -> None:
    """Build episodes: speech, mixing, mastering, transcripts, chapters, episode.json.

    Example: audiocast build episodes/2024-06-18-putin-pyongyang/article.yaml
    Example: audiocast build -j 2            (every article of the show, two at a time)
    """
    from .batch import build_many, find_articles
    from .tidy import clean_temps

    show = _show()
    clean_temps(show)  # what killed builds and feed runs left
    engines = engine or _env_engines()
    paths = articles or find_articles(show)
    if not paths:
        raise ConfigError(f"no articles in {show.episodes_dir}; add episodes/<slug>/article.yaml")
    if len(paths) == 1 and jobs == 1 and executor is None:
        _build_single(show, paths[0], engines, force)
        return
    with _progress() as bar:
        task = bar.add_task("Building", total=len(paths))
        result = build_many(
            show, paths, jobs=jobs, engines=engines, force=force, executor=executor,
            on_done=lambda outcome: bar.advance(task),
        )  # fmt: skip
    _report_skipped(result.skipped_engines)
    for outcome in result.outcomes:
        if outcome.error:
            err.print(f"error: {outcome.error}", markup=False, highlight=False, soft_wrap=True)
        elif outcome.record:
            _report_built(show, outcome.record, outcome.up_to_date)
            _report_elsewhere(show, outcome.article, outcome.record.slug)
    if result.failed:
        err.print(f"{len(result.failed)} of {len(paths)} articles failed.", markup=False)
        raise typer.Exit(1)


def _table(*headers: str) -> Table:
    """A table whose long cells (paths, fixes) fold onto more lines, never cut with "…"."""
    table = Table(*headers)
    for column in table.columns:
        column.overflow = "fold"
    return table


def _progress(percent: bool = False) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TaskProgressColumn() if percent else MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


def _build_single(show: Show, path: Path, engines: list[str] | None, force: bool) -> None:
    from .build import build_episode

    with _progress(percent=True) as bar:
        name = path.parent.name or path.name
        speaking = bar.add_task(f"Speaking {name}", total=None)
        mastering = bar.add_task(f"Mastering {name}", total=None, visible=False)

        def mastered(done: int, total: int) -> None:
            bar.update(speaking, visible=False)
            bar.update(mastering, completed=done, total=total, visible=True)

        spoken = partial(_advance, bar, speaking)
        result = build_episode(
            show, path, engines=engines, force=force, progress=spoken, mastering=mastered
        )
    _report_skipped(result.skipped_engines)
    _report_built(show, result.record, result.up_to_date)
    _report_elsewhere(show, path, result.record.slug)


def _report_elsewhere(show: Show, article: Path, slug: str) -> None:
    """An article in an episode folder of another name: its episode is in episodes/<slug>/."""
    folder = article.resolve().parent
    if folder.parent == show.episodes_dir.resolve() and folder.name != slug:
        err.print(
            f"note: {_shown(article)} is built into episodes/{slug}/, the folder its date "
            f"and title name; move it there to keep the article with its episode",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )


def _report_skipped(skipped: tuple[EngineStatus, ...]) -> None:
    for status in skipped:
        err.print(f"note: engine {status.name} not used: {status.detail}", markup=False)


def _report_built(show: Show, record: EpisodeRecord, up_to_date: bool) -> None:
    from .media import media_format

    podcast = record.renditions["podcast"]
    path = _shown(show.episode_dir(record.slug) / podcast.file)
    if up_to_date:
        out.print(f"Up to date: {path} (--force rebuilds it)", **_PLAIN)
        return
    minutes, seconds = divmod(round(record.duration), 60)
    out.print(
        f"Built {path} ({minutes}:{seconds:02d}, {podcast.bytes / 1e6:.1f} MB, "
        f"{podcast.loudness:.1f} LUFS) with {record.engine.name} {record.engine.version}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    others = [r for name, r in record.renditions.items() if name != "podcast"]
    if others:
        listed = ", ".join(
            f"{r.profile} ({media_format(r.format).label}, {r.bytes / 1e6:.1f} MB, "
            f"{r.loudness:.1f} LUFS)"
            for r in others
        )
        out.print(f"  and {listed}", markup=False, highlight=False, soft_wrap=True)
    if record.notes:
        fitted = "; ".join(record.notes)
        from .bulletin import clock

        out.print(f"  to fill {clock(record.duration)}: {fitted}", **_PLAIN)


def _env_engines() -> list[str] | None:
    """AUDIOCAST_ENGINE=espeak (or gtts,espeak) overrides the show's engine list."""
    value = os.environ.get("AUDIOCAST_ENGINE", "")
    names = [name.strip() for name in value.split(",") if name.strip()]
    return names or None


def _shown(path: Path) -> Path:
    """A path as the producer typed it: relative to where they are, when it is below."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _advance(bar: Progress, task: TaskID, done: int, total: int) -> None:
    bar.update(task, completed=done, total=total)


@app.command()
def feed() -> None:
    """Write feeds/podcast.xml from every built episode.

    Example: audiocast feed
    """
    from .drafts import draft_slugs
    from .site import write_feeds

    show = _show()
    result = write_feeds(show)
    count = f"{result.episodes} episode{'' if result.episodes == 1 else 's'}"
    for path in result.feeds:
        # feeds/index.html is where the page was: it lists nothing, it sends on.
        said = (
            "the old address: it sends browsers to the home page"
            if path.suffix == ".html"
            else count
        )
        out.print(f"Wrote {_shown(path)} ({said})", **_PLAIN)
    if result.pages:
        pages = len({path.parent for path in result.pages})  # a page and its embed
        unchanged = "; the others are unchanged" if pages < result.episodes else ""
        out.print(
            f"Wrote {pages} episode page{'' if pages == 1 else 's'} "
            f"(episodes/<slug>/index.html and embed.html){unchanged}",
            **_PLAIN,
        )
    for path in result.site:
        out.print(f"Wrote {_shown(path)}", **_PLAIN)
    waiting = len(draft_slugs(show))
    if waiting:
        out.print(
            f"{waiting} draft{' waits' if waiting == 1 else 's wait'} for review, in no feed: "
            "`audiocast list --drafts`",
            **_PLAIN,
        )


@app.command()
def validate(
    quick: Annotated[
        bool, typer.Option("--quick", help="Skip decoding the media to measure loudness (fast).")
    ] = False,
) -> None:
    """Check the feeds and built episodes against the podcast and broadcast standards.

    Prints each problem with its fix; exits 1 on any error.

    Example: audiocast validate --quick
    """
    from .validate import validate_show

    show = _show()
    with err.status("Checking the feeds and episodes…", spinner="dots"):
        problems = validate_show(show, measure_audio=not quick)
    if not problems:
        out.print("No problems: the feeds and episodes meet the standards.", markup=False)
        return
    table = _table("severity", "where", "problem", "fix")
    for problem in problems:
        style = "bold red" if problem.severity == "error" else "yellow"
        # Text, not markup: "[show] explicit" in a fix would be read as a style tag.
        table.add_row(Text(problem.severity, style=style), Text(problem.where),
                      Text(problem.problem), Text(problem.fix))  # fmt: skip
    out.print(table)
    errors = sum(problem.severity == "error" for problem in problems)
    if errors:
        err.print(f"{errors} error{'' if errors == 1 else 's'}: fix them before publishing.",
                  markup=False, highlight=False)  # fmt: skip
        raise typer.Exit(1)


@app.command()
def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on (0.0.0.0: every machine on your network).")
    ] = DEFAULT_HOST,
    port: Annotated[
        int, typer.Option(min=0, max=65535, help="Port to listen on (0: any free port).")
    ] = DEFAULT_PORT,
) -> None:
    """Preview the show over HTTP, at the paths it will have once published.

    Example: audiocast serve --port 8000   (then open http://127.0.0.1:8000/)
    """
    from .serve import serve as serve_show

    serve_show(
        _show(),
        host,
        port,
        ready=lambda url: out.print(f"Serving {url} (Ctrl-C stops)", **_PLAIN),
    )


@app.command()
def publish(
    dest: Annotated[str, typer.Argument(help="A folder, or s3://BUCKET/PREFIX.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List what would be uploaded; write nothing.")
    ] = False,
    endpoint_url: Annotated[
        str | None,
        typer.Option(help="An S3-compatible endpoint (else $AUDIOCAST_S3_ENDPOINT, else AWS)."),
    ] = None,
    prune: Annotated[
        bool,
        typer.Option(
            "--prune",
            help="Delete the show's files no feed names any more (old builds' media), once "
            "the feeds there are five minutes old.",
        ),
    ] = False,
) -> None:
    """Publish feeds/ and episodes/: media first, feeds and page last, unchanged files skipped.

    Example: audiocast publish s3://habari-media/podcast --dry-run
    Example: audiocast publish /srv/www/habari --prune
    """
    from .publish import publish as publish_show

    def shown(item: PublicFile, needed: bool) -> None:
        verb = ("upload" if dry_run else "uploaded") if needed else "unchanged"
        out.print(f"{verb:>9}  {item.key}", **_PLAIN)

    report = publish_show(
        _show(), dest, dry_run=dry_run, endpoint_url=endpoint_url, progress=shown, prune=prune
    )
    for key in report.removed:
        out.print(f"{'remove' if dry_run else 'removed':>9}  {key}", **_PLAIN)
    verb = "Would upload" if dry_run else "Uploaded"
    out.print(
        f"{verb} {len(report.uploaded)} files ({report.bytes:,} bytes) to {dest}; "
        f"{len(report.skipped)} unchanged"
        + (f"; {len(report.removed)} old files {'to remove' if dry_run else 'removed'}"
           if prune else ""),
        **_PLAIN,
    )  # fmt: skip
    if report.kept:
        err.print(
            f"note: {len(report.kept)} old files kept: the feeds there changed less than five "
            "minutes ago and apps may still read the old ones; run `audiocast publish "
            f"{dest} --prune` again later",
            **_PLAIN,
        )


@app.command("list")
def list_episodes(
    drafts: Annotated[
        bool,
        typer.Option("--drafts", help="Only the drafts waiting for review, with their titles."),
    ] = False,
) -> None:
    """List built episodes, newest first.

    Example: audiocast list
    Example: audiocast list --drafts     (then: audiocast approve SLUG, or reject SLUG)
    """
    from .drafts import is_draft, unbuilt_drafts
    from .episode import ListedRecord, published

    show = _show()
    # Only what the table shows is read: a show of thousands of episodes lists in a second.
    records, unreadable = published(show.episodes_dir, ListedRecord)
    for folder, problem in unreadable:
        err.print(f"note: {folder} left out: {problem}; rebuild it", **_PLAIN)
    if drafts:
        _list_drafts(
            [r for r in records if is_draft(show.episodes_dir / r.slug)], unbuilt_drafts(show)
        )
        return
    if not records:
        out.print("No episodes built yet: run `audiocast build ARTICLE`.", markup=False)
        return
    rows = [("date", "episode", "length", "size", "engine")]
    for record in records:
        podcast = record.renditions.get("podcast")
        size = f"{podcast.bytes / 1e6:.1f} MB" if podcast else "-"
        rows.append((_day(record), record.slug, _length(record), size, record.engine.name))
    _columns(rows)
    waiting = sum(is_draft(show.episodes_dir / record.slug) for record in records)
    if waiting:
        out.print(f"{waiting} of them {'is a draft' if waiting == 1 else 'are drafts'}, in no "
                  "feed: `audiocast list --drafts`", **_PLAIN)  # fmt: skip


def _list_drafts(records: list[ListedRecord], unbuilt: list[str]) -> None:
    if not records and not unbuilt:
        out.print("No drafts: every built episode is in the feeds.", **_PLAIN)
        return
    if records:
        rows = [("date", "episode", "length", "source", "title")]
        for record in records:
            source = record.source.name if record.source else "-"
            rows.append((_day(record), record.slug, _length(record), source, record.title))
        _columns(rows)
        out.print("Listen to one (episodes/<slug>/), then `audiocast approve SLUG` to put it in "
                  "the feeds or `audiocast reject SLUG` to delete it.", **_PLAIN)  # fmt: skip
    for slug in unbuilt:
        build = f"`audiocast build episodes/{slug}/article.yaml`"
        out.print(f"episodes/{slug}/: a draft not built yet (the next `audiocast ingest` or "
                  f"{build} builds it)", **_PLAIN)  # fmt: skip


def _day(record: PublicRecord) -> str:
    return record.date.date().isoformat() + (" (assumed)" if record.date_assumed else "")


def _length(record: PublicRecord) -> str:
    minutes, seconds = divmod(round(record.duration), 60)
    return f"{minutes}:{seconds:02d}"


def _columns(rows: Sequence[tuple[str, ...]]) -> None:
    # Aligned plain columns: whole slugs to copy, and a thousand rows drawn in milliseconds
    # (a drawn table took a second).
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
             for row in rows]  # fmt: skip
    out.print("\n".join(line.rstrip() for line in lines), **_PLAIN)


@app.command()
def approve(
    slug: Annotated[str, typer.Argument(help="The draft's folder name under episodes/.")],
) -> None:
    """Put a draft in the feeds, the pages and the manifest, as built (nothing is rebuilt).

    Example: audiocast approve 2026-11-20-bei-ya-kahawa-yapanda
    """
    from .drafts import approve as approve_draft

    show = _show()
    approve_draft(show, slug)
    out.print(f"Approved episodes/{slug}/: the feeds, pages and manifest list it now. "
              "`audiocast publish DEST` puts it online.", **_PLAIN)  # fmt: skip


@app.command()
def reject(
    slug: Annotated[str, typer.Argument(help="The draft's folder name under episodes/.")],
) -> None:
    """Delete a draft: its folder goes, and `audiocast ingest` skips its story until the
    newsroom changes it.

    Example: audiocast reject 2026-11-20-bei-ya-kahawa-yapanda
    """
    from .drafts import reject as reject_draft

    show = _show()
    done = reject_draft(show, slug)
    later = (
        "; `audiocast ingest` will not bring its story back unless the newsroom changes it"
        if done.remembered
        else ""
    )
    out.print(f"Rejected episodes/{slug}/: deleted with its {done.files} files{later}.",
              **_PLAIN)  # fmt: skip


voices_app = typer.Typer(
    help="The voices every engine offers, who they sound like, and the show's.\n\n"
    "Example: audiocast voices; audiocast voices add ~/Downloads/sw_CD-lanfrica-medium.onnx",
    invoke_without_command=True,
)
app.add_typer(voices_app, name="voices")


@voices_app.callback()
def voices_list(ctx: typer.Context) -> None:
    """List every engine's voices with accent and sex; the show's are marked with their role.

    Example: audiocast voices
    """
    from .voices import voice_rows

    if ctx.invoked_subcommand is not None:
        return
    settings = _show().settings
    table = _table("engine", "voice", "accent", "sex", "the show's", "note")
    for row in voice_rows(settings):
        engine = row.engine + (" *" if row.engine in settings.voices.engine else "")
        table.add_row(engine, row.name, row.accent or "-", row.sex or "-",
                      ", ".join(row.roles), escape(row.note))  # fmt: skip
    out.print(table)
    out.print(
        "* in the show's [voices] engine list. Choose with [voices] accent, narrator and "
        "quote in audiocast.toml.",
        **_PLAIN,
    )


@voices_app.command("add")
def voices_add(
    model: Annotated[
        Path, typer.Argument(help="A Piper voice's .onnx file, with its .onnx.json beside it.")
    ],
) -> None:
    """Copy a Piper voice into the show's voices/ folder and say how to use it.

    Example: audiocast voices add ~/Downloads/sw_CD-lanfrica-medium.onnx
    """
    from .voices import add_voice, voice_settings

    show = _show()
    added = add_voice(show.root, model)
    out.print(f"Copied the voice to {_shown(added)}. Add to {SETTINGS_FILE}:", **_PLAIN)
    out.print(voice_settings(show.root, added), **_PLAIN)
    out.print('and put "piper" first in [voices] engine: engine = ["piper", "espeak"].', **_PLAIN)


bulletin_app = typer.Typer(
    help="Bulletins: several of the show's stories read as one episode.\n\n"
    "Example: audiocast bulletin new --at 08:00 --length 5:00",
)
app.add_typer(bulletin_app, name="bulletin")


@bulletin_app.command("new")
def bulletin_new(
    at: Annotated[
        str | None,
        typer.Option("--at", help="The hour it goes on air, HH:MM (default: the next hour)."),
    ] = None,
    day: Annotated[
        str | None, typer.Option("--date", help="The day whose stories it reads (default: today).")
    ] = None,
    length: Annotated[
        str | None, typer.Option("--length", help='The slot to fill exactly, e.g. "5:00".')
    ] = None,
    most: Annotated[
        int, typer.Option("--most", min=1, max=30, help="At most this many stories.")
    ] = 8,
    category: Annotated[
        list[str] | None,
        typer.Option("--category", "-c", help="Only stories in this category (repeatable)."),
    ] = None,
    style: Annotated[
        str, typer.Option("--style", help="headline, brief or full: how much of each story.")
    ] = "brief",
) -> None:
    """Write a bulletin of the day's built stories, newest first, to reorder and build.

    Example: audiocast bulletin new --at 08:00 --length 5:00
    """
    from .bulletin import new_bulletin, on_air

    show = _show()
    when = on_air(show.settings, day, at)
    path, stories = new_bulletin(
        show, when, length=length, most=most, categories=tuple(category or ()), style=style
    )
    out.print(f"Wrote {_shown(path)} with {len(stories)} stories:", **_PLAIN)
    for number, story in enumerate(stories, 1):
        out.print(f"  {number}. {story.title}", **_PLAIN)
    out.print(f"Reorder or trim them, then: audiocast build {_shown(path)}", **_PLAIN)


@app.command()
def doctor() -> None:
    """Check the speech engines, ffmpeg and the network.

    Example: audiocast doctor
    """
    from .doctor import run_checks

    checks = run_checks(_show().settings)
    table = _table("check", "state", "detail")
    for check in checks:
        table.add_row(check.name, "ok" if check.ok else "missing", escape(check.detail))
    out.print(table)


sources_app = typer.Typer(
    help="The newsroom's feeds and CMS that `audiocast ingest` reads.\n\n"
    "Example: audiocast sources add https://habari.example/feed/",
    invoke_without_command=True,
)
app.add_typer(sources_app, name="sources")


@sources_app.callback()
def sources_list(ctx: typer.Context) -> None:
    """List the show's sources ([[sources]] in audiocast.toml)."""
    if ctx.invoked_subcommand is not None:
        return
    show = _show()
    if not show.settings.sources:
        out.print("No sources yet: audiocast sources add URL", **_PLAIN)
        return
    table = _table("url", "kind", "filters", "engine")
    for source in show.settings.sources:
        filters = []
        if source.categories:
            filters.append(f"categories: {', '.join(source.categories)}")
        if source.title_pattern:
            filters.append(f"title: /{source.title_pattern}/")
        table.add_row(escape(source.url), source.kind or "(detected)", escape("; ".join(filters)),
                      ", ".join(source.engine or ["(the show's)"]))  # fmt: skip
    out.print(table)


@sources_app.command("add")
def sources_add(
    url: Annotated[str, typer.Argument(help="An RSS, Atom or JSON feed, or /wp-json/wp/v2/posts.")],
    category: Annotated[
        list[str] | None,
        typer.Option("--category", "-c", help="Only items in this category (repeatable)."),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="Only items whose title matches this regex.")
    ] = None,
) -> None:
    """Check a feed once and add it to audiocast.toml as a source.

    Example: audiocast sources add https://habari.example/wp-json/wp/v2/posts -c Siasa
    """
    from .ingest import add_source

    show = _show()
    feed = add_source(show, url, categories=tuple(category or ()), title_pattern=title)
    out.print(f"{url}: {feed.describe()}", **_PLAIN)
    out.print(f"Added to {_shown(show.root / SETTINGS_FILE)}; run `audiocast ingest`", **_PLAIN)


_WATCH_INTERVAL = 300.0  # seconds: `ingest --watch` without an interval passes every 5 minutes


@app.command()
def ingest(
    watch: Annotated[
        bool,
        typer.Option(
            "--watch",
            help="Repeat: a pass every INTERVAL seconds (300 unless given) until SIGTERM or "
            "Ctrl-C, which finish the story being built and write the feeds.",
        ),
    ] = False,
    interval: Annotated[
        float | None,
        typer.Argument(
            metavar="[INTERVAL]",
            help="With --watch: the seconds between passes.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """One pass over every source: new and corrected stories imported, built, in the feeds,
    and published when [ingest] publish says so.

    Exit code 0 when every source was read and every story built, 1 otherwise (with --watch:
    the last pass's); one summary line per pass, for cron or a systemd timer.

    Example: audiocast ingest
    Example: audiocast ingest --watch 300
    """
    from .ingest import PassResult, run_pass
    from .ingest.watch import stopped_by_signals, watch_passes
    from .tidy import clean_temps

    if interval is not None and not watch:
        raise ConfigError(
            f"{interval:g} seconds between passes is for --watch: "
            f"`audiocast ingest --watch {interval:g}`"
        )
    every = (_WATCH_INTERVAL if interval is None else interval) if watch else None
    if every is not None and not every > 0:
        raise ConfigError(f"--watch {every:g}: the interval is in seconds and must be above 0")
    show = _show()
    if not show.settings.sources:
        raise ConfigError(
            f"no sources in {SETTINGS_FILE}; add one with `audiocast sources add URL`"
        )
    clean_temps(show)

    def report(result: PassResult | str) -> None:
        from .drafts import is_draft

        now = datetime.datetime.now(datetime.UTC)
        stamp = f"{now:%Y-%m-%dT%H:%M:%SZ} " if every is not None else ""
        if isinstance(result, str):  # the whole pass failed
            err.print(f"{stamp}failed: {result}", **_PLAIN)
            return
        for failure in result.failures:
            err.print(f"failed: {failure}", **_PLAIN)
        held = 0
        for slug in result.new + result.updated:
            draft = is_draft(show.episodes_dir / slug)
            held += draft
            out.print(f"Built episodes/{slug}/" + (" (a draft)" if draft else ""), **_PLAIN)
        for story in result.removed_stories:
            out.print(story.line(), **_PLAIN)
        if held:
            out.print(
                f"{held} of them wait for review, in no feed: `audiocast list --drafts`, "
                "then `audiocast approve SLUG` or `audiocast reject SLUG`",
                **_PLAIN,
            )
        out.print(stamp + result.summary(), **_PLAIN)

    with stopped_by_signals() as stop:
        if every is None:
            result = run_pass(show, engines=_env_engines(), stop=stop)
            report(result)
            clean = not result.failures
        else:
            clean = watch_passes(show.root, every, stop, engines=_env_engines(), report=report)
    if not clean:
        raise typer.Exit(1)
