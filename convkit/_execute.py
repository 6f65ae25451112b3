"""The executor: the only place that composes _engines.

``signal``/``plan`` hand a validated :class:`~convkit._problem.Problem` and the
user's ``method`` here; :func:`compute` asks ``dispatch`` which engine runs it
and :func:`run` carries it out:

* the tiny path (:func:`tiny_plan`, :func:`run_tiny`): small 1-D and 2-D
  calls after a cheap validation, without building a Problem;
* integers: cast to float64 for an FFT engine when the rounded result is
  provably exact, otherwise split into limbs (:mod:`convkit._execute_limbs`);
* the non-finite policy (:mod:`convkit._execute_nonfinite`): with
  ``method='auto'`` an FFT result holding NaN or inf gets direct convolution's
  finiteness (NaN/inf only where the kernel window touches a non-finite
  sample);
* the finish: ``problem.finish`` casts to scipy's output dtype.

Engines never call each other; they receive an int ``workers`` and a
:class:`~convkit._engines.Geometry`.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import sys
import types

import numpy as np

from . import _dispatch, _engines, _execute_compile, _profile, _tuning
from ._engines import Geometry
from ._engines._finite import all_finite
from ._execute_limbs import product_bound
from ._problem import MODES, Problem, _centred_start, _region, finish

__all__ = ["DOTS", "RAMPS", "WHOLE", "WHOLE_ONE", "WHOLE_SWAPPED", "WINDOW_SWAPPED", "compile_loop", "compute",
           "dots_ramps", "dots_valid", "int_shift", "numpy_window", "run", "run_tiny", "tiny", "tiny_choice",
           "tiny_plan"]

try:  # numpy.convolve's own loop, without its wrapper's conversions (~0.8 us a call)
    from numpy._core.multiarray import correlate as _correlate
except ImportError:  # numpy < 2
    from numpy.core.multiarray import correlate as _correlate

# Calls larger than this take the general path, whose checks (the output's
# memory among them) cost nothing next to the work
_SMALL_MAX_ELEMENTS = 1 << 22
_TINY_DTYPES = frozenset(np.dtype(t) for t in ("float32", "float64", "complex64", "complex128"))


def tiny(in1, in2, mode, method, workers, correlate: bool):
    """The whole call for a small pair by the tiny path, or None when the call is not one (see :func:`tiny_plan`).

    ``convolve`` does the same in its own frame, and runs the commonest plans there too.
    """
    # any valid thread count gives the same single-threaded call (so workers is not in the plan's key);
    # others (0, negative, True, 1.0) go the general way, which raises or resolves them
    if type(in1) is not _ndarray or type(in2) is not _ndarray or (
            workers is not None and (type(workers) is not int or workers <= 0)):
        return None
    try:
        plan = _PLANS[in1.shape, in2.shape, in1.dtype, in2.dtype, mode, method]
    except (KeyError, TypeError):
        plan = tiny_plan(in1, in2, mode, method)
    return None if plan is None else run_tiny(plan, in1, in2, correlate)


def tiny_plan(in1, in2, mode, method):
    """How the tiny path runs a small call not seen before (None: the general path), kept in ``_PLANS``.

    Small calls would spend most of their time validating: the tiny path
    takes only plain ndarrays of one native float, complex or integer dtype
    with a valid mode, method and thread count (the public functions check
    the types and the thread count, then look the call up in ``_PLANS``, whose
    key holds the shapes, both dtypes, the mode and the method), so these few
    comparisons are its checks; everything else (errors included) goes the
    general way. How a shape runs is decided once per shape
    (:func:`_tiny_plan`): axes with one output and a length-1 operand are
    sliced away (an N-d call with length-1 axes is the lower-dimensional call
    it holds); a call left with at most two axes runs numpy's correlate (1-D,
    scipy's own direct path) or the direct engine's plain loop when
    :func:`convkit._dispatch.small_route` predicts one of them faster than the
    general path, so time grows smoothly with the work. Plans are dropped when
    the profile in force changes (its generation need not be in the key).
    """
    s1, s2, dt1, dt2 = in1.shape, in2.shape, in1.dtype, in2.dtype
    try:
        hash((mode, method))
    except TypeError:  # an unhashable mode or method: the general path raises scipy's error
        return None
    plan = _tiny_plan(s1, s2, mode, dt1, method, _profile.generation()) if dt1 == dt2 else None
    if plan is not None and plan[0] is _NUMPY and plan[2] is None:
        # no window: numpy's correlate runs on the call's arrays as they are, the commonest small
        # call, which the public functions run in their own frame (a call layer costs about
        # 0.15 us, as much as numpy.convolve's whole wrapper adds to that loop)
        taps = s1[0] if plan[1] else s2[0]
        if taps == 1:  # a one-tap kernel is its own reversal: no view to make
            plan = (WHOLE_ONE, plan[3], plan[1])
        else:
            plan = (WHOLE_SWAPPED if plan[1] else WHOLE, plan[3], reversal(taps))
    elif plan is not None and plan[0] is _NUMPY and plan[1]:
        # a window of in2, the longer ('same' of a shorter in1)
        plan = (WINDOW_SWAPPED, plan[2], plan[3], reversal(s1[0]))
    if len(_PLANS) >= _PLANS_MAX:
        _PLANS.clear()
    _PLANS[s1, s2, dt1, dt2, mode, method] = plan
    return plan


def _convolution_operands(in1: np.ndarray, in2: np.ndarray, swap: bool, correlate: bool) -> tuple:
    """(signal, kernel) of the convolution a long-dot route runs: the longer operand first when
    ``swap``; a correlation's kernel is its second operand reversed (conjugated by the caller)."""
    if correlate:
        return (in2[::-1], in1) if swap else (in1, in2[::-1])
    return (in2, in1) if swap else (in1, in2)


