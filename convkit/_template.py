"""Normalised cross-correlation: template matching (2-D, 3-D) and pattern search in 1-D signals.

The response at a window ``W`` of the image with the template ``T`` (``n`` samples) is
Pearson's correlation coefficient::

    sum((W - mean W) * (T - mean T)) / sqrt(sum((W - mean W)**2) * sum((T - mean T)**2))

The numerator is one 'valid' correlation of the image with the zero-mean template
(convkit's engines: direct for small templates, FFT or overlap-save for large ones);
the window sums ``sum W`` and ``sum W**2``, the denominators and the quotient come from one
fused pass of running sums (:func:`convkit._running.ncc_2d`/``ncc_3d``), so the local norms
cost about one read of the image whatever the template size. The image is centred on its mean first: the coefficient
does not change, and the running sums then do not cancel catastrophically.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._typing import Mode, PadMode, Scalar, Workers

__all__ = ["match_template", "normalized_correlate"]


def _float_dtype(dtype):
    """scikit-image's rule (``_supported_float_type``): float16/float32 -> float32, else float64."""
    dtype = np.dtype(dtype)
    return np.dtype(np.float32) if dtype.char in "ef" else np.dtype(np.float64)


def _ncc(padded, template, out_dtype, workers=None, method="auto"):
    """NCC of every window of ``template.shape`` fully inside ``padded``; zero where either
    side is constant."""
    from ._running import ncc_2d, ncc_3d, sum_squares
    from ._signal import correlate

    t = np.asarray(template, dtype=np.float64)
    # A constant template is exactly zero-mean: t - t.mean() leaves rounding residues where the
    # mean is inexact (5.12368233 * 272 samples: ssd 8.6e-28, responses of -2.7)
    t0 = t - t.mean() if t.size and (t != t.flat[0]).any() else np.zeros_like(t)
    ssd = float(np.sum(t0 * t0))
    cdt = np.float32 if out_dtype == np.float32 else np.float64
    centre = float(padded.mean(dtype=np.float64)) if padded.size else 0.0
    xc = np.subtract(padded, centre, dtype=cdt)
    num = correlate(xc, t0.astype(cdt), "valid", method, workers=workers)
    # Below this the window's variance is rounding noise of the running sums: a constant window.
    floor = 8 * np.finfo(np.float64).eps * sum_squares(xc) * max(1, padded.ndim)
    tiny2 = float(np.finfo(out_dtype).eps) ** 2      # scikit-image zeroes denominators <= eps
    response = np.empty(num.shape, dtype=out_dtype)
    if xc.ndim == 3:
        ncc_3d(xc, num, *template.shape, ssd, floor, tiny2, response)
    else:   # 1-D (normalized_correlate) runs as one row
        shape2 = (1,) * (2 - xc.ndim) + template.shape
        ncc_2d(xc.reshape((1,) * (2 - xc.ndim) + xc.shape), num.reshape((1,) * (2 - num.ndim) + num.shape),
               *shape2, ssd, floor, tiny2, response.reshape((1,) * (2 - num.ndim) + num.shape))
    return response


