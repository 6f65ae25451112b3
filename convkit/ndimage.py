"""scipy.ndimage's linear filters, computed by convkit's engines.

``convkit.ndimage.convolve``, ``correlate``, ``convolve1d``, ``correlate1d``,
``uniform_filter``, ``uniform_filter1d``, ``gaussian_filter`` and
``gaussian_filter1d`` take scipy.ndimage's arguments and return its results:
the same shape and output dtype, the same boundary modes, origins, axes and
exceptions.

How (the machinery lives in private modules: :mod:`convkit._ndimage_passes` the computing
roads, ``_ndimage_lines`` their short road, ``_ndimage_padding`` boundary extension and
scratch buffers, ``_ndimage_args`` scipy's argument rules, ``_ndimage_gaussian`` the Gaussian
weights). A call with ``output=None`` on a C-ordered native image whose passes are all FIR or
box passes (or one small 2-D/3-D kernel) first tries the short road, which runs the same
kernels from plans memoised per shape and arguments (a 32x32 call costs about 5 us instead of
13-27 us); anything else, and every error, goes the general road described next. A kernel long on one
axis only (``correlate1d``, ``convolve1d``, each 1-D pass of the separable filters) up to
``_FIR_MAX_TAPS`` taps (fewer on the last axis) runs as a compiled FIR pass
(:func:`convkit._running.fir_planes` / ``fir_rows``): the boundary is read through an index map
of the outside samples (each mode is one), with no padded copy. Box passes are ndimage's
float64 running sums (``convkit._running.mean_planes`` / ``mean_rows``), except short ones
along the last axis; small-integer box filters into their own dtype run every pass as running
sums with the cast in the kernels' store (2-D int8/uint8 images both passes in one sweep of
exact integer sums, ``box_2d_int``). 2-D images up to 512² (1024² with short kernels) and
small 3-D volumes take one compiled loop (``fir_2d``/``fir_3d``). While these kernels are not compiled yet (a fresh
environment) a call runs their numpy repetitions, which give the same bits, and a background
process compiles them (:mod:`convkit._ndimage_cold`). Everything else is
padded once and correlated ('valid') through :func:`convkit.correlate` with
``method='auto'``, so short kernels run on the direct engine and long ones on the FFT or
overlap-save engine; ``constant`` with ``cval=0`` uses the engines' own zero extension. A
pass along a leading axis that reaches the engines is a 2-D call with a ``(K, 3)`` kernel
whose side columns are zero (see ``_ndimage_passes._axis_pass``), because convkit's direct engine runs
``(K, 1)`` kernels column by column, 3-7x slower.

Rules kept from scipy.ndimage (1.17):

* The output defaults to the input's dtype. Integer outputs are scipy's C cast of a
  float64 value: truncation toward zero, and out-of-range values wrap as numpy's
  ``astype`` does on the same machine (``-1.5`` gives ``255`` in uint8). A bool output
  is the cast to a byte, nonzero -> True (``0.5`` gives False, as in scipy).
  Separable filters cast after every pass, as scipy writes each pass into the output.
* Integer rounding rule: integer inputs with integer-valued weights (box sums, Sobel,
  Laplacian ...) and ``uniform_filter`` sums are exact (float32/float64 on the direct
  engine while ``4 * taps * eps * max|x| * sum|w| < 1/2``, then rounded; int64 beyond),
  so those integer outputs equal scipy's. With fractional weights (a Gaussian) the
  float64 sum is multiplied by ``1 + 1e-12`` (away from zero) and then truncated: a sum
  within ``1e-12`` (relative) short of an integer counts as that integer, free of
  summation-order noise. scipy truncates its own loop's float64 sum, so where the exact
  value is an integer scipy may return one less (``correlate1d(uint8 [7, 7, 7], [1/3] * 3)``:
  scipy 6, convkit 7; a flat uint8 region of 3 under ``gaussian_filter1d(sigma=0.5)``: scipy 2).
* Passes along an axis of length 1 (every line one sample and its extension) run
  scipy's own float64 loop (:mod:`convkit._ndimage_unit`), unsnapped: their values are
  scipy's bit for bit, integer outputs included (a uint8 ``(1, 1)`` Gaussian may lose one
  per pass, as in scipy; an odd Gaussian derivative there is exactly 0).
* Float outputs: float32 inputs with a float32 output are computed in
  float32 (scipy computes in float64 and rounds); others in float64. Results
  agree within convkit's tolerance rule (relative L2 1e-5 for float32,
  1e-12 for float64).
* Complex inputs or weights are computed by real components like scipy
  (``correlate`` conjugates complex weights; ``convolve`` does not).
* dtypes convkit has no engine for (float16, long double, object ...) are
  handed to scipy.ndimage, which raises its own error for them.

Differences:

* A zero weight times an infinite sample gives NaN here (scipy skips zero weights in its
  N-d loop).
* ``correlate``/``convolve`` in 'reflect' ('grid-mirror') with a kernel longer than twice
  an axis: scipy's N-d filter offsets fold the outside positions ``-2 * n * m`` (``m >= 2``)
  of an axis of length ``n >= 2`` to -1 and read ``cval`` there (its ``correlate1d``
  reflects them); convkit reflects, as ``correlate1d`` does.
* 64-bit integer images past 2**53: scipy's float64 sums round the samples; convkit's sums
  are exact or float64 in another order, so values agree within float64's rounding of the
  sums, not bit for bit (the snap's nudge stops growing at ``2**-7``, see
  ``_ndimage_passes._SNAP_LIMIT``).
* Uniform filters on non-finite data (open, issue #17): scipy's running sum carries a NaN (or
  ``inf - inf``) along the rest of the line. convkit's running-sum passes do the same, but a
  short box along the last axis (a FIR pass) puts NaN/inf only in the windows that hold it
  (``uniform_filter1d`` of ``[1, 1, 1, nan, 1, 1, 1, 1]``, size 3: scipy NaN from index 2 on,
  convkit at 2-4 only).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import _ndimage_cold as _cold
from . import _ndimage_lines as _lines
from ._ndimage_args import (
    _check_axes,
    _complex_via_real_components,
    _engine_output,
    _get_output,
    _invalid_origin,
    _mode,
    _native,
    _normalize_axis,
    _normalize_sequence,
    _store,
)
from ._ndimage_gaussian import _gaussian_weights
from ._ndimage_passes import _correlate_real, _separable
from ._typing import Axes, FloatOrSeq, IntOrSeq, NdMode, NdModes, Output, Scalar, Workers
from ._workers import get_workers

__all__ = [
    "convolve",
    "convolve1d",
    "correlate",
    "correlate1d",
    "gaussian_filter",
    "gaussian_filter1d",
    "uniform_filter",
    "uniform_filter1d",
]


def _with_workers(func: Callable[..., NDArray[Any]]) -> Callable[..., NDArray[Any]]:
    """Document convkit's keyword-only ``workers=`` (thread count, scipy.fft's meaning; ``None``
    keeps the default, :func:`convkit.set_workers`), which each function takes in its own
    signature and hands to :func:`_workers_context`. No wrapper: a wrapper layer cost 0.2 us
    of a 3-4 us small call."""
    func.__doc__ = (func.__doc__ or "") + _WORKERS_DOC
    return func


def _workers_context(workers):
    """The context to run a call with ``workers`` in, or None where it is the default already."""
    # the common explicit value, the default itself (a plain positive int): no validation,
    # no context (resolve_workers cost 3-5 us of a 10 us call)
    if type(workers) is int and workers > 0 and workers == get_workers():
        return None
    from ._workers import resolve_workers, set_workers

    if resolve_workers(workers) == get_workers():   # (validated) no context to enter: ~5 us
        return None
    return set_workers(workers)


_WORKERS_DOC = """
    Also accepts ``workers=`` (keyword only): threads for convkit's engines, as in
    :func:`convkit.convolve`; default :func:`convkit.get_workers`.