def run_tiny(plan: tuple, in1: np.ndarray, in2: np.ndarray, correlate: bool):
    """The result of a small call by its :func:`tiny_plan` (not None), or None when it must go the general way."""
    route = plan[0]
    dt = in1.dtype
    if correlate and dt.kind == "c":
        in2 = in2.conj()
    if route is _NUMPY:
        # 1-D: numpy's correlate on the window of the signal the outputs read. Its kernel is the
        # convolution kernel reversed; a correlation's kernel is in2 reversed (and conjugated, above)
        _, swap, window, cmode = plan
        if correlate:
            x, k = (in2[::-1], in1[::-1]) if swap else (in1, in2)
        else:
            x, k = (in2, in1[::-1]) if swap else (in1, in2[::-1])
        return _correlate(x if window is None else x[window], k, cmode)
    if route is WHOLE:
        return _correlate(in1, in2 if correlate else in2[plan[2]], plan[1])
    if route is DOTS:
        _, swap, window = plan
        x, k = _convolution_operands(in1, in2, swap, correlate)
        return dots_valid(x if window is None else x[window], k)
    if route is RAMPS:
        _, swap, start, length = plan
        x, k = _convolution_operands(in1, in2, swap, correlate)
        out = dots_ramps(x, k, start, length)
        return _correlate_window(x, k, start, length) if out is None else out
    if route is WHOLE_SWAPPED:
        if correlate:
            return _correlate(in2[::-1], in1[plan[2]], plan[1])
        return _correlate(in2, in1[plan[2]], plan[1])
    if route is WINDOW_SWAPPED:
        return _correlate((in2[::-1] if correlate else in2)[plan[1]], in1[plan[3]], plan[2])
    if route is WHOLE_ONE:
        if plan[2]:  # in1 is the one tap
            return _correlate(in2[::-1] if correlate else in2, in1, plan[1])
        return _correlate(in1, in2, plan[1])
    if correlate:
        in2 = in2[(_REVERSED,) * in2.ndim]
    route, sl1, sl2, kept1, kept2, start, shape, out_shape = plan
    if route == "product":  # one product per output
        if sl1 is None:  # 1-D, one operand of length 1, every output kept: a broadcast multiply
            return np.multiply(in1, in2)
        return np.multiply(in1[sl1], in2[sl2]).reshape(out_shape)
    if sl1 is None:  # nothing to slice away (the common 2-D call): no views to make
        a, b = in1, in2
    else:
        a = in1[sl1].reshape(kept1)
        b = in2[sl2].reshape(kept2)
    if route == "numpy-window":
        out = numpy_window(a, b, start[0], shape[0])
    elif route == "small":
        out = _small(a, b, start, shape)
    elif route == "int-shift":  # 1-D integers: the vectorised integer loops, in the dtype (numpy's bits)
        out = int_shift(a, b, start[0], shape[0])
    elif route == "numpy-int":  # 1-D integers whose float64 sums are exact (checked here, per call)
        bound = _sum_bound(a, b)
        if bound >= 2**53:
            return None
        # every partial sum is an integer below 2**53 in any order: numpy's float64 dot products
        # (unrolled or BLAS) give the exact sums. Back straight to int32 where every sum fits there:
        # one vectorised pass (36838 samples: 5.6 us, through int64 26 us), then wrapped to dt as scipy
        out = numpy_window(a.astype(np.float64), b.astype(np.float64), start[0], shape[0])
        out = out.astype(np.int32 if bound < 2**31 else np.int64).astype(dt, copy=False)
    else:  # "small-int": integers whose float64 sums are exact (checked here, per call)
        if not _exact_in_float64(a, b, dt):
            return None
        out = _small(a.astype(np.float64), b.astype(np.float64), start, shape)
        if out is not None:
            out = out.astype(np.int64).astype(dt)
    return out if out is None or out_shape is None else out.reshape(out_shape)


_ndarray = np.ndarray  # (a module global: one look-up fewer per call than ``np.ndarray``)
_REVERSED = slice(None, None, -1)
_NUMPY = "numpy"
#: Routes of the 1-D plans ``(route, correlate_mode, reversed)`` whose numpy correlate runs on the
#: call's arrays as they are: ``correlate(in1, in2[reversed])`` (WHOLE), ``correlate(in2,
#: in1[reversed])`` (swapped); ``reversed`` reverses the kernel (see :func:`reversal`).
WHOLE = "numpy-whole"
WHOLE_SWAPPED = "numpy-whole-swapped"
#: ``(route, window, correlate_mode, reversed)``: ``correlate(in2[window], in1[reversed])``
WINDOW_SWAPPED = "numpy-window-swapped"
#: ``(route, correlate_mode, swapped)``: a one-tap kernel, ``correlate(in1, in2)`` (swapped: ``correlate(in2, in1)``)
WHOLE_ONE = "numpy-whole-one"
#: ``(route, swap, window)``: the long-dot loop on ``signal[window]`` ('valid'; see :func:`dots_valid`)
DOTS = "dots"
#: ``(route, swap, start, length)``: the long-dot loop on the zero-padded samples of outputs ``start ..
#: start+length-1`` of the full convolution ('full'/'same' of a long kernel; see :func:`dots_ramps`)
RAMPS = "ramps"
_DOTS_DTYPES = frozenset(np.dtype(t) for t in ("float32", "float64"))
#: Kernels up to this many taps are reversed by an index array (:func:`reversal`)
_REVERSAL_INDEX_MAX = _tuning.NUMPY_1D_REVERSED_VIEW_TAPS


