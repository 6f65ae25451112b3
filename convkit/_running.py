"""Passes along one axis without a padded copy: running sums for box filters (any size),
short FIR passes for the other separable filters, template matching's normalisation.

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
* :func:`box_fir_2d` runs both passes of a 2-D float64 box filter (running sums down the
  columns, a short FIR along the rows) in one sweep, the same bits;
* :func:`box_2d_int` runs both passes of a 2-D int8/uint8 box filter into its own dtype in one
  sweep: exact int32 column and window sums, scipy's truncated quotients by a float32 multiply
  (proved in its docstring, tested over every possible sum).

Short FIR passes (:func:`fir_planes`, :func:`fir_rows`): ``out[i] = sum_j w[j] * x[idx[i + j]]``
along one axis, the same index map, summed tap by tap in the compute dtype (float32 or
float64): ``((w0 * x0) + w1 * x1) + ...``, every product and every sum rounded (no FMA
contraction, unlike the direct engine), so numpy's ``acc = w0 * x0; acc += w1 * x1 ...``
gives the same bits: :mod:`convkit._ndimage_numpy` repeats these kernels that way for calls
made while they compile (:mod:`convkit._ndimage_cold`). Along a leading axis the taps
run over whole rows of the ``R`` trailing samples (vectorised, the ``K`` rows in cache);
along the last axis each line is extended once into a buffer, then the taps go in a few
vector passes over it (:func:`_taps_chain`, shared with :func:`fir_2d`). For convkit.ndimage's
separable filters this replaces a padded copy and a 2-D engine call per pass (and the engine's
column-by-column ``(K, 1)`` kernels).

Template matching's normalisation (:func:`ncc_2d`, :func:`ncc_3d`) is one fused pass
over the mean-centred image: running column sums of ``x`` and ``x**2`` over the
template's height (one add and one subtract per pixel and output row), running row
sums of those over its width, and each window's ``n * variance``, denominator and
coefficient (numerator from the correlation engines) computed in the same sweep. No
window-sum image is ever stored: numpy's version (two window-sum images, a squared
copy, five elementwise passes) took 60% of a 1024^2 x 16^2 match. :func:`sum_squares`
gives the image-wide sum of squares the constant-window floor is scaled by. These
kernels use Numba's ``error_model="numpy"``: Python's model tests every float division
for a zero divisor, a branch that kept the coefficient loop scalar (6.7 ms instead of
2.6 ms for 1009^2 outputs); the divisors here are never zero, masked rows divide by 1.

Compiled on first use (``cache=True``), never at import.
"""

from __future__ import annotations

import numpy as np

from ._engines._jit import njit
from ._ndimage_padding import index_map  # noqa: F401  (its home is Numba-free; kept here for callers)

# The roads split large passes over threads for these kernels (they release the GIL); not for
# their numpy repetitions (convkit._ndimage_numpy.THREADS).
THREADS = True

__all__ = ["index_map", "mean_planes", "mean_rows", "box_rows_small", "box_2d_int", "box_fir_2d", "fir_planes",
           "fir_rows", "fir_rows_scaled", "fir_planes_scaled", "fir_2d", "fir_3d", "fir_2d_scaled", "fir_3d_scaled",
           "unit_samples", "ncc_2d", "ncc_3d", "sum_squares"]


@njit(cache=True, nogil=True, error_model="numpy")
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


@njit(cache=True, nogil=True, error_model="numpy")
def mean_rows(x, idx, left, size, cval, out):  # pragma: no cover - compiled
    B, L = out.shape
    Lp = L + size - 1
    ext = np.empty(Lp)
    tmp = np.empty(L)
    nseg = 4 if L >= 8 * size else 1
    seg = L // nseg
    n = x.shape[1]  # extended position ``left + i`` is input sample ``i`` (n <= Lp - left)
    mid = ext[left:left + n]
    for b in range(B):
        xb = x[b]
        for p in range(left):
            s = idx[p]
            ext[p] = cval if s < 0 else np.float64(xb[s])
        for i in range(n):  # the interior: a plain converting copy (vectorised, see fir_rows)
            mid[i] = xb[i]
        for p in range(left + n, Lp):
            s = idx[p]
            ext[p] = cval if s < 0 else np.float64(xb[s])
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
            # output i + 1 of each segment adds ext[i + size] and drops ext[i] (slices indexed
            # from 0: no wraparound branches, see fir_rows)
            h0, h1, h2, h3 = ext[size:], ext[seg + size:], ext[2 * seg + size:], ext[3 * seg + size:]
            l0, l1, l2, l3 = ext[0:], ext[seg:], ext[2 * seg:], ext[3 * seg:]
            t0, t1, t2, t3 = tmp[1:], tmp[seg + 1:], tmp[2 * seg + 1:], tmp[3 * seg + 1:]
            for i in range(seg - 1):
                a0 += h0[i] - l0[i]
                a1 += h1[i] - l1[i]
                a2 += h2[i] - l2[i]
                a3 += h3[i] - l3[i]
                t0[i] = a0
                t1[i] = a1
                t2[i] = a2
                t3[i] = a3
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


@njit(cache=True, nogil=True, error_model="numpy")
def box_rows_small(x, idx, left, size, cval, out):  # pragma: no cover - compiled
    """:func:`mean_rows` for int8..uint16 lines, short windows and an integer ``cval``: each
    window's sum tap by tap in float32, vectorised along the line, instead of one running sum.

    The sums are integers below 2^24 (16 taps of 2^15), so exact in any order, and the float32
    quotient truncates to the float64 one's integer: a quotient that is not an integer lies
    at least ``1/size`` from one, far beyond float32's rounding (``2^15 * 2^-24``). So ``out``
    (an integer array: the store truncates) is exactly :func:`mean_rows`' result.
    """
    B, L = out.shape
    Lp = L + size - 1
    ext = np.empty(Lp, dtype=np.float32)
    acc = np.empty(L, dtype=np.float32)
    n = x.shape[1]
    mid = ext[left:left + n]
    c = np.float32(cval)
    k = np.float32(size)
    for b in range(B):
        xb = x[b]
        for p in range(left):
            s = idx[p]
            ext[p] = c if s < 0 else np.float32(xb[s])
        for i in range(n):
            mid[i] = xb[i]
        for p in range(left + n, Lp):
            s = idx[p]
            ext[p] = c if s < 0 else np.float32(xb[s])
        for i in range(L):
            acc[i] = ext[i]
        j = 1
        while j + 3 < size:   # four taps per pass over the sums (exact: any order)
            ea, eb, ec, ed = ext[j:j + L], ext[j + 1:j + 1 + L], ext[j + 2:j + 2 + L], ext[j + 3:j + 3 + L]
            for i in range(L):
                acc[i] += (ea[i] + eb[i]) + (ec[i] + ed[i])
            j += 4
        while j < size:
            e = ext[j:j + L]
            for i in range(L):
                acc[i] += e[i]
            j += 1
        o = out[b]
        for i in range(L):
            o[i] = acc[i] / k


