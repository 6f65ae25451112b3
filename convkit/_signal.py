"""scipy.signal's convolution family with scipy's signatures and results, computed by convkit's engines.

Each function is a few lines: ``problem.normalize_*`` checks the call,
``_execute`` asks ``dispatch`` for the engine, runs it on exactly the kept
region and casts to scipy's output dtype with ``problem.finish``.
"""

from __future__ import annotations

import time
import warnings
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import _dispatch, _execute
from ._problem import (
    Immediate,
    Problem,
    _is_native,
    _scipy,
    check_2d_method,
    normalize_2d,
    normalize_convolve,
    normalize_freq,
)
from ._typing import Axes, Boundary, Method, Mode, Scalar, Workers

# module globals: one look-up fewer per call than attributes (the tiny path's checks)
_ndarray = np.ndarray
_PLANS, _WHOLE, _WHOLE_SWAPPED, _WINDOW_SWAPPED, _WHOLE_ONE = (
    _execute._PLANS, _execute.WHOLE, _execute.WHOLE_SWAPPED, _execute.WINDOW_SWAPPED, _execute.WHOLE_ONE)
_correlate = _execute._correlate

__all__ = [
    "convolve", "correlate", "fftconvolve", "oaconvolve", "convolve2d", "correlate2d",
    "choose_conv_method", "choose_method",
]


def _compute(problem: Problem | Immediate, method: str):
    if isinstance(problem, Immediate):
        return problem.value
    return _execute.compute(problem, method)


def _compute_convolve(problem: Problem | Immediate, method: str):
    out = _compute(problem, method)
    if method == "fft" and isinstance(problem, Problem) and out.dtype.kind in "fc" and out.size:
        # scipy.signal.convolve(method='fft') warns when out[0] is not finite (scipy #15927).
        if not np.isfinite(out.flat[0]):
            warnings.warn("Use of fft convolution on input with NAN or inf results in NAN or inf output. "
                          "Consider using method='direct' instead.", category=RuntimeWarning, stacklevel=3)
    return out


def convolve(in1: ArrayLike, in2: ArrayLike, mode: Mode = "full", method: Method = "auto", *,
             workers: Workers = None) -> NDArray[Any]:
    """Convolve two N-dimensional arrays.

    Same contract as :func:`scipy.signal.convolve`: ``in1`` and ``in2`` must
    have the same number of dimensions and the result has dtype
    ``numpy.result_type(in1, in2)`` (integers and booleans exact).

    Parameters
    ----------
    in1 : array_like
        First input.
    in2 : array_like
        Second input, with as many dimensions as ``in1``.
    mode : {'full', 'valid', 'same'}, optional
        'full' returns the whole linear convolution; 'valid' only the
        outputs that do not rely on zero padding (one input must be at least
        as large as the other in every dimension); 'same' has ``in1``'s
        shape, centred on the 'full' output.
    method : {'auto', 'direct', 'fft', 'oa'}, optional
        'direct' sums products (Numba loops), 'fft' multiplies spectra
        (pyFFTW), 'oa' convolves FFT blocks by overlap-save; 'auto' (default) picks the
        fastest with this machine's cost model (see :func:`choose_method`).
        Integer results that an FFT could not reproduce exactly are always
        computed directly.
    workers : int, optional
        Threads to use; ``None`` takes the default set by
        :func:`convkit.set_workers` (1), negative values count back from
        the number of cores.

    Returns
    -------
    ndarray
        The convolution of ``in1`` with ``in2`` (a 0-d result for 0-d inputs).

    Raises
    ------
    ValueError
        On mismatched dimensions, an unknown mode or method, empty inputs, or
        'valid' mode when neither input contains the other.

    See Also
    --------
    correlate, fftconvolve, oaconvolve, choose_method

    Examples
    --------
    >>> import numpy as np, convkit
    >>> convkit.convolve([1, 2, 3], [0, 1, 0.5])
    array([0. , 1. , 2.5, 4. , 1.5])
    >>> convkit.convolve([3, 4, 5], [1, 2, 3, 4], mode='same')
    array([10, 22, 34])
    """
    if type(in1) is _ndarray and type(in2) is _ndarray and (workers is None or type(workers) is int and workers > 0):
        # the tiny path (convkit._execute.tiny), its commonest calls in this frame: a call layer
        # costs about as much as numpy.convolve's whole wrapper adds to numpy's loop (0.15 us)
        try:
            plan = _PLANS[in1.shape, in2.shape, in1.dtype, in2.dtype, mode, method]
        except (KeyError, TypeError):
            plan = _execute.tiny_plan(in1, in2, mode, method)
        if plan is not None:
            route = plan[0]
            if route is _WHOLE:  # plan[2]: the kernel's reversal (_execute.reversal)
                return _correlate(in1, in2[plan[2]], plan[1])
            if route is _WHOLE_SWAPPED:
                return _correlate(in2, in1[plan[2]], plan[1])
            if route is _WINDOW_SWAPPED:
                return _correlate(in2[plan[1]], in1[plan[3]], plan[2])
            if route is _WHOLE_ONE:  # a one-tap kernel is its own reversal
                return _correlate(in2, in1, plan[1]) if plan[2] else _correlate(in1, in2, plan[1])
            out = _execute.run_tiny(plan, in1, in2, False)
            if out is not None:
                return out
    return _compute_convolve(normalize_convolve(in1, in2, mode, method, correlate=False, workers=workers), method)