@functools.lru_cache(maxsize=_REVERSAL_INDEX_MAX)
def reversal(k: int):
    """What indexes a 1-D kernel of ``k`` taps reversed for numpy's correlate (shared by the plans).

    numpy's correlate copies a kernel that is not contiguous (the reversed view
    ``b[::-1]``) before its loop, and that copy with the view cost about 0.32 us
    of a 1.2 us call (40 x 2 float64); gathering the reversed taps by a stored
    index array costs 0.16 us, the same values in the same order (the same
    bits). From 2 to ``_REVERSAL_INDEX_MAX`` taps (one tap: the view is contiguous,
    nothing to copy; longer kernels: the view, whose copy is nothing next to the
    loop), read-only as the plans share it.
    """
    if k < 2 or k > _REVERSAL_INDEX_MAX:
        return _REVERSED
    index = np.arange(k - 1, -1, -1, dtype=np.intp)
    index.flags.writeable = False
    return index


#: (shape1, shape2, dtype1, dtype2, mode, method) -> the tiny path's plan (None: the general path)
_PLANS: dict = {}
_PLANS_MAX = 4096
_profile.on_change(_PLANS.clear)  # plans follow the cost model in force


def _tiny_plan(s1: tuple, s2: tuple, mode, dt: np.dtype, method, generation: int):
    """How the tiny path runs a call of these shapes (None: the general path), decided once per shape.

    Returns ``("numpy", swap, window, correlate_mode)`` for a 1-D call that
    numpy's correlate computes on ``signal[window]`` (None: all of it), ``(DOTS, swap, window)`` for one
    whose outputs are whole dot products the long-dot loop computes faster, or ``(route, slices1,
    slices2, kept1, kept2, start, shape, out_shape)``: the operands sliced and
    reshaped to their kept axes (slices None: nothing to slice), the region there,
    and the output's shape (None: the region's shape already).
    Both operands have dtype ``dt``; the caller checked the thread count.
    """
    if (type(method) is not str or (method != "auto" and method != "direct")
            or type(mode) is not str or mode not in MODES):
        return None
    ndim = len(s1)
    if (ndim != len(s2) or ndim == 0 or 0 in s1 or 0 in s2
            or math.prod(s1) + math.prod(s2) > _SMALL_MAX_ELEMENTS
            or not (dt in _TINY_DTYPES or (dt.kind in "iu" and dt.isnative))):
        return None  # long calls go the general way: checked, and the validation costs them nothing
    if mode == "valid" and not (all(n >= k for n, k in zip(s1, s2)) or all(k >= n for n, k in zip(s1, s2))):
        return None  # the general path raises scipy's error
    sl1, sl2, out_shape = [], [], []
    kept1, kept2, starts, lengths = [], [], [], []
    product = True  # every kept axis has a length-1 operand
    for n, k in zip(s1, s2):
        first, length = _region(mode, n, k, _centred_start)
        out_shape.append(length)
        if length == 1 and n == 1:
            # one output: the product of in1's only sample and in2's sample ``first``
            sl1.append(slice(0, 1))
            sl2.append(slice(first, first + 1))
            continue
        sl1.append(slice(None))
        sl2.append(slice(None))
        kept1.append(n)
        kept2.append(k)
        starts.append(first)
        lengths.append(length)
        product = product and (n == 1 or k == 1)
    if math.prod(out_shape) > _SMALL_MAX_ELEMENTS:
        return None  # a small pair with a large output (an outer product): the general path checks its memory
    layout = (tuple(sl1), tuple(sl2), tuple(kept1), tuple(kept2), tuple(starts), tuple(lengths), tuple(out_shape))
    if product and ndim > 1:
        return ("product",) + layout
    if len(kept1) > 2:
        return None
    if not kept1:  # 1-D with one output: numpy's correlate of one window is quicker than slicing twice
        route = "numpy"
    else:
        route = _dispatch.small_route(layout[2], layout[3], layout[4], layout[5], dt, method, generation)
    if route is None:
        return None
    if route != "numpy":
        if len(kept1) == ndim:  # no axis sliced away: the operands go in as they are, the output as it comes
            layout = (None, None) + layout[2:6] + (None,)
        return (route,) + layout
    if ndim > 1:
        return ("numpy-window",) + layout
    (n1,), (n2,) = s1, s2
    start, length = _region(mode, n1, n2, _centred_start)
    swap = n2 > n1
    n, k = (n2, n1) if swap else (n1, n2)
    lo, hi = start - (k - 1), start + length
    if lo >= 0 and hi <= n:
        # 'valid' on the samples the outputs read: whole dot products, which the long-dot loop
        # runs as ``(DOTS, swap, window)`` where it wins
        window = None if lo == 0 and hi == n else slice(lo, hi)
        if dt in _DOTS_DTYPES and _dispatch.dots_1d_wins(k, length, dt.itemsize):
            return (DOTS, swap, window)
        return (_NUMPY, swap, window, 0)
    if dt in _DOTS_DTYPES and _dispatch.ramps_1d_wins(k, length, _dispatch.pairs_1d(n, k, start, length), dt.itemsize):
        return (RAMPS, swap, start, length)  # edge outputs of a long kernel: the long-dot loop on padded samples
    if start == 0 and length == n + k - 1:
        return (_NUMPY, swap, None, 2)  # 'full'
    if start == (k - 1) // 2 and length == n:
        return (_NUMPY, swap, None, 1)  # numpy's 'same', centred as scipy's when in1 is the longer
    return ("numpy-window",) + layout


