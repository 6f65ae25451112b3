"""pyFFTW frequency-domain convolution engine.

``convolve(a, b, axes, shape, start, *, workers=1)`` follows the engine
contract in :mod:`convkit.engines`.  One call is::

    pad a -> r2c/c2c      pad b (scaled by 1/N) -> r2c/c2c
    multiply the spectra (numpy broadcasting over batch axes)
    c2r/c2c -> copy the kept region into one fresh output

* **Only what is kept**: each convolution axis uses the smallest 7-smooth
  circular length ``L >= max(n+k-1-start, start+shape, n, k)``: the kept
  indices ``start..start+shape-1`` are then free of wrap-around.  'valid'
  needs ``L >= max(n, k)`` instead of ``n+k-1``.
* **Broadcast batch axes**: each operand is transformed with its own batch
  shape, so one kernel against many rows is transformed once.
* **Real data** uses r2c/c2r halving the last convolution axis; float32 and
  complex64 run single-precision FFTW.
* **Plans** come from a thread-safe pool of plan bundles (see
  ``_fft_plans``): a call checks out a bundle (FFTW objects plus the aligned
  buffers they were planned on), so no two threads share a plan mid-call, and
  the output is always a fresh array, never a view of a bundle buffer.
* **Planner policy** (measured; details in ``_fft_plans``): first sight of a
  shape plans with FFTW_ESTIMATE unless MEASURE wisdom already exists for it
  (tried with FFTW_WISDOM_ONLY, which also works around pyFFTW#223); the 3rd
  request of the same shape re-plans with FFTW_MEASURE (10 s limit) when one
  transform has at most 2**17 points, and saves the wisdom.  Larger
  transforms take 30-110 s to MEASURE here, so they are measured only by
  ``warmup(problems, measure=True)``.  Tune with ``set_planner_policy``.
* **Wisdom persistence**: ``$XDG_CACHE_HOME/convkit/fftw_wisdom.pickle``
  (default ``~/.cache/convkit``), loaded lazily once; ``CONVKIT_FFTW_WISDOM=0``
  or ``set_wisdom_persistence(False)`` turns it off.
* **Threads** (``workers > 1``): one long axis is cut into a few big
  overlap-save blocks, one per thread, when ``split_plan`` predicts that
  faster (N=1e6, K=1e5: 4 blocks of 375000); otherwise the two operands are
  transformed concurrently on two threads and the elementwise passes are
  split into chunks.  FFTW's own (OpenMP, spinning) threads are not used
  unless ``CONVKIT_FFTW_THREADS=1`` -- see ``FFTW_THREADS``.

The pure-Python helpers ``cost``, ``next_fast_len`` and ``fft_lengths`` live in
``_fft_sizes`` and need no pyFFTW.
"""
from __future__ import annotations

import math
import os
from functools import partial

import numpy as np

from ._fft_sizes import fft_cost as cost, fft_lengths, next_fast_len, split_plan
from . import _fft_plans as _plans
from ._fft_plans import (checkout, checkin, clear_plans, load_wisdom, save_wisdom,
                         set_planner_policy, planner_policy, set_wisdom_persistence,
                         wisdom_persistence, wisdom_path, resolve_workers, run_parallel)

__all__ = ["convolve", "cost", "next_fast_len", "fft_lengths", "warmup",
           "set_wisdom_persistence", "wisdom_persistence", "wisdom_path",
           "load_wisdom", "save_wisdom", "clear_plans", "set_planner_policy",
           "planner_policy", "THREAD_MIN"]

#: FFTW's own threads.  This pyFFTW build threads FFTW with OpenMP, whose
#: idle team threads spin: with workers=2 measured 0.6-0.7x of one thread
#: whenever the other core was busy (and 1.2x at best otherwise), against
#: 1.4-1.8x for our own threads over blocks/operands.  Off unless
#: ``CONVKIT_FFTW_THREADS=1``.
FFTW_THREADS = os.environ.get("CONVKIT_FFTW_THREADS", "0").strip() == "1"
#: with FFTW_THREADS, transforms of at least this many points get
#: ``threads=workers``
THREAD_MIN = 1 << 17
#: elementwise passes with at least this many elements are split across threads
_SPLIT_MIN = 1 << 16
#: transform the two operands concurrently when threads are available
_PAR_OPERANDS = True
#: with workers > 1, outputs of at least this length may be split into
#: one overlap-save block per thread (``_fft_sizes.split_plan``)
SPLIT_MIN = 1 << 17

_SUPPORTED = {np.dtype(np.float32): np.dtype(np.complex64),
              np.dtype(np.float64): np.dtype(np.complex128),
              np.dtype(np.complex64): np.dtype(np.complex64),
              np.dtype(np.complex128): np.dtype(np.complex128)}


def _spec_shape(fshape, axes, real):
    if not real:
        return tuple(fshape)
    s = list(fshape)
    s[axes[-1]] = s[axes[-1]] // 2 + 1
    return tuple(s)