# box_fir_2d's block of first-pass rows handed to fir_rows at a time (16 x 1024 float64: 128 KiB,
# in L2). Not tuned.
BOX_2D_BLOCK = 16


@njit(cache=True, nogil=True, error_model="numpy")
def box_fir_2d(x, ridx, size0, cidx, left, w1, cval, out):  # pragma: no cover - compiled
    """scipy's 2-D box filter of a float image in one sweep: the pass along axis 0 as
    :func:`mean_planes` (the same float64 running sums per column, in the same order, each
    mean stored in ``out``'s dtype), a block of :data:`BOX_2D_BLOCK` such rows at a time, then
    the pass along axis 1 over the block by :func:`fir_rows` (``cidx``, ``left``, weights ``w1``),
    into ``out``: the same bits as the two passes, without an intermediate image (1024^2 float64
    size 3: 2.27 -> 1.84 ms, size 9: 2.34 -> 2.05 ms, ten back-to-back calls a sample; float32
    gained nothing, so it keeps the two passes)."""
    H, W = out.shape
    blk = np.empty((BOX_2D_BLOCK, W), dtype=out.dtype)
    acc = np.zeros(W)
    for j in range(size0):
        s = ridx[j]
        if s < 0:
            for r in range(W):
                acc[r] += cval
        else:
            for r in range(W):
                acc[r] += x[s, r]
    i0 = 0
    for i in range(H):
        row = blk[i - i0]
        if i == 0:
            for r in range(W):
                row[r] = acc[r] / size0
        else:
            new = ridx[i + size0 - 1]
            old = ridx[i - 1]
            if new >= 0 and old >= 0:
                for r in range(W):
                    acc[r] += np.float64(x[new, r]) - np.float64(x[old, r])
                    row[r] = acc[r] / size0
            elif new >= 0:
                for r in range(W):
                    acc[r] += np.float64(x[new, r]) - cval
                    row[r] = acc[r] / size0
            elif old >= 0:
                for r in range(W):
                    acc[r] += cval - np.float64(x[old, r])
                    row[r] = acc[r] / size0
            else:
                for r in range(W):
                    acc[r] += cval - cval
                    row[r] = acc[r] / size0
        if i - i0 == BOX_2D_BLOCK - 1 or i == H - 1:
            fir_rows(blk[:i - i0 + 1], cidx, left, w1, cval, out[i0:i + 1])
            i0 = i + 1


@njit(cache=True, nogil=True, error_model="numpy")
def box_2d_int(x, ridx, cidx, left, size0, size1, cval, inv0, inv1, out):  # pragma: no cover - compiled
    """scipy's 2-D box filter of an int8/uint8 image into its own dtype in one sweep: the pass
    along axis 0 (``ridx``, ``size0``), cast into the dtype, then the pass along axis 1
    (``cidx``, extended position ``left + j`` is sample ``j``, ``size1``), cast again; an
    integer ``cval``. The same values as :func:`mean_planes` then :func:`box_rows_small` (scipy's
    float64 means, each truncated into the dtype), without an intermediate image.

    Each output row's column sums are kept as exact int32 running sums (one add and one
    subtract per column), the row pass sums its window tap by tap in int32 (exact), and each
    quotient is ``trunc(float32(s) * inv)`` with ``inv`` the smallest float32 >= ``1 / size``
    (``convkit._ndimage_passes.box_inverse``). That is scipy's ``trunc(s / size)`` for every integer sum
    ``|s| <= 255 * size`` with ``size`` < 10922: for ``s = q * size`` the product is at least
    ``|q|`` (and rounding keeps it there, ``q`` being a float32) and below ``|q| + 1``;
    otherwise ``|s| / size`` is at least ``1 / size`` below ``|q| + 1`` while ``inv``'s excess
    (2^-23 relative) and the product's rounding (2^-24) add at most ``255 * 2^-22``. Tested
    over every possible sum (tests/test_running.py)."""
    H, W = out.shape
    Wp = W + size1 - 1
    dt = out.dtype.type
    col = np.zeros(W, dtype=np.int32)
    c = np.int32(cval)
    for p in range(size0):
        r = ridx[p]
        if r < 0:
            for j in range(W):
                col[j] += c
        else:
            xr = x[r]
            for j in range(W):
                col[j] += np.int32(xr[j])
    ext = np.empty(Wp, dtype=np.int32)
    acc = np.empty(W, dtype=np.int32)
    mid = ext[left:left + W]
    for i in range(H):
        for j in range(W):   # the first pass's row, truncated into the dtype as scipy stores it
            mid[j] = np.int32(dt(np.int32(np.float32(col[j]) * inv0)))
        for q in range(left):
            s = cidx[q]
            ext[q] = c if s < 0 else mid[s]
        for q in range(left + W, Wp):
            s = cidx[q]
            ext[q] = c if s < 0 else mid[s]
        # the row pass: taps in fours into acc, the last one to four in one more pass
        # (integer sums: any order is exact)
        t = 0
        while size1 - t > 4:
            ea, eb, ec, ed = ext[t:t + W], ext[t + 1:t + 1 + W], ext[t + 2:t + 2 + W], ext[t + 3:t + 3 + W]
            if t == 0:
                for j in range(W):
                    acc[j] = (ea[j] + eb[j]) + (ec[j] + ed[j])
            else:
                for j in range(W):
                    acc[j] += (ea[j] + eb[j]) + (ec[j] + ed[j])
            t += 4
        if t == 0:
            acc[:] = 0
        r = size1 - t
        o = out[i]
        ea = ext[t:t + W]
        if r == 1:
            for j in range(W):
                acc[j] = acc[j] + ea[j]
        elif r == 2:
            eb = ext[t + 1:t + 1 + W]
            for j in range(W):
                acc[j] = acc[j] + (ea[j] + eb[j])
        elif r == 3:
            eb, ec = ext[t + 1:t + 1 + W], ext[t + 2:t + 2 + W]
            for j in range(W):
                acc[j] = acc[j] + (ea[j] + eb[j] + ec[j])
        else:
            eb, ec, ed = ext[t + 1:t + 1 + W], ext[t + 2:t + 2 + W], ext[t + 3:t + 3 + W]
            for j in range(W):
                acc[j] = acc[j] + ((ea[j] + eb[j]) + (ec[j] + ed[j]))
        # the quotients in a loop of their own: fused into the sums' loop above they cost 1.4x
        # (1024^2 uint8 3x3: 0.40 against 0.30 ms, thread CPU medians of 15)
        for j in range(W):
            o[j] = dt(np.int32(np.float32(acc[j]) * inv1))
        if i + 1 < H:   # slide the column window down one row: add row i + size0, drop row i
            ra, rd = ridx[i + size0], ridx[i]
            if ra >= 0 and rd >= 0:
                xa, xd = x[ra], x[rd]
                for j in range(W):
                    col[j] += np.int32(xa[j]) - np.int32(xd[j])
            else:
                for j in range(W):
                    col[j] += (c if ra < 0 else np.int32(x[ra, j])) - (c if rd < 0 else np.int32(x[rd, j]))