_ROUTE_WORDS = {
    "numpy": "numpy's correlate (scipy's own 1-D direct loop) on the samples the outputs read",
    "numpy-window": "numpy's correlate (scipy's own 1-D direct loop) on the samples the outputs read",
    "small": "the direct engine's plain loop, without the tiled loop's set-up",
    "small-int": "the direct engine's plain loop in float64, where every integer sum is exact",
    "numpy-int": "numpy's correlate in float64, where every integer sum is exact",
    "int-shift": "the direct engine's vectorised integer loops, in the dtype's own arithmetic (numpy's bits)",
    "product": "one product per output (every axis has a length-1 operand)",
    DOTS: "whole dot products of a long kernel, four outputs per pass over it (the direct engine's long-dot loop)",
    RAMPS: ("dot products of a long kernel over zero-padded edges, four outputs per pass over it, the padding's "
            "products skipped (the direct engine's long-dot loop)"),
}


def tiny_choice(in1, in2, mode, workers) -> _dispatch.Choice | None:
    """What the tiny path does with this ``method='auto'`` call, as a Choice with its predicted time (None: none)."""
    if (type(in1) is not np.ndarray or type(in2) is not np.ndarray or in1.dtype != in2.dtype
            or (workers is not None and (type(workers) is not int or workers <= 0))):
        return None
    try:
        plan = _tiny_plan(in1.shape, in2.shape, mode, in1.dtype, "auto", _profile._generation)
    except TypeError:
        return None
    if plan is None:
        return None
    if plan[0] is _NUMPY or plan[0] is DOTS or plan[0] is RAMPS:
        (n1,), (n2,) = in1.shape, in2.shape
        start, length = _region(mode, n1, n2, _centred_start)
        kept1, kept2, starts, lengths = (n1,), (n2,), (start,), (length,)
    else:
        kept1, kept2, starts, lengths = plan[3:7]
    if plan[0] == "product" and plan[7] is not None:  # an N-d broadcast multiply: the whole call, as measured
        call, per_byte = _tuning.TINY_PRODUCT_TERMS
        seconds = call + per_byte * math.prod(plan[7]) * in1.dtype.itemsize
    else:
        # (the 'numpy' option prices the long-dot loop where it runs: _dispatch.window_1d_seconds)
        route = "numpy" if plan[0] in (_NUMPY, "numpy-window", DOTS, RAMPS) else plan[0]
        seconds = _dispatch.small_options(kept1, kept2, starts, lengths, in1.dtype)[route] + _tuning.TINY_CALL_S
    reason = f"small call: {_ROUTE_WORDS[plan[0]]}"
    if plan[0] in (DOTS, RAMPS, "int-shift"):
        few = min(lengths) <= _tuning.DOTS_1D_MAX_OUTPUTS and min(kept1[0], kept2[0]) >= _tuning.DOTS_1D_MIN_TAPS
        module, name = (("_dots", plan[0]) if plan[0] in (DOTS, RAMPS) else
                        ("_ints", "dots" if few else "axpy"))
        if not any(key[:3] == (module, name, in1.dtype) for key in _LOOPS):
            reason += ("; until that loop is compiled and loaded in this process, numpy computes the same "
                       f"bits (a process that has not loaded Numba keeps numpy for its first {NUMPY_ROAD_WORK:.0e} "
                       "multiply-adds on these roads, then loads it)")
    return _dispatch.Choice("direct", types.MappingProxyType({"direct": seconds}), reason)


def _sum_bound(a: np.ndarray, b: np.ndarray) -> int:
    """A bound on the magnitude of every partial sum of the 1-D integer convolution of ``a`` and
    ``b``: ``max|a| * max|b| * min(a.size, b.size)``, as Python ints. By numpy's reductions, not
    the compiled ``product_bound``: the route this serves runs numpy's loop, and loading Numba for
    it made a process's first such call 0.55 s (warm cache; 0.7 s with an empty one) instead of 21 ms."""
    ma = max(int(a.max()), -int(a.min()))
    mb = max(int(b.max()), -int(b.min()))
    return ma * mb * min(a.size, b.size)


def _exact_in_float64(a: np.ndarray, b: np.ndarray, dt: np.dtype) -> bool:
    """Whether every partial sum of the integer convolution of ``a`` and ``b`` is exact in float64."""
    if dt.itemsize <= 2:
        bound_a = bound_b = 2 ** (8 * dt.itemsize)
    elif a.dtype.itemsize <= 4 and b.dtype.itemsize <= 4:  # the tiny path's integers: one compiled call
        return product_bound(a, b) * min(a.size, b.size) < 2**53
    else:
        bound_a = max(-int(a.min()), int(a.max()))
        bound_b = max(-int(b.min()), int(b.max()))
    return bound_a * bound_b * min(a.size, b.size) < 2**53


def _small(a, b, start, shape):
    """The direct engine's small loop: quick to compile, so never left to a background compile."""
    return _direct_small(a, b, start, shape)


def _direct_small(a, b, start, shape):
    # bound on first use: the engine's module loads Numba, which ``import convkit`` must not
    global _direct_small
    from ._engines.direct._engine import small  # the loop itself, not the package's re-importing wrapper

    _direct_small = small
    return small(a, b, start, shape)


