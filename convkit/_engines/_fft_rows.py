"""One-axis FFT convolutions of many rows, one row at a time through the 1-D plans (private).

A convolution along one axis of arrays with other (batch) axes used to run one FFTW plan
over all rows (a "howmany" plan). Such a plan's key holds the row count, so the filled
plan store (:mod:`._fft_fill`), which holds the 1-D transform of every real FFTW length,
never had it: 64 rows of 4320 points planned for 19 ms from nothing, 14 ms with the single
row's record imported, 12-14 times the call. Here each row runs the 1-D convolution's own
plans (the bundle :func:`._spectral._plan_conv` makes for ``(L,)``, the store's key), so a new
row count costs no planning and a new length what a 1-D call of that length costs.

It is also faster per call: a row's buffers stay in cache, where the howmany plan streams
every row through each pass (thread CPU, medians of 15 shuffled rounds, row by row over one
batched plan, epyc-zen4-2c, loaded: 1024 x 2048 * 64 0.76, 64 x 4096 * 129 0.86, 16 x 20000 *
1000 0.90, 8 x 50000 * 3000 0.98, 4 x 100000 * 1000 1.01; below :data:`ROWS_MIN_LEN` the Python
loop over short rows can cost more than it saves: 512 x 1300 * 45 (L = 1344) 1.13. Command:
``python benchmarks/scripts/latency.py --only rows``).

Arithmetic: each row's transforms, product and scaled copy are the 1-D call's, whatever
``workers`` is (rows are split between threads, each with its own plan bundle). Whether a
problem runs here follows from its padded shape alone (:func:`applies`), so its bits never
depend on what is cached; they differ from the howmany plan's in the last bits.
"""
from __future__ import annotations

import math
from functools import partial

import numpy as np

from .. import _tuning
from . import _fft_plans as _plans

#: one-axis convolutions whose transform length is at least this many points run row by row
ROWS_MIN_LEN = _tuning.FFT_ROWS_MIN_LEN


def applies(axes, fo) -> bool:
    """Whether the one-transform convolution with padded output shape ``fo`` over ``axes``
    runs row by row: one convolution axis of at least :data:`ROWS_MIN_LEN` points, and more
    than one row."""
    return len(axes) == 1 and fo[axes[0]] >= ROWS_MIN_LEN and math.prod(fo) > fo[axes[0]]


def _bundle(L: int, wt: np.dtype):
    """A checked-out plan bundle of the 1-D convolution at length ``L`` (the key the 1-D
    calls and the filled plan store use)."""
    from ._spectral import _conv_key, _plan_conv

    f = (L,)
    return _plans.checkout(_conv_key(f, f, f, wt, (0,), 1), partial(_plan_conv, f, f, f, wt, (0,), 1))


def _rows(x: np.ndarray, axis: int) -> np.ndarray:
    """``x`` with the convolution axis last and the batch axes flattened: ``(rows, n)``
    (a view where the layout allows)."""
    return np.moveaxis(x, axis, -1).reshape(-1, x.shape[axis])


def _transform(bundle, row) -> np.ndarray:
    """The 1-D forward transform of ``row`` (zero-padded), in the bundle's spectrum buffer."""
    from ._spectral import fill

    fill(bundle.padded_b, row, (0,))
    bundle.fwd_b.execute()
    return bundle.B


def spectrum(b: np.ndarray, axis: int, L: int, wt: np.dtype) -> np.ndarray:
    """The spectra of ``b``'s rows along ``axis`` at length ``L``, in ``b``'s logical axis
    order (``axis`` halved for real ``wt``): bitwise what :func:`convolve` transforms."""
    bundle = _bundle(L, wt)
    try:
        rows = _rows(b, axis)
        spec = np.empty((rows.shape[0], bundle.B.shape[0]), bundle.B.dtype)
        for i in range(rows.shape[0]):
            spec[i] = _transform(bundle, rows[i])
    finally:
        _plans.checkin(bundle)
    shape = b.shape[:axis] + b.shape[axis + 1:] + (spec.shape[1],)
    return np.moveaxis(spec.reshape(shape), -1, axis)


def convolve(a, b, spec, axis, L, shape, start, dt, wt, workers=1) -> np.ndarray:
    """The kept region ``start .. start+shape-1`` of the full convolution of ``a`` and ``b``
    along ``axis`` at transform length ``L``, row by row; ``spec``: the spectra of ``b``'s rows
    from :func:`spectrum`, or None to transform ``b``. Batch axes broadcast as in
    scipy.signal.fftconvolve (``shape`` holds the output's). A fresh C-contiguous result in
    ``dt``, computed in ``wt``."""
    from ._spectral import fill

    batch = tuple(s for i, s in enumerate(shape) if i != axis)
    n_rows = math.prod(batch)
    lo, hi = start[axis], start[axis] + shape[axis]
    scale = 1.0 / L
    # the rows are written along the last axis (moved into place at the end when it is not)
    out_rows = np.empty((n_rows, shape[axis]), dt)
    a_rows = _rows(np.broadcast_to(a, batch[:axis] + (a.shape[axis],) + batch[axis:])
                   if a.shape[:axis] + a.shape[axis + 1:] != batch else a, axis)
    src = spec if spec is not None else b
    b_batch = src.shape[:axis] + src.shape[axis + 1:]
    shared = math.prod(b_batch) == 1                  # one kernel row for every row of ``a``
    if not shared:
        src = np.broadcast_to(src, batch[:axis] + (src.shape[axis],) + batch[axis:])
    b_rows = _rows(src, axis)

    def run(span):
        first, last = span
        bundle = _bundle(L, wt)
        try:
            B = None
            if shared:
                B = b_rows[0] if spec is not None else _transform(bundle, b_rows[0]).copy()
            for i in range(first, last):
                Bi = B if shared else (b_rows[i] if spec is not None else _transform(bundle, b_rows[i]))
                fill(bundle.padded_a, a_rows[i], (0,))
                bundle.fwd_a.execute()
                np.multiply(bundle.A, Bi, out=bundle.P)
                bundle.inv.execute()
                np.multiply(bundle.circular[lo:hi], scale, out=out_rows[i])
        finally:
            _plans.checkin(bundle)

    w = max(1, min(int(workers), n_rows))
    _plans.run_parallel(run, [(n_rows * k // w, n_rows * (k + 1) // w) for k in range(w)], w)
    out = out_rows.reshape(batch + (shape[axis],))
    return out if axis == len(shape) - 1 else np.ascontiguousarray(np.moveaxis(out, -1, axis))
