"""Hand memory freed by a finished stage back to the operating system.

glibc keeps freed heap memory for reuse, and it raises its mmap threshold after freeing
a big block, so numpy arrays of up to 32 MiB come from the heap too; after a stage of the
matching engine or a big load, hundreds of MiB can sit freed but resident in the process
(and, once a worker pool forks, counted again in each worker's view of it).
``malloc_trim`` returns those pages; where there is no glibc it is a no-op.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from collections.abc import Callable

M_MMAP_THRESHOLD = -3
"""glibc's ``mallopt`` parameter for the size from which blocks are mapped on their own."""
BIG_BLOCK = 1 << 20
"""Blocks from this size (numpy's temporaries, not Python's objects) get their own mapping,
handed back the moment they are freed."""


@functools.cache
def _libc(symbol: str) -> Callable[..., int] | None:
    name = ctypes.util.find_library("c")
    try:
        function: Callable[..., int] = getattr(ctypes.CDLL(name), symbol)
    except (OSError, AttributeError, TypeError):  # not glibc (macOS, musl, Windows)
        return None
    return function


def map_big_blocks() -> bool:
    """From now on, free big blocks straight back to the system (this process and the
    processes it forks later); True if the C library could be asked.

    glibc raises its threshold for that as big blocks are freed, up to 32 MiB, which keeps a
    worker's freed candidate arrays resident for the rest of its life.
    """
    mallopt = _libc("mallopt")
    return mallopt is not None and mallopt(M_MMAP_THRESHOLD, BIG_BLOCK) == 1


def give_back() -> bool:
    """Return freed heap pages to the system; True if the C library could be asked."""
    trim = _libc("malloc_trim")
    if trim is None:
        return False
    trim(0)
    return True
