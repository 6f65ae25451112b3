"""The direct engine's Python side: layout, kernel choice, threads, complex and integer handling.

How a call is computed
----------------------
* The operand with fewer elements over the convolution axes becomes the
  *kernel* ``h``, the other the *signal* ``x`` (convolution is commutative).
* Axes are permuted so that batch axes come first and convolution axes last;
  every operand is viewed as ``(batch, rows, width)``: ``rows`` is the product
  of the leading convolution axes, ``width`` the last one. The kernel is
  reversed along the convolution axes, so tap ``p`` of output ``o`` reads
  ``x[o + start - (k - 1) + p]``.
* The output is cut into *tiles* (one output row, about 16 KiB of columns);
  each tile applies its taps in passes of up to 16 unrolled taps
  (``_kernels``), the loop over the tile's outputs innermost and vectorised.
  Square 2-D kernels of the sizes in ``DIRECT_ROW_BLOCKS`` run by blocks of
  output rows; column kernels by blocks of four rows (``_drivers``).
* Interior tiles read the signal in place; edge tiles copy the signal columns
  they need into a zero-padded scratch row, so the hot loops test no bounds.
* Complex inputs run as three real products (Gauss: ``rr - ii`` and
  ``(r+i)(r+i) - rr - ii``); ``uint64`` runs as ``int64`` (the same bits).
* A rank-one 2-D float kernel runs as a row pass and a column pass
  (``_separable``; ``separable=False`` never does).
* Threads (``_threads``): work items are split into chunks run by Python
  threads over the nogil drivers. Every output is summed in the same order
  whichever thread computes it, so results do not depend on ``workers``.
* Non-finite kernels (and complex operands) take an exact shift-and-add path
  that forms only overlapping products, as scipy's direct method does.
"""

from __future__ import annotations

import threading

import numpy as np

from ... import _tuning
from .._buffers import empty_apart, scratch
from .._finite import all_finite
from . import _compiled, _drivers, _separable, _threads
from ._cost import plain_1d
from ._tiling import (
    COLUMN_TILE_BYTES,
    block_chunks,
    block_plan,
    is_column,
    kernels,
    prod,
    row_blocks,
    row_taps,
    tile_bounds,
    tile_width,
)

__all__ = ["convolve", "kernel_table_for", "run", "run_plain", "small"]

SUPPORTED = frozenset(np.dtype(t) for t in ("float32", "float64", "complex64", "complex128", "int64", "uint64"))
_SMALL_KINDS = frozenset(np.dtype(t) for t in ("float32", "float64", "complex64", "complex128", "int64"))
# Chunks per thread: enough for the shared iterator to balance a slowed thread.
_CHUNKS_PER_WORKER = 8

# Arrays up to this size are checked for non-finite values with numpy (a few microseconds).
_NUMPY_FINITE_MAX = 1 << 14

_EMPTY_LEAD = np.zeros(0, np.intp)
_ZERO_MAP = np.zeros(1, np.intp)


def _finite(v, plain=False) -> bool:
    """No NaN and no infinity in ``v``: numpy for kernel-sized arrays (no compile on a first
    call) and on the plain path (a cold call: it would compile for 0.3-0.5 s), the one-pass
    Numba loop (``_finite.all_finite``, compiled on first use) for large ones."""
    if plain or v.size <= _NUMPY_FINITE_MAX:
        return bool(np.isfinite(v).all())
    return all_finite(v)


def kernel_table_for(dtype, kh, kw, nlead, hlead0, block_k):
    """The kernel address table of a tiled call (compiling its kernels on first use)."""
    return _compiled.kernel_table(dtype, kernels(kh, kw, nlead, hlead0, block_k, np.dtype(dtype).itemsize))


# Work arrays kept per thread (a driver writes them before it reads them, and one thread runs
# one driver call at a time), at most this many shapes per thread (a few hundred KiB each)
_WORK_KEEP = 8
_work = threading.local()


def work_arrays(dt, Rh, kw, nlead, T, RB=0):
    """Work arrays of one tiled-driver call (``_drivers.tiles``/``blocks``): scratch rows for
    edge tiles (tiles are at most T wide), a block's rows when RB, pooled-pass tables, and
    the leading-axis index. Made here so that no driver compiles numpy's allocation code, and
    kept per thread: made afresh on every call they page-faulted whenever malloc had just
    returned its heap's top to the system (2048^2 * 5x5 'same' after a run of 1-D calls of
    other sizes: 135-176 faults a call, 1.8-2x its time; 0 kept)."""
    key = (dt, Rh, kw, nlead, T, RB)
    kept = getattr(_work, "arrays", None)
    if kept is None:
        kept = _work.arrays = {}
    arrays = kept.get(key)
    if arrays is None:
        if len(kept) >= _WORK_KEEP:
            kept.clear()
        arrays = kept[key] = _new_work_arrays(dt, Rh, kw, nlead, T, RB)
    return arrays


