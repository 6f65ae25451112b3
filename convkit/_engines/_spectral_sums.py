"""Sums of products summed before the inverse transform (private; the limb path's engine work).

The exact integer path (:mod:`convkit._execute_limbs`) needs, for each shift
``s``, ``sum_{i+j=s} conv(a_i, b_j)`` of the limbs ``a_i``, ``b_j`` of the two
operands. A transform is linear, so the products of one shift can be summed as
spectra: each limb is transformed once and each shift group is inverse
transformed once. For full-range int32 (``a0 b0`` and ``a0 b1 + a1 b0``) that
is two forward and two inverse signal transforms, against two and three when
every product is inverse transformed on its own.

:func:`convolve_sums` is :meth:`SpectralEngine.convolve_sums
<convkit._engines._spectral.SpectralEngine.convolve_sums>`: one transform of
everything at :func:`~convkit._engines._spectral.convolve_whole`'s lengths (the
used limbs of each operand stacked and transformed by one batched plan, their
spectra left in place: 13-20% faster than transforming them one by one and
copying each spectrum out), or, for the 'oa' engine on a 1-D call its layout
blocks, overlap-save blocks of the same length and step as that engine's (the
kernel limbs' spectra made once, ``G`` blocks of every used signal limb
transformed by one batched plan). Real float64 operands only; the arithmetic
depends on the problem alone (never on ``workers``: threads take disjoint
block groups).
"""
from __future__ import annotations

import math
from functools import partial

import numpy as np
from numpy.lib.stride_tricks import as_strided

from . import _fft_plans as _plans
from . import _spectral
from ._fft_sizes import oa_layout

_F64 = np.dtype(np.float64)


def convolve_sums(a, b, terms, axes, shape, start, *, blocked=False, workers=1):
    """``out[q]`` = the kept region of ``sum_{(i, j) in terms[q]} conv(a[i], b[j])``.

    Parameters
    ----------
    a, b : numpy.ndarray
        Real float64 stacks: ``a[i]`` and ``b[j]`` are operands of the geometry
        ``(axes, shape, start)`` (engine contract, the stack axis left out).
    terms : sequence of sequences of (int, int)
        The ``(i, j)`` pairs summed into each output.
    blocked : bool
        Overlap-save blocks where the 'oa' engine's layout blocks a 1-D call
        (else one transform of everything).
    workers : int
        Threads: block groups (blocked), elementwise passes (one transform); never the arithmetic.

    Returns
    -------
    numpy.ndarray
        ``(len(terms),) + shape`` float64, C-contiguous.
    """
    a = np.asarray(a, _F64)
    b = np.asarray(b, _F64)
    axes, shape, start = tuple(sorted(axes)), tuple(shape), tuple(start)
    terms = [list(t) for t in terms]
    if not terms or 0 in shape:
        return np.zeros((len(terms),) + shape, _F64)
    if not axes:  # nothing to transform: elementwise products
        return np.stack([sum(a[i] * b[j] for i, j in t) + np.zeros(shape) for t in terms])
    if blocked and a.ndim == 2:
        lay = oa_layout(a.shape[1:], b.shape[1:], axes, shape, start, True, 8)
        if lay is not None:
            if lay[1]:  # the kernel is the longer operand: it slides (convolution commutes)
                a, b, terms = b, a, [[(j, i) for i, j in t] for t in terms]
            return _blocks(a, b, terms, lay[2], shape[0], start[0], workers)
    return _whole(a, b, terms, axes, shape, start, workers)


def _used(terms, side):
    return sorted({p[side] for t in terms for p in t})


def _sum_products(P, X, H, pairs, tmp):
    """``P = sum X[i] * H[j]`` over ``pairs`` (``tmp``: a buffer of ``P``'s shape). Whole arrays:
    pieces that stay in cache cost more in calls than they save (2**17 bins, 4096 a piece: 1.5x)."""
    i, j = pairs[0]
    np.multiply(X[i], H[j], out=P)
    for i, j in pairs[1:]:
        np.multiply(X[i], H[j], out=tmp)
        np.add(P, tmp, out=P)


def _plan_whole(fa, fb, fo, axes, ma, mb, threads, bundle, effort, wisdom_only):
    """Stacks of ``ma`` padded a-limbs and ``mb`` padded b-limbs, each transformed by one batched
    plan (their spectra stay in place: no copies), and one term's product -> its inverse."""
    saxes = tuple(ax + 1 for ax in axes)  # the stack axis first: a batch axis, each slot contiguous
    X, padded_a = _spectral.transform_buffers(bundle, (ma,) + fa, saxes, _F64, True)
    H, padded_b = _spectral.transform_buffers(bundle, (mb,) + fb, saxes, _F64, True)
    P, circular = _spectral.transform_buffers(bundle, fo, axes, _F64, True)
    bundle.fwd_a = _plans.make_fftw(padded_a, X, saxes, "FFTW_FORWARD", effort, threads, wisdom_only)
    bundle.fwd_b = _plans.make_fftw(padded_b, H, saxes, "FFTW_FORWARD", effort, threads, wisdom_only)
    bundle.inv = _plans.make_fftw(P, circular, axes, "FFTW_BACKWARD", effort, threads, wisdom_only)
    bundle.padded_a, bundle.padded_b, bundle.X, bundle.H = padded_a, padded_b, X, H
    bundle.P, bundle.circular = P, circular


