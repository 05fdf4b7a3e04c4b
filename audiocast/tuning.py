"""How an audiocast command uses the machine, set once as it starts (cli.main).

A build streams audio through numpy a block at a time, while ffmpeg encodes on the other
core. Two defaults of the libraries underneath cost that work CPU it needs elsewhere:
- glibc gives each freed block of a few hundred kilobytes back to the kernel, so the next
  block's arrays fault in fresh, zeroed pages: a tenth of a cold build's CPU went to page
  faults. Freed memory is kept for reuse instead, up to a bound (held, never grown by it:
  what is kept is what the build has used at once).
- OpenBLAS starts a thread per core whose spinning, after the few small matrix products
  the loudness meter makes, competes with the encoder. One thread does that work.
And two costs of starting up, paid before the first word is spoken: the cyclic garbage
collector ran 130 times over the objects that importing the pipeline creates (almost
none of them garbage), and pydantic read every installed package's entry points for plugins.
"""

from __future__ import annotations

import ctypes
import gc
import os
import sys

# From glibc's malloc.h.
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
_KEEP_FREED = 64 << 20  # bytes of freed memory kept before any is returned to the kernel
_MMAP_FROM = 32 << 20  # allocations this large are mapped on their own (and unmapped on free)
_YOUNG_OBJECTS = 20_000  # allocations between collections of the youngest generation (700)


def tune_process() -> None:
    """Set this process's allocator, garbage collector, numpy's BLAS threads and pydantic's
    plugins; before numpy and the pipeline's modules are imported."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    gc.set_threshold(_YOUNG_OBJECTS, *gc.get_threshold()[1:])
    if not sys.platform.startswith("linux"):
        return
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library this interpreter runs on
    except (OSError, AttributeError):  # not glibc's (musl has it too, as a no-op)
        return
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt(_M_MMAP_THRESHOLD, _MMAP_FROM)
    mallopt(_M_TRIM_THRESHOLD, _KEEP_FREED)
