"""Output and scratch buffers for the engines.

Two allocators, both placing the data 2 KiB away (modulo 4 KiB) from another
array's data, because stores at the same address modulo 4 KiB as the loads
that follow them stall those loads ("4K aliasing"; measured on 2-D k=7 over
2048x2048 float64 on a Zen 5 EPYC: 28 -> 35 GF/s):

* :func:`empty_apart` returns an array that the caller may hand to the user.
  Large ones come from a pool of raw buffers; a buffer is handed out again only
  once the array made over it, and so every view of it, has been freed (a weak
  reference to that array says so exactly: see :func:`empty_apart`).
* :func:`scratch` lends a buffer for the duration of a ``with`` block. The
  buffer goes back to a small pool when the block ends, by an explicit
  release, never by guessing from reference counts. Scratch arrays must not
  escape the block: nothing the user receives may be a view of one.

A third, :func:`lasting`, serves the long-lived transform buffers of FFT plan
bundles from huge-page slabs (see there): a new FFT size's buffers then cost
one 2 MiB page fault per 2 MiB, or none where freed bundles left room, instead
of one fault per 4 KiB.

Why a pool at all: glibc serves large allocations with a fresh ``mmap``, and
first-touch page faults cost about 3 ms per 32 MiB (measured on the 2-core
EPYC that CI uses), which is as much as a 3x3 convolution's whole memory
traffic. Scratch planes (complex splits, separable row passes) are written
and read within one call, so recycling them is safe and saves those faults.
Results are recycled too, but never by reading reference counts (the first
version did, and its pool broke for good once full): 2048^2 * 5x5 'same'
direct paid 528 page faults and 7.6 -> 9.1 ms per call on fresh results
(epyc-zen4-2c, quiet; 1.8-6x under load).
"""

from __future__ import annotations

import collections
import contextlib
import math
import os
import threading
import weakref

import numpy as np

# Smaller arrays are allocated normally: malloc serves them from the heap,
# without page faults, and the 4 KiB offset matters only for long rows.
_APART_MIN_BYTES = 1 << 16
# Scratch buffers below this size are not pooled (malloc reuses them anyway).
_POOL_MIN_BYTES = 1 << 18
# The scratch pool keeps at most this many idle bytes.
_POOL_CAP_BYTES = 1 << 28
# Result buffers no array uses any more are kept up to this many bytes in all: room for two
# 2048^2 float64 results and their offsets (the size whose fresh pages cost 528 faults a call;
# a caller that keeps one result while the next call runs cycles two buffers: at exactly 64 MiB
# one was dropped every call and 2048^2 * 5x5 direct ran 5x slower), not a large image's worth
# of memory held after the user dropped it.
_RESULTS_CAP_BYTES = 96 << 20

_idle: list[np.ndarray] = []   # raw uint8 buffers no call is using
# (raw uint8 buffer, weak reference to the array made over it) of results, oldest first
_results: list = []
# results the pool remembers at most (the look-up is a scan)
_RESULTS_MAX = 32
_lock = threading.Lock()


def _view_apart(buf: np.ndarray, shape: tuple, dt: np.dtype, other: np.ndarray) -> np.ndarray:
    nbytes = math.prod(shape) * dt.itemsize
    want = (other.ctypes.data + 2048) % 4096
    off = ((want - buf.ctypes.data) % 4096) // 64 * 64
    return buf[off:off + nbytes].view(dt).reshape(shape)


def empty_apart(shape: tuple, dt: np.dtype, other: np.ndarray) -> np.ndarray:
    """An uninitialised C-contiguous array offset 2 KiB (mod 4 KiB) from ``other``, safe to
    return to the user.

    From :data:`_POOL_MIN_BYTES` on, the memory is a pooled raw buffer of the same
    size that no live array uses (so a result never holds more than a fresh one).
    The array handed out is made over a ``memoryview`` of that buffer, so numpy
    keeps it as the ``base`` of every view taken of the result (a view's base
    stops at the first array whose own base is not an array); the pool keeps only
    a weak reference to it. When that reference is dead, no array can reach the
    memory any more and the buffer may be lent again.
    """
    dt = np.dtype(dt)
    nbytes = math.prod(shape) * dt.itemsize
    if nbytes < _APART_MIN_BYTES:
        return np.empty(shape, dt)
    if nbytes < _POOL_MIN_BYTES:
        return _view_apart(np.empty(nbytes + 4096, np.uint8), shape, dt, other)
    need = nbytes + 4096
    with _lock:
        raw = None
        for i, (buf, owner) in enumerate(_results):
            # the same size only: a result never holds memory beyond its own bytes and the offset
            if owner() is None and buf.nbytes == need:
                raw = buf
                del _results[i]
                break
    if raw is None:
        raw = np.empty(need, np.uint8)
    whole = np.frombuffer(memoryview(raw), np.uint8)
    out = _view_apart(whole, shape, dt, other)
    with _lock:
        _results.append((raw, weakref.ref(whole)))
        # forget the oldest buffers beyond the cap on idle bytes, and beyond a short list
        # (a buffer still in use lives on through its array: forgetting it is always safe)
        idle = sum(b.nbytes for b, o in _results if o() is None)
        i = 0
        while i < len(_results) - 1 and (idle > _RESULTS_CAP_BYTES or len(_results) > _RESULTS_MAX):
            b, o = _results[i]
            if o() is None:
                idle -= b.nbytes
                del _results[i]
            elif len(_results) > _RESULTS_MAX:
                del _results[i]
            else:
                i += 1
    return out


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