# ---------------------------------------------------------------- short FIR passes


# fir_planes runs two output rows per pass (each loaded input row feeds both) from this many taps:
# 1024^2, one pass along axis 0, thread CPU medians of 9, load ~3, epyc-zen4-2c, one row -> two
# rows: 17 taps uint8 (float64 sums) 2.13 -> 1.96 ms, float64 3.09 -> 2.57, float32 1.10 -> 0.84;
# 9 taps 1.23 -> 1.37, 1.78 -> 1.77, 0.65 -> 0.59; 5 taps 0.81 -> 0.86, 1.84 -> 1.72, 0.46 -> 0.55
# (/tmp/cvgap/planes2_t.py). The same bits either way.
FIR_PLANES_TWO_ROWS = 16


@njit(cache=True, nogil=True)
def fir_planes(x, idx, w, cval, out):  # pragma: no cover - compiled
    """``out[b, i, :] = sum_j w[j] * x[b, idx[i + j], :]`` (``cval`` where ``idx`` is -1) for a
    ``(B, L, R)`` array, in ``out``'s dtype, taps in order.

    Four interior taps at a time share one pass over the output row (the same chain of
    rounded products and sums, so the same bits as tap by tap; a quarter of the output row's loads and stores):
    1024^2 float32, 9 taps 668 -> 485 us, 17: 1255 -> 850 us; float64 level. From
    :data:`FIR_PLANES_TWO_ROWS` taps two output rows whose taps are all interior share each pass
    (five input rows feed both rows' four taps); each row's chain is unchanged."""
    B, L, R = out.shape
    K = w.shape[0]
    dt = out.dtype.type
    wd = np.empty(K, dtype=out.dtype)
    for j in range(K):
        wd[j] = dt(w[j])
    for b in range(B):
        i = np.int64(0)   # not the literal 0: _two_rows would compile once more, for i == 0
        while i < L:
            if K >= FIR_PLANES_TWO_ROWS and i + 1 < L and _all_inside(idx, i, K + 1):
                _two_rows(x, idx, wd, out, b, i)
                i += 2
                continue
            o = out[b, i]
            s = idx[i]
            w0 = wd[0]
            if s < 0:
                c = w0 * dt(cval)
                for r in range(R):
                    o[r] = c
            else:
                xs = x[b, s]
                for r in range(R):
                    o[r] = w0 * dt(xs[r])
            j = 1
            while j < K:
                if j + 3 < K and idx[i + j] >= 0 and idx[i + j + 1] >= 0 and idx[i + j + 2] >= 0 \
                        and idx[i + j + 3] >= 0:
                    wa, wb, wc, we = wd[j], wd[j + 1], wd[j + 2], wd[j + 3]
                    xa, xb, xc, xe = x[b, idx[i + j]], x[b, idx[i + j + 1]], x[b, idx[i + j + 2]], x[b, idx[i + j + 3]]
                    for r in range(R):
                        t = o[r] + wa * dt(xa[r])
                        t = t + wb * dt(xb[r])
                        t = t + wc * dt(xc[r])
                        o[r] = t + we * dt(xe[r])
                    j += 4
                    continue
                s = idx[i + j]
                wj = wd[j]
                if s < 0:
                    c = wj * dt(cval)
                    for r in range(R):
                        o[r] += c
                else:
                    xs = x[b, s]
                    for r in range(R):
                        o[r] += wj * dt(xs[r])
                j += 1
            i += 1


@njit(cache=True, nogil=True)
def _all_inside(idx, start, n):  # pragma: no cover - compiled
    """Whether ``idx[start:start + n]`` reads the input everywhere (no -1: ``cval``)."""
    for p in range(start, start + n):
        if idx[p] < 0:
            return False
    return True