def int_shift(a: np.ndarray, b: np.ndarray, start: int, length: int) -> np.ndarray:
    """Outputs ``start .. start+length-1`` of the full 1-D convolution of integers ``a`` and ``b`` (one dtype),
    in the dtype's own arithmetic by the direct engine's integer loops (``_engines.direct._ints``).

    numpy's integer correlate makes a plain scalar dot product per output (36838 x 3
    int32 'valid': about 100 us); these loops vectorise (about 10 us). Integer sums wrap
    modulo the dtype whatever their order, so the result is numpy's to the bit, and
    where the loops are not ready without a stall (:func:`_ready_loop`) numpy's
    correlate runs instead. Few outputs of a long kernel (``_tuning.DOTS_1D_MAX_OUTPUTS``,
    ``DOTS_1D_MIN_TAPS``) take a dot product per output, the rest a pass over the outputs per tap.
    """
    if b.shape[0] > a.shape[0]:
        a, b = b, a
    few = length <= _tuning.DOTS_1D_MAX_OUTPUTS and b.shape[0] >= _tuning.DOTS_1D_MIN_TAPS
    if not (a.flags.c_contiguous and b.flags.c_contiguous):
        a, b = np.ascontiguousarray(a), np.ascontiguousarray(b)
    loop = _ready_loop("_ints", "dots" if few else "axpy", a, b, length * b.shape[0])
    if loop is None:
        return numpy_window(a, b, start, length)
    out = np.empty(length, a.dtype)
    loop(a, b, out, start)
    return out


def dots_valid(x: np.ndarray, k: np.ndarray) -> np.ndarray:
    """The 1-D 'valid' convolution of ``x`` by the shorter ``k`` (float32 or float64, one dtype) by the long-dot
    loop (``_engines.direct._dots``) where it is ready without a stall (:func:`_ready_loop`), else by its
    numpy twin (:mod:`convkit._dots_numpy`, Numba-free): the same bits either way."""
    out = np.empty(x.shape[0] - k.shape[0] + 1, x.dtype)
    x, k = np.ascontiguousarray(x), np.ascontiguousarray(k)
    work = out.shape[0] * k.shape[0] + _TWIN_CALL_WORK
    (_ready_loop("_dots", "dots", x, k, work) or _dots_twin)(x, k, out)
    return out


def _dots_twin(x, k, out):
    # bound on first use (a module of its own: ``import convkit`` need not load it)
    global _dots_twin
    from ._dots_numpy import dots

    _dots_twin = dots
    return dots(x, k, out)


def dots_ramps(x: np.ndarray, k: np.ndarray, start: int, length: int) -> np.ndarray | None:
    """Outputs ``start .. start+length-1`` of the full 1-D convolution of ``x`` by the shorter ``k`` (float32 or
    float64, one dtype), a window that runs off an end of ``x``: the long-dot loop on the window's samples with
    zeros beyond ``x`` (``_engines.direct._dots.ramps``, which skips the zeros' products) where it is ready
    without a stall, else its numpy twin: the same bits either way. None where ``k`` has a non-finite tap
    (the padding's products would be NaN: numpy's correlate forms only overlapping products)."""
    n, kk = x.shape[0], k.shape[0]
    lo, hi = start - (kk - 1), start + length
    s0, s1 = max(lo, 0), min(hi, n)
    xw = np.zeros(hi - lo, x.dtype)
    xw[s0 - lo:s1 - lo] = x[s0:s1]
    k = np.ascontiguousarray(k)
    out = np.empty(length, x.dtype)
    work = length * kk + _TWIN_CALL_WORK  # the twin forms every product, the padding's too
    return out if (_ready_loop("_dots", "ramps", xw, k, work) or _ramps_twin)(xw, k, out) else None


def _ramps_twin(x, k, out):
    global _ramps_twin
    from ._dots_numpy import ramps

    _ramps_twin = ramps
    return ramps(x, k, out)


# The compiled loops of the small-call routes (int-shift, DOTS) run where they are ready without a
# stall: a call never loads Numba (0.3 s with a warm cache) nor compiles (0.3-1 s) for them, as
# the same bits come from numpy (issue #12: Numba need not load for a small call, and no call waits
# on a compile). (module of ``_engines.direct``, loop, dtype, writeable flags of the two inputs):
_LOOPS: dict = {}      # -> the loop, compiled or loaded in this process
_LOOP_COMPILES: set = set()  # -> a background process was started to put it in the on-disk cache
_LOOPS_MISSING: set = set()  # -> that process ended and the cache does not hold it

# A process that has not loaded Numba runs these routes' numpy roads until their calls have done
# this many multiply-adds, then loads Numba (once, in the call) and the cached loops, as
# convkit.ndimage's numpy road does (``_ndimage_cold.WARM_NUMPY_SAMPLES``): short scripts never
# load it, and a long one is not held on numpy's road for ever. Loading costs a fresh process
# 0.3 s of CPU for ``import numba`` and about 0.1 s per loop from the cache; numpy's roads cost
# about 1-3.7 ns more per multiply-add than the loops, plus about 20 us a call for the long-dot
# twin (counted as _TWIN_CALL_WORK multiply-adds). Thread CPU medians of 31 calls, twin / loop /
# numpy.correlate, float64 5865 x 5861 'valid': 55 / 4.4 / 7.6 us, 200000 x 199990: 2355 / 146 /
# 308 us, 79 x 64: 23 / 1.1 / 1.9 us; int32 36838 x 3: numpy 107 us, loop 10 (epyc-zen4-2c,
# 2026-12-07, /tmp/twin_time.py of the session note). 5e7 of them is about 0.05-0.2 s of numpy road,
# less than loading: a short script never loads Numba, and a loop of calls leaves the road within a
# fraction of a second. (At 4e8, `python -m convkit bench --quick` on an empty cache timed its
# 1000 x 64 and 1000 x 256 'full' cells on the RAMPS twin, at 7x and 15x the loop: a process whose
# first cells ran numpy's own loops had not loaded Numba.)
NUMPY_ROAD_WORK = 5e7
_TWIN_CALL_WORK = 20_000
_numpy_road_left = NUMPY_ROAD_WORK


