"""One-axis FFT convolutions of many rows, one row at a time through the 1-D plans (private).

A convolution along one axis of arrays with other (batch) axes used to run one FFTW plan
over all rows (a "howmany" plan). Such a plan's key holds the row count, so the filled
plan store (:mod:`._fft_fill`), which holds the 1-D transform of every real FFTW length,
never had it: 64 rows of 4320 points planned for 19 ms from nothing, 14 ms with the single
row's record imported, 12-14 times the call. Here each row runs the 1-D convolution's own
plans (the bundle :func:`._spectral._plan_conv` makes for ``(L,)``, the store's key), so a new
row count costs no planning and a new length what a 1-D call of that length costs.

It is not slower per call: a row's buffers stay in cache, where the howmany plan streams every
row through each pass (thread CPU, medians of 15 shuffled rounds, row by row over one batched
plan, epyc-zen4-2c, two runs: 1024 x 2048 * 64 0.63-0.65, 64 x 4096 * 129 0.74-0.78, 16 x 20000 *
1000 0.85-0.86, 8 x 50000 * 3000 0.94, 16 x 2100 * 60 1.01-1.02; below :data:`ROWS_MIN_LEN` the
Python cost per row weighs more: 16 x 1350 * 20 1.06-1.08. Command:
``python benchmarks/scripts/latency.py --only rows``).

Arithmetic: each row's transforms, product and scaled copy are the 1-D call's, whatever
``workers`` is (rows are split between threads, each with its own plan bundle). Whether a
problem runs here follows from its padded shape alone (:func:`applies`), so its bits never
depend on what is cached; they may differ from the former howmany plan's in the last bits.
FFTW threads (``CONVKIT_FFTW_THREADS``) are not used here: the rows are what is split.
"""
from __future__ import annotations

import math
from functools import partial

import numpy as np

from .. import _tuning
from . import _fft_plans as _plans
from . import _spectral  # (imports this module: attributes are read at call time)

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
    f = (L,)
    return _plans.checkout(_spectral._conv_key(f, f, f, wt, (0,), 1),
                           partial(_spectral._plan_conv, f, f, f, wt, (0,), 1))


def _rows(x: np.ndarray, axis: int, batch=None) -> np.ndarray:
    """``x`` with the convolution axis last and the batch axes flattened: ``(rows, n)``
    (a view where the layout allows); broadcast to the output's ``batch`` shape first when
    its own batch axes differ."""
    if axis != x.ndim - 1:
        x = np.moveaxis(x, axis, -1)
    if batch is not None and x.shape[:-1] != batch:
        x = np.broadcast_to(x, batch + x.shape[-1:])
    return x.reshape(-1, x.shape[-1])


def _transform(bundle, row) -> np.ndarray:
    """The 1-D forward transform of ``row`` (zero-padded), in the bundle's spectrum buffer
    (what :func:`._spectral.fill` and ``fwd_b`` do for the 1-D call)."""
    padded = bundle.padded_b
    np.copyto(padded[:row.shape[0]], row)
    padded[row.shape[0]:] = 0
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
    shape = tuple(shape)
    last_axis = axis == len(shape) - 1
    batch = shape[:axis] + shape[axis + 1:]
    n_rows = math.prod(batch)
    lo, hi = start[axis], start[axis] + shape[axis]
    scale = 1.0 / L
    # the rows are written along the last axis (moved into place at the end when it is not)
    out_rows = np.empty((n_rows, shape[axis]), dt)
    a_rows = _rows(a, axis, batch)
    src = b if spec is None else spec
    shared = src.size == src.shape[axis]             # one kernel row for every row of ``a``
    b_rows = _rows(src, axis, None if shared else batch)
    n = a_rows.shape[1]

    def run(first, last):
        bundle = _bundle(L, wt)
        try:
            if shared:
                B = b_rows[0] if spec is not None else _transform(bundle, b_rows[0])
            # :func:`._spectral.fill` for one row, unrolled (the Python cost per row is what
            # this path pays over one batched plan); the padding is zeroed for every row, as the
            # inverse (or an in-place forward transform) overwrote it
            head, tail = bundle.padded_a[:n], bundle.padded_a[n:]
            A, P, kept = bundle.A, bundle.P, bundle.circular[lo:hi]
            forward, inverse = bundle.fwd_a.execute, bundle.inv.execute
            for i in range(first, last):
                np.copyto(head, a_rows[i])
                tail.fill(0)
                forward()
                if not shared:
                    B = b_rows[i] if spec is not None else _transform(bundle, b_rows[i])
                np.multiply(A, B, out=P)
                inverse()
                np.multiply(kept, scale, out=out_rows[i])
        finally:
            _plans.checkin(bundle)

    w = max(1, min(int(workers), n_rows))
    if w == 1:
        run(0, n_rows)
    else:
        _plans.run_parallel(lambda span: run(*span), [(n_rows * k // w, n_rows * (k + 1) // w) for k in range(w)], w)
    out = out_rows.reshape(batch + (shape[axis],))
    return out if last_axis else np.ascontiguousarray(np.moveaxis(out, -1, axis))