# ---------------------------------------------------------------------------
# lasting buffers: FFT plan bundles' transform buffers, carved from huge-page slabs
# ---------------------------------------------------------------------------
#
# A plan bundle keeps its transform buffers as long as it lives in the plan pool, so a new FFT
# size needs new memory, and on a process that never touched that much, fresh 4 KiB pages: 1.5-2
# us a fault on epyc-zen4-2c (a KVM guest), 420 faults for the four 430 KB buffers of a
# 53760-point convolution, about a third of that call's 3.4 ms. A 2 MiB huge page costs one fault,
# 0.18 ms, where its 512 small pages cost 0.91-1.01 ms (python: touch one page in each 4 KiB of a
# fresh 2 MiB region, madvised MADV_HUGEPAGE or not). So bundle buffers are carved, first fit, out
# of large slabs advised for huge pages (resident only where touched, in 2 MiB steps), and a
# carved range returns to its slab when the array made over it dies (a weak reference's callback,
# queued and merged back at the next carving: the callback may run in any thread, at any time).
# A new size then reuses the room of bundles that were dropped, without faults. Where the kernel
# gives no huge pages (THP off, or none free), the slabs are ordinary memory, as before.
# The bits never depend on this: FFTW plans depend on a buffer's alignment class only, and
# every carved buffer is aligned to 64 bytes, as pyFFTW's own (32-byte) alignment requires.

#: arrays smaller than this come from malloc's heap (no page faults there, and no huge page
#: for a small bundle: ``_fft_plans.Bundle.empty``)
LASTING_MIN_BYTES = 1 << 17
_HUGE = 2 << 20
#: a slab's size in address space; only the 2 MiB pages touched become resident
_SLAB_BYTES = 64 << 20
_ALIGN = 64


class _Slab:
    """An aligned region and its free ranges ``[(offset, length), ...]``, sorted, coalesced."""
    __slots__ = ("view", "free", "live")

    def __init__(self, size: int):
        # numpy advises its allocations of 4 MiB and more for huge pages (madvise MADV_HUGEPAGE,
        # ``np._core.multiarray._get_madvise_hugepage()``, on by default on Linux); the kernel
        # gives them to the 2 MiB aligned stretches of such a mapping, so the slab is one.
        # (``import mmap`` for an advice of our own cost a fresh process 1.2 ms, ctypes 0.1 ms.)
        raw = np.empty(size + _HUGE, np.uint8)
        off = (-raw.__array_interface__["data"][0]) % _HUGE
        self.view = raw[off:off + size]
        self.free = [(0, size)]
        self.live = 0

    def take(self, n: int):
        """The offset of ``n`` bytes carved first fit, or None."""
        for i, (off, length) in enumerate(self.free):
            if length >= n:
                if length == n:
                    del self.free[i]
                else:
                    self.free[i] = (off + n, length - n)
                return off
        return None

    def give(self, off: int, n: int) -> None:
        """Return ``[off, off + n)``, merged with its free neighbours."""
        free = self.free
        i = 0
        while i < len(free) and free[i][0] < off:
            i += 1
        if i < len(free) and off + n == free[i][0]:
            n += free[i][1]
            del free[i]
        if i > 0 and free[i - 1][0] + free[i - 1][1] == off:
            off, n = free[i - 1][0], free[i - 1][1] + n
            i -= 1
            del free[i]
        free.insert(i, (off, n))


_slabs: list = []
_freed: collections.deque = collections.deque()   # (slab, offset, length) of dead carvings
_slab_lock = threading.Lock()


def _reset_after_fork() -> None:
    global _slab_lock
    _slab_lock = threading.Lock()      # a fork while another thread held it would hang the child


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_after_fork)


def _drain() -> None:
    """Merge the ranges of dead carvings back (caller holds the lock). A slab left empty is
    freed, but for one slab of the default size kept for the next bundle."""
    while _freed:
        slab, off, n = _freed.popleft()
        slab.give(off, n)
        slab.live -= 1
        if slab.live == 0:
            spare = any(s is not slab and s.live == 0 for s in _slabs)
            if spare or len(slab.view) != _SLAB_BYTES:
                _slabs[:] = [s for s in _slabs if s is not slab]


def lasting(shape: tuple, dt) -> np.ndarray:
    """An uninitialised C-contiguous array aligned to 64 bytes, carved from a huge-page slab,
    for memory that lives as long as its owner (an FFT plan bundle's transform buffers).

    The range returns to its slab once no array reaches it: the array handed out is made over
    a ``memoryview``, which numpy keeps as the base of every view taken of it, and a weak
    reference to that array says when the last one is gone (as :func:`empty_apart`).
    """
    dt = np.dtype(dt)
    nbytes = math.prod(shape) * dt.itemsize
    n = max(_ALIGN, -(-nbytes // _ALIGN) * _ALIGN)
    with _slab_lock:
        _drain()
        for slab in _slabs:
            off = slab.take(n)
            if off is not None:
                break
        else:
            slab = _Slab(max(_SLAB_BYTES, -(-n // _HUGE) * _HUGE))
            _slabs.append(slab)
            off = slab.take(n)
        slab.live += 1
    whole = np.frombuffer(memoryview(slab.view[off:off + n]), np.uint8)
    weakref.finalize(whole, _freed.append, (slab, off, n)).atexit = False
    return whole[:nbytes].view(dt).reshape(shape)


def lasting_stats() -> dict:
    """The slabs' sizes, carved bytes and live carvings (for tests and diagnostics)."""
    with _slab_lock:
        _drain()
        return {"slabs": [len(s.view) for s in _slabs],
                "carved": sum(len(s.view) - sum(n for _, n in s.free) for s in _slabs),
                "live": sum(s.live for s in _slabs)}
