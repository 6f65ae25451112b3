"""Running sums for box filters: ``uniform_filter1d`` without a padded copy and at any size.

scipy.ndimage's ``uniform_filter1d`` keeps one float64 running sum per line
(``tmp += in[i + size - 1] - in[i - 1]``, output ``tmp / size``); integer sums are
then exact. These kernels do the same arithmetic, reading the boundary through an
index map (``idx[p]``: the input position of extended position ``p``, or -1 for
``cval``) instead of padding:

* :func:`mean_planes` filters along the middle axis of a ``(B, L, R)`` array, one
  running sum per column, vectorised over the ``R`` columns, in ndimage's exact order
  (float64 inputs give ndimage's bits);
* :func:`mean_rows` filters along the last axis of a ``(B, L)`` array: each row is
  extended once into a float64 line, summed in four independent segments (each
  starts with its own window sum) so the adds overlap instead of waiting on one
  chain, then divided in one vector pass. (convkit.ndimage uses it for windows longer
  than 16 samples; shorter ones are faster on the direct engine.)

Compiled on first use (``cache=True``), never at import.
"""

from __future__ import annotations

import numpy as np

from ._engines._jit import njit

__all__ = ["index_map", "mean_planes", "mean_rows"]


def index_map(n, left, right, mode):
    """Input position of each extended position ``-left .. n + right - 1`` under ndimage's
    ``mode`` (an extension rule of ``convkit.ndimage``), -1 where ``cval`` fills."""
    from .ndimage import _ext_index

    pos = np.arange(-left, n + right)
    inside = (pos >= 0) & (pos < n)
    if mode == "constant":
        return np.where(inside, pos, -1).astype(np.intp)
    return np.where(inside, pos, _ext_index(pos, n, mode)).astype(np.intp)


@njit(cache=True, nogil=True)
def mean_planes(x, idx, size, cval, out):  # pragma: no cover - compiled
    B, L, R = out.shape
    acc = np.empty(R)
    for b in range(B):
        acc[:] = 0.0
        for j in range(size):
            s = idx[j]
            if s < 0:
                for r in range(R):
                    acc[r] += cval
            else:
                for r in range(R):
                    acc[r] += x[b, s, r]
        for r in range(R):
            out[b, 0, r] = acc[r] / size
        for i in range(1, L):
            new = idx[i + size - 1]
            old = idx[i - 1]
            if new >= 0 and old >= 0:
                for r in range(R):
                    acc[r] += np.float64(x[b, new, r]) - np.float64(x[b, old, r])
                    out[b, i, r] = acc[r] / size
            elif new >= 0:
                for r in range(R):
                    acc[r] += np.float64(x[b, new, r]) - cval
                    out[b, i, r] = acc[r] / size
            elif old >= 0:
                for r in range(R):
                    acc[r] += cval - np.float64(x[b, old, r])
                    out[b, i, r] = acc[r] / size
            else:
                for r in range(R):
                    acc[r] += cval - cval
                    out[b, i, r] = acc[r] / size


@njit(cache=True, nogil=True)
def mean_rows(x, idx, left, size, cval, out):  # pragma: no cover - compiled
    B, L = out.shape
    Lp = L + size - 1
    ext = np.empty(Lp)
    tmp = np.empty(L)
    nseg = 4 if L >= 8 * size else 1
    seg = L // nseg
    n = x.shape[1]  # extended position ``left + i`` is input sample ``i`` (n <= Lp - left)
    for b in range(B):
        for p in range(left):
            s = idx[p]
            ext[p] = cval if s < 0 else np.float64(x[b, s])
        for i in range(n):  # the interior: a plain converting copy (vectorised)
            ext[left + i] = x[b, i]
        for p in range(left + n, Lp):
            s = idx[p]
            ext[p] = cval if s < 0 else np.float64(x[b, s])
        if nseg == 4:
            a0 = 0.0
            a1 = 0.0
            a2 = 0.0
            a3 = 0.0
            for j in range(size):
                a0 += ext[j]
                a1 += ext[seg + j]
                a2 += ext[2 * seg + j]
                a3 += ext[3 * seg + j]
            tmp[0] = a0
            tmp[seg] = a1
            tmp[2 * seg] = a2
            tmp[3 * seg] = a3
            for i in range(1, seg):
                a0 += ext[i + size - 1] - ext[i - 1]
                a1 += ext[seg + i + size - 1] - ext[seg + i - 1]
                a2 += ext[2 * seg + i + size - 1] - ext[2 * seg + i - 1]
                a3 += ext[3 * seg + i + size - 1] - ext[3 * seg + i - 1]
                tmp[i] = a0
                tmp[seg + i] = a1
                tmp[2 * seg + i] = a2
                tmp[3 * seg + i] = a3
            for i in range(4 * seg, L):
                a3 += ext[i + size - 1] - ext[i - 1]
                tmp[i] = a3
        else:
            a0 = 0.0
            for j in range(size):
                a0 += ext[j]
            tmp[0] = a0
            for i in range(1, L):
                a0 += ext[i + size - 1] - ext[i - 1]
                tmp[i] = a0
        for i in range(L):
            out[b, i] = tmp[i] / size
