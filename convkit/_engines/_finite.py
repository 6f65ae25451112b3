"""One fast pass deciding whether an array holds no NaN and no infinity.

``method='auto'`` checks every FFT result this way (see ``convkit._execute.run``), so
the pass is on the hot path of every frequency-domain call. numpy needs
``np.isfinite(x.sum())`` under ``np.errstate`` (about 2 us of fixed cost, and
a pairwise sum at about half the cache bandwidth); this Numba loop costs about
0.2 us per call and runs at the bandwidth of wherever ``x`` sits (measured
1e6 float64 just written: 0.07 ms against 0.14 ms for the numpy sum).
"""

from __future__ import annotations

import numpy as np

from ._jit import njit

__all__ = ["all_finite"]

# The dtypes the loop reads (native byte order only).
_NATIVE = frozenset(np.dtype(t) for t in ("float32", "float64", "complex64", "complex128"))


# ``reassoc`` only lets LLVM split the sum into vector lanes; ``v * 0`` is NaN
# for a NaN or an infinity and 0 otherwise, and without ``nnan``/``ninf``/``nsz``
# the multiply cannot be folded away.
@njit(cache=True, nogil=True, fastmath={"reassoc"})
def _flat_finite(x):
    acc = x[0] * 0
    for i in range(1, x.shape[0]):
        acc += x[i] * 0
    return acc == 0


def all_finite(x: np.ndarray) -> bool:
    """True when no element of the float or complex array ``x`` is NaN or infinite.

    Parameters
    ----------
    x : ndarray
        float32, float64, complex64 or complex128, any shape and layout
        (non-contiguous arrays take numpy's slower ``isfinite`` pass).

    Returns
    -------
    bool
    """
    if x.size == 0:
        return True
    if x.dtype not in _NATIVE or not x.flags.c_contiguous:
        return bool(np.isfinite(x).all())
    # complex: (a+bj)*0 has a NaN part exactly when a or b is NaN or infinite
    return _flat_finite(x.reshape(-1))
