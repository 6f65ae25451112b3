"""Convolution kernels for the classic uses: smoothing, moving averages, kernel density estimates.

Each helper returns a normalised float64 array (weights summing to 1) to pass to
:func:`convkit.convolve`, :func:`convkit.fftconvolve` or :mod:`convkit.ndimage`.
"""

from __future__ import annotations

import numbers

import numpy as np
from numpy.typing import NDArray

from ._typing import FloatOrSeq, IntOrSeq

__all__ = ["box", "gaussian"]


def _per_axis(value, ndim, name):
    if np.ndim(value) == 0:
        return [value] * ndim
    seq = list(value)
    if len(seq) != ndim:
        raise ValueError(f"{name} must be a scalar or a sequence of length ndim={ndim}")
    return seq


def _gaussian_1d(sigma, truncate, radius):
    sigma = float(sigma)
    if not np.isfinite(sigma) or sigma <= 0:
        raise ValueError("sigma must be a positive finite number")
    lw = int(truncate * sigma + 0.5) if radius is None else radius
    if not isinstance(lw, numbers.Integral) or lw < 0:
        raise ValueError("radius must be a nonnegative integer")
    x = np.arange(-lw, lw + 1)
    phi = np.exp(-0.5 / (sigma * sigma) * x ** 2)
    return phi / phi.sum()


def gaussian(sigma: FloatOrSeq, truncate: float = 4.0, ndim: int = 1,
             radius: IntOrSeq | None = None) -> NDArray[np.float64]:
    """Sampled, normalised Gaussian kernel: the weights of :func:`scipy.ndimage.gaussian_filter`.

    Parameters
    ----------
    sigma : float or sequence of floats
        Standard deviation in samples, one for every axis or one per axis.
    truncate : float, optional
        Cut the kernel at this many standard deviations: radius
        ``int(truncate * sigma + 0.5)``. Default 4.0 (scipy.ndimage's).
    ndim : int, optional
        Number of dimensions; the N-d kernel is the outer product of the 1-D ones.
    radius : int or sequence of ints, optional
        Radius per axis; overrides `truncate`. The kernel has ``2 * radius + 1`` samples.

    Returns
    -------
    kernel : ndarray of float64
        Shape ``(2 * r + 1,) * ndim`` (per axis radius ``r``), summing to 1. Identical to
        scipy.ndimage's ``_gaussian_kernel1d(sigma, 0, radius)`` in 1-D.

    Examples
    --------
    Smooth a noisy signal (mode 'same' keeps its length and alignment):

    >>> import numpy as np
    >>> import convkit
    >>> from convkit.kernels import gaussian
    >>> rng = np.random.default_rng(0)
    >>> t = np.linspace(0, 1, 2000)
    >>> noisy = np.sin(2 * np.pi * 3 * t) + 0.3 * rng.standard_normal(t.size)
    >>> smooth = convkit.convolve(noisy, gaussian(10), mode="same")
    >>> bool(np.abs(smooth - np.sin(2 * np.pi * 3 * t))[100:-100].max() < 0.2)
    True

    A kernel density estimate: a histogram on a fine grid convolved with a Gaussian of the
    bandwidth (in bins), divided by the count and the bin width:

    >>> samples = rng.standard_normal(10_000)
    >>> counts, edges = np.histogram(samples, bins=400, range=(-5, 5))
    >>> width = edges[1] - edges[0]
    >>> density = convkit.convolve(counts, gaussian(0.2 / width), mode="same") / (counts.sum() * width)
    >>> round(float(density.sum() * width), 6)
    1.0

    Blur an image (or use :func:`convkit.ndimage.gaussian_filter`, which runs it as
    separable passes with scipy.ndimage's boundary modes):

    >>> image = rng.random((64, 64))
    >>> blurred = convkit.convolve(image, gaussian(1.5, ndim=2), mode="same")
    >>> gaussian(1.5, ndim=2).shape
    (13, 13)
    """
    if not isinstance(ndim, numbers.Integral) or ndim < 1:
        raise ValueError("ndim must be a positive integer")
    sigmas = _per_axis(sigma, ndim, "sigma")
    radii = _per_axis(radius, ndim, "radius") if radius is not None else [None] * ndim
    kernel = np.ones(())
    for s, r in zip(sigmas, radii):
        kernel = np.multiply.outer(kernel, _gaussian_1d(s, truncate, r))
    return kernel


def box(size: IntOrSeq, ndim: int = 1) -> NDArray[np.float64]:
    """Normalised box (moving-average) kernel: ``size`` equal weights per axis summing to 1.

    Parameters
    ----------
    size : int or sequence of ints
        Length per axis (one for all axes, or one per axis), at least 1.
    ndim : int, optional
        Number of dimensions.

    Returns
    -------
    kernel : ndarray of float64
        Shape ``(size,) * ndim``, every weight ``1 / prod(shape)``.

    Examples
    --------
    A moving average over 5 samples ('valid' keeps only complete windows):

    >>> import numpy as np
    >>> import convkit
    >>> from convkit.kernels import box
    >>> convkit.convolve(np.arange(10.0), box(5), mode="valid")
    array([2., 3., 4., 5., 6., 7.])

    A 3x3 mean filter of an image:

    >>> convkit.convolve(np.ones((4, 4)), box(3, ndim=2), mode="valid")
    array([[1., 1.],
           [1., 1.]])
    """
    if not isinstance(ndim, numbers.Integral) or ndim < 1:
        raise ValueError("ndim must be a positive integer")
    sizes = _per_axis(size, ndim, "size")
    for s in sizes:
        if not isinstance(s, numbers.Integral) or s < 1:
            raise ValueError("size must be a positive integer")
    shape = tuple(int(s) for s in sizes)
    return np.full(shape, 1.0 / np.prod(shape, dtype=np.float64))
