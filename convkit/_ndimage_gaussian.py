"""scipy.ndimage's Gaussian (derivative) weights for :func:`convkit.ndimage.gaussian_filter`
and ``gaussian_filter1d``, memoised per argument set."""

from __future__ import annotations

import functools
import numbers

import numpy as np


def _gaussian_kernel1d(sigma, order, radius):
    """scipy.ndimage's Gaussian (derivative) weights, ``x = -radius..radius``."""
    if order < 0:
        raise ValueError("order must be non-negative")
    exponent_range = np.arange(order + 1)
    sigma2 = sigma * sigma
    x = np.arange(-radius, radius + 1)
    phi_x = np.exp(-0.5 / sigma2 * x ** 2)
    phi_x = phi_x / phi_x.sum()
    if order == 0:
        return phi_x
    q = np.zeros(order + 1)
    q[0] = 1
    D = np.diag(exponent_range[1:], 1)
    P = np.diag(np.ones(order) / -sigma2, -1)
    Q_deriv = D + P
    for _ in range(order):
        q = Q_deriv.dot(q)
    q = (x[:, None] ** exponent_range).dot(q)
    return q * phi_x


def _gaussian_weights(sigma, order, truncate, radius):
    """The correlation weights gaussian_filter1d uses (scipy reverses the kernel); read-only,
    memoised per argument set (building them took a third of a 32x32 gaussian_filter)."""
    try:
        return _GAUSSIAN_CACHE(sigma, order, truncate, radius)
    except TypeError:   # an unhashable argument: scipy's own checks decide what it means
        return _gaussian_weights_uncached(sigma, order, truncate, radius)


def _gaussian_weights_uncached(sigma, order, truncate, radius):
    sd = float(sigma)
    lw = int(truncate * sd + 0.5)
    if radius is not None:
        lw = radius
    if not isinstance(lw, numbers.Integral) or lw < 0:
        raise ValueError("Radius must be a nonnegative integer.")
    w = _gaussian_kernel1d(sigma, order, lw)[::-1].copy()
    w.flags.writeable = False
    return w


_GAUSSIAN_CACHE = functools.lru_cache(maxsize=64)(_gaussian_weights_uncached)
