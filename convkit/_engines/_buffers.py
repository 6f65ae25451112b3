"""Output and scratch buffers for the engines.

Two allocators, both placing the data 2 KiB away (modulo 4 KiB) from another
array's data, because stores at the same address modulo 4 KiB as the loads
that follow them stall those loads ("4K aliasing"; measured on 2-D k=7 over
2048x2048 float64 on a Zen 5 EPYC: 28 -> 35 GF/s):

* :func:`empty_apart` returns a fresh array that the caller may hand to the
  user. It is never recycled.
* :func:`scratch` lends a buffer for the duration of a ``with`` block. The
  buffer goes back to a small pool when the block ends, by an explicit
  release, never by guessing from reference counts. Scratch arrays must not
  escape the block: nothing the user receives may be a view of one.

Why a pool at all: glibc serves large allocations with a fresh ``mmap``, and
first-touch page faults cost about 3 ms per 32 MiB (measured on the 2-core
EPYC that CI uses), which is as much as a 3x3 convolution's whole memory
traffic. Scratch planes (complex splits, separable row passes) are written
and read within one call, so recycling them is safe and saves those faults.
"""

from __future__ import annotations

import contextlib
import math
import threading

import numpy as np

# Smaller arrays are allocated normally: malloc serves them from the heap,
# without page faults, and the 4 KiB offset matters only for long rows.
_APART_MIN_BYTES = 1 << 16
# Scratch buffers below this size are not pooled (malloc reuses them anyway).
_POOL_MIN_BYTES = 1 << 18
# The pool keeps at most this many idle bytes.
_POOL_CAP_BYTES = 1 << 28

_idle: list[np.ndarray] = []   # raw uint8 buffers no call is using
_lock = threading.Lock()


def _view_apart(buf: np.ndarray, shape: tuple, dt: np.dtype, other: np.ndarray) -> np.ndarray:
    nbytes = math.prod(shape) * dt.itemsize
    want = (other.ctypes.data + 2048) % 4096
    off = ((want - buf.ctypes.data) % 4096) // 64 * 64
    return buf[off:off + nbytes].view(dt).reshape(shape)


def empty_apart(shape: tuple, dt: np.dtype, other: np.ndarray) -> np.ndarray:
    """A fresh, uninitialised C-contiguous array offset 2 KiB (mod 4 KiB) from ``other``.

    The result owns its memory (through ``base``) and is never reused by
    convkit, so it is safe to return to the user.
    """
    dt = np.dtype(dt)
    nbytes = math.prod(shape) * dt.itemsize
    if nbytes < _APART_MIN_BYTES:
        return np.empty(shape, dt)
    return _view_apart(np.empty(nbytes + 4096, np.uint8), shape, dt, other)


def _borrow(need: int) -> np.ndarray:
    with _lock:
        for i, buf in enumerate(_idle):
            if need <= buf.nbytes <= 2 * need:
                return _idle.pop(i)
    return np.empty(need, np.uint8)


def _give_back(buf: np.ndarray) -> None:
    with _lock:
        held = sum(b.nbytes for b in _idle)
        # drop the oldest idle buffers to make room; a buffer larger than the
        # cap is simply freed
        while _idle and held + buf.nbytes > _POOL_CAP_BYTES:
            held -= _idle.pop(0).nbytes
        if held + buf.nbytes <= _POOL_CAP_BYTES:
            _idle.append(buf)


@contextlib.contextmanager
def scratch(shape: tuple, dt: np.dtype, other: np.ndarray):
    """Lend an uninitialised array offset 2 KiB (mod 4 KiB) from ``other`` for a ``with`` block.

    Large buffers come from, and return to, a process-wide pool of at most
    ``_POOL_CAP_BYTES`` idle bytes; the buffer is released when the block
    exits, even on an exception. The caller must copy out anything it keeps.
    """
    dt = np.dtype(dt)
    nbytes = math.prod(shape) * dt.itemsize
    if nbytes < _POOL_MIN_BYTES:
        yield empty_apart(shape, dt, other)
        return
    buf = _borrow(nbytes + 4096)
    try:
        yield _view_apart(buf, shape, dt, other)
    finally:
        _give_back(buf)


def idle_bytes() -> int:
    """Bytes the scratch pool holds for reuse (for tests and diagnostics)."""
    with _lock:
        return sum(b.nbytes for b in _idle)