def leave_numpy_road() -> None:
    """End this process's numpy roads now: its next call of a small-call route loads Numba (once)
    and runs the compiled loop where it is ready, else starts its background compile.

    For processes that time steady-state calls (:func:`convkit._timing.settle`, so the benchmarks):
    a process whose first calls ran numpy's own loops has not loaded Numba, and would otherwise
    time the long-dot twin (6-20x numpy's correlate) until :data:`NUMPY_ROAD_WORK` is spent and
    the loop's compile that follows has ended."""
    global _numpy_road_left
    _numpy_road_left = 0.0


_LOOP_MODULES = {"_ints": "._engines.direct._ints", "_dots": "._engines.direct._dots",
                 "_finite": "._engines._finite_loop"}
_LOOP_SCRIPT = """
import json, sys
from convkit import _execute
_execute.compile_loop(*json.loads(sys.argv[1]))
"""


def _ready_loop(module: str, name: str, a: np.ndarray, b: np.ndarray, work: float = 0.0):
    """Compiled loop ``name`` of ``module`` (a key of :data:`_LOOP_MODULES`) for inputs ``a``, ``b`` (1-D
    C-contiguous, one dtype) when it runs without a stall, else None (the caller runs numpy's same bits).

    Ready: compiled in this process, or Numba already loaded here and the loop in its on-disk cache
    (then loaded). With Numba loaded and the cache empty, a background process compiles it
    (``_execute_compile.start``, one at a time) and later calls find it in the cache. A process
    that has not loaded Numba keeps numpy, as loading it costs more than any call of these routes,
    until the numpy roads' calls have done :data:`NUMPY_ROAD_WORK` multiply-adds (``work``: this
    call's); then this call loads Numba. ``CONVKIT_COMPILE=foreground`` compiles in the call
    (always the loop).
    """
    global _numpy_road_left
    if "numba" not in sys.modules and _execute_compile.background():
        # (then no loop is loaded either): the numpy road, decided first and cheaply
        _numpy_road_left -= work
        if _numpy_road_left > 0:
            return None
    key = (module, name, a.dtype, a.flags.writeable, b.flags.writeable)
    loop = _LOOPS.get(key)
    if loop is not None:
        return loop
    background = _execute_compile.background()
    if background and (key in _LOOPS_MISSING or _execute_compile.running()):
        return None  # (a compile running: do not read the cache on every call meanwhile)
    import importlib

    loop = getattr(importlib.import_module(_LOOP_MODULES[module], __package__), name)
    if background:
        from numba import typeof

        from ._engines.direct._ready import loaded

        sig = tuple(typeof(v) for v in _loop_args(module, a, b, np.empty(1, a.dtype)))
        if not loaded(loop, sig):
            if key in _LOOP_COMPILES:
                _LOOPS_MISSING.add(key)  # its compile ended without filling the cache (none writable): numpy
            elif _execute_compile.start(_LOOP_SCRIPT, json.dumps(
                    [module, name, a.dtype.str, a.flags.writeable, b.flags.writeable])) is not None:
                _LOOP_COMPILES.add(key)
            return None
    _LOOPS[key] = loop
    return loop


def compile_loop(module: str, name: str, dtype, writeable1: bool = True, writeable2: bool = True) -> None:
    """Compile (or load from the cache) loop ``name`` of module ``module`` (``_ints``: ``axpy``, ``dots``;
    ``_dots``: ``dots``, ``ramps``; ``_finite``: ``_flat_finite``, see :data:`_LOOP_MODULES`) for 1-D C-contiguous
    inputs of ``dtype`` with these writeable flags."""
    import importlib

    loop = getattr(importlib.import_module(_LOOP_MODULES[module], __package__), name)
    a, b, out = (np.zeros(1, dtype) for _ in range(3))
    a.flags.writeable, b.flags.writeable = writeable1, writeable2
    loop(*_loop_args(module, a, b, out))  # one tiny call: exactly a call's types


def _loop_args(module: str, a, b, out) -> tuple:
    """The arguments a call passes a loop of ``module``: the check ``_finite`` reads one array; the
    others take the inputs and an output array (and ``_ints`` a start, an int)."""
    if module == "_finite":
        return (a,)
    return (a, b, out, 0) if module == "_ints" else (a, b, out)


def numpy_window(a: np.ndarray, b: np.ndarray, start: int, length: int) -> np.ndarray:
    """Outputs ``start .. start+length-1`` of the full 1-D convolution of ``a`` and ``b``, by numpy's correlate.

    numpy's correlate is what ``numpy.convolve`` (scipy.signal's 1-D direct
    path) calls, without that wrapper's conversions. Only the signal samples
    the kept outputs read are passed: a short 'same' window of a long
    convolution costs its own outputs, not the whole 'full' result. Only
    products of overlapping samples are formed (no zero padding), so
    non-finite values stay where direct convolution puts them.
    """
    if b.shape[0] > a.shape[0]:
        a, b = b, a
    n, k = a.shape[0], b.shape[0]
    lo, hi = start - (k - 1), start + length
    if a.dtype in _DOTS_DTYPES and b.dtype == a.dtype:
        if lo >= 0 and hi <= n:
            if _dispatch.dots_1d_wins(k, length, a.dtype.itemsize):
                return dots_valid(a[lo:hi], b)  # whole dot products of a long kernel (the tiny path's DOTS route too)
        elif _dispatch.ramps_1d_wins(k, length, _dispatch.pairs_1d(n, k, start, length), a.dtype.itemsize):
            out = dots_ramps(a, b, start, length)  # edge outputs of a long kernel (the tiny path's RAMPS route too)
            if out is not None:
                return out
    return _correlate_window(a, b, start, length)