def match_template(image: ArrayLike, template: ArrayLike, pad_input: bool = False, mode: PadMode = "constant",
                   constant_values: Scalar = 0, *, workers: Workers = None) -> NDArray[np.floating[Any]]:
    """Match a template to a 2-D or 3-D image by normalised cross-correlation.

    The same results as :func:`skimage.feature.match_template`: at each position, Pearson's
    correlation coefficient between the template and the image window, in ``[-1, 1]``
    (1: the window is an increasing affine copy of the template).

    Parameters
    ----------
    image : (M, N[, P]) array
        2-D or 3-D input image.
    template : (m, n[, p]) array
        Template to locate; same number of dimensions as `image`, no larger on any axis.
    pad_input : bool
        If True, pad `image` so that the output has the image's shape and the value at
        each pixel is the match with the template centred there (window starting at
        ``i - m // 2``). Otherwise the output has shape ``image.shape - template.shape + 1``
        and index ``i`` is the window starting at ``i``.
    mode : str, optional
        Padding mode for ``pad_input=True`` (:func:`numpy.pad`'s modes).
    constant_values : scalar, optional
        Fill value for ``mode='constant'``.
    workers : int, optional
        Threads for the correlation, as in :func:`convkit.convolve`.

    Returns
    -------
    output : array
        Response image of correlation coefficients, float32 for float16/float32 images,
        float64 otherwise. Windows with zero variance (a flat image patch), and every
        window when the template is constant, give 0.

    Raises
    ------
    ValueError
        If `image` is empty or not 2-D/3-D, if the template has more dimensions than the
        image or is larger on any axis, or has fewer dimensions (scikit-image raises an
        IndexError for that).

    Notes
    -----
    The numerator is a 'valid' :func:`convkit.correlate` of the mean-centred image with
    the zero-mean template (``method='auto'``); the local sums and sums of squares are
    running sums, fused with the division in one pass. scikit-image zeroes positions whose denominator is
    below machine epsilon; convkit does the same and also zeroes windows whose variance is
    below the rounding noise of the running sums, where scikit-image's value is noise.

    Examples
    --------
    >>> import numpy as np
    >>> import convkit
    >>> image = np.zeros((6, 6))
    >>> image[1:4, 2:5] = [[0, 1, 0], [1, 2, 1], [0, 1, 0]]
    >>> r = convkit.match_template(image, image[1:4, 2:5])
    >>> np.unravel_index(np.argmax(r), r.shape)
    (np.int64(1), np.int64(2))
    >>> round(float(r.max()), 6)
    1.0
    """
    image = np.asanyarray(image)
    template = np.asanyarray(template)
    if image.size == 0:
        raise ValueError("The parameter `image` cannot be an empty array")
    if image.ndim not in (2, 3):
        raise ValueError("The parameter `image` must be a 2-or-3-dimensional array")
    if template.ndim < image.ndim:
        raise ValueError("template must have as many dimensions as image")
    if image.ndim < template.ndim:
        raise ValueError("Dimensionality of template must be less than or "
                         "equal to the dimensionality of image.")
    if np.any(np.less(image.shape, template.shape)):
        raise ValueError("Image must be larger than template.")
    if template.size == 0:
        raise ValueError("The parameter `template` cannot be an empty array")
    out_dtype = _float_dtype(image.dtype)
    image = image.astype(out_dtype, copy=False)
    if pad_input:
        pads = [(k // 2, k - 1 - k // 2) for k in template.shape]
        if mode == "constant":
            image = np.pad(image, pads, mode=mode, constant_values=constant_values)
        else:
            image = np.pad(image, pads, mode=mode)
    return _ncc(image, template, out_dtype, workers)


def normalized_correlate(signal: ArrayLike, pattern: ArrayLike, mode: Mode = "valid", *,
                         workers: Workers = None) -> NDArray[np.floating[Any]]:
    """Pearson correlation of a pattern with every window of a 1-D signal.

    ``out[i] = corrcoef(signal[w_i : w_i + m], pattern)``, where ``m = len(pattern)``
    and ``w_i`` is the window start: ``i`` for ``'valid'``, ``i - m // 2`` for
    ``'same'`` and ``i - (m - 1)`` for ``'full'`` (the windows of
    :func:`convkit.correlate` in each mode; samples outside the signal are zero).
    Use it to find a known waveform in a long recording: peaks near 1 mark
    (scaled, offset) copies, near -1 inverted copies.

    Parameters
    ----------
    signal : (N,) array_like
        The signal to search.
    pattern : (m,) array_like
        The pattern; ``m <= N`` for ``mode='valid'``.
    mode : {'valid', 'same', 'full'}, optional
        Which windows to score (see above). Default 'valid'.
    workers : int, optional
        Threads for the correlation, as in :func:`convkit.convolve`.

    Returns
    -------
    out : ndarray
        Coefficients in ``[-1, 1]``, length ``N - m + 1``, ``N`` or ``N + m - 1``;
        float32 for float16/float32 signals, float64 otherwise. A window with zero
        variance (a constant stretch) gives 0, as does every window for a constant
        pattern (as :func:`skimage.feature.match_template` does).

    Examples
    --------
    >>> import numpy as np
    >>> import convkit
    >>> rng = np.random.default_rng(0)
    >>> pattern = np.sin(np.linspace(0, 3 * np.pi, 50))
    >>> x = 0.1 * rng.standard_normal(10_000)
    >>> x[6000:6050] += 3 * pattern + 1
    >>> r = convkit.normalized_correlate(x, pattern)
    >>> int(np.argmax(r)), bool(r.max() > 0.99)
    (6000, True)
    """
    signal = np.asarray(signal)
    pattern = np.asarray(pattern)
    if signal.ndim != 1 or pattern.ndim != 1:
        raise ValueError("signal and pattern must be 1-D")
    if signal.size == 0 or pattern.size == 0:
        raise ValueError("signal and pattern cannot be empty")
    for a in (signal, pattern):
        if a.dtype.kind not in "biuf":
            raise TypeError(f"unsupported dtype {a.dtype} (real numbers only)")
    m = pattern.size
    if mode == "valid":
        if m > signal.size:
            raise ValueError("pattern must not be longer than signal in 'valid' mode")
        pads = (0, 0)
    elif mode == "same":
        pads = (m // 2, m - 1 - m // 2)
    elif mode == "full":
        pads = (m - 1, m - 1)
    else:
        raise ValueError("mode must be 'valid', 'same' or 'full'")
    out_dtype = _float_dtype(signal.dtype)
    x = signal.astype(out_dtype, copy=False)
    if pads != (0, 0):
        x = np.pad(x, [pads])
    return _ncc(x, pattern, out_dtype, workers)