"""


def _scipy(name):
    """The real scipy.ndimage function, for dtypes convkit has no engine for.

    Through ``convkit._patch.original``, so that the call reaches scipy's own
    function even while :func:`convkit.patch_scipy` routes scipy.ndimage's
    names here (scipy.ndimage is imported only now: its import costs far
    more than convkit's import budget).
    """
    from ._patch import original

    return original(name, "scipy.ndimage")


# ---------------------------------------------------------------- 1-D

@_with_workers
def correlate1d(input: ArrayLike, weights: ArrayLike, axis: int = -1, output: Output = None, mode: NdMode = "reflect",
                cval: Scalar = 0.0, origin: int = 0, *, workers: Workers = None) -> NDArray[Any]:
    """Calculate a 1-D correlation along the given axis (scipy.ndimage.correlate1d).

    The lines of the array along the given axis are correlated with the given
    weights; ``output[i] = sum_j weights[j] * ext[i + j - len(weights) // 2 - origin]``
    where ``ext`` is the input extended by ``mode``.

    Parameters
    ----------
    input : array_like
        The input array.
    weights : array_like
        1-D sequence of numbers.
    axis : int, optional
        The axis of `input` along which to calculate. Default is -1.
    output : array or dtype, optional
        The array in which to place the output, or the dtype of the returned array.
        By default an array of the same dtype as input is created.
    mode : {'reflect', 'constant', 'nearest', 'mirror', 'wrap', 'grid-mirror', 'grid-constant', 'grid-wrap'}, optional
        How the input is extended beyond its boundaries (scipy.ndimage's meaning).
    cval : scalar, optional
        Value to fill past edges of input if `mode` is 'constant'. Default is 0.0.
    origin : int, optional
        Shifts the filter; 0 centres it. Must satisfy
        ``-(len(weights) // 2) <= origin <= (len(weights) - 1) // 2``.

    Returns
    -------
    output : ndarray
        The result, of the input's dtype unless `output` says otherwise.

    Examples
    --------
    >>> import numpy as np
    >>> from convkit.ndimage import correlate1d
    >>> correlate1d([2, 8, 0, 4, 1, 9, 9, 0], weights=[1, 3])
    array([ 8, 26,  8, 12,  7, 28, 36,  9])
    """
    if workers is not None:
        context = _workers_context(workers)
        if context is not None:
            with context:
                return correlate1d(input, weights, axis, output, mode, cval, origin)
    input = np.asarray(input)
    if input.dtype.char not in _cold._warm or _cold._k is not None:
        _cold.begin(input)   # numpy kernels while the compiled ones compile
    weights = np.asarray(weights)
    if output is None:
        result = _lines.correlate1d(input, weights, axis, mode, cval, origin)
        if result is not None:
            return result
    if not _native(input) or (weights.dtype.kind not in "biufc"):
        return _scipy("correlate1d")(input, weights, axis, output, mode, cval, origin)
    if input.dtype.kind == "c" or weights.dtype.kind == "c":
        if weights.dtype.kind == "c":
            weights = weights.conj().astype(np.complex128, copy=False)
        out = _get_output(output, input, complex_output=True)
        if not _native(out):
            return _scipy("correlate1d")(input, weights.conj() if weights.dtype.kind == "c" else weights,
                                         axis, output, mode, cval, origin)
        return _complex_via_real_components(correlate1d, input, weights, out, cval,
                                            axis=axis, mode=mode, origin=origin)
    out = _get_output(output, input)
    weights = np.asarray(weights, dtype=np.float64)
    if weights.ndim != 1 or weights.shape[0] < 1:
        raise RuntimeError("no filter weights given")
    axis = _normalize_axis(axis, input.ndim)
    if _invalid_origin(origin, len(weights)):
        raise ValueError("Invalid origin; origin must satisfy "
                         "-(len(weights) // 2) <= origin <= "
                         "(len(weights)-1) // 2")
    m = _mode(mode)
    if not _engine_output(out, input):
        return _scipy("correlate1d")(input, weights, axis, out, mode, cval, origin)
    k = len(weights)
    left = k // 2 + int(origin)
    pads = [(0, 0)] * input.ndim
    pads[axis] = (left, k - 1 - left)
    shape = [1] * input.ndim
    shape[axis] = k
    result = _correlate_real(input, weights.reshape(shape), pads, [m] * input.ndim, cval, out.dtype)
    return _store(result, out)


@_with_workers
def convolve1d(input: ArrayLike, weights: ArrayLike, axis: int = -1, output: Output = None, mode: NdMode = "reflect",
               cval: Scalar = 0.0, origin: int = 0, *, workers: Workers = None) -> NDArray[Any]:
    """Calculate a 1-D convolution along the given axis (scipy.ndimage.convolve1d).

    The same as :func:`correlate1d` with the weights reversed and the origin
    negated (and moved one sample left for an even number of weights), which is
    scipy.ndimage's definition. Parameters as :func:`correlate1d`.

    Examples
    --------
    >>> from convkit.ndimage import convolve1d
    >>> convolve1d([2, 8, 0, 4, 1, 9, 9, 0], weights=[1, 3])
    array([14, 24,  4, 13, 12, 36, 27,  0])
    """
    if workers is not None:
        context = _workers_context(workers)
        if context is not None:
            with context:
                return convolve1d(input, weights, axis, output, mode, cval, origin)
    weights = np.asarray(weights)
    # reversed into a copy: the short road keys and reads contiguous weights, and a reversed view
    # cost it more than the copy (a 1-sample uint8 convolve1d 4.55 -> 4.2 us, ndimage's 4.4 us)
    weights = weights[::-1].copy() if weights.ndim == 1 else weights[::-1]
    origin = -origin
    if weights.ndim >= 1 and not weights.shape[0] & 1:
        origin -= 1
    if weights.dtype.kind == "c":
        weights = weights.conj()
    return correlate1d(input, weights, axis, output, mode, cval, origin)


# ---------------------------------------------------------------- N-d

def _correlate_or_convolve(input, weights, output, mode, cval, origin, convolution, axes):
    input = np.asarray(input)
    if input.dtype.char not in _cold._warm or _cold._k is not None:
        _cold.begin(input)   # numpy kernels while the compiled ones compile
    weights = np.asarray(weights)
    if output is None and axes is None:
        result = _lines.correlate(input, weights, mode, cval, origin, convolution)
        if result is not None:
            return result
    name = "convolve" if convolution else "correlate"
    if not _native(input) or weights.dtype.kind not in "biufc":
        return _scipy(name)(input, weights, output, mode, cval, origin, axes=axes)
    if input.dtype.kind == "c" or weights.dtype.kind == "c":
        if weights.dtype.kind == "c" and not convolution:
            weights = weights.conj()
        out = _get_output(output, input, complex_output=True)
        return _complex_via_real_components(_correlate_or_convolve, input, weights, out, cval,
                                            mode=mode, origin=origin, convolution=convolution, axes=axes)
    axes = _check_axes(axes, input.ndim)
    weights = np.asarray(weights, dtype=np.float64)
    if len(axes) < input.ndim:
        if weights.ndim != len(axes):
            raise RuntimeError(f"weights.ndim ({weights.ndim}) must match len(axes) ({len(axes)})")
        weights = np.expand_dims(weights, tuple(ax for ax in range(input.ndim) if ax not in axes))
    origins = _normalize_sequence(origin, len(axes))
    if len(axes) < input.ndim:
        full = [0] * input.ndim
        for o, ax in zip(origins, axes):
            full[ax] = o
        origins = full
    wshape = [ii for ii in weights.shape if ii > 0]
    if len(wshape) != input.ndim:
        raise RuntimeError(f"weights.ndim ({len(wshape)}) must match len(axes) ({len(axes)})")
    if convolution:
        weights = weights[tuple([slice(None, None, -1)] * weights.ndim)]
        for ii in range(len(origins)):
            origins[ii] = -origins[ii]
            if not weights.shape[ii] & 1:
                origins[ii] -= 1
    for o, lenw in zip(origins, wshape):
        if _invalid_origin(o, lenw):
            raise ValueError("Invalid origin; origin must satisfy "
                             "-(weights.shape[k] // 2) <= origin[k] <= "
                             "(weights.shape[k]-1) // 2")
    out = _get_output(output, input)
    if not isinstance(mode, str) and isinstance(mode, Iterable):
        raise RuntimeError("A sequence of modes is not supported")
    m = _mode(mode)
    if not _engine_output(out, input):
        return _scipy("correlate")(input, weights, out, mode, cval, origins)
    pads = [(k // 2 + int(o), k - 1 - (k // 2 + int(o))) for k, o in zip(weights.shape, origins)]
    result = _correlate_real(input, np.ascontiguousarray(weights), pads, [m] * input.ndim, cval, out.dtype,
                             nd=True)
    return _store(result, out)


@_with_workers
def correlate(input: ArrayLike, weights: ArrayLike, output: Output = None, mode: NdMode = "reflect",
              cval: Scalar = 0.0, origin: IntOrSeq = 0, *, axes: Axes = None,
              workers: Workers = None) -> NDArray[Any]:
    """Multidimensional correlation (scipy.ndimage.correlate).

    ``output[i] = sum_j weights[j] * ext[i + j - shape(weights) // 2 - origin]`` over
    every axis, with the input extended by `mode`.

    Parameters
    ----------
    input : array_like
        The input array.
    weights : ndarray
        Array of weights, same number of dimensions as input (or as ``len(axes)``).
    output : array or dtype, optional
        The array in which to place the output, or the dtype of the returned array.
    mode : {'reflect', 'constant', 'nearest', 'mirror', 'wrap', 'grid-mirror', 'grid-constant', 'grid-wrap'}, optional
        How the input is extended beyond its boundaries. Default 'reflect'.
    cval : scalar, optional
        Fill value for 'constant'. Default 0.0.
    origin : int or sequence, optional
        Placement of the filter, per axis or one for all. Default 0.
    axes : tuple of int or None, optional
        The axes to filter over; `weights` then has ``len(axes)`` dimensions.

    Returns
    -------
    result : ndarray
        The correlation of `input` with `weights`.

    Examples
    --------
    >>> import numpy as np
    >>> from convkit.ndimage import correlate
    >>> correlate(np.arange(25).reshape(5, 5), np.ones((3, 3)), mode="constant")[1]
    array([33, 54, 63, 72, 51])
    """
    if workers is not None:
        context = _workers_context(workers)
        if context is not None:
            with context:
                return correlate(input, weights, output, mode, cval, origin, axes=axes)
    return _correlate_or_convolve(input, weights, output, mode, cval, origin, False, axes)


@_with_workers
def convolve(input: ArrayLike, weights: ArrayLike, output: Output = None, mode: NdMode = "reflect",
             cval: Scalar = 0.0, origin: IntOrSeq = 0, *, axes: Axes = None,
             workers: Workers = None) -> NDArray[Any]:
    """Multidimensional convolution (scipy.ndimage.convolve).

    :func:`correlate` with the weights flipped on every axis and each origin
    negated (and moved by one for an even kernel length), as scipy.ndimage
    defines it. Parameters as :func:`correlate`.

    Examples
    --------
    >>> import numpy as np
    >>> from convkit.ndimage import convolve
    >>> a = np.array([[1, 2, 0, 0], [5, 3, 0, 4], [0, 0, 0, 7], [9, 3, 0, 0]])
    >>> convolve(a, np.array([[1, 1, 1], [1, 1, 0], [1, 0, 0]]), mode="constant")
    array([[11, 10,  7,  4],
           [10,  3, 11, 11],
           [15, 12, 14,  7],
           [12,  3,  7,  0]])
    """
    if workers is not None:
        context = _workers_context(workers)
        if context is not None:
            with context:
                return convolve(input, weights, output, mode, cval, origin, axes=axes)
    return _correlate_or_convolve(input, weights, output, mode, cval, origin, True, axes)


# ---------------------------------------------------------------- separable filters

@_with_workers
def uniform_filter1d(input: ArrayLike, size: int, axis: int = -1, output: Output = None, mode: NdMode = "reflect",
                     cval: Scalar = 0.0, origin: int = 0, *, workers: Workers = None) -> NDArray[Any]:
    """Calculate a 1-D uniform (moving-average) filter along the given axis (scipy.ndimage.uniform_filter1d).

    Parameters
    ----------
    input : array_like
        The input array.
    size : int
        Length of the uniform filter.
    axis : int, optional
        The axis along which to filter. Default -1.
    output : array or dtype, optional
        The array in which to place the output, or the dtype of the returned array.
    mode : str, optional
        Boundary mode, as in :func:`correlate1d`. Default 'reflect'.
    cval : scalar, optional
        Fill value for 'constant'.
    origin : int, optional
        Placement of the filter; ``0 <= size // 2 + origin < size``.

    Returns
    -------
    result : ndarray

    Examples
    --------
    >>> from convkit.ndimage import uniform_filter1d
    >>> uniform_filter1d([2, 8, 0, 4, 1, 9, 9, 0], size=3)
    array([4, 3, 4, 1, 4, 6, 6, 3])
    """
    if workers is not None:
        context = _workers_context(workers)
        if context is not None:
            with context:
                return uniform_filter1d(input, size, axis, output, mode, cval, origin)
    input = np.asarray(input)
    if input.dtype.char not in _cold._warm or _cold._k is not None:
        _cold.begin(input)   # numpy kernels while the compiled ones compile
    if output is None:
        result = _lines.uniform_filter(input, size, axis, mode, cval, origin)
        if result is not None:
            return result
    if not _native(input):
        return _scipy("uniform_filter1d")(input, size, axis, output, mode, cval, origin)
    axis = _normalize_axis(axis, input.ndim)
    if size < 1:
        raise RuntimeError("incorrect filter size")
    complex_output = input.dtype.kind == "c"
    out = _get_output(output, input, complex_output=complex_output)
    if (size // 2 + origin < 0) or (size // 2 + origin >= size):
        raise ValueError("invalid origin")
    m = _mode(mode)
    if not _engine_output(out, input):
        return _scipy("uniform_filter1d")(input, size, axis, out, mode, cval, origin)
    size = int(size)
    w = np.full(size, 1.0 / size)
    if complex_output:
        _separable(input.real, [(axis, w, origin, m)], out.real, np.real(cval), "uniform_filter1d", "uniform")
        _separable(input.imag, [(axis, w, origin, m)], out.imag, np.imag(cval), "uniform_filter1d", "uniform")
        return out
    return _separable(input, [(axis, w, origin, m)], out, cval, "uniform_filter1d", "uniform")


@_with_workers
def uniform_filter(input: ArrayLike, size: IntOrSeq = 3, output: Output = None, mode: NdModes = "reflect",
                   cval: Scalar = 0.0, origin: IntOrSeq = 0, *, axes: Axes = None,
                   workers: Workers = None) -> NDArray[Any]:
    """Multidimensional uniform (box) filter (scipy.ndimage.uniform_filter).

    A sequence of 1-D uniform filters along each axis (axes with size 1 are skipped).

    Parameters
    ----------
    input : array_like
        The input array.
    size : int or sequence of ints, optional
        Box size, per filtered axis or one for all. Default 3.
    output : array or dtype, optional
        The array in which to place the output, or the dtype of the returned array.
    mode : str or sequence, optional
        Boundary mode, per axis or one for all. Default 'reflect'.
    cval : scalar, optional
        Fill value for 'constant'.
    origin : int or sequence, optional
        Placement of the filter per axis.
    axes : tuple of int or None, optional
        Axes to filter; default all.

    Returns
    -------
    uniform_filter : ndarray

    Examples
    --------
    >>> import numpy as np
    >>> from convkit.ndimage import uniform_filter
    >>> uniform_filter(np.eye(4), size=2)
    array([[1.  , 0.5 , 0.  , 0.  ],
           [0.5 , 0.5 , 0.25, 0.  ],
           [0.  , 0.25, 0.5 , 0.25],
           [0.  , 0.  , 0.25, 0.5 ]])
    """
    if workers is not None:
        context = _workers_context(workers)
        if context is not None:
            with context:
                return uniform_filter(input, size, output, mode, cval, origin, axes=axes)
    input = np.asarray(input)
    if input.dtype.char not in _cold._warm or _cold._k is not None:
        _cold.begin(input)   # numpy kernels while the compiled ones compile
    if output is None and (axes is None or isinstance(axes, tuple | list)):
        result = _lines.uniform_filter(input, size, axes, mode, cval, origin)
        if result is not None:
            return result
    if not _native(input):
        return _scipy("uniform_filter")(input, size, output, mode, cval, origin, axes=axes)
    complex_output = input.dtype.kind == "c"
    out = _get_output(output, input, complex_output=complex_output)
    axes = _check_axes(axes, input.ndim)
    n = len(axes)
    sizes = _normalize_sequence(size, n)
    origins = _normalize_sequence(origin, n)
    modes = _normalize_sequence(mode, n)
    todo = [(axes[i], sizes[i], origins[i], modes[i]) for i in range(n) if sizes[i] > 1]
    if not todo:
        out[...] = input[...]
        return out
    if not _engine_output(out, input):   # before any mode is checked: scipy fails in its first pass
        return _scipy("uniform_filter")(input, size, out, mode, cval, origin, axes=axes)
    passes = []
    for axis, sz, org, md in todo:
        sz = int(sz)
        _normalize_axis(axis, input.ndim)
        if sz // 2 + org < 0 or sz // 2 + org >= sz:
            raise ValueError("invalid origin")
        passes.append((axis, np.full(sz, 1.0 / sz), org, _mode(md)))
    if not _native(out):
        return _scipy("uniform_filter")(input, size, out, mode, cval, origin, axes=axes)
    if complex_output:
        _separable(input.real, passes, out.real, np.real(cval), "uniform_filter", "uniform")
        _separable(input.imag, passes, out.imag, np.imag(cval), "uniform_filter", "uniform")
        return out
    return _separable(input, passes, out, cval, "uniform_filter", "uniform")


@_with_workers
def gaussian_filter1d(input: ArrayLike, sigma: float, axis: int = -1, order: int = 0, output: Output = None,
                      mode: NdMode = "reflect", cval: Scalar = 0.0, truncate: float = 4.0, *,
                      radius: int | None = None, workers: Workers = None) -> NDArray[Any]:
    """1-D Gaussian filter (scipy.ndimage.gaussian_filter1d).

    Parameters
    ----------
    input : array_like
        The input array.
    sigma : scalar
        Standard deviation of the Gaussian kernel.
    axis : int, optional
        The axis along which to filter. Default -1.
    order : int, optional
        0 smooths; a positive order correlates with that derivative of the Gaussian.
    output : array or dtype, optional
        The array in which to place the output, or the dtype of the returned array.
    mode : str, optional
        Boundary mode, as in :func:`correlate1d`. Default 'reflect'.
    cval : scalar, optional
        Fill value for 'constant'.
    truncate : float, optional
        Truncate the filter at this many standard deviations. Default 4.0.
    radius : None or int, optional
        Radius of the kernel; overrides `truncate` when given (kernel length ``2*radius+1``).

    Returns
    -------
    gaussian_filter1d : ndarray

    Examples
    --------
    >>> from convkit.ndimage import gaussian_filter1d
    >>> gaussian_filter1d([1.0, 2.0, 3.0, 4.0, 5.0], 1)
    array([1.42704095, 2.06782203, 3.        , 3.93217797, 4.57295905])
    """
    if workers is not None:
        context = _workers_context(workers)
        if context is not None:
            with context:
                return gaussian_filter1d(input, sigma, axis, order, output, mode, cval, truncate, radius=radius)
    input = np.asarray(input)
    if input.dtype.char not in _cold._warm or _cold._k is not None:
        _cold.begin(input)   # numpy kernels while the compiled ones compile
    w = _gaussian_weights(sigma, order, truncate, radius)
    if output is None:
        result = _lines.correlate1d(input, w, axis, mode, cval, 0)
        if result is not None:
            return result
    if not _native(input):
        return _scipy("correlate1d")(input, w, axis, output, mode, cval, 0)
    if input.dtype.kind == "c":
        return correlate1d(input, w, axis, output, mode, cval, 0)
    out = _get_output(output, input)
    axis = _normalize_axis(axis, input.ndim)
    m = _mode(mode)
    if not _engine_output(out, input):
        return _scipy("correlate1d")(input, w, axis, out, mode, cval, 0)
    return _separable(input, [(axis, w, 0, m)], out, cval, "gaussian_filter1d", "gaussian")


@_with_workers
def gaussian_filter(input: ArrayLike, sigma: FloatOrSeq, order: IntOrSeq = 0, output: Output = None,
                    mode: NdModes = "reflect", cval: Scalar = 0.0, truncate: float = 4.0, *,
                    radius: IntOrSeq | None = None, axes: Axes = None,
                    workers: Workers = None) -> NDArray[Any]:
    """Multidimensional Gaussian filter (scipy.ndimage.gaussian_filter).

    A sequence of 1-D Gaussian filters along each axis (axes with ``sigma <= 1e-15``
    are skipped).

    Parameters
    ----------
    input : array_like
        The input array.
    sigma : scalar or sequence of scalars
        Standard deviation per filtered axis, or one for all.
    order : int or sequence of ints, optional
        Derivative order per axis (0 smooths).
    output : array or dtype, optional
        The array in which to place the output, or the dtype of the returned array.
    mode : str or sequence, optional
        Boundary mode, per axis or one for all. Default 'reflect'.
    cval : scalar, optional
        Fill value for 'constant'.
    truncate : float, optional
        Truncate the filter at this many standard deviations. Default 4.0.
    radius : None, int or sequence of ints, optional
        Kernel radius per axis; overrides `truncate`.
    axes : tuple of int or None, optional
        Axes to filter; default all.

    Returns
    -------
    gaussian_filter : ndarray

    Examples
    --------
    >>> import numpy as np
    >>> from convkit.ndimage import gaussian_filter
    >>> gaussian_filter(np.arange(50, step=2).reshape((5, 5)), sigma=1)
    array([[ 4,  6,  8,  9, 11],
           [10, 12, 14, 15, 17],
           [20, 22, 24, 25, 27],
           [29, 31, 33, 34, 36],
           [35, 37, 39, 40, 42]])
    """
    if workers is not None:
        context = _workers_context(workers)
        if context is not None:
            with context:
                return gaussian_filter(input, sigma, order, output, mode, cval, truncate, radius=radius, axes=axes)
    input = np.asarray(input)
    if input.dtype.char not in _cold._warm or _cold._k is not None:
        _cold.begin(input)   # numpy kernels while the compiled ones compile
    if output is None and (axes is None or isinstance(axes, tuple | list)):
        result = _lines.gaussian_filter(input, sigma, order, mode, cval, truncate, radius, axes)
        if result is not None:
            return result
    if not _native(input):
        return _scipy("gaussian_filter")(input, sigma, order, output, mode, cval, truncate,
                                         radius=radius, axes=axes)
    out = _get_output(output, input)
    axes = _check_axes(axes, input.ndim)
    n = len(axes)
    orders = _normalize_sequence(order, n)
    sigmas = _normalize_sequence(sigma, n)
    modes = _normalize_sequence(mode, n)
    radii = _normalize_sequence(radius, n)
    todo = [(axes[i], sigmas[i], orders[i], modes[i], radii[i]) for i in range(n) if sigmas[i] > 1e-15]
    if not todo:
        out[...] = input[...]
        return out
    if not _engine_output(out, input) or (input.dtype.kind == "c" and out.dtype.kind != "c"):
        # before any mode is checked: scipy fails in its first pass (a real output of a complex
        # input: "output must have complex dtype"; scipy writes each complex pass into it)
        return _scipy("gaussian_filter")(input, sigma, order, out, mode, cval, truncate,
                                         radius=radius, axes=axes)
    passes = []
    for axis, sd, od, md, rd in todo:
        w = _gaussian_weights(sd, od, truncate, rd)
        passes.append((_normalize_axis(axis, input.ndim), w, 0, _mode(md)))
    if not _native(out):
        return _scipy("gaussian_filter")(input, sigma, order, out, mode, cval, truncate,
                                         radius=radius, axes=axes)
    if input.dtype.kind == "c":
        _separable(input.real, passes, out.real, np.real(cval), "gaussian_filter", "gaussian")
        _separable(input.imag, passes, out.imag, np.imag(cval), "gaussian_filter", "gaussian")
        return out
    if np.iscomplexobj(cval):
        raise ValueError("Cannot provide a complex-valued cval when the input is real.")
    return _separable(input, passes, out, cval, "gaussian_filter", "gaussian")
