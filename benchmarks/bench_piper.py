"""piper synthesis speed on this machine: the real-time factor over the sample article.

Real-time factor = synthesis wall time / seconds of speech made (below 1 is faster than
real time). Measured with the tests' generated voice (the floor: phonemizing, onnxruntime
and audiocast's own work around a network that costs nothing) and, when
AUDIOCAST_PIPER_MODEL names an existing `.onnx` (e.g. sw_CD-lanfrica-medium), with that
real voice. Loading the model is timed apart: a build pays it once per process.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from audiocast.article import load_article  # noqa: E402
from audiocast.config import PiperSettings, Settings  # noqa: E402
from audiocast.engines.piper import PiperEngine  # noqa: E402
from audiocast.script import build_script  # noqa: E402

from piper_voice import write_voice  # noqa: E402

SAMPLE = ROOT / "episodes" / "2024-06-18-putin-pyongyang" / "article.yaml"
ROLE_VOICES = {"narrator": "default", "quote": "other"}
MODEL_ENV = "AUDIOCAST_PIPER_MODEL"


def measure(label: str, model: Path, sentences: list[tuple[str, str]]) -> str:
    start = time.perf_counter()
    engine = PiperEngine(PiperSettings(model=str(model)))
    load = time.perf_counter() - start
    start = time.perf_counter()
    audio = sum(engine.synthesize(text, voice).duration for text, voice in sentences)
    wall = time.perf_counter() - start
    return (
        f"| piper, {label} | {len(sentences)} | {load:.2f} s | {wall:.2f} s | {audio:.1f} s "
        f"| {wall / audio:.3f} | {os.cpu_count()} |"
    )


def main() -> int:
    script = build_script(load_article(SAMPLE), Settings())
    sentences = [
        (sentence.spoken, ROLE_VOICES[segment.voice])
        for segment in script
        for sentence in segment.sentences
    ]
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        rows.append(measure("generated test voice", write_voice(Path(scratch)), sentences))
    real = os.environ.get(MODEL_ENV)
    if real and Path(real).is_file():
        rows.append(measure(Path(real).name, Path(real), sentences))
    elif real:
        print(f"{MODEL_ENV}={real}: no such file; measured the generated voice only")
    print("| benchmark | sentences | load | synthesis | speech | real-time factor | cores |")
    print("|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
