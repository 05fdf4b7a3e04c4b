"""gtts synthesis of the sample article against a local endpoint that takes 200 ms a request.

Target (issue: gtts engine): wall time at most a third of (requests x 200 ms), i.e. the
bounded pool and throttle overlap requests rather than sending them one by one.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from audiocast.article import load_article  # noqa: E402
from audiocast.config import Settings  # noqa: E402
from audiocast.engines.gtts import GttsEngine  # noqa: E402
from audiocast.script import build_script  # noqa: E402
from audiocast.synthesize import synthesize  # noqa: E402

from fake_google import FakeGoogle, Reply  # noqa: E402

LATENCY = 0.2
RUNS = 3


def main() -> int:
    settings = Settings()
    script = build_script(load_article(ROOT / "episodes/2024-06-18-putin-pyongyang/article.yaml"),
                          settings)  # fmt: skip
    times, requests = [], 0
    with FakeGoogle(lambda _n, _t: Reply(delay=LATENCY)) as google:
        for text in {s.spoken for s in script}:
            google.mp3_for(text)  # the fake's own audio generation is not what is measured
        for _ in range(RUNS):
            before = len(google.calls)
            engine = GttsEngine(settings.gtts, endpoint=google.url)
            start = time.perf_counter()
            synthesize(script, engine, settings.voices)  # no cache: every request is sent
            times.append(time.perf_counter() - start)
            requests = len(google.calls) - before
    wall = statistics.median(times)
    serial = requests * LATENCY
    ratio = wall / serial
    print("| benchmark | requests | wall (median of 3) | serial | ratio | target |")
    print("|---|---|---|---|---|---|")
    print(f"| gtts sample article, {LATENCY * 1000:.0f} ms/request | {requests} | {wall:.2f} s "
          f"| {serial:.2f} s | {ratio:.2f} | <= 0.33 |")  # fmt: skip
    return 0 if ratio <= 1 / 3 else 1


if __name__ == "__main__":
    raise SystemExit(main())