def _correlate_window(a: np.ndarray, b: np.ndarray, start: int, length: int) -> np.ndarray:
    """:func:`numpy_window` by numpy's correlate alone (``a`` the longer)."""
    n, k = a.shape[0], b.shape[0]
    lo, hi = start - (k - 1), start + length
    rb = b[::-1]
    if lo == 0 and hi == n:
        return _correlate(a, rb, 0)  # 'valid'
    if start == 0 and length == n + k - 1:
        return _correlate(a, rb, 2)  # 'full'
    if start == (k - 1) // 2 and length == n:
        return _correlate(a, rb, 1)  # numpy's 'same', centred as scipy's when in1 is the longer
    if lo >= 0 and hi <= n:
        return _correlate(a[lo:hi], rb, 0)
    # the window runs off an end: 'full' of the samples it reads, cropped
    p0 = max(lo, 0)
    seg = a[p0:min(hi, n)]
    full = _correlate(seg, rb, 2) if seg.shape[0] >= k else _correlate(b, seg[::-1], 2)
    return full[start - p0:start - p0 + length].copy()


def compute(problem: Problem, method: str) -> np.ndarray:
    """Choose the engine for the user's ``method`` and return scipy's result."""
    name = _dispatch.choose(problem, method)
    return finish(problem, run(name, problem, exact_nonfinite=method == "auto"))


def _engine_call(name: str):
    """Engine ``name`` as a function of the old positional contract (for the non-finite policy)."""
    eng = _engines.get(name)

    def call(a, b, axes, shape, start, *, workers=1):
        g = Geometry(a.shape, b.shape, tuple(axes), tuple(shape), tuple(start), a.dtype, workers)
        return eng.convolve(a, eng.prepare(b, g), g, workers=workers)

    return call


def _all_finite(x: np.ndarray) -> bool:
    """No NaN and no infinity in ``x``, an FFT engine's result (the non-finite policy's test).

    The one-pass Numba loop (``_engines._finite_loop``) runs where it is ready without a stall
    (:func:`_ready_loop`: compiling it cost a first call 0.1-0.46 s); otherwise numpy's min
    and max decide (``_engines._finite.all_finite``), a few percent of an FFT call at most. A
    process that has not loaded Numba does not load it for this: a one-off FFT call (5865 x
    5861 'full') then costs a fresh process no ``import numba`` (0.3 s of CPU).
    """
    return all_finite(x, _ready_finite_loop)


def _ready_finite_loop(flat: np.ndarray):
    """The compiled NaN/infinity loop for ``flat`` where it is ready without a stall, else None."""
    return _ready_loop("_finite", "_flat_finite", flat, flat) if "numba" in sys.modules else None


def explain_running(problem: Problem, choice: _dispatch.Choice) -> _dispatch.Choice:
    """``choice`` as it will actually run: the direct engine's plain loop while its kernels compile."""
    a = problem.a
    if (choice.method != "direct" or not _execute_compile.background()
            or (a.ndim == 1 and _dispatch.numpy_1d_wins(a.size, problem.b.size, problem.start[0], problem.shape[0],
                                                       a.dtype, _profile.generation()))):
        return choice
    if _execute_compile.ready_or_start(_dispatch.geometry(problem), problem.b):
        return choice
    return _dispatch.Choice("direct", choice.predicted, _execute_compile.reason())


def _run_limbs(eng, problem: Problem) -> np.ndarray:
    """An integer problem beyond a plain FFT's exact range, on FFT engine ``eng``, by limbs (exact).

    A summed plan (``plan.summed``) is one ``convolve_sums`` call: each limb
    transformed once, the products of each shift summed as spectra and
    inverse-transformed once. Otherwise, one batched engine call per group of
    a-limbs that need the same b-limbs
    (:meth:`~convkit._execute_limbs.LimbPlan.groups`): each a-limb is
    transformed once, each product inverse-transformed once.
    """
    from ._execute_limbs import combine, split, whole

    plan = _dispatch.limbs(problem)
    g = _dispatch.geometry(problem)
    groups = plan.groups()
    la = split(problem.a, plan.bits, plan.n_a, groups[-1][1])  # the a-limbs some product uses
    lb = split(problem.b, plan.bits, plan.n_b, groups[0][2])
    products = []
    if plan.summed:
        # the terms are the shifts 0, 1, ... in order: term q's sum has weight 2**(bits*q)
        sums = eng.convolve_sums(la, lb, plan.terms(), g._replace(dtype=np.dtype(np.float64)),
                                 workers=problem.workers)
        products.append((0, sums[:, None]))
    for i0, i1, nj in groups if not plan.summed else ():
        lg = _dispatch.limb_geometry(g, plan._replace(n_a=i1 - i0, n_b=nj))
        b = lb[None, :nj]
        products.append((i0, eng.convolve(la[i0:i1, None], eng.prepare(b, lg), lg, workers=problem.workers)))
    estimate = None
    if plan.low:  # the float64 product of the whole operands (exact copies: below 2**53)
        a, b = whole(problem.a), whole(problem.b)
        fg = g._replace(dtype=np.dtype(np.float64))
        estimate = eng.convolve(a, eng.prepare(b, fg), fg, workers=problem.workers)
    return combine(products, plan.bits, problem.a.dtype, estimate, plan.low)


