"""The compiled one-pass NaN/infinity test behind :func:`convkit._engines._finite.all_finite`.

Kept apart from ``_finite`` so that importing the test's dispatch (and its numpy road)
loads no Numba: ``method='auto'`` checks every FFT result, and a process that made only
FFT calls need not pay ``import numba`` (0.3 s of CPU) for that check.
"""

from __future__ import annotations

from ._jit import njit

__all__ = ["_flat_finite"]


# ``reassoc`` only lets LLVM split the sum into vector lanes; ``v * 0`` is NaN
# for a NaN or an infinity and 0 otherwise, and without ``nnan``/``ninf``/``nsz``
# the multiply cannot be folded away.
@njit(cache=True, nogil=True, fastmath={"reassoc"})
def _flat_finite(x):  # pragma: no cover - compiled
    acc = x[0] * 0
    for i in range(1, x.shape[0]):
        acc += x[i] * 0
    return acc == 0