def correlate(in1: ArrayLike, in2: ArrayLike, mode: Mode = "full", method: Method = "auto", *,
              workers: Workers = None) -> NDArray[Any]:
    """Cross-correlate two N-dimensional arrays.

    Same contract as :func:`scipy.signal.correlate`:
    ``z[k] = sum_l in1[l] * conj(in2[l - k])``, i.e. a convolution with
    ``in2`` reversed and conjugated.

    Parameters
    ----------
    in1, in2 : array_like
        Inputs with the same number of dimensions.
    mode : {'full', 'valid', 'same'}, optional
        As in :func:`convolve`.
    method : {'auto', 'direct', 'fft', 'oa'}, optional
        As in :func:`convolve`.
    workers : int, optional
        As in :func:`convolve`.

    Returns
    -------
    ndarray
        The cross-correlation, dtype ``numpy.result_type(in1, in2)``.

    Examples
    --------
    >>> import convkit
    >>> convkit.correlate([1, 2, 3], [0, 1, 0.5])
    array([0.5, 2. , 3.5, 3. , 0. ])
    """
    out = _execute.tiny(in1, in2, mode, method, workers, True)
    if out is not None:
        return out
    return _compute_convolve(normalize_convolve(in1, in2, mode, method, correlate=True, workers=workers), method)


def fftconvolve(in1: ArrayLike, in2: ArrayLike, mode: Mode = "full", axes: Axes = None, *,
                workers: Workers = None) -> NDArray[Any]:
    """Convolve two N-dimensional arrays with FFTs (pyFFTW).

    Same contract as :func:`scipy.signal.fftconvolve`: floating results
    (integer and boolean inputs give float64, float16 gives float32), only
    ``axes`` are convolved and the other axes broadcast.

    Parameters
    ----------
    in1, in2 : array_like
        Inputs with the same number of dimensions.
    mode : {'full', 'valid', 'same'}, optional
        As in :func:`convolve`, per convolved axis.
    axes : int or sequence of int, optional
        Axes to convolve (default: all). Axes where either input has length
        1 are broadcast instead.
    workers : int, optional
        As in :func:`convolve`.

    Returns
    -------
    ndarray
        The convolution; a float64 array of shape (0,) when an input is empty.

    Examples
    --------
    >>> import numpy as np, convkit
    >>> np.round(convkit.fftconvolve([1, 2, 3], [0, 1, 0.5]), 12)
    array([0. , 1. , 2.5, 4. , 1.5])
    """
    problem = normalize_freq(in1, in2, mode, axes, name="fftconvolve", workers=workers)
    return _compute(problem, "fft")


