"""Boundary extension for :mod:`convkit.ndimage`: where each scipy.ndimage mode reads an
outside sample (:func:`_ext_index`), padded copies (:func:`_pad`), and the per-thread
scratch buffers that padded copies and separable filters' intermediate passes live in."""

from __future__ import annotations

import functools
import math
import threading

import numpy as np


def _ext_index(idx, n, mode):
    """Index into ``[0, n)`` of the outside positions ``idx`` under ``mode`` (not 'constant')."""
    if mode == "nearest":
        return np.clip(idx, 0, n - 1)
    if mode == "wrap":
        return idx % n
    if mode == "reflect":
        m = idx % (2 * n)
        return np.where(m >= n, 2 * n - 1 - m, m)
    if mode == "mirror":
        if n == 1:
            return np.zeros_like(idx)
        period = 2 * n - 2
        m = idx % period
        return np.where(m >= n, period - m, m)
    raise AssertionError(mode)


@functools.lru_cache(maxsize=256)
def index_map(n, left, right, mode):
    """Input position of each extended position ``-left .. n + right - 1`` under ndimage's
    ``mode`` (an extension rule of ``convkit.ndimage``), -1 where ``cval`` fills.

    Memoised (read-only results): building it took 20 of the 38 us a 32x32 ``correlate1d``
    cost (cProfile). Numba-free (the kernels of both roads read it, see ``_ndimage_cold``)."""
    pos = np.arange(-left, n + right)
    inside = (pos >= 0) & (pos < n)
    if mode == "constant":
        idx = np.where(inside, pos, -1).astype(np.intp)
    else:
        idx = np.where(inside, pos, _ext_index(pos, n, mode)).astype(np.intp)
    idx.flags.writeable = False
    return idx


# Padded copies (and separable filters' intermediate passes) live in scratch buffers of the
# thread, reused from call to call: a fresh multi-MiB array per call paid its page faults
# every time (1024^2 float64, thread_time medians of 9 calls, 2-core AMD EPYC VM: 3x3
# correlate 4.9 ms with a fresh padded copy, 1.7-2.5 ms reusing one; gaussian_filter
# sigma=1 7.1 -> 4.2 ms, uniform_filter 3 5.5 -> 2.4 ms with the intermediate pass in scratch).
# A thread keeps at most this many bytes over all its slots (it was 64 MiB per slot, up to
# 192 MiB a thread for the thread's life): a request that would go past it gets fresh memory,
# whose page faults (about 3 ms per 32 MiB here) are a small part of a filter on an image that
# large. 32 MiB holds a 1024^2 float64 image's padded copy and both intermediate slots.
_SCRATCH_MAX_BYTES = 32 << 20

_SCRATCH = threading.local()


def _scratch(shape, dtype, slot="pad"):
    """An uninitialised array of ``shape`` in the calling thread's scratch buffer ``slot``
    (fresh memory where the thread's slots would hold more than :data:`_SCRATCH_MAX_BYTES`
    together), valid until the thread's next use of that slot. Slots: ``"pad"`` for a padded
    operand that no result can share (see :func:`convkit._ndimage_passes._correlate_padded`),
    ``0``/``1`` for the intermediate results of separable filters (alternating, so a pass
    never writes the slot it reads)."""
    dtype = np.dtype(dtype)
    nbytes = math.prod(shape) * dtype.itemsize
    bufs = getattr(_SCRATCH, "bufs", None)
    if bufs is None:
        bufs = _SCRATCH.bufs = {}
    buf = bufs.get(slot)
    if buf is None or buf.nbytes < nbytes:
        others = sum(b.nbytes for s, b in bufs.items() if s != slot)
        if others + nbytes > _SCRATCH_MAX_BYTES:
            bufs.pop(slot, None)     # a smaller buffer of this slot would only be replaced later
            return np.empty(shape, dtype)
        buf = bufs[slot] = np.empty(max(nbytes, 1), np.uint8)
    return buf[:nbytes].view(dtype).reshape(shape)


def _scratch_bytes():
    """Bytes the calling thread's scratch slots hold (for tests and diagnostics)."""
    return sum(b.nbytes for b in getattr(_SCRATCH, "bufs", {}).values())


def _pad(x, pads, modes, cval, dtype, out=None):
    """``x`` in ``dtype`` padded by ``pads[axis] = (left, right)`` with scipy.ndimage's ``modes[axis]``.

    One copy of the interior plus the borders, axis by axis (corners follow from the
    earlier axes' borders, as ndimage's per-axis index maps do). Written into ``out``
    (any view of the padded shape) when given, else into the thread's scratch buffer
    (:func:`_scratch`): the caller consumes it before its next padded copy.
    """
    shape = tuple(n + lo + hi for n, (lo, hi) in zip(x.shape, pads))
    if out is None:
        if not any(lo or hi for lo, hi in pads):
            return x if x.dtype == dtype else x.astype(dtype)
        out = _scratch(shape, dtype)
    interior = tuple(slice(lo, lo + n) for n, (lo, _) in zip(x.shape, pads))
    out[interior] = x
    for axis, ((left, right), mode) in enumerate(zip(pads, modes)):
        if not (left or right):
            continue
        n = x.shape[axis]
        # Axes before this one are already padded in full; later ones only in their interior.
        base = list(slice(None) for _ in range(axis)) + list(interior[axis:])
        for start, count, positions in ((0, left, np.arange(-left, 0)),
                                        (left + n, right, np.arange(n, n + right))):
            if not count:
                continue
            index = list(base)
            index[axis] = slice(start, start + count)
            if mode == "constant":
                out[tuple(index)] = cval
            else:
                src = list(base)
                # Fancy index on the view (np.take would first copy the whole array).
                src[axis] = _ext_index(positions, n, mode) + left
                out[tuple(index)] = out[tuple(src)]
    return out
