"""Convolution engines.

Every engine module exposes one entry point with the same contract::

    convolve(a, b, axes, shape, start, *, workers=1) -> numpy.ndarray

``a`` and ``b``
    Operands of equal ``ndim`` and equal dtype, already promoted by
    ``problem.normalize``: native byte order, any strides (negative, zero,
    Fortran order and read-only views included). They are never written to.
    ``direct`` accepts float32, float64, complex64, complex128, int64 and
    uint64 (integers use exact modular arithmetic, as numpy's integer
    multiply-add does); ``fft`` and ``overlap`` accept the four float and
    complex dtypes only.
``axes``
    Sorted tuple of the convolution axes. On every other axis ("batch"
    axes) ``a.shape[i]`` and ``b.shape[i]`` are each either ``shape[i]`` or 1
    (1 broadcasts), and ``start[i] == 0``.
``shape``, ``start``
    On a convolution axis the full convolution has length
    ``a.shape[i] + b.shape[i] - 1``; the engine returns only the indices
    ``start[i] .. start[i] + shape[i] - 1`` of it (``shape[i] >= 1``).

The result is a fresh C-contiguous array of dtype ``a.dtype`` and shape
``shape`` holding ``out[o] = sum_j a[o + start - j] * b[j]`` (terms with an
index outside ``a`` are zero). Either operand may be the larger one; the
engine decides internally which one to slide. Nothing here validates user
input: that is ``problem.py``'s job.
"""