def _whole(a, b, terms, axes, shape, start, workers):
    """One transform of everything at the one-transform convolution's lengths, each limb once."""
    fa, fb, fo, lens = _spectral.whole_shapes(a.shape[1:], b.shape[1:], axes, shape, start, True)
    ua, ub = _used(terms, 0), _used(terms, 1)
    threads = _spectral.fftw_threads(workers, max(math.prod(fa), math.prod(fb)))
    key = ("sums-whole", fa, fb, fo, axes, len(ua), len(ub), threads)
    bundle = _plans.checkout(key, partial(_plan_whole, fa, fb, fo, axes, len(ua), len(ub), threads))
    try:
        for r, i in enumerate(ua):
            _spectral.fill(bundle.padded_a[r], a[i], axes, workers)
        for r, j in enumerate(ub):
            _spectral.fill(bundle.padded_b[r], b[j], axes, workers)
        bundle.fwd_a.execute()
        bundle.fwd_b.execute()
        X = {i: bundle.X[r] for r, i in enumerate(ua)}
        H = {j: bundle.H[r] for r, j in enumerate(ub)}
        P = bundle.P
        tmp = np.empty_like(P)
        kept = tuple(slice(start[d], start[d] + shape[d]) if d in axes else slice(None) for d in range(len(shape)))
        out = np.empty((len(terms),) + shape, _F64)
        for q, pairs in enumerate(terms):
            _sum_products(P, X, H, pairs, tmp)
            bundle.inv.execute()
            _spectral.par_copy(out[q], bundle.circular[kept], workers, 1.0 / math.prod(lens))
    finally:
        _plans.checkin(bundle)
    return out


def _plan_kernel(L, bundle, effort, wisdom_only):
    H, padded = _spectral.transform_buffers(bundle, (L,), (0,), _F64, True)
    bundle.fwd = _plans.make_fftw(padded, H, (0,), "FFTW_FORWARD", effort, 1, wisdom_only)
    bundle.padded, bundle.H = padded, H


def _plan_blocks(m, G, L, bundle, effort, wisdom_only):
    """``segments`` (m, G, L) -> ``X``: G blocks of m signal limbs, one batched forward plan;
    ``P`` (G, L/2+1) -> ``circular``: one shift group's G blocks."""
    X, segments = _spectral.transform_buffers(bundle, (m, G, L), (2,), _F64, True)
    P, circular = _spectral.transform_buffers(bundle, (G, L), (1,), _F64, True)
    bundle.fwd = _plans.make_fftw(segments, X, (2,), "FFTW_FORWARD", effort, 1, wisdom_only)
    bundle.inv = _plans.make_fftw(P, circular, (1,), "FFTW_BACKWARD", effort, 1, wisdom_only)
    bundle.segments, bundle.X, bundle.P, bundle.circular = segments, X, P, circular


def _gather(dst, x, q, S, L):
    """``dst[t] = x[q + t*S:][:L]`` for each row ``t``, zeros outside ``x`` (one strided copy
    when every segment lies inside ``x``: no padded copy of the signal is made)."""
    n = x.shape[0]
    g = dst.shape[0]
    if q >= 0 and q + (g - 1) * S + L <= n:
        np.copyto(dst, as_strided(x[q:], shape=(g, L), strides=(S * x.strides[0], x.strides[0]), writeable=False))
        return
    for t in range(g):
        s = q + t * S
        lo, hi = min(max(s, 0), s + L), max(min(s + L, n), s)
        row = dst[t]
        row[:lo - s] = 0
        if hi > lo:
            row[lo - s:hi - s] = x[lo:hi]
        row[max(hi, lo) - s:] = 0


def _blocks(x, h, terms, plan, M, s0, workers):
    """Overlap-save along the one axis: block ``t`` reads ``x[s0 + t*S - (K-1):][:L]`` (zeros
    outside the signal) and keeps its circular outputs ``K-1 .. L-1``: outputs ``s0 + t*S ...``."""
    L, S, nb, G = plan.fft_len, plan.step, plan.n_blocks, plan.group
    K = h.shape[1]
    ua = _used(terms, 0)
    row = {i: r for r, i in enumerate(ua)}
    # the kernel limbs' spectra at the block length, once
    kb = _plans.checkout(("sums-h", L), partial(_plan_kernel, L))
    try:
        H = {}
        for j in _used(terms, 1):
            _spectral.fill(kb.padded, h[j], (0,))
            kb.fwd.execute()
            H[j] = np.array(kb.H)
    finally:
        _plans.checkin(kb)
    rterms = [[(row[i], j) for i, j in t] for t in terms]
    out = np.empty((len(terms), M), _F64)
    scale = 1.0 / L
    key = ("sums-b", len(ua), G, L)

    def run(groups):
        bd = _plans.checkout(key, partial(_plan_blocks, len(ua), G, L))
        try:
            P = bd.P
            tmp = np.empty_like(P)
            for t0 in groups:
                g = min(G, nb - t0)
                for r, i in enumerate(ua):
                    _gather(bd.segments[r, :g], x[i], s0 + t0 * S - (K - 1), S, L)
                if g < G:  # rows g.. are transformed but never kept: zeros, not stale data
                    bd.segments[:, g:] = 0
                bd.fwd.execute()
                for q, pairs in enumerate(rterms):
                    _sum_products(P, bd.X, H, pairs, tmp)
                    bd.inv.execute()
                    o0 = t0 * S
                    full = min(g, (M - o0) // S)  # blocks whose S outputs are all kept
                    if full:
                        dst = out[q, o0:o0 + full * S].reshape(full, S)
                        np.multiply(bd.circular[:full, K - 1:K - 1 + S], scale, out=dst)
                    if full < g:
                        rest = M - (o0 + full * S)
                        np.multiply(bd.circular[full, K - 1:K - 1 + rest], scale, out=out[q, o0 + full * S:])
        finally:
            _plans.checkin(bd)

    starts = list(range(0, nb, G))
    w = max(1, min(int(workers), len(starts)))
    _plans.run_parallel(run, [starts[len(starts) * p // w: len(starts) * (p + 1) // w] for p in range(w)], w)
    return out
