"""convkit.ndimage's compiled kernels (:mod:`convkit._running`) repeated in numpy, bit for bit.

A call made while those kernels compile in a background process (:mod:`convkit._ndimage_cold`)
runs these instead: the same signatures, the same results to the last bit, no Numba. Each
function does the compiled kernel's arithmetic in the same order, vectorised over the lines
(rows, planes, samples) instead of looping over them:

* FIR passes (:func:`fir_rows`, :func:`fir_planes`, :func:`fir_2d`, :func:`fir_3d`): the
  kernels sum ``((w0 * x0) + w1 * x1) + ...`` with every product and sum rounded in the
  compute dtype (no FMA contraction), which is ``acc = w0 * x0; acc += w1 * x1 ...`` here;
  ``fir_2d``/``fir_3d`` start from ``+0`` as their loops do;
* running sums (:func:`mean_rows`, :func:`mean_planes`): each window sum is a sequential float64
  sum from ``0.0``, each later output adds ``ext[i + size - 1] - ext[i - 1]`` to the previous
  one: ``np.add.accumulate`` over ``[0, ext[0] .. ext[size - 1], d1, d2 ..]`` is that chain (an
  accumulate runs in order, unlike ``np.sum``'s pairwise sums), over the same four segments
  as ``mean_rows``;
* :func:`box_rows_small`: its float32 tap groups ``(a + b) + (c + d)``, as written;
* :func:`box_fir_2d`: its two passes by :func:`mean_planes` and :func:`fir_rows`;
* :func:`box_2d_int`: its two passes by :func:`mean_planes` and :func:`box_rows_small` (exact
  integer sums and truncated quotients: the same values in any order);
* :func:`unit_samples`: scipy's loops for a length-1 axis, whose branches depend on the tap
  only, so each tap is one vector operation over the samples.

Boundary samples come from the same index maps (``-1``: ``cval``), converted to the compute
dtype as the kernels convert them (numpy's casts round and truncate as LLVM's). Slower than
the kernels (temporaries, one pass over memory per tap), so only for calls that would
otherwise wait for a compile. ``tests/test_ndimage_cold.py`` compares each with its kernel.
"""

from __future__ import annotations

import numpy as np

__all__ = ["fir_rows", "fir_planes", "fir_rows_scaled", "fir_planes_scaled", "fir_2d", "fir_3d", "fir_2d_scaled",
           "fir_3d_scaled", "mean_rows", "mean_planes", "box_rows_small", "box_2d_int", "box_fir_2d",
           "unit_samples"]

# No threads of their own: the roads' line splitting (``_ndimage_passes._split``) is for the
# compiled kernels, which release the GIL.
THREADS = False

_DBL_EPS = np.finfo(np.float64).eps

# The kernels raise no floating-point warnings (inf - inf in a running sum is NaN, silently)
_quiet = np.errstate(all="ignore")


def _extend(x, idx, axis, dt, cval):
    """``x`` extended along ``axis`` by the index map ``idx`` (``-1``: ``cval``), in ``dt``."""
    inside = idx >= 0
    ext = np.take(x, np.where(inside, idx, 0), axis=axis).astype(dt, copy=False)
    if not inside.all():
        index = [slice(None)] * x.ndim
        index[axis] = ~inside
        ext[tuple(index)] = dt.type(cval)
    return ext


def _taps(ext, w, axis, L, out):
    """``out = w0 * e0; out += wj * ej`` along ``axis`` of ``ext`` (``ej``: ``L`` samples from ``j``)."""
    index = [slice(None)] * ext.ndim

    def tap(j):
        index[axis] = slice(j, j + L)
        return ext[tuple(index)]

    np.multiply(tap(0), w[0], out=out)
    tmp = np.empty(out.shape, out.dtype)
    for j in range(1, w.shape[0]):
        np.multiply(tap(j), w[j], out=tmp)
        out += tmp


@_quiet
def fir_rows(x, idx, left, w, cval, out):
    """:func:`convkit._running.fir_rows`: ``out[b, i] = sum_j w[j] * x[b, idx[i + j]]``."""
    dt = out.dtype
    _taps(_extend(x, idx, 1, dt, cval), w.astype(dt), 1, out.shape[1], out)


@_quiet
def fir_planes(x, idx, w, cval, out):
    """:func:`convkit._running.fir_planes`: ``out[b, i, :] = sum_j w[j] * x[b, idx[i + j], :]``."""
    dt = out.dtype
    _taps(_extend(x, idx, 1, dt, cval), w.astype(dt), 1, out.shape[1], out)


@_quiet
def fir_rows_scaled(x, idx, left, w, cval, scale, out):
    """:func:`convkit._running.fir_rows_scaled`: :func:`fir_rows`, then ``out *= scale``."""
    fir_rows(x, idx, left, w, cval, out)
    out *= scale


@_quiet
def fir_planes_scaled(x, idx, w, cval, scale, out):
    """:func:`convkit._running.fir_planes_scaled`: :func:`fir_planes`, then ``out *= scale``."""
    fir_planes(x, idx, w, cval, out)
    out *= scale


def _fir_nd(x, maps, w, cval, out):
    """``out = +0; out += w[p..] * ext[p.. : p.. + n]`` over the taps in C order, ``ext`` the
    extended array (``cval`` where any index is -1), all in ``out``'s dtype."""
    dt = out.dtype
    ext = x.astype(dt)
    for axis, idx in enumerate(maps):
        ext = _extend(ext, idx, axis, dt, cval)
    wd = w.astype(dt)
    out[...] = 0
    tmp = np.empty(out.shape, dt)
    for tap in np.ndindex(*w.shape):
        np.multiply(ext[tuple(slice(t, t + n) for t, n in zip(tap, out.shape))], wd[tap], out=tmp)
        out += tmp