def oaconvolve(in1: ArrayLike, in2: ArrayLike, mode: Mode = "full", axes: Axes = None, *,
               workers: Workers = None) -> NDArray[Any]:
    """Convolve two N-dimensional arrays in FFT blocks (scipy's overlap-add ``oaconvolve``).

    convkit computes the blocks by overlap-save: each block writes only its own outputs.

    Same contract and results as :func:`fftconvolve`; fastest when one input
    is much longer than the other along the convolved axes.

    Parameters
    ----------
    in1, in2 : array_like
        Inputs with the same number of dimensions.
    mode : {'full', 'valid', 'same'}, optional
        As in :func:`convolve`, per convolved axis.
    axes : int or sequence of int, optional
        Axes to convolve (default: all).
    workers : int, optional
        As in :func:`convolve`.

    Returns
    -------
    ndarray
        The convolution.

    Examples
    --------
    >>> import numpy as np, convkit
    >>> x = np.ones(1000); k = np.ones(10)
    >>> convkit.oaconvolve(x, k, mode='valid').shape
    (991,)
    """
    problem = normalize_freq(in1, in2, mode, axes, name="oaconvolve", workers=workers)
    return _compute(problem, "oa")


def convolve2d(in1: ArrayLike, in2: ArrayLike, mode: Mode = "full", boundary: Boundary = "fill",
               fillvalue: Scalar = 0, *, workers: Workers = None, method: Method = "direct") -> NDArray[Any]:
    """Convolve two 2-D arrays with a boundary condition.

    Same contract as :func:`scipy.signal.convolve2d`. For 'full' and 'same',
    ``in1`` is extended by ``in2.shape - 1`` on every side by ``boundary``.

    Parameters
    ----------
    in1, in2 : array_like
        2-D inputs.
    mode : {'full', 'valid', 'same'}, optional
        As in :func:`convolve`.
    boundary : {'fill', 'wrap', 'symm'}, optional
        'fill' pads with ``fillvalue``; 'wrap' (or 'circular') is periodic;
        'symm' (or 'symmetric') mirrors including the edge sample.
    fillvalue : scalar, optional
        The padding value for ``boundary='fill'`` (default 0), cast to the
        output dtype as scipy casts it.
    workers : int, optional
        As in :func:`convolve`.
    method : {'direct', 'auto', 'fft', 'oa'}, optional, keyword-only
        'direct' (default) sums products, as scipy's convolve2d always does,
        so every output keeps direct summation's elementwise accuracy (an
        FFT's round-off scales with the largest values and can swamp small
        outputs). 'auto', 'fft' and 'oa' opt in to convkit's faster engines
        with :func:`convolve`'s accuracy contract instead.

    Returns
    -------
    ndarray
        2-D convolution, dtype ``numpy.result_type(in1, in2)``.

    Examples
    --------
    >>> import numpy as np, convkit
    >>> convkit.convolve2d(np.eye(3), np.ones((2, 2)), mode='valid')
    array([[2., 1.],
           [1., 2.]])
    """
    problem = normalize_2d(in1, in2, mode, boundary, fillvalue, correlate=False, workers=workers)
    return _compute(problem, check_2d_method(method))


def correlate2d(in1: ArrayLike, in2: ArrayLike, mode: Mode = "full", boundary: Boundary = "fill",
                fillvalue: Scalar = 0, *, workers: Workers = None, method: Method = "direct") -> NDArray[Any]:
    """Cross-correlate two 2-D arrays with a boundary condition.

    Same contract as :func:`scipy.signal.correlate2d`, including its 'same'
    window (centred at ``in2.shape // 2``). Unlike scipy, 'valid' mode with
    the smaller ``in1`` keeps the complex conjugate, agreeing with
    :func:`correlate`.

    Parameters
    ----------
    in1, in2 : array_like
        2-D inputs.
    mode : {'full', 'valid', 'same'}, optional
        As in :func:`convolve`.
    boundary : {'fill', 'wrap', 'symm'}, optional
        As in :func:`convolve2d`.
    fillvalue : scalar, optional
        As in :func:`convolve2d`.
    workers : int, optional
        As in :func:`convolve`.
    method : {'direct', 'auto', 'fft', 'oa'}, optional, keyword-only
        As in :func:`convolve2d`: direct summation unless you opt in.

    Returns
    -------
    ndarray
        2-D cross-correlation.

    Examples
    --------
    >>> import numpy as np, convkit
    >>> convkit.correlate2d(np.eye(3), np.eye(2), mode='valid')
    array([[2., 0.],
           [0., 2.]])
    """
    problem = normalize_2d(in1, in2, mode, boundary, fillvalue, correlate=True, workers=workers)
    return _compute(problem, check_2d_method(method))


