"""Refuse, before allocating, a convolution whose output cannot fit in this machine's memory (private).

``check_output_fits(shape, dtype)`` raises ``MemoryError`` with a message
naming the output's shape, dtype and size and the machine's physical memory
when the output alone needs more bytes than the machine has. numpy would
otherwise either raise a bare ``MemoryError``/``ValueError`` deep inside an
engine, after the inputs were copied and transformed, or (with overcommit)
start swapping. Call it with the dtype the engines allocate in (the compute
dtype, which is at least as wide as the result dtype).
"""

from __future__ import annotations

import functools
import math
import os

import numpy as np

__all__ = ["check_output_fits", "physical_memory", "format_bytes"]

# Outputs below this many bytes are never checked further (keeps tiny calls cheap).
_ALWAYS_FITS = 1 << 26


@functools.lru_cache(maxsize=1)
def physical_memory() -> int | None:
    """Bytes of physical memory (``SC_PHYS_PAGES * SC_PAGE_SIZE``), or None where unknown."""
    try:
        pages = os.sysconf("SC_PHYS_PAGES")
        size = os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None
    if pages <= 0 or size <= 0:
        return None
    return int(pages) * int(size)


def format_bytes(n: float) -> str:
    """``n`` bytes in binary units with one decimal: '23.4 GiB', '80.0 TiB'."""
    for unit in ("B", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if n < 1024 or unit == "PiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    raise AssertionError("unreachable")


def check_output_fits(shape, dtype) -> None:
    """Raise ``MemoryError`` if an array of ``shape`` and ``dtype`` needs more than physical memory.

    Parameters
    ----------
    shape : tuple of int
        The output shape.
    dtype : numpy dtype-like
        The dtype the output is allocated in.

    Raises
    ------
    MemoryError
        "convkit: the output of shape (...) float64 needs 80.0 TiB, more than
        this machine's 23.4 GiB of memory".
    """
    itemsize = np.dtype(dtype).itemsize
    nbytes = math.prod(int(s) for s in shape) * itemsize
    if nbytes < _ALWAYS_FITS:
        return
    memory = physical_memory()
    if memory is None or nbytes <= memory:
        return
    raise MemoryError(
        f"convkit: the output of shape {tuple(int(s) for s in shape)} {np.dtype(dtype).name} needs "
        f"{format_bytes(nbytes)}, more than this machine's {format_bytes(memory)} of memory"
    )