@njit(cache=True, nogil=True)
def _two_rows(x, idx, wd, out, b, i):  # pragma: no cover - compiled
    """:func:`fir_planes`' output rows ``i`` and ``i + 1`` of plane ``b``, every tap interior: the
    first tap, then four taps a pass for both rows (input rows ``i + j .. i + j + 4``), then one."""
    R = out.shape[2]
    K = wd.shape[0]
    dt = out.dtype.type
    o0 = out[b, i]
    o1 = out[b, i + 1]
    xa0 = x[b, idx[i]]
    xa1 = x[b, idx[i + 1]]
    w0 = wd[0]
    for r in range(R):
        o0[r] = w0 * dt(xa0[r])
        o1[r] = w0 * dt(xa1[r])
    j = 1
    # eight taps a pass (nine input rows feed both rows) for inputs narrower than the sums (uint8
    # into float64), then four, then one: 1024^2, one pass, kernel alone, thread CPU medians of 9,
    # three processes (/tmp/cvgap2/ab/abp.py, load ~3): uint8 into float64 17/25 taps
    # 0.90-0.94/0.91-0.94 of four a pass; float64 25 taps 0.97-1.10 and float32 17/33 taps
    # 0.95-1.03/0.86-0.97, mixed, so those keep four
    while x.itemsize < out.itemsize and j + 7 < K:
        wa, wb, wc, we = wd[j], wd[j + 1], wd[j + 2], wd[j + 3]
        wf, wg, wh, wk = wd[j + 4], wd[j + 5], wd[j + 6], wd[j + 7]
        x1, x2, x3 = x[b, idx[i + j]], x[b, idx[i + j + 1]], x[b, idx[i + j + 2]]
        x4, x5, x6 = x[b, idx[i + j + 3]], x[b, idx[i + j + 4]], x[b, idx[i + j + 5]]
        x7, x8, x9 = x[b, idx[i + j + 6]], x[b, idx[i + j + 7]], x[b, idx[i + j + 8]]
        for r in range(R):
            v1, v2, v3, v4, v5 = dt(x1[r]), dt(x2[r]), dt(x3[r]), dt(x4[r]), dt(x5[r])
            v6, v7, v8, v9 = dt(x6[r]), dt(x7[r]), dt(x8[r]), dt(x9[r])
            t = o0[r] + wa * v1
            t = t + wb * v2
            t = t + wc * v3
            t = t + we * v4
            t = t + wf * v5
            t = t + wg * v6
            t = t + wh * v7
            o0[r] = t + wk * v8
            u = o1[r] + wa * v2
            u = u + wb * v3
            u = u + wc * v4
            u = u + we * v5
            u = u + wf * v6
            u = u + wg * v7
            u = u + wh * v8
            o1[r] = u + wk * v9
        j += 8
    while j + 3 < K:
        wa, wb, wc, we = wd[j], wd[j + 1], wd[j + 2], wd[j + 3]
        x1, x2, x3 = x[b, idx[i + j]], x[b, idx[i + j + 1]], x[b, idx[i + j + 2]]
        x4, x5 = x[b, idx[i + j + 3]], x[b, idx[i + j + 4]]
        for r in range(R):
            v1, v2, v3, v4, v5 = dt(x1[r]), dt(x2[r]), dt(x3[r]), dt(x4[r]), dt(x5[r])
            t = o0[r] + wa * v1
            t = t + wb * v2
            t = t + wc * v3
            o0[r] = t + we * v4
            u = o1[r] + wa * v2
            u = u + wb * v3
            u = u + wc * v4
            o1[r] = u + we * v5
        j += 4
    while j < K:
        wj = wd[j]
        x1, x2 = x[b, idx[i + j]], x[b, idx[i + j + 1]]
        for r in range(R):
            o0[r] += wj * dt(x1[r])
            o1[r] += wj * dt(x2[r])
        j += 1


@njit(cache=True, nogil=True)
def _head_taps(K):  # pragma: no cover - compiled
    """How many of a ``K``-tap chain's taps :func:`_taps_chain` sums in its first pass: 1, 3, 5 or
    9, whichever leaves the fewest passes of 8, 4 and 1 taps after it (3 taps: one pass, 5 one, 7:
    3 + 4, 9 one, 13: 5 + 8, 17: 9 + 8, 25: 9 + 8 + 8)."""
    best, fewest = 1, K
    for h in (9, 5, 3, 1):
        if h <= K:
            r = K - h
            n = 1 + r // 8 + (r % 8) // 4 + r % 4
            if n < fewest:
                best, fewest = h, n
    return best


@njit(cache=True, nogil=True)
def _ring_row(r, K0):  # pragma: no cover - compiled
    """Row ``r`` of a ring of ``K0`` rows, for ``0 <= r < 2 * K0``: :func:`_taps_chain`'s tap rows."""
    return r - K0 if r >= K0 else r