def run(name: str, problem: Problem, *, exact_nonfinite: bool = False, prepared=None,
        numpy_1d: bool = True) -> np.ndarray:
    """Run engine ``name`` on ``problem`` and return the engine's raw result (before ``finish``).

    Integer and boolean operands go through float64 for the FFT engines
    (``problem.fft_allowed`` guarantees the rounding is exact). With
    ``exact_nonfinite`` (``method='auto'``), an FFT result with any NaN or
    inf is not trusted and goes to the non-finite policy: finite inputs mean
    the transform overflowed (direct recomputes); non-finite inputs get
    direct convolution's finiteness. A non-finite input always leaves a
    non-finite FFT output, so one pass over the output decides.
    ``prepared`` is the engine's prepared ``problem.b`` when the caller keeps
    one (a :class:`~convkit.Plan` with a fixed kernel). With ``numpy_1d``
    (default), 1-D direct work runs numpy's correlate where that is predicted
    faster than the engine (``tune`` times the engine itself: False).
    """
    a, b = problem.a, problem.b
    if name != "direct" and (1 in a.shape or 1 in b.shape) and all(
            a.shape[i] == 1 or b.shape[i] == 1 for i in problem.axes):
        # No output sums more than one product: scipy's fftconvolve drops such axes and returns
        # in1 * in2, whose NaN and inf stay where they are; a transform would spread them over
        # the whole output. The direct engine forms the same single products.
        name, prepared = "direct", None
    # the length-1 axis rules below, only for calls that have such an axis (a test, not two loops, per call)
    ones = a.ndim > 1 and (1 in a.shape or 1 in b.shape)
    # (the direct engine's prepared kernel is the kernel itself: a plan's direct calls take
    # these routes as one-off calls do, so a plan gives the call's bits)
    if ones and (prepared is None or name == "direct"):
        # axes where both operands have length 1 hold one output: drop them, so that
        # an N-d call with length-1 axes runs as the lower-dimensional call it is
        drop = tuple(i for i in range(a.ndim) if a.shape[i] == 1 and b.shape[i] == 1)
        if drop and len(drop) < a.ndim:
            keep = [i for i in range(a.ndim) if i not in drop]
            sub = dataclasses.replace(
                problem, a=np.squeeze(a, axis=drop), b=np.squeeze(b, axis=drop),
                axes=tuple(keep.index(i) for i in problem.axes if i in keep),
                shape=tuple(problem.shape[i] for i in keep), start=tuple(problem.start[i] for i in keep))
            if not sub.axes:
                # every axis left broadcasts (one operand has length 1 there): convolving the
                # last one gives the same outputs (start 0, full length)
                sub = dataclasses.replace(sub, axes=(len(keep) - 1,))
            return run(name, sub, exact_nonfinite=exact_nonfinite, numpy_1d=numpy_1d).reshape(problem.shape)
    if (name == "direct" and numpy_1d and a.ndim == 1 and a.dtype.kind != "b"
            and _dispatch.numpy_1d_wins(a.size, b.size, problem.start[0], problem.shape[0], a.dtype,
                                        _profile.generation())):
        return numpy_window(a, b, problem.start[0], problem.shape[0])
    if name == "direct" and ones:
        # A batch axis where exactly one operand has length 1 is also a convolution axis with a
        # one-tap kernel (start 0, full length): the direct engine's 2-D loops handle a (k, 1)
        # kernel far better than a strided 1-D pass (2048^2 with (3, 1): 8 ms against 83 ms).
        extra = tuple(i for i in range(a.ndim)
                      if i not in problem.axes and (a.shape[i] == 1) != (b.shape[i] == 1))
        if extra:
            problem = dataclasses.replace(problem, axes=tuple(sorted(problem.axes + extra)))
    eng = _engines.get(name)
    if name != "direct" and a.dtype.kind in "iu" and not problem.fft_allowed:
        return _run_limbs(eng, problem)
    if name != "direct" and a.dtype.kind in "iub":
        a, b = a.astype(np.float64), b.astype(np.float64)
        prepared = None
    g = Geometry(a.shape, b.shape, problem.axes, problem.shape, problem.start, a.dtype, problem.workers)
    # CONVKIT_COMPILE=background (the default): a direct call whose tiled kernels are not compiled
    # runs the plain loop meanwhile, with the same bits. What a call needs depends on its kernel
    # (rank-one or not) as well as its geometry, so the check is made per call, except for
    # calls known to run on compiled kernels (set look-ups: _execute_compile.known_ready).
    known = name == "direct" and prepared is None and _execute_compile.known_ready(g, b)
    check = name == "direct" and prepared is None and not known
    if check and _execute_compile.background() and not _execute_compile.ready_or_start(g, b):
        return eng.convolve_plain(a, b, g)
    if prepared is None:
        # a one-off call: the spectral engines take the kernel as it is and transform it
        # inside ``convolve`` (bitwise what its prepared spectrum gives), which spares the
        # spectrum's copy and lets the two operands' transforms overlap with workers > 1;
        # the direct engine's prepare only compiles, so a call known to run on compiled
        # kernels passes its kernel as it is too (prepare's look-ups: 3-6 us a call)
        prepared = b if name in ("fft", "oa") or known else eng.prepare(b, g)
    out = eng.convolve(a, prepared, g, workers=problem.workers)
    if check:  # its kernels are compiled now (prepare compiled what was missing)
        _execute_compile.mark_ready(g, b)
    if name == "direct" or not exact_nonfinite or a.dtype.kind in "iub" or _all_finite(out):
        return out
    from ._execute_nonfinite import convolve_nonfinite

    # convolve_nonfinite reuses the poisoned result (every finite output of it
    # is already right) and sends finite inputs, a transform overflow, to direct.
    return convolve_nonfinite(_engine_call(name), _engine_call("direct"), a, b, problem.axes, problem.shape,
                              problem.start, workers=problem.workers, out=out)