def _new_work_arrays(dt, Rh, kw, nlead, T, RB):
    n = Rh * kw
    arrays = (np.empty((Rh, T + kw - 1), dt),)
    if RB:
        arrays += (np.empty((kw + RB - 1, T + kw - 1), dt),)
    return arrays + (np.empty(n, np.intp), np.empty(n, np.intp), np.empty(n, dt), np.empty(nlead, np.intp))


def _chunks(nitems, workers):
    n = min(nitems, _CHUNKS_PER_WORKER * workers)
    return [c * nitems // n for c in range(n + 1)]


def _run_items(fn, nitems, workers, bounds=None):
    """``fn(it0, it1)`` over work items ``0 .. nitems - 1``: one call on this thread for one
    worker (no chunk list: about 1 us of a 35 us call), else chunks (``bounds``, default
    :func:`_chunks`) on ``workers`` threads."""
    if workers <= 1:
        if nitems > 0:
            fn(0, nitems)
        return
    _threads.run_chunks(fn, _chunks(nitems, workers) if bounds is None else bounds, workers)


def run(x3, h3, out3, ix, ih, xlead, hlead, olead, slead, s_last, workers):
    """Run the tiled drivers over the whole output, on ``workers`` threads."""
    R, Ro, L = out3.shape
    Rh, kw = h3.shape[1], h3.shape[2]
    nlead = xlead.shape[0]
    dt = out3.dtype
    work = R * Ro * L * Rh * kw
    if work < _tuning.DIRECT_PAR_MIN_WORK:
        workers = 1
    mt = row_taps(dt.itemsize, kw)
    if is_column(Rh, kw, nlead, int(hlead[0]) if nlead else 0):
        T = max(64, COLUMN_TILE_BYTES // dt.itemsize)
        nitems = R * ((Ro + 3) // 4) * (-(-L // T))
        s0 = int(slead[0])
        tab = kernel_table_for(dt, Rh, kw, nlead, int(hlead[0]), 0)
        _run_items(lambda i0, i1: _drivers.columns(x3, h3, out3, ix, ih, s0, s_last, T, tab, i0, i1,
                                                   np.empty(Rh, np.intp), np.empty(Rh, np.intp),
                                                   np.empty(Rh, dt), np.empty((4, 8), dt)),
                   nitems, workers)
        return
    T = tile_width(L, dt.itemsize, nlead == 0)
    blk = block_plan(x3.shape, h3.shape, out3.shape, nlead, int(slead[0]) if nlead else 0)
    if blk is not None:
        RB, oa, nblk = blk
        tb = tile_bounds(L, x3.shape[2], kw, s_last, T, split=True)
        umaj = tb.shape[0] <= 4
        tab = kernel_table_for(dt, Rh, kw, nlead, int(hlead[0]), kw)
        nitems = R * (tb.shape[0] - 1) * (Ro - nblk * (RB - 1))
        bounds = block_chunks(tb, R, Ro, kw, RB, oa, nblk, umaj, _CHUNKS_PER_WORKER * workers) if workers > 1 else None
        _run_items(lambda i0, i1: _drivers.blocks(x3, h3, out3, ix, ih, xlead, hlead, olead, slead, s_last,
                                                  tb, tab, mt, RB, oa, nblk, umaj, i0, i1,
                                                  *work_arrays(dt, Rh, kw, nlead, min(T, L), RB)),
                   nitems, workers, bounds)
        return
    tb = tile_bounds(L, x3.shape[2], kw, s_last, T, rows=Rh)
    nitems = R * Ro * (tb.shape[0] - 1)
    tab = kernel_table_for(dt, Rh, kw, nlead, int(hlead[0]) if nlead else 0, 0)
    _run_items(lambda i0, i1: _drivers.tiles(x3, h3, out3, ix, ih, xlead, hlead, olead, slead, s_last,
                                             tb, tab, mt, i0, i1, *work_arrays(dt, Rh, kw, nlead, min(T, L))),
               nitems, workers)


def run_plain(x3, h3, out3, ix, ih, xlead, hlead, olead, slead, s_last, workers):
    """What :func:`run` computes, the same bits, on the plain loop (``_plain``): one thread,
    nothing but that loop to compile. It is told how the drivers cut each output's sum into
    passes: this CPU's row passes, the row-blocked rows' tap-column groups, the column driver."""
    from ._plain import plain, schedule
    nlead = xlead.shape[0]
    kw = h3.shape[2]
    groups, ga, gz = None, 0, 0
    col = is_column(h3.shape[1], kw, nlead, int(hlead[0]) if nlead else 0)
    blk = None if col else block_plan(x3.shape, h3.shape, out3.shape, nlead, int(slead[0]) if nlead else 0)
    if blk is not None:
        RB, oa, nblk = blk
        groups = row_blocks()[kw][1] or ((0, kw),)
        ga, gz = oa, oa + nblk * RB
    dt = out3.dtype
    sched = schedule(tuple(xlead), tuple(hlead), tuple(olead), tuple(slead), kw, row_taps(dt.itemsize, kw),
                     groups, ga, gz, col)
    plain(x3, h3, out3, ix, ih, s_last, *sched, dt.type(0))


def _convolve_real(x, h, axes, shape, start, workers, separable, runner=run):
    """Real/integer engine; x, h native, same dtype, x is the signal."""
    nd = x.ndim
    dt = x.dtype
    conv = tuple(axes)
    batch = tuple(i for i in range(nd) if i not in conv)
    perm = batch + conv
    identity = perm == tuple(range(nd))
    if not identity:
        x = x.transpose(perm)
        h = h.transpose(perm)
    nb = len(batch)
    nc = len(conv)
    xs, hs = x.shape, h.shape
    ob = tuple(int(shape[i]) for i in batch)
    oc = tuple(int(shape[i]) for i in conv)
    sc = tuple(int(start[i]) for i in conv)
    xb, xc = xs[:nb], xs[nb:]
    hb, hc = hs[:nb], hs[nb:]
    Bx, Bh, R = prod(xb), prod(hb), prod(ob)

    if nb == 0 or (Bx == R and Bh == R):
        ix = ih = (_ZERO_MAP if R == 1 else np.arange(R, dtype=np.intp))
    else:
        ix = np.broadcast_to(np.arange(Bx, dtype=np.intp).reshape(xb), ob).flatten()
        ih = np.broadcast_to(np.arange(Bh, dtype=np.intp).reshape(hb), ob).flatten()

    # Drivers take C-contiguous writeable arrays only (one compiled variant per
    # dtype; Numba types read-only arrays separately): read-only signals are copied.
    if x.flags.c_contiguous and x.flags.writeable:
        x3 = x.reshape(Bx, prod(xc[:-1]), xc[-1])
    else:
        x3 = np.array(x, order="C").reshape(Bx, prod(xc[:-1]), xc[-1])
    kw = hc[-1]
    s_last = sc[-1] - (kw - 1)

    fac = None
    if (nc == 2 and Bh == 1 and separable is not False and dt.kind == "f"
            and hc[0] >= 2 and kw >= 2
            and (separable or hc[0] * kw >= 2 * (hc[0] + kw))):
        fac = _separable.rank_one(h.reshape(hc), dt)

    if fac is not None and Bx == 1:
        out3 = _separable.banded(runner, x3, fac, hc[0], kw, sc, oc, s_last, workers)
    elif fac is not None:
        out3 = _separable.batched(runner, x3, fac, hc[0], kw, sc, oc, s_last, ix, R, workers)
    else:
        hrev = h[(slice(None),) * nb + (slice(None, None, -1),) * nc]
        h3 = np.array(hrev, order="C").reshape(Bh, prod(hc[:-1]), kw)
        if nc > 1:
            xlead = np.array(xc[:-1], np.intp)
            hlead = np.array(hc[:-1], np.intp)
            olead = np.array(oc[:-1], np.intp)
            slead = np.array([sc[i] - (hc[i] - 1) for i in range(nc - 1)], np.intp)
        else:
            xlead = hlead = olead = slead = _EMPTY_LEAD
        out3 = empty_apart((R, prod(oc[:-1]), oc[-1]), dt, x3)
        runner(x3, h3, out3, ix, ih, xlead, hlead, olead, slead, s_last, workers)

    out = out3.reshape(ob + oc)
    if not identity:
        out = np.ascontiguousarray(out.transpose(np.argsort(perm)))
    return out


def shift_add(x, h, axes, shape, start):
    """Exact-semantics fallback: out += x[o + start - j] * h[j] tap by tap.

    Only overlapping products are formed (as scipy's direct method does), so
    inf/nan propagate exactly as there. O(kernel taps) numpy operations on
    the kept region; used for non-finite inputs only.
    """
    nd = x.ndim
    out = np.zeros(shape, x.dtype)
    with np.errstate(invalid="ignore", over="ignore"):
        for j in np.ndindex(*[h.shape[i] for i in axes]):
            osl = [slice(None)] * nd
            xsl = [slice(None)] * nd
            hsl = [slice(None)] * nd
            for ax, jj in zip(axes, j):
                lo = max(0, jj - start[ax])
                hi = min(shape[ax], x.shape[ax] + jj - start[ax])
                if hi <= lo:
                    break
                osl[ax] = slice(lo, hi)
                xsl[ax] = slice(lo + start[ax] - jj, hi + start[ax] - jj)
                hsl[ax] = slice(jj, jj + 1)
            else:
                out[tuple(osl)] += x[tuple(xsl)] * h[tuple(hsl)]
    return out


def small(a, b, start, shape):
    """The kept region ``start .. start+shape-1`` of a small 1-D or 2-D full convolution.

    The lean entry for tiny calls: ``a`` and ``b`` are non-empty arrays of one
    dtype from float32, float64, complex64 or complex128 (int64 too in 1-D),
    both 1-D or both 2-D. ``start`` and ``shape`` are tuples. Returns a fresh
    array of that dtype.
    """
    # one compiled variant per dtype: C-contiguous and writeable operands
    if not (a.flags.c_contiguous and a.flags.writeable):
        a = np.array(a, order="C")
    if not (b.flags.c_contiguous and b.flags.writeable):
        b = np.array(b, order="C")
    out = np.empty(shape, a.dtype)
    if a.ndim == 2:
        _drivers.small_2d(a, b, out, start[0], start[1], a.dtype.type(0))
    elif a.shape[0] >= b.shape[0]:
        _drivers.small_1d(a, b, out, start[0])
    else:
        _drivers.small_1d(b, a, out, start[0])
    return out


def convolve(a, b, axes, shape, start, workers=1, separable=None, plain=False):
    """Direct convolution of the kept region (engine contract, see ``convkit._engines``).

    ``plain``: the tiled loops' work runs on the plain loop (:func:`run_plain`, the same
    bits; for calls made while the tiled drivers and kernels compile elsewhere).
    """
    dt = a.dtype
    # fast path first (tiny 1-D calls must cost only a few microseconds)
    if a.ndim == 1 and dt in _SMALL_KINDS and b.dtype == dt:
        na = a.shape[0]
        nbl = b.shape[0]
        if na > 0 and nbl > 0 and (plain_1d(na, nbl, shape[0])
                                   or (dt.kind == "c" and na * nbl <= _tuning.DIRECT_SMALL_1D_COMPLEX)):
            return small(a, b, start, shape)
    if dt not in SUPPORTED:
        raise TypeError(f"direct engine: unsupported dtype {dt}")
    if b.dtype != dt:
        raise TypeError("direct engine: operands must have the same dtype")
    if dt.kind == "u":
        res = convolve(a.view(np.int64), b.view(np.int64), axes, shape, start,
                       workers=workers, separable=separable, plain=plain)
        return res.view(dt)
    shape = tuple(map(int, shape))
    start = tuple(map(int, start))
    axes = tuple(map(int, axes))
    workers = max(1, int(workers))

    if a.size == 0 or b.size == 0:
        return np.zeros(shape, dt)
    if not axes:
        return np.ascontiguousarray(np.broadcast_to(a * b, shape), dtype=dt)

    pa = prod(a.shape[i] for i in axes)
    pb = prod(b.shape[i] for i in axes)
    x, h = (a, b) if pb <= pa else (b, a)

    # Non-finite values: the tiled kernels multiply zero padding by kernel
    # taps (0 * inf = nan where scipy, summing only overlapping terms, gives
    # a finite value) and the complex path's three real products turn an
    # inf into nan in the other component: those take the exact shift-and-add path.
    if (dt.kind == "f" and not _finite(h, plain)) or (dt.kind == "c" and not (_finite(h, plain)
                                                                               and _finite(x, plain))):
        return shift_add(x, h, axes, shape, start)

    if dt.kind == "c":
        # Three real products: P1 = xr*hr, P2 = xi*hi, P3 = (xr+xi)*(hr+hi);
        # real = P1 - P2, imag = P3 - P1 - P2 (a quarter fewer multiply-adds;
        # the error stays within a few eps * |x| * |h|).
        rdt = np.dtype(np.float32 if dt == np.complex64 else np.float64)
        with scratch((3,) + x.shape, rdt, x) as xr:
            np.copyto(xr[0], x.real)
            np.copyto(xr[1], x.imag)
            np.add(xr[0], xr[1], out=xr[2])
            hr = np.empty((3,) + h.shape, rdt)
            np.copyto(hr[0], h.real)
            np.copyto(hr[1], h.imag)
            np.add(hr[0], hr[1], out=hr[2])
            ax2 = tuple(ax + 1 for ax in axes)
            o = _convolve_real(xr, hr, ax2, (3,) + shape, (0,) + start, workers, False,
                               run_plain if plain else run)
        res = empty_apart(shape, dt, x)
        np.subtract(o[0], o[1], out=res.real)
        np.subtract(o[2], o[0], out=res.imag)
        res.imag -= o[1]
        return res
    return _convolve_real(x, h, axes, shape, start, workers, separable, run_plain if plain else run)