@_quiet
def fir_2d(x, ridx, cidx, w, cval, out):
    """:func:`convkit._running.fir_2d`."""
    _fir_nd(x, (ridx, cidx), w, cval, out)


@_quiet
def fir_3d(x, pidx, ridx, cidx, w, cval, out):
    """:func:`convkit._running.fir_3d`."""
    _fir_nd(x, (pidx, ridx, cidx), w, cval, out)


@_quiet
def fir_2d_scaled(x, ridx, cidx, w, cval, scale, out):
    """:func:`convkit._running.fir_2d_scaled`."""
    fir_2d(x, ridx, cidx, w, cval, out)
    out *= scale


@_quiet
def fir_3d_scaled(x, pidx, ridx, cidx, w, cval, scale, out):
    """:func:`convkit._running.fir_3d_scaled`."""
    fir_3d(x, pidx, ridx, cidx, w, cval, out)
    out *= scale


def _running_sums(ext, size, L, starts):
    """The running sums along axis 1 of the float64 ``ext`` (``L + size - 1`` samples), one
    chain per segment starting at ``starts`` (each from its own window sum), as the kernels."""
    shape = list(ext.shape)
    shape[1] = L
    sums = np.empty(shape)
    bounds = list(starts) + [L]
    zero = np.zeros(shape[:1] + [1] + shape[2:])
    for s0, s1 in zip(bounds, bounds[1:]):
        # 0.0, the window's samples, then each later output's new minus old sample
        chain = np.concatenate((zero, ext[:, s0:s0 + size], ext[:, s0 + size:s1 + size - 1] - ext[:, s0:s1 - 1]),
                               axis=1)
        sums[:, s0:s1] = np.add.accumulate(chain, axis=1)[:, size:]
    return sums


@_quiet
def mean_rows(x, idx, left, size, cval, out):
    """:func:`convkit._running.mean_rows` (four segments where ``L >= 8 * size``)."""
    L = out.shape[1]
    nseg = 4 if L >= 8 * size else 1
    seg = L // nseg
    ext = _extend(x, idx, 1, np.dtype(np.float64), cval)
    np.copyto(out, _running_sums(ext, size, L, [s * seg for s in range(nseg)]) / size, casting="unsafe")


@_quiet
def mean_planes(x, idx, size, cval, out):
    """:func:`convkit._running.mean_planes`: one chain per column."""
    ext = _extend(x, idx, 1, np.dtype(np.float64), cval)
    np.copyto(out, _running_sums(ext, size, out.shape[1], [0]) / size, casting="unsafe")


@_quiet
def box_rows_small(x, idx, left, size, cval, out):
    """:func:`convkit._running.box_rows_small`: float32 window sums, taps in groups of four."""
    L = out.shape[1]
    ext = _extend(x, idx, 1, np.dtype(np.float32), np.float32(cval))
    acc = ext[:, 0:L].copy()
    j = 1
    while j + 3 < size:
        acc += (ext[:, j:j + L] + ext[:, j + 1:j + 1 + L]) + (ext[:, j + 2:j + 2 + L] + ext[:, j + 3:j + 3 + L])
        j += 4
    while j < size:
        acc += ext[:, j:j + L]
        j += 1
    np.copyto(out, acc / np.float32(size), casting="unsafe")


@_quiet
def box_2d_int(x, ridx, cidx, left, size0, size1, cval, inv0, inv1, out):
    """:func:`convkit._running.box_2d_int`: its two passes as :func:`mean_planes` into an image of
    the dtype, then :func:`box_rows_small` (exact sums and scipy's truncated quotients both ways,
    so the same values; ``inv0``/``inv1`` are the compiled kernel's)."""
    box_rows_small(_column_means(x, ridx, size0, cval, out), cidx, left, size1, cval, out)


@_quiet
def box_fir_2d(x, ridx, size0, cidx, left, w1, cval, out):
    """:func:`convkit._running.box_fir_2d`: :func:`mean_planes` into an image of ``out``'s dtype,
    then :func:`fir_rows` over it (the compiled kernel's two passes)."""
    fir_rows(_column_means(x, ridx, size0, cval, out), cidx, left, w1, cval, out)


def _column_means(x, ridx, size0, cval, out):
    """The first pass of both 2-D box kernels: :func:`mean_planes` along axis 0 of ``x`` into a
    new image of ``out``'s shape and dtype."""
    H, W = out.shape
    mid = np.empty((1, H, W), out.dtype)
    mean_planes(x.reshape(1, x.shape[0], W), ridx, size0, cval, mid)
    return mid[0]


@_quiet
def unit_samples(x, w, left, sym, const, cval, nd, out):
    """:func:`convkit._running.unit_samples` (scipy's loops along a length-1 axis)."""
    K = w.shape[0]
    m = K // 2
    v = x.astype(np.float64)
    cval = np.float64(cval)

    def at(t):
        return cval if const and t != left else v

    if nd:
        acc = np.zeros(v.shape)
        for t in range(K):
            if abs(w[t]) > _DBL_EPS:
                acc = acc + w[t] * at(t)
    elif sym != 0:
        acc = at(m) * w[m]
        for t in range(m):
            a, b = at(t), at(K - 1 - t)
            acc = acc + ((a + b) if sym > 0 else (a - b)) * w[t]
    else:
        acc = at(K - 1) * w[K - 1]
        for t in range(K - 1):
            acc = acc + at(t) * w[t]
    out[...] = acc