def choose_method(in1: ArrayLike, in2: ArrayLike, mode: Mode = "full", *, axes: Axes = None,
                  workers: Workers = None) -> _dispatch.Choice:
    """Say which engine ``method='auto'`` would use for this convolution, and why.

    Parameters
    ----------
    in1, in2 : array_like
        The inputs (or arrays of the same shape and dtype).
    mode : {'full', 'valid', 'same'}, optional
        As in :func:`convolve`.
    axes : int or sequence of int, optional
        Convolve only these axes (as :func:`fftconvolve`); default all.
    workers : int, optional
        Thread count the prediction assumes.

    Returns
    -------
    Choice
        ``.method`` ('direct', 'fft' or 'oa'), ``.predicted`` (seconds per
        engine considered) and ``.reason``.

    Examples
    --------
    >>> import numpy as np, convkit
    >>> convkit.choose_method(np.ones(10**6), np.ones(8)).method
    'direct'
    """
    if axes is None:
        small = _execute.tiny_choice(in1, in2, mode, workers)
        if small is not None:  # the small-call path convolve takes for these arrays
            return small
        problem = normalize_convolve(in1, in2, mode, "auto", correlate=False, workers=workers)
    else:
        problem = normalize_freq(in1, in2, mode, axes, name="fftconvolve", workers=workers)
    if isinstance(problem, Immediate):
        return _dispatch.Choice("direct", {},
                               "no engine needed (0-d input, no convolved axis, or a dtype handed to scipy)")
    return _execute.explain_running(problem, _dispatch.explain(problem))


def _best_time(func) -> float:
    """scipy's measuring rule: grow the loop count until a run takes 0.5 ms, best of 3."""
    number = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(number):
            func()
        elapsed = time.perf_counter() - t0
        if elapsed >= 5e-4:
            break
        number *= 10
    if elapsed > 1.0:
        return elapsed / number
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in range(number):
            func()
        runs.append((time.perf_counter() - t0) / number)
    return min(runs)


def choose_conv_method(in1: ArrayLike, in2: ArrayLike, mode: Mode = "full", measure: bool = False
                       ) -> Literal["direct", "fft"] | tuple[Literal["direct", "fft"], dict[str, float]]:
    """Find the fastest of 'direct' and 'fft' for :func:`convolve`, as scipy does.

    Same contract as :func:`scipy.signal.choose_conv_method`. convkit's
    prediction uses this machine's cost model; when it prefers the block engine 'oa'
    this returns 'fft' (the frequency-domain family). Use
    :func:`choose_method` for the three-way answer with predicted times.

    Parameters
    ----------
    in1, in2 : array_like
        The inputs of a :func:`convolve` call.
    mode : {'full', 'valid', 'same'}, optional
        As in :func:`convolve`.
    measure : bool, optional
        If True, time both methods and return the faster with the timings.

    Returns
    -------
    method : str
        'direct' or 'fft'.
    times : dict, optional
        With ``measure=True``: seconds per call for 'fft' and 'direct'.

    Examples
    --------
    >>> import numpy as np, convkit
    >>> convkit.choose_conv_method(np.ones(100), np.ones(3))
    'direct'
    """
    if measure:
        times = {m: _best_time(lambda m=m: convolve(in1, in2, mode=mode, method=m)) for m in ("fft", "direct")}
        return min(times, key=times.get), times
    in1 = np.asarray(in1)
    in2 = np.asarray(in2)
    if in1.ndim != in2.ndim or in1.ndim == 0:
        # scipy answers without raising here; so do we.
        return "direct"
    if not _is_native(in1.dtype, in2.dtype):
        # The dtypes convkit hands to scipy: scipy's answer. (Never via normalize_convolve, which would
        # call scipy's convolve, which asks choose_conv_method: convkit's own while patch_scipy is on.)
        return _scipy("choose_conv_method")(in1, in2, mode=mode)
    problem = normalize_convolve(in1, in2, mode, "auto", correlate=False, workers=None)
    if isinstance(problem, Immediate):
        return "direct"
    if not problem.fft_allowed:
        # scipy's answer for integers a plain FFT cannot round back exactly
        # (convkit's own fft path would still be exact, by limbs)
        return "direct"
    return "direct" if _dispatch.explain(problem).method == "direct" else "fft"
