"""Passes along an axis of length 1, in scipy.ndimage's own float64 arithmetic.

Along a length-1 axis every line is one sample ``v`` and its extension (``v`` everywhere,
or ``v`` between ``cval`` fills for 'constant'), so each output is a fixed function of ``v``.
convkit's FIR kernels sum the taps in their own order (with FMA) and snap integer outputs
(:func:`convkit._ndimage_passes._snap`); here that shows as a wrong value, not as noise:
a uint8 (1, 1) image under ``gaussian_filter`` came out 2 above scipy (the Gaussian weights
sum to just below 1 in scipy's order, and scipy truncates each pass), and a float32
derivative of the Gaussian gave about 1e-8 where scipy's antisymmetric loop gives exactly 0.
So these passes repeat scipy's loops (``NI_Correlate1D`` for the 1-D passes, ``NI_Correlate``
for N-d kernels) in one compiled loop over the samples (:func:`convkit._running.unit_samples`,
no FMA contraction), and give scipy's float64 values bit for bit.
"""

from __future__ import annotations

import numpy as np

from ._ndimage_cold import active

_EPS = np.finfo(np.float64).eps   # scipy's DBL_EPSILON: its symmetry test and zero-weight skip


def unit_axis(shape, wshape):
    """The axis a kernel of ``wshape`` is long on, where that axis of ``shape`` has length 1;
    else None (no long axis, several, or a longer image axis)."""
    long = None
    for a, k in enumerate(wshape):
        if k > 1:
            if long is not None:
                return None
            long = a
    if long is None or shape[long] != 1:
        return None
    return long


def _symmetry(w):
    """scipy's test: 1 symmetric, -1 antisymmetric (odd lengths only, within DBL_EPSILON), 0 neither."""
    k = w.shape[0]
    if not k & 1:
        return 0
    c = k // 2
    lo, hi = w[c - 1::-1] if c else w[:0], w[c + 1:]
    # 'not above': a NaN difference passes, as scipy's ``fabs(a - b) > DBL_EPSILON`` test
    if not (np.abs(hi - lo) > _EPS).any():
        return 1
    if not (np.abs(hi + lo) > _EPS).any():
        return -1
    return 0


_SYM = {}


def _symmetry_of(w):
    """:func:`_symmetry`, remembered per weight vector (the test is most of a tiny call)."""
    key = w.tobytes()
    sym = _SYM.get(key)
    if sym is None:
        sym = _symmetry(w)
        if len(_SYM) < 4096:
            _SYM[key] = sym
    return sym


def unit_pass(x, w, left, mode, cval, nd=False):
    """The float64 result of correlating ``x`` with the 1-D ``w`` along an axis of length 1
    (``left`` extension samples before it, ``mode`` a normalised mode name): scipy's
    ``correlate1d`` loop, or with ``nd`` its N-d ``correlate`` loop
    (:func:`convkit._running.unit_samples`). Same shape as ``x``."""
    # no conversions or reshapes where there is nothing to do: a 1-sample correlate1d is about
    # 4 us in all, scipy.ndimage's 4.2-4.5 us, and each of them costs 0.1-0.2 us
    if not (w.ndim == 1 and w.dtype == np.float64 and w.flags.c_contiguous):
        w = np.ascontiguousarray(w, dtype=np.float64).reshape(-1)
    xs = x.view(np.uint8) if x.dtype.kind == "b" else x
    if not xs.dtype.isnative:
        xs = xs.astype(xs.dtype.newbyteorder("="))
    out = np.empty(x.shape)
    flat = (xs, out) if x.ndim == 1 else (xs.reshape(-1), out.reshape(-1))
    active().unit_samples(flat[0], w, left, 0 if nd else _symmetry_of(w), mode == "constant", float(cval), nd,
                          flat[1])
    return out
