"""Exact finiteness for ``method='auto'`` when an FFT engine meets NaN or inf samples.

An FFT spreads one NaN over the whole output (scipy #15927). Direct
convolution leaves NaN/inf only where the kernel window touches a non-finite
sample; ``method='auto'`` promises the direct behaviour.
"""

from __future__ import annotations

__all__ = ["convolve_nonfinite"]


def convolve_nonfinite(fast, direct, a, b, axes, shape, start, *, workers=1):
    """Convolve operands holding NaN or inf with direct convolution's finiteness.

    ``fast`` and ``direct`` are engine ``convolve`` functions (engine contract).
    This first version runs the direct engine on the whole problem.
    """
    return direct(a, b, axes, shape, start, workers=workers)
