"""An independent oracle for the engine contract (``convkit._engines``), shared by the engine tests."""

from __future__ import annotations

import numpy as np
import scipy.signal as ss


def rand(rng, shape, dtype):
    """Seeded normal data in ``dtype`` (complex: independent real and imaginary parts)."""
    x = rng.standard_normal(shape)
    if np.dtype(dtype).kind == "c":
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dtype)


def oracle(a, b, axes, shape, start):
    """The kept region by scipy's direct convolution in float64/complex128, one batch index at a time."""
    wide = np.complex128 if a.dtype.kind == "c" else np.float64
    nd = a.ndim
    batch = [i for i in range(nd) if i not in axes]
    out = np.empty(shape, wide)
    kept = tuple(slice(start[i], start[i] + shape[i]) for i in axes)
    for idx in np.ndindex(*[shape[i] for i in batch]):
        pos = dict(zip(batch, idx))
        ia = tuple((pos[i] if a.shape[i] > 1 else 0) if i in pos else slice(None) for i in range(nd))
        ib = tuple((pos[i] if b.shape[i] > 1 else 0) if i in pos else slice(None) for i in range(nd))
        io = tuple(pos[i] if i in pos else slice(None) for i in range(nd))
        full = ss.convolve(a[ia].astype(wide), b[ib].astype(wide), method="direct")
        out[io] = full[kept]
    return out
