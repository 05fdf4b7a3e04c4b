"""Per-stage wall and CPU time of one `audiocast build`, run in this process (bench_build.py
`stages`). Each stage is a function of the build, wrapped: its time is its own, without the
stages it calls (a mix waiting for speech counts as the hand-off, not as mixing), per
thread, as time.thread_time counts a thread's CPU. Stages in different threads overlap, so
their walls add up to more than the build's; the main thread's walls add up to the build's.
"""

from __future__ import annotations

import functools
import importlib
import json
import resource
import sys
import threading
import time
from collections import defaultdict
from typing import Any

# (module, attribute path, stage): the build's functions as the stages of the issue name them.
HOOKS = [
    ("audiocast.build", "build_episode", "build: the rest (hashes, bookkeeping)"),
    ("audiocast.build", "load_article", "article and script"),
    ("audiocast.build", "show_script", "article and script"),
    ("audiocast.build", "load_assets", "show's own files, engine, up-to-date check"),
    ("audiocast.build", "own_cover", "show's own files, engine, up-to-date check"),
    ("audiocast.build", "choose_engine", "show's own files, engine, up-to-date check"),
    ("audiocast.build", "_up_to_date", "show's own files, engine, up-to-date check"),
    ("audiocast.build", "remove_dead_temps", "file writes (commit, texts, temps)"),
    ("audiocast.engines.espeak.EspeakEngine", "synthesize", "speech (espeak, per sentence)"),
    ("audiocast.engines.espeak.EspeakEngine", "synthesize_many", "speech (espeak, per sentence)"),
    ("audiocast.cache.SegmentCache", "put", "speech cache writes"),
    ("audiocast.cache.SegmentCache", "get", "speech cache reads"),
    ("audiocast.synthesize.Pending", "load", "hand-off: mix waits for speech"),
    ("audiocast.build", "mix", "mixing"),  # as builds imported it before it was lazy
    ("audiocast.mix", "mix", "mixing"),
    ("audiocast.master.Analyser", "add", "analysis (loudness, peak envelope)"),
    ("audiocast.master.Analyser", "finish", "analysis (loudness, peak envelope)"),
    ("audiocast.build", "show_cover", "cover drawing"),  # as builds named it before
    ("audiocast.build", "drawn_cover", "cover drawing"),
    ("audiocast.master", "_makeup", "limiting (gain prediction, limiter)"),
    ("audiocast.master", "_limiting", "limiting (gain prediction, limiter)"),
    ("audiocast.master", "_encode", "mastering: gain, resampling, rounding"),
    ("audiocast.media.encoder.Encoder", "__init__", "encoder start (ffmpeg processes)"),
    ("audiocast.media.encoder.Encoder", "write", "hand-off: samples piped to ffmpeg"),
    ("audiocast.media.encoder.Encoder", "_finish", "hand-off: waiting for ffmpeg's end"),
    ("audiocast.media.encoder.Encoder", "_decode", "verifying: MP3 decoded in the process"),
    ("audiocast.master._Monitor", "__call__", "verifying: decoded file metered"),
    ("audiocast.master._Monitor", "finish", "verifying: decoded file metered"),
    ("audiocast.media.mp3.Mp3", "trim", "verifying: decoded file metered"),
    ("audiocast.master", "measure_file", "verifying: decoded file metered"),
    ("audiocast.media.mp3.Mp3", "tag", "tags, file digest"),
    ("audiocast.master", "_digest", "tags, file digest"),
    ("audiocast.build", "_finish", "transcripts, chapters, record"),
    ("audiocast.build", "_commit", "file writes (commit, texts, temps)"),
    ("audiocast.fsutil.TempFile", "write", "file writes (commit, texts, temps)"),
]

_local = threading.local()
_lock = threading.Lock()
_totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0])


def _stack() -> list[list[Any]]:
    if not hasattr(_local, "stack"):
        _local.stack = []
    return _local.stack  # type: ignore[no-any-return]


def _add(stage: str, wall: float, cpu: float, calls: int = 0) -> None:
    name = threading.current_thread().name
    thread = "decoder" if "_listen" in name or "_decode" in name else name.split("_")[0]
    with _lock:
        entry = _totals[(stage, thread)]
        entry[0] += wall
        entry[1] += cpu
        entry[2] += calls


def _wrap(function: Any, stage: str) -> Any:
    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        stack = _stack()
        wall, cpu = time.perf_counter(), time.thread_time()
        if stack:  # the caller's own time stops here
            top = stack[-1]
            _add(top[0], wall - top[1], cpu - top[2])
        stack.append([stage, wall, cpu])
        try:
            return function(*args, **kwargs)
        finally:
            own = stack.pop()
            wall, cpu = time.perf_counter(), time.thread_time()
            _add(stage, wall - own[1], cpu - own[2], 1)
            if stack:
                stack[-1][1], stack[-1][2] = wall, cpu

    return timed


def install() -> None:
    for module_name, attribute, stage in HOOKS:
        parts = module_name.split(".")
        owner: Any = None
        for cut in range(len(parts), 0, -1):  # a module, or a class within one
            try:
                owner = importlib.import_module(".".join(parts[:cut]))
            except ImportError:
                continue
            for name in parts[cut:]:
                owner = getattr(owner, name, None)
            break
        function = getattr(owner, attribute, None) if owner is not None else None
        if function is not None and not hasattr(function, "__wrapped__"):
            setattr(owner, attribute, _wrap(function, stage))


def main(argv: list[str]) -> None:
    """Run `audiocast build ARGV` in this process and print one JSON line of stages."""
    begun = time.perf_counter()
    from audiocast.cli import app

    cli_imported = time.perf_counter()
    # Every module a cold build uses is imported here, before the build is timed (the hooks
    # need them): start-up, which versions that import them late pay during the build.
    import audiocast.batch
    import audiocast.build  # noqa: F401

    install()
    start_cpu = time.process_time()
    imported = time.perf_counter()
    sys.argv = ["audiocast", *argv]
    try:
        app()
    except SystemExit as exc:
        if exc.code:
            raise
    ended = time.perf_counter()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    stages = [
        {"stage": stage, "thread": thread, "wall": wall, "cpu": cpu, "calls": int(calls)}
        for (stage, thread), (wall, cpu, calls) in _totals.items()
    ]
    print(
        json.dumps(
            {
                "stages": stages,
                "cli_import": cli_imported - begun,
                "build_import": imported - cli_imported,
                "run": ended - imported,
                "cpu": time.process_time() - start_cpu,
                "ffmpeg_cpu": children.ru_utime + children.ru_stime,
            }
        )
    )
