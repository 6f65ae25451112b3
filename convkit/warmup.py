"""Compile (or load from Numba's cache) the kernels and plan common FFTs ahead of time.

The first call of a Numba kernel in a process compiles it, or loads it from
the on-disk cache (``cache=True``). Call :func:`warmup` at start-up, or run
``python -m convkit warmup`` once after installing, so no user call pays it.
"""

from __future__ import annotations

import numpy as np

__all__ = ["warmup"]


def warmup(dtypes=("float32", "float64", "complex64", "complex128", "int64")) -> None:
    """Compile or load every direct kernel for ``dtypes`` and run each engine once.

    Parameters
    ----------
    dtypes : sequence of str, optional
        Compute dtypes to prepare. Integer and boolean inputs compute in
        int64 (uint64 for uint64 inputs).

    Examples
    --------
    >>> import convkit.warmup
    >>> convkit.warmup.warmup(dtypes=("float64",))
    """
    from .signal import convolve

    for name in dtypes:
        dtype = np.dtype(name)
        for shape1, shape2 in (((64,), (5,)), ((16, 16), (3, 3)), ((4, 5, 6), (2, 2, 2))):
            a = np.ones(shape1, dtype)
            b = np.ones(shape2, dtype)
            for method in ("direct", "fft", "oa") if dtype.kind in "fc" else ("direct",):
                for mode in ("full", "same", "valid"):
                    convolve(a, b, mode=mode, method=method)