@njit(cache=True, nogil=True)
def _taps_chain(out, i, n, z, h, base, r0, ro, co, w):  # pragma: no cover - compiled
    """``out[i, j] = (((z + w[0] * e_0[j]) + w[1] * e_1[j]) + ...)``, ``j < n``, over all taps ``w`` in
    order, tap ``t``'s line ``e_t`` being ``base[r, co[t]:]``, ``r = r0 + ro[t]`` modulo ``base``'s rows
    (:func:`fir_rows`: one extended line; :func:`fir_2d`: a ring of extended rows, or the whole
    extended image as one line). Every product and sum is rounded, so how the taps are grouped
    into passes over ``out[i]`` never changes the bits (numpy's tap-by-tap repetition,
    :mod:`convkit._ndimage_numpy`, gives the same): the first ``h`` taps (1, 3, 5 or 9,
    :func:`_head_taps`) in one pass, then eight, four and one a pass. ``z`` is ``-0.0`` for a chain
    that starts with its first product (``-0.0 + p`` is ``p``, bit for bit) or ``+0.0`` for scipy's
    N-d loops, which start from ``+0``. Columns are taken unsigned: ``base[r, q + j]`` then has no
    wraparound branch, which kept the loops scalar (see fir_rows).

    All passes are loops of this one function, called once per output line by :func:`fir_rows`
    and :func:`fir_2d` (Numba compiles it once per dtype and links it into each; inlining it into
    Numba's IR, ``7bfcd31``, nearly tripled the compile). A call per pass, as before, cost each
    pass ~25-35 ns of set-up (a 1024-sample float32 8-tap pass is ~265 ns): 1024^2 float32 25
    taps 1.07-1.19x the inline loops' time before the chain."""
    K = w.shape[0]
    K0 = base.shape[0]
    n = np.uint64(n)
    r1 = _ring_row(r0 + ro[0], K0)
    q1, w1 = np.uint64(co[0]), w[0]
    if h == 1:
        for j in range(n):
            out[i, j] = z + w1 * base[r1, q1 + j]
    else:
        r2, r3 = _ring_row(r0 + ro[1], K0), _ring_row(r0 + ro[2], K0)
        q2, q3, w2, w3 = np.uint64(co[1]), np.uint64(co[2]), w[1], w[2]
        if h == 3:
            for j in range(n):
                out[i, j] = ((z + w1 * base[r1, q1 + j]) + w2 * base[r2, q2 + j]) + w3 * base[r3, q3 + j]
        else:
            r4, r5 = _ring_row(r0 + ro[3], K0), _ring_row(r0 + ro[4], K0)
            q4, q5, w4, w5 = np.uint64(co[3]), np.uint64(co[4]), w[3], w[4]
            if h == 5:
                for j in range(n):
                    out[i, j] = (((((z + w1 * base[r1, q1 + j]) + w2 * base[r2, q2 + j]) + w3 * base[r3, q3 + j])
                                  + w4 * base[r4, q4 + j]) + w5 * base[r5, q5 + j])
            else:
                r6, r7 = _ring_row(r0 + ro[5], K0), _ring_row(r0 + ro[6], K0)
                r8, r9 = _ring_row(r0 + ro[7], K0), _ring_row(r0 + ro[8], K0)
                q6, q7, q8, q9 = np.uint64(co[5]), np.uint64(co[6]), np.uint64(co[7]), np.uint64(co[8])
                w6, w7, w8, w9 = w[5], w[6], w[7], w[8]
                for j in range(n):
                    out[i, j] = (((((((((z + w1 * base[r1, q1 + j]) + w2 * base[r2, q2 + j])
                                        + w3 * base[r3, q3 + j]) + w4 * base[r4, q4 + j])
                                      + w5 * base[r5, q5 + j]) + w6 * base[r6, q6 + j])
                                    + w7 * base[r7, q7 + j]) + w8 * base[r8, q8 + j]) + w9 * base[r9, q9 + j])
    t = h
    while t < K:   # the later passes: eight taps while eight are left, then four, then one
        c = 8 if t + 7 < K else (4 if t + 3 < K else 1)
        r1 = _ring_row(r0 + ro[t], K0)
        q1, w1 = np.uint64(co[t]), w[t]
        if c == 1:
            for j in range(n):
                out[i, j] = out[i, j] + w1 * base[r1, q1 + j]
            t += 1
            continue
        r2 = _ring_row(r0 + ro[t + 1], K0)
        r3, r4 = _ring_row(r0 + ro[t + 2], K0), _ring_row(r0 + ro[t + 3], K0)
        q2, q3, q4 = np.uint64(co[t + 1]), np.uint64(co[t + 2]), np.uint64(co[t + 3])
        w2, w3, w4 = w[t + 1], w[t + 2], w[t + 3]
        if c == 4:
            for j in range(n):
                out[i, j] = ((((out[i, j] + w1 * base[r1, q1 + j]) + w2 * base[r2, q2 + j]) + w3 * base[r3, q3 + j])
                             + w4 * base[r4, q4 + j])
            t += 4
            continue
        r5, r6 = _ring_row(r0 + ro[t + 4], K0), _ring_row(r0 + ro[t + 5], K0)
        r7, r8 = _ring_row(r0 + ro[t + 6], K0), _ring_row(r0 + ro[t + 7], K0)
        q5, q6, q7, q8 = np.uint64(co[t + 4]), np.uint64(co[t + 5]), np.uint64(co[t + 6]), np.uint64(co[t + 7])
        w5, w6, w7, w8 = w[t + 4], w[t + 5], w[t + 6], w[t + 7]
        for j in range(n):
            out[i, j] = ((((((((out[i, j] + w1 * base[r1, q1 + j]) + w2 * base[r2, q2 + j]) + w3 * base[r3, q3 + j])
                             + w4 * base[r4, q4 + j]) + w5 * base[r5, q5 + j]) + w6 * base[r6, q6 + j])
                          + w7 * base[r7, q7 + j]) + w8 * base[r8, q8 + j])
        t += 8


# fir_rows runs rows shorter than this in blocks of about FIR_ROWS_BLOCK extended samples (never
# more rows than the call has), each block one flat line (as fir_2d's small images): a chain per
# row pays its calls' set-up per row. fir_rows alone against the loop before the chain (inline
# passes per row), thread CPU medians of 9 shuffled rounds in one process, float64, 3 taps,
# epyc-zen4-2c (/tmp/cvgap3/kab.py): 128x128 row by row 1.36x its time, blocks of 1024 samples
# 1.01x; 32x32 blocks of 4096 samples 1.16x, of 1024 1.05x (a 4096-sample block and its outputs
# spill L1). 256 is not measured: rows of 1024 gain from the chain (9 taps 0.82x), of 128 do not.
FIR_ROWS_FLAT = 256
FIR_ROWS_BLOCK = 1024
# Calls on at most this many outputs run one inline pass per tap, row by row (the loop before the
# chain): the chain's calls and views cost a single row of 10-100 samples, 3 taps, ~0.17 us over
# the inline passes' 1.0-1.2 us (fir_rows alone, /tmp/cvgap3/kab.py, thread CPU medians of 9).
FIR_ROWS_TINY = 256


