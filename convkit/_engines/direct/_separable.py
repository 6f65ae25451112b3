"""Rank-one 2-D kernels as a row pass and a column pass.

A 2-D float kernel that is the outer product of a column and a row (within a
strict tolerance) costs kh + kw multiply-adds per output instead of kh * kw.
"""

from __future__ import annotations

import numpy as np

from .._buffers import empty_apart, scratch

# Relative residual allowed for a kernel to count as rank one (times 8 * max |k|).
_RANK_ONE_TOL = {np.dtype(np.float64): 1e-13, np.dtype(np.float32): 1e-6}
# Row-pass rows kept per band: about this many bytes (an L2-sized buffer).
_BAND_BYTES = 1 << 21

_ZERO_MAP = np.zeros(1, np.intp)


# The last kernel's answer: a call asks twice (``prepare`` chooses the kernels to compile,
# the engine runs them), and a filter loop asks again for the same kernel every call.
# Only small kernels are remembered (their bytes are the key); one entry, replaced whole.
_MEMO_MAX_BYTES = 4096
_last = (None, None)


def rank_one(k2, dt):
    """Factors (u, v) with k2 == outer(u, v) within a strict tolerance, or None.

    A rank-one matrix is the outer product of its column and row through any
    non-zero element; through the largest one the factors are as accurate as
    an SVD's, at a few microseconds. The factors are shared with the next
    caller asking about the same kernel: read them, never write them.
    """
    global _last
    key = None
    if k2.nbytes <= _MEMO_MAX_BYTES:
        key = (k2.shape, k2.dtype.str, np.dtype(dt).str, k2.tobytes())
        last_key, last_answer = _last
        if last_key == key:
            return last_answer
    answer = _rank_one(k2, dt)
    if key is not None:
        _last = (key, answer)
    return answer


def _rank_one(k2, dt):
    tol = _RANK_ONE_TOL.get(dt)
    if tol is None:
        return None
    k = np.asarray(k2, dtype=np.float64)
    r, c = divmod(int(np.abs(k).argmax()), k.shape[1])
    kmax = abs(k[r, c])
    if not (0 < kmax < np.inf):  # zero kernel, or a NaN/inf (argmax finds those first)
        return None
    u = k[:, c].copy()
    v = k[r] / k[r, c]
    if np.abs(np.outer(u, v) - k).max() > 8 * tol * kmax:
        return None
    return u.astype(dt), v.astype(dt)


def banded(run, x3, fac, kh, kw, sc, oc, s_last, workers):
    """Rank-one kernel on one signal plane: row pass and column pass by bands.

    The row-pass results live in a buffer of ``band + kh - 1`` rows (about
    ``_BAND_BYTES``) that rolls down the image: rows the next band shares with
    this one are moved up, only new rows are computed, and no full-size
    intermediate is allocated. ``run`` is the engine's tiled runner.
    """
    u, v = fac
    dt = x3.dtype
    H = x3.shape[1]
    n_out, L = oc
    vr = np.array(v[::-1], order="C").reshape(1, 1, kw)
    ur = np.array(u[::-1], order="C").reshape(1, kh, 1)
    band = max(32, min(n_out, _BAND_BYTES // max(1, L * dt.itemsize) - kh + 1))
    one = np.array([1], np.intp)
    kha = np.array([kh], np.intp)
    hx = np.array([H], np.intp)
    with scratch((band + kh - 1, L), dt, x3) as tmp:
        out3 = empty_apart((1, n_out, L), dt, tmp)
        qa_prev = qb_prev = 0
        for o0 in range(0, n_out, band):
            o1 = min(n_out, o0 + band)
            qa = max(0, o0 + sc[0] - (kh - 1))
            qb = min(H, o1 + sc[0])
            if qb <= qa:  # no signal row reaches these outputs
                out3[0, o0:o1] = 0
                continue
            keep = max(0, qb_prev - qa) if qa >= qa_prev else 0
            if keep:
                tmp[:keep] = tmp[qa - qa_prev:qa - qa_prev + keep].copy()
            new0 = qa + keep
            if qb > new0:
                run(x3, vr, tmp[keep:qb - qa].reshape(1, qb - new0, L), _ZERO_MAP, _ZERO_MAP,
                    hx, one, np.array([qb - new0], np.intp), np.array([new0], np.intp), s_last, workers)
            run(tmp[:qb - qa].reshape(1, qb - qa, L), ur, out3[:, o0:o1], _ZERO_MAP, _ZERO_MAP,
                np.array([qb - qa], np.intp), kha, np.array([o1 - o0], np.intp),
                np.array([o0 + sc[0] - (kh - 1) - qa], np.intp), 0, workers)
            qa_prev, qb_prev = qa, qb
    return out3


def batched(run, x3, fac, kh, kw, sc, oc, s_last, ix, R, workers):
    """Rank-one kernel on a batch of signal planes: a row pass into scratch, then a column pass."""
    u, v = fac
    dt = x3.dtype
    Bx, H = x3.shape[0], x3.shape[1]
    L = oc[1]
    rlo = max(0, sc[0] - (kh - 1))
    rhi = min(H, sc[0] + oc[0])
    nrows = rhi - rlo
    vr = np.array(v[::-1], order="C").reshape(1, 1, kw)
    ur = np.array(u[::-1], order="C").reshape(1, kh, 1)
    with scratch((Bx, nrows, L), dt, x3) as tmp:
        run(x3, vr, tmp, np.arange(Bx, dtype=np.intp), np.zeros(Bx, np.intp),
            np.array([H], np.intp), np.array([1], np.intp), np.array([nrows], np.intp),
            np.array([rlo], np.intp), s_last, workers)
        out3 = empty_apart((R, oc[0], L), dt, tmp)
        run(tmp, ur, out3, ix, np.zeros(R, np.intp),
            np.array([nrows], np.intp), np.array([kh], np.intp), np.array([oc[0]], np.intp),
            np.array([sc[0] - (kh - 1) - rlo], np.intp), 0, workers)
    return out3
