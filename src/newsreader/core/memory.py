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


@functools.cache
def _trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        function: Callable[[int], int] = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError, TypeError):  # not glibc (macOS, musl, Windows)
        return None
    return function


def give_back() -> bool:
    """Return freed heap pages to the system; True if the C library could be asked."""
    trim = _trim()
    if trim is None:
        return False
    trim(0)
    return True
