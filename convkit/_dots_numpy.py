"""The long-dot loop's bits by numpy: ``out[i] = sum_j x[i + j] * k[K - 1 - j]``, without Numba.

:func:`convkit._engines.direct._dots.dots` fixes its summation order, so the
same sums written with numpy give the same bits on any CPU, and a process
that has not loaded Numba can run a 'valid' call of few outputs of a long
kernel (the DOTS route) here instead of loading and compiling it. The order,
for ``W = LANE_BYTES // itemsize`` lanes and ``n = K // W`` whole chunks:

* the products ``x[i + j] * k[K - 1 - j]``, each rounded to the dtype;
* lane ``l`` sums the products ``j = l, l + W, ... , l + (n - 1) W`` one by
  one, starting from ``+0.0`` (so a lane of ``-0.0`` products is ``+0.0``);
* the ``W`` lanes are added in a fixed pairwise tree: ``v = v[:h] + v[h:]``
  with ``h`` half the length, until one is left;
* the last ``K mod W`` products are added one by one.

No fused multiply-add anywhere, here or in the compiled loop.
"""

from __future__ import annotations

import numpy as np

__all__ = ["LANE_BYTES", "dots", "ramps"]

#: Bytes of running sums per output (``_engines.direct._dots.LANE_BYTES`` is this constant: the
#: compiled loop imports it from here, a module that loads no Numba)
LANE_BYTES = 256


def dots(x: np.ndarray, k: np.ndarray, out: np.ndarray) -> np.ndarray:
    """``out[i] = sum_j x[i + j] * k[K - 1 - j]`` for ``i < out.shape[0]``, in the compiled loop's order.

    Parameters
    ----------
    x, k : ndarray
        1-D float32 or float64 arrays of one dtype; ``x`` holds at least
        ``out.shape[0] + K - 1`` samples, ``K = k.shape[0]``.
    out : ndarray
        The 1-D output of that dtype, written in place.

    Returns
    -------
    ndarray
        ``out``.
    """
    kk = k.shape[0]
    m = out.shape[0]
    kr = k[::-1]
    # row i is x[i:i + K] (a view; as_strided costs a few us less a call than sliding_window_view)
    windows = np.lib.stride_tricks.as_strided(x, (m, kk), (x.strides[0],) * 2, writeable=False)
    step = max(1, _BLOCK_ELEMENTS // kk)  # outputs per block: the products of a block stay a few MB
    with np.errstate(all="ignore"):  # inf - inf and overflow are results here, as in the compiled loop
        for i in range(0, m, step):
            out[i:i + step] = _sums(windows[i:i + step] * kr, LANE_BYTES // x.dtype.itemsize)
    return out


def ramps(x: np.ndarray, k: np.ndarray, out: np.ndarray) -> bool:
    """:func:`dots` of a window of zero-padded samples, as the compiled ``_engines.direct._dots.ramps``.

    The compiled loop skips the products of ``x``'s leading and trailing zeros, which with a finite
    kernel are +-0.0 and change no sum; here they are formed and added, which gives the same bits.

    Parameters
    ----------
    x, k, out : ndarray
        As for :func:`dots`.

    Returns
    -------
    bool
        False, ``out`` unwritten, where ``k`` has a non-finite tap (inf times a padding zero is NaN,
        a product the caller's convolution does not form); else True.
    """
    if not np.isfinite(k).all():
        return False
    dots(x, k, out)
    return True


#: Products formed at once (8 MB of float64)
_BLOCK_ELEMENTS = 1 << 20


def _sums(products: np.ndarray, w: int) -> np.ndarray:
    """Each row of ``products`` (a fresh array) summed in the compiled loop's order, ``w`` lanes."""
    rows, kk = products.shape
    n = kk // w
    if n:
        # the loop's lanes start at +0.0: +0.0 + p is p + 0 (the same value, -0.0 made +0.0), so the sums
        # below are the loop's whether numpy's reduce starts from its identity (+0.0) or the first chunk
        products[:, :w] += 0
        # lane sums: reducing the chunk axis, not the innermost, numpy adds chunk c to the sum of chunks
        # 0 .. c-1, in that order, lane by lane (its pairwise summation is for an innermost axis only;
        # add.accumulate, which defines this order, takes 4-14x longer). tests/test_direct_dots.py
        # holds it to the compiled loop's bits over many chunk counts.
        v = np.add.reduce(products[:, :n * w].reshape(rows, n, w), axis=1)
        while v.shape[1] > 1:  # the fixed pairwise tree: low half + high half
            h = v.shape[1] // 2
            v = v[:, :h] + v[:, h:]
        s = v[:, 0]
    else:
        s = np.zeros(rows, products.dtype)
    if n * w == kk:
        return s
    # the last K mod W products, one at a time: accumulate adds row j to the sum of the rows before it,
    # from row 0 (the lane sums) on
    return np.add.accumulate(np.concatenate([s[None], products[:, n * w:].T]), axis=0)[-1]