def inplace_buffer(bundle, fshape, axes, dtype, real):
    """An aligned spectrum buffer for one transform done in place, and the
    real (or complex) view FFTW reads its input from / writes its output to.

    Memory order puts the batch axes first and ``axes`` last, so the halved
    r2c axis ``axes[-1]`` is innermost: the real view is then the complex
    buffer seen as reals, cut to ``L`` per row (FFTW's in-place layout).
    Both are returned in logical axis order.  In place halves the bundle's
    memory and was measured as fast or faster than out of place here.
    """
    nd = len(fshape)
    order = [i for i in range(nd) if i not in axes] + list(axes)
    inv = [order.index(i) for i in range(nd)]
    mem = [fshape[i] for i in order]
    if not real:
        buf = bundle.empty(tuple(mem), dtype)
        view = buf.transpose(inv)
        return view, view
    L = mem[-1]
    mem[-1] = L // 2 + 1
    spec = bundle.empty(tuple(mem), _SUPPORTED[dtype])
    rview = spec.view(dtype)[..., :L]
    return spec.transpose(inv), rview.transpose(inv)


def _plan_conv(fa, fb, fo, dtype, axes, threads, bundle, effort, wisdom_only):
    """Factory: in-place buffers and the three FFTW objects of one convolution."""
    real = dtype.kind == "f"
    mk = _plans.make_fftw
    A, ra = inplace_buffer(bundle, fa, axes, dtype, real)
    B, rb = inplace_buffer(bundle, fb, axes, dtype, real)
    if fo == fa:
        P, ro = A, ra
    elif fo == fb:
        P, ro = B, rb
    else:
        P, ro = inplace_buffer(bundle, fo, axes, dtype, real)
    # with threads, the two forward transforms run concurrently (half the
    # threads each); the inverse gets them all
    half = max(1, threads // 2) if _PAR_OPERANDS else threads
    ta = half if math.prod(fa) >= THREAD_MIN else 1
    tb = half if math.prod(fb) >= THREAD_MIN else 1
    to = threads if math.prod(fo) >= THREAD_MIN else 1
    bundle.fwd_a = mk(ra, A, axes, "FFTW_FORWARD", effort, ta, wisdom_only)
    bundle.fwd_b = mk(rb, B, axes, "FFTW_FORWARD", effort, tb, wisdom_only)
    bundle.inv = mk(P, ro, axes, "FFTW_BACKWARD", effort, to, wisdom_only)
    bundle.ra, bundle.rb, bundle.A, bundle.B, bundle.P, bundle.ro = ra, rb, A, B, P, ro


def _chunks(n, parts):
    step = -(-n // parts)
    return [(i, min(i + step, n)) for i in range(0, n, step)]


def _split_axis(arr):
    """First axis worth splitting an elementwise pass along."""
    for i, s in enumerate(arr.shape):
        if s >= 8:
            return i
    return None


def _par_copy(dst, src, workers, scale=None):
    """dst[...] = src (* scale), split across threads when large."""
    ax = _split_axis(dst) if workers > 1 and dst.size >= _SPLIT_MIN else None
    if ax is None:
        if scale is None:
            np.copyto(dst, src)
        else:
            np.multiply(src, scale, out=dst)
        return

    def part(r):
        sl = (slice(None),) * ax + (slice(*r),)
        s = src if src.shape[ax] == 1 else src[sl]
        if scale is None:
            np.copyto(dst[sl], s)
        else:
            np.multiply(s, scale, out=dst[sl])
    run_parallel(part, _chunks(dst.shape[ax], workers), workers)


def _par_mul(x, y, out, workers):
    ax = _split_axis(out) if workers > 1 and out.size >= _SPLIT_MIN else None
    if ax is None:
        np.multiply(x, y, out=out)
        return

    def part(r):
        sl = (slice(None),) * ax + (slice(*r),)
        np.multiply(x if x.shape[ax] == 1 else x[sl], y if y.shape[ax] == 1 else y[sl],
                    out=out[sl])
    run_parallel(part, _chunks(out.shape[ax], workers), workers)


def _fill(buf, x, axes, workers=1, scale=None):
    """Copy ``x`` into the corner of ``buf`` and zero the padding."""
    nd = buf.ndim
    idx = tuple(slice(0, x.shape[i]) if i in axes else slice(None) for i in range(nd))
    _par_copy(buf[idx], x, workers, scale)
    lead = []
    for i in range(nd):
        if i in axes and x.shape[i] < buf.shape[i]:
            buf[tuple(lead) + (slice(x.shape[i], None),)] = 0
        lead.append(idx[i])


def _prep(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    dt = a.dtype
    if dt not in _SUPPORTED:
        raise TypeError(f"fft engine does not support dtype {dt}")
    if b.dtype != dt:
        b = b.astype(dt)
    if not dt.isnative:
        dt = dt.newbyteorder("=")
        a, b = a.astype(dt), b.astype(dt)
    return a, b, dt


def convolve(a, b, axes, shape, start, *, workers=1):
    """Convolve ``a`` with ``b`` over ``axes`` and return the region
    ``start .. start+shape-1`` of the full result (see
    :mod:`convkit.engines` for the contract).  float32/complex64 run in
    single precision.  ``workers`` threads are used for large problems."""
    a, b, dt = _prep(a, b)
    axes = tuple(sorted(int(i) for i in axes))
    shape = tuple(int(s) for s in shape)
    start = tuple(int(s) for s in start)
    nd = a.ndim
    if 0 in shape:
        return np.zeros(shape, dt)
    if not axes:
        out = np.empty(shape, dt)
        np.multiply(a, b, out=out)
        return out
    workers = resolve_workers(workers)
    real = dt.kind == "f"
    if workers > 1 and len(axes) == 1 and shape[axes[0]] >= SPLIT_MIN:
        # threads: a few big overlap-save blocks, one per thread, when that
        # is predicted faster than FFTW-threading one whole transform
        ax = axes[0]
        n, k = a.shape[ax], b.shape[ax]
        split = split_plan(max(n, k), min(n, k), shape[ax], start[ax], workers, real)
        if split is not None:
            from . import overlap
            return overlap.convolve(a, b, axes, shape, start, workers=workers,
                                    _layout=(ax, k > n, split, {}))
    lens = fft_lengths(a.shape, b.shape, axes, shape, start, real)
    L = dict(zip(axes, lens))
    fa = tuple(L.get(i, a.shape[i]) for i in range(nd))
    fb = tuple(L.get(i, b.shape[i]) for i in range(nd))
    fo = tuple(L.get(i, shape[i]) for i in range(nd))
    threads = workers if (FFTW_THREADS and workers > 1
                          and max(math.prod(fa), math.prod(fb)) >= THREAD_MIN) else 1
    key = ("conv", fa, fb, fo, dt.char, axes, threads, _PAR_OPERANDS)
    bundle = checkout(key, partial(_plan_conv, fa, fb, fo, dt, axes, threads), math.prod(lens))
    try:
        scale = 1.0 / math.prod(lens)
        # scale the smaller operand while copying it in (saves a pass)
        sa_first = a.size < b.size

        def fwd_a(w):
            _fill(bundle.ra, a, axes, w, scale if sa_first else None)
            bundle.fwd_a.execute()

        def fwd_b(w):
            _fill(bundle.rb, b, axes, w, None if sa_first else scale)
            bundle.fwd_b.execute()

        if workers > 1 and (threads == 1 or _PAR_OPERANDS) and min(a.size, b.size) >= 4096:
            # run the two operands' forward transforms on two threads
            hw = max(1, workers // 2)
            run_parallel(lambda f: f(hw), (fwd_a, fwd_b), 2)
        else:
            fwd_a(workers)
            fwd_b(workers)
        P = bundle.P
        if P is bundle.A:
            _par_mul(P, bundle.B, P, workers)
        elif P is bundle.B:
            _par_mul(bundle.A, P, P, workers)
        else:
            _par_mul(bundle.A, bundle.B, P, workers)
        bundle.inv.execute()
        kept = tuple(slice(start[i], start[i] + shape[i]) if i in L else slice(None)
                     for i in range(nd))
        out = np.empty(shape, dt)
        _par_copy(out, bundle.ro[kept], workers)
    finally:
        checkin(bundle)
    return out


def warmup(problems=(), *, measure=False, workers=1):
    """Load wisdom, load both FFTW precisions, and optionally pre-plan.

    ``problems`` is an iterable of ``(a_shape, b_shape, axes, shape, start,
    dtype)`` tuples (or of ``(engine_module, a_shape, ...)`` to warm the
    overlap engine); each is run once on zeros.  With ``measure=True`` their
    plans are made with FFTW_MEASURE, without a time limit and whatever their
    size (this can take minutes for 1e6-point transforms), and the wisdom is
    saved so later processes find it on first sight.  ``workers`` is passed
    to the engine (the plans differ with threads).  Returns the number of
    problems warmed.
    """
    load_wisdom()
    for dt in ("float32", "float64", "complex64", "complex128"):
        convolve(np.zeros(8, dt), np.zeros(3, dt), (0,), (10,), (0,))
    n = 0
    for prob in problems:
        eng = convolve
        if not isinstance(prob[0], tuple):
            eng, prob = prob[0].convolve, prob[1:]
        a_shape, b_shape, axes, shape, start, dtype = prob
        za, zb = np.zeros(a_shape, dtype), np.zeros(b_shape, dtype)
        if measure:
            with _plans.force_measure():
                eng(za, zb, axes, shape, start, workers=workers)
        else:
            eng(za, zb, axes, shape, start, workers=workers)
        n += 1
    return n