@njit(cache=True, nogil=True)
def fir_rows(x, idx, left, w, cval, out):  # pragma: no cover - compiled
    """``out[b, i] = sum_j w[j] * x[b, idx[i + j]]`` for a ``(B, L)`` array: each row extended once
    into a buffer (extended position ``left + i`` is sample ``i``), then the taps in passes over
    the output row (:func:`_taps_chain`: every pass re-reads and re-writes the row, so it sums up to
    9 taps in its first pass, then eight, four and one a pass). Rows shorter than
    :data:`FIR_ROWS_FLAT` go a block of them at a time, the block's extended rows one flat line."""
    B, L = out.shape
    K = w.shape[0]
    dt = out.dtype.type
    Lp = L + K - 1
    nb = min(max(1, FIR_ROWS_BLOCK // max(Lp, 1)), B) if L < FIR_ROWS_FLAT else 1   # rows a block
    tiny = B * L <= FIR_ROWS_TINY   # see FIR_ROWS_TINY
    if tiny:
        nb = 1
    # The line buffer sits about 2 KiB away from the output rows modulo 4 KiB: loads from a line
    # whose address matches a just-stored output's in the low 12 bits wait for that store (4 KiB
    # aliasing), and where malloc put the buffer decided it per process (1024^2 float64, 9 taps:
    # 0.87-2.17 ms depending on the output's offset, epyc-zen4-2c). Placement only: same bits.
    # One allocation holds the taps' row and column offsets (int64), the weights, the line and
    # (blocks) the block's outputs, Lp apart: those start about 2 KiB after the line modulo 4 KiB,
    # as the line after the output rows. (Each allocation costs a 100-sample call ~0.1 us.)
    span = 4096 // out.itemsize
    N = nb * Lp
    nf = N + span if nb > 1 else 0
    mem = np.empty(2 * K + ((K + N + span + nf) * out.itemsize + 7) // 8, dtype=np.int64)
    ro, co = mem[:K], mem[K:2 * K]
    for j in range(K):
        ro[j] = 0
        co[j] = j
    buf = mem[2 * K:].view(out.dtype)
    wd = buf[:K]
    for j in range(K):
        wd[j] = w[j]
    shift = K + ((2048 - (buf.ctypes.data + K * out.itemsize - out.ctypes.data)) % 4096) // out.itemsize
    ext = buf[shift:shift + N]
    line = ext.reshape(1, N)   # tap j reads line[0, j:j + L] (_taps_chain)
    f0 = shift + N + (span // 2 - N % span) % span if nb > 1 else 0
    flat = buf[f0:f0 + (N if nb > 1 else 0)].reshape(1, -1)
    n = x.shape[1]
    h = _head_taps(K)
    z = dt(-0.0)   # the chain starts with its first product (-0.0 + p is p)
    r0 = np.int64(0)
    for b0 in range(0, B, nb):
        m = min(nb, B - b0)
        for k in range(m):
            xb = x[b0 + k]
            e = ext[k * Lp:(k + 1) * Lp]
            # Loops index slices from 0 (``mid[i]``), never ``e[left + i]``: an offset index may
            # be negative as far as Numba knows, and its wraparound branch kept the interior copy
            # scalar (1024^2 float32, 3 taps: 631 -> 214 us).
            mid = e[left:left + n]
            for p in range(left):
                s = idx[p]
                e[p] = dt(cval) if s < 0 else dt(xb[s])
            for i in range(n):
                mid[i] = xb[i]
            for p in range(left + n, Lp):
                s = idx[p]
                e[p] = dt(cval) if s < 0 else dt(xb[s])
        if tiny:   # one pass per tap, inline: the chain's calls cost a 10-sample call ~0.2 us
            o = out[b0]
            w0 = wd[0]
            for i in range(L):
                o[i] = w0 * ext[i]
            for j in range(1, K):
                wj = wd[j]
                e = ext[j:j + L]
                for i in range(L):
                    o[i] += wj * e[i]
            continue
        if nb == 1:
            _taps_chain(out, b0, L, z, h, line, r0, ro, co, wd)
            continue
        _taps_chain(flat, r0, (m - 1) * Lp + L, z, h, line, r0, ro, co, wd)
        for k in range(m):
            o = out[b0 + k]
            f = flat[0, k * Lp:k * Lp + L]
            for i in range(L):
                o[i] = f[i]


@njit(cache=True, nogil=True)
def _scale(flat, scale):  # pragma: no cover - compiled
    for i in range(flat.shape[0]):
        flat[i] = flat[i] * scale


@njit(cache=True, nogil=True)
def fir_rows_scaled(x, idx, left, w, cval, scale, out):  # pragma: no cover - compiled
    """:func:`fir_rows`, then every output times ``scale`` (the integer road's snap,
    ``convkit._ndimage_passes._snap``: the same multiply as numpy's ``out *= scale``,
    without a numpy call of its own: 0.6 us of a 3 us 100-sample uint8 ``correlate1d``).
    ``out`` C-ordered, as the ``*_scaled`` kernels below."""
    fir_rows(x, idx, left, w, cval, out)
    _scale(out.reshape(-1), scale)


@njit(cache=True, nogil=True)
def fir_planes_scaled(x, idx, w, cval, scale, out):  # pragma: no cover - compiled
    """:func:`fir_planes`, then every output times ``scale`` (as :func:`fir_rows_scaled`)."""
    fir_planes(x, idx, w, cval, out)
    _scale(out.reshape(-1), scale)


@njit(cache=True, nogil=True)
def _interior(idx, n):  # pragma: no cover - compiled
    """The extended position from which ``idx`` reads samples ``0 .. n - 1`` in order (the
    interior), or -1 (then every position goes through the map)."""
    for left in range(idx.shape[0] - n + 1):
        ok = True
        for i in range(n):
            if idx[left + i] != i:
                ok = False
                break
        if ok:
            return left
    return -1


@njit(cache=True, nogil=True)
def _extend_row(xr, cidx, left, cval, e):  # pragma: no cover - compiled
    """``e[q] = xr[cidx[q]]`` (``cval`` where -1) in ``e``'s dtype; the interior from ``left`` a
    plain converting copy (it vectorises; the mapped read does not)."""
    dt = e.dtype.type
    n = xr.shape[0]
    Wp = e.shape[0]
    inner = left if left >= 0 else Wp
    for q in range(inner):
        c = cidx[q]
        e[q] = dt(cval) if c < 0 else dt(xr[c])
    if left < 0:
        return
    mid = e[left:left + n]
    for i in range(n):
        mid[i] = xr[i]
    for q in range(left + n, Wp):
        c = cidx[q]
        e[q] = dt(cval) if c < 0 else dt(xr[c])


# Output rows at least this long run fir_2d's wide loop (a ring of rows, interiors copied, the
# chain per output row); shorter ones the flat loop (the extended image built whole, the chain
# once over all outputs), whose fixed costs are lower (measured with the loops before the chain,
# 3x3, fir_2d alone, thread_time of 2000 calls, medians of 11: 16^2 1.30 against 1.96 us, 32^2
# 2.62/3.97, 64^2 7.5/9.0; 256^2 and up the wide loop wins). The same bits either way.
FIR_2D_WIDE = 128


@njit(cache=True, nogil=True)
def fir_2d(x, ridx, cidx, w, cval, out):  # pragma: no cover - compiled
    """``out[i, j] = sum_pq w[p, q] * x[ridx[i + p], cidx[j + q]]`` (``cval`` where either index
    is -1), from ``+0``, taps in C order, as :func:`fir_rows`' chain (:func:`_taps_chain`). Rows
    shorter than :data:`FIR_2D_WIDE`: the extended image built once in a buffer, all outputs one
    flat line over it; longer rows: a ring of the ``K0`` extended rows in use (interiors copied),
    one output row at a time. It beats the engines' padded 'valid' call (see
    ``_ndimage_passes._FIR_2D_SAMPLES``)."""
    H, W = out.shape
    K0, K1 = w.shape
    dt = out.dtype.type
    Wp = W + K1 - 1
    T = K0 * K1
    wf = np.empty(T, dtype=out.dtype)   # the taps in C order, with their row and column offsets
    roco = np.zeros((2, T), dtype=np.int64)
    ro, co = roco[0], roco[1]
    for p in range(K0):
        for q in range(K1):
            wf[p * K1 + q] = w[p, q]
    h = _head_taps(T)
    z = dt(0)   # scipy's N-d loop starts from +0 (a -0 product becomes +0)
    if H == 0:
        return
    if W < FIR_2D_WIDE:
        # The extended image as one flat line of rows Wp apart: output k = i * Wp + j reads
        # ext[k + p * Wp + q] for tap (p, q), so all outputs take each pass together (per output
        # row, a 64 x 1 image paid 64 passes' set-up); the K1 - 1 columns past each row are
        # computed and dropped. The last row's are not computed: every read stays inside ext.
        ext = np.empty((H + K0 - 1) * Wp, dtype=out.dtype)
        for p in range(H + K0 - 1):
            r = ridx[p]
            e = ext[p * Wp:(p + 1) * Wp]
            for q in range(Wp):
                c = cidx[q]
                e[q] = dt(cval) if (r < 0 or c < 0) else dt(x[r, c])
        for p in range(K0):
            for q in range(K1):
                co[p * K1 + q] = p * Wp + q
        flat = np.empty((1, (H - 1) * Wp + W), dtype=out.dtype)
        _taps_chain(flat, np.int64(0), flat.shape[1], z, h, ext.reshape(1, -1), np.int64(0), ro, co, wf)
        for i in range(H):
            o = out[i]
            f = flat[0, i * Wp:i * Wp + W]
            for j in range(W):
                o[j] = f[j]
        return
    for p in range(K0):
        for q in range(K1):
            ro[p * K1 + q] = p
            co[p * K1 + q] = q
    # The wide loop keeps only the K0 extended rows the current output row reads, in a ring
    # (row p in slot p % K0): each input row is extended once, into cache, and the image is
    # read once, not copied whole first (1024^2 float64 3x3: 2.2 -> 1.6 ms, float32 1.4 ->
    # 0.7 ms against the engines' padded 'valid' call, see _ndimage_passes._FIR_2D_SAMPLES).
    # The ring's rows are apart by a stride that is no multiple of 4 KiB and the ring sits
    # about 2 KiB from the output modulo 4 KiB, as fir_rows' line (4 KiB aliasing).
    stride = Wp + 64 // out.itemsize
    span = 4096 // out.itemsize
    buf = np.empty(K0 * stride + span, dtype=out.dtype)
    shift = ((2048 - (buf.ctypes.data - out.ctypes.data)) % 4096) // out.itemsize
    ring = buf[shift:shift + K0 * stride].reshape(K0, stride)
    left = _interior(cidx, x.shape[1])
    for p in range(H + K0 - 1):
        r = ridx[p]
        e = ring[p % K0, :Wp]
        if r < 0:
            for q in range(Wp):
                e[q] = dt(cval)
        else:
            _extend_row(x[r], cidx, left, cval, e)
        if p >= K0 - 1:
            _taps_chain(out, p - (K0 - 1), W, z, h, ring, (p + 1) % K0, ro, co, wf)   # row p - K0 + 1's slot


@njit(cache=True, nogil=True)
def fir_3d(x, pidx, ridx, cidx, w, cval, out):  # pragma: no cover - compiled
    """:func:`fir_2d` for a ``(P, H, W)`` volume: ``out[z, i, j] = sum_pqr w[p, q, r] *
    x[pidx[z + p], ridx[i + q], cidx[j + r]]`` (``cval`` where any index is -1), the extended
    volume built once, then one vector pass per tap and output row."""
    P, H, W = out.shape
    K0, K1, K2 = w.shape
    dt = out.dtype.type
    ext = np.empty((P + K0 - 1, H + K1 - 1, W + K2 - 1), dtype=out.dtype)
    for a in range(P + K0 - 1):
        z = pidx[a]
        for p in range(H + K1 - 1):
            r = ridx[p]
            for q in range(W + K2 - 1):
                c = cidx[q]
                ext[a, p, q] = dt(cval) if (z < 0 or r < 0 or c < 0) else dt(x[z, r, c])
    wd = np.empty((K0, K1, K2), dtype=out.dtype)
    for a in range(K0):
        for p in range(K1):
            for q in range(K2):
                wd[a, p, q] = w[a, p, q]
    for z in range(P):
        for i in range(H):
            o = out[z, i]
            o[:] = 0
            for a in range(K0):
                for p in range(K1):
                    e = ext[z + a, i + p]
                    for q in range(K2):
                        wq = wd[a, p, q]
                        eq = e[q:q + W]
                        for j in range(W):
                            o[j] += wq * eq[j]


# ---------------------------------------------------------------- template matching


@njit(cache=True, nogil=True)
def fir_2d_scaled(x, ridx, cidx, w, cval, scale, out):  # pragma: no cover - compiled
    """:func:`fir_2d`, then every output times ``scale`` (as :func:`fir_rows_scaled`)."""
    fir_2d(x, ridx, cidx, w, cval, out)
    _scale(out.reshape(-1), scale)


@njit(cache=True, nogil=True)
def fir_3d_scaled(x, pidx, ridx, cidx, w, cval, scale, out):  # pragma: no cover - compiled
    """:func:`fir_3d`, then every output times ``scale`` (as :func:`fir_rows_scaled`)."""
    fir_3d(x, pidx, ridx, cidx, w, cval, out)
    _scale(out.reshape(-1), scale)


_DBL_EPS = np.finfo(np.float64).eps


@njit(cache=True, nogil=True)
def unit_samples(x, w, left, sym, const, cval, nd, out):  # pragma: no cover - compiled
    """scipy.ndimage's loops for a pass along an axis of length 1 (see ``convkit._ndimage_unit``):
    each sample ``v = x[i]`` is a whole line, extended by ``v`` (or ``cval`` but at ``left``
    when ``const``), and ``out[i]`` is ``correlate1d``'s sum (``sym``: 1 symmetric, -1
    antisymmetric: the centre, then the folded pairs from the outside in; 0: the last tap,
    then the others in order) or with ``nd`` ``correlate``'s (0.0 plus every weight above
    DBL_EPSILON times its sample, in order). float64, no fastmath: no FMA contraction, so
    scipy's bits."""
    K = w.shape[0]
    m = K // 2
    for i in range(x.shape[0]):
        v = np.float64(x[i])
        if nd:
            acc = 0.0
            for t in range(K):
                if abs(w[t]) > _DBL_EPS:
                    acc += w[t] * (cval if const and t != left else v)
        elif sym != 0:
            acc = (cval if const and m != left else v) * w[m]
            for t in range(m):
                a = cval if const and t != left else v
                b = cval if const and K - 1 - t != left else v
                acc = acc + ((a + b) if sym > 0 else (a - b)) * w[t]
        else:
            acc = (cval if const and K - 1 != left else v) * w[K - 1]
            for t in range(K - 1):
                acc = acc + (cval if const and t != left else v) * w[t]
        out[i] = acc


@njit(cache=True, nogil=True)
def sum_squares(x):  # pragma: no cover - compiled
    """Sum of ``x**2`` over a contiguous array, in float64, in eight interleaved partial sums
    (the adds overlap; the order is fixed, so the bits are too)."""
    f = x.ravel()
    N = f.size
    acc = np.zeros(8)
    stop = N - N % 8
    for i in range(0, stop, 8):
        for u in range(8):
            v = np.float64(f[i + u])
            acc[u] += v * v
    for i in range(stop, N):
        v = np.float64(f[i])
        acc[0] += v * v
    return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]))


@njit(cache=True, nogil=True, inline="always", error_model="numpy")
def _ncc_row(c1, c2, n, size, ssd, floor, tiny2, num, out, a1, a2):  # pragma: no cover - compiled
    """One output row: window sums along the row from the column sums ``c1``/``c2`` (running,
    one dependency chain), then the coefficients in a separate loop that vectorises."""
    W = out.shape[0]
    s1 = 0.0
    s2 = 0.0
    for j in range(n):
        s1 += c1[j]
        s2 += c2[j]
    a1[0] = s1
    a2[0] = s2
    for j in range(1, W):
        s1 += c1[j + n - 1] - c1[j - 1]
        s2 += c2[j + n - 1] - c2[j - 1]
        a1[j] = s1
        a2[j] = s2
    for j in range(W):
        var = a2[j] - a1[j] * a1[j] / size       # size * the window's variance
        v = var * ssd
        # below ``floor`` the variance is rounding noise of the running sums: a constant window
        ok = (var > floor) & (v > tiny2)
        r = np.float64(num[j]) / np.sqrt(v if ok else 1.0)
        out[j] = r if ok else 0.0


@njit(cache=True, nogil=True, error_model="numpy")
def ncc_2d(x, num, m, n, ssd, floor, tiny2, out):  # pragma: no cover - compiled
    """Normalised cross-correlation of every ``m x n`` window of the centred image ``x``
    (``(H, N)``), given the numerators ``num`` (``(H - m + 1, N - n + 1)``).

    ``out = num / sqrt(size * var * ssd)`` where the window's ``size * var`` exceeds
    ``floor`` and ``size * var * ssd`` exceeds ``tiny2``, else 0 (``ssd``: the centred
    template's sum of squares).
    """
    H, N = x.shape
    Ho, W = out.shape
    size = np.float64(m * n)
    c1 = np.zeros(N)
    c2 = np.zeros(N)
    a1 = np.empty(W)
    a2 = np.empty(W)
    for i in range(m):
        for j in range(N):
            v = np.float64(x[i, j])
            c1[j] += v
            c2[j] += v * v
    for i in range(Ho):
        if i > 0:
            for j in range(N):
                u = np.float64(x[i - 1, j])
                v = np.float64(x[i + m - 1, j])
                c1[j] += v - u
                c2[j] += v * v - u * u
        _ncc_row(c1, c2, n, size, ssd, floor, tiny2, num[i], out[i], a1, a2)


@njit(cache=True, nogil=True, error_model="numpy")
def ncc_3d(x, num, p, m, n, ssd, floor, tiny2, out):  # pragma: no cover - compiled
    """:func:`ncc_2d` for a ``(P, H, N)`` volume and ``p x m x n`` windows: running sums of
    ``x`` and ``x**2`` over ``p`` planes (two ``(H, N)`` arrays), then the 2-D sweep on those."""
    P, H, N = x.shape
    Po, Ho, W = out.shape
    size = np.float64(p * m * n)
    S1 = np.zeros((H, N))
    S2 = np.zeros((H, N))
    c1 = np.zeros(N)
    c2 = np.zeros(N)
    a1 = np.empty(W)
    a2 = np.empty(W)
    for z in range(p):
        for i in range(H):
            for j in range(N):
                v = np.float64(x[z, i, j])
                S1[i, j] += v
                S2[i, j] += v * v
    for z in range(Po):
        if z > 0:
            for i in range(H):
                for j in range(N):
                    u = np.float64(x[z - 1, i, j])
                    v = np.float64(x[z + p - 1, i, j])
                    S1[i, j] += v - u
                    S2[i, j] += v * v - u * u
        c1[:] = 0.0
        c2[:] = 0.0
        for i in range(m):
            for j in range(N):
                c1[j] += S1[i, j]
                c2[j] += S2[i, j]
        for i in range(Ho):
            if i > 0:
                for j in range(N):
                    c1[j] += S1[i + m - 1, j] - S1[i - 1, j]
                    c2[j] += S2[i + m - 1, j] - S2[i - 1, j]
            _ncc_row(c1, c2, n, size, ssd, floor, tiny2, num[z, i], out[z, i], a1, a2)
