"""Validation, dtype promotion and output geometry: the only place user input is checked.

A public call is turned into a :class:`Problem` — two operands in the dtype an
engine computes in, the convolution axes, and the region of the full
convolution that the mode keeps — or into an :class:`Immediate` answer when no
engine is needed (0-d inputs, empty inputs, dtypes convkit hands to scipy).
``correlate`` becomes ``convolve`` here, once: the second operand is reversed
along the convolution axes and conjugated. :func:`finish` casts an engine's
result to the dtype scipy.signal returns.

Error types and messages follow scipy.signal 1.17 (see README, "Differences
from scipy.signal", for the few places convkit deliberately differs).
"""

from __future__ import annotations

import difflib
import functools
import math
import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ._memory import check_output_fits
from ._workers import resolve_workers

__all__ = [
    "Problem",
    "Immediate",
    "normalize_convolve",
    "normalize_freq",
    "normalize_2d",
    "finish",
    "fft_exact_for_integers",
]

MODES = ("full", "valid", "same")
METHODS = ("auto", "direct", "fft", "oa")

# Result kinds convkit computes natively; anything else goes to scipy.
_NATIVE_KINDS = "biufc"
_FFT_INTEGER_BOUND = 2**52 - 1
# dispatch.TINY_DIRECT_OPS (kept equal by tests/test_dispatch.py; problem may not import dispatch)
_TINY_DIRECT_OPS = 4096

_BOUNDARIES = {
    "fill": "fill", "pad": "fill",
    "wrap": "wrap", "circular": "wrap",
    "symm": "symmetric", "symmetric": "symmetric",
}


@dataclass(slots=True)
class Problem:
    """One convolution, ready for an engine (see ``convkit._engines``).

    Attributes
    ----------
    a, b : ndarray
        Operands in ``compute_dtype``, native byte order; ``b`` is already
        reversed and conjugated for a correlation.
    axes : tuple of int
        Convolution axes, sorted.
    shape, start : tuple of int
        Output shape, and per axis the offset of the kept region in the full
        convolution (0 on batch axes).
    mode : str
        'full', 'valid' or 'same' (for the record; the region says it all).
    result_dtype : numpy.dtype
        The dtype scipy.signal returns for this call.
    fft_allowed : bool
        False when an FFT engine could not reproduce the exact integer result.
    workers : int
        Threads this call may use.
    """

    a: np.ndarray
    b: np.ndarray
    axes: tuple[int, ...]
    shape: tuple[int, ...]
    start: tuple[int, ...]
    mode: str
    result_dtype: np.dtype
    fft_allowed: bool
    workers: int

    @property
    def compute_dtype(self) -> np.dtype:
        return self.a.dtype


@dataclass(frozen=True)
class Immediate:
    """A call answered without an engine; ``value`` is returned as is."""

    value: Any


# --------------------------------------------------------------------------
# Small checks shared by every entry point


# Names people type for a method, beyond close misspellings (which difflib finds).
_METHOD_ALIASES = {
    "overlap-add": "oa", "overlap_add": "oa", "overlapadd": "oa", "overlap add": "oa", "overlap": "oa",
    "ola": "oa", "overlap-save": "oa", "overlap_save": "oa", "overlapsave": "oa", "ols": "oa",
    "oaconvolve": "oa", "fftconvolve": "fft", "fftw": "fft", "pyfftw": "fft", "numba": "direct",
    "loop": "direct", "loops": "direct",
}


def _with_hint(message: str, hint: str) -> str:
    """scipy's ``message`` unchanged, then the ``hint`` as a sentence of its own."""
    if not hint:
        return message
    return f"{message}{'' if message.endswith(('.', '?', '!')) else '.'} {hint}"


def _did_you_mean(value, choices, name: str, aliases=None) -> str:
    """``Did you mean name='x'?`` for a close misspelling of one of ``choices``, else ''."""
    if not isinstance(value, str):
        return ""
    key = value.strip().lower()
    if aliases and key in aliases:
        match = aliases[key]
    elif key in choices:
        match = key  # case or stray spaces
    else:
        close = difflib.get_close_matches(key, choices, n=1, cutoff=0.6)
        if not close:
            return ""
        match = close[0]
    return f"Did you mean {name}={match!r}?"


def _mode_hint(mode, methods=None) -> str:
    """The fix for a bad ``mode``: a method name passed as the mode, or a misspelt mode."""
    if methods and isinstance(mode, str) and mode.strip().lower() in methods:
        return (f"Did you mean method={mode.strip().lower()!r}? (mode is the third argument; "
                "pass the method by keyword)")
    return _did_you_mean(mode, MODES, "mode")


def _check_mode(mode, message: str, methods=None) -> str:
    """Validate ``mode``: scipy's ``message`` plus a hint (``methods``: method names this function takes)."""
    if not isinstance(mode, str) or mode not in MODES:
        raise ValueError(_with_hint(message.format(mode=mode), _mode_hint(mode, methods)))
    return mode


def check_method(method) -> str:
    """Validate ``method=``; convkit also accepts 'oa' (its overlap-save block engine)."""
    if not isinstance(method, str) or method not in METHODS:
        raise ValueError(_with_hint("Acceptable method flags are 'auto', 'direct', 'fft', or 'oa'.",
                                    _did_you_mean(method, METHODS, "method", _METHOD_ALIASES)))
    return method


def check_2d_method(method) -> str:
    """``convolve2d``/``correlate2d``'s keyword-only ``method=`` (default 'direct', scipy's only one)."""
    return check_method(method)


def _ndim_hint(ndim1: int, ndim2: int, *, freq: bool = False) -> str:
    """The fix for a 1-D kernel against an N-d batch (or a 1-D signal against N-d kernels)."""
    if min(ndim1, ndim2) != 1 or max(ndim1, ndim2) < 2:
        return ""
    nd = max(ndim1, ndim2)
    rows = "every row" if nd == 2 else "every 1-D slice along the last axis"
    if ndim2 == 1:
        lifted = f"in2[{'None, ' * (nd - 1)}:]"
        what, call = f"{rows} of in1 with the 1-D in2", f"fftconvolve(in1, {lifted}, axes=-1)"
    else:
        lifted = f"in1[{'None, ' * (nd - 1)}:]"
        what, call = f"the 1-D in1 with {rows} of in2", f"fftconvolve({lifted}, in2, axes=-1)"
    if freq:
        return f"To convolve {what}, pass {lifted} (a length-1 axis is broadcast) and axes=-1: {call}."
    return f"To convolve {what}, pass {lifted} (a length-1 axis is broadcast), or call {call}."


def _valid_swap_needed(mode: str, shape1, shape2, axes=None) -> bool:
    """scipy's rule: in 'valid' mode one input must contain the other."""
    if mode != "valid" or not shape1:
        return False
    if axes is None:
        axes = range(len(shape1))
    ok1 = all(shape1[i] >= shape2[i] for i in axes)
    ok2 = all(shape2[i] >= shape1[i] for i in axes)
    if not (ok1 or ok2):
        raise ValueError(
            "For 'valid' mode, one must be at least as large as the other in every dimension"
        )
    return not ok1


def _is_native_one(dt: np.dtype) -> bool:
    if dt.kind not in _NATIVE_KINDS:
        return False
    # long double: no engine keeps its precision
    return dt.kind not in "fc" or dt.itemsize <= (8 if dt.kind == "f" else 16)


def _is_native(dt1: np.dtype, dt2: np.dtype) -> bool:
    """True when convkit's engines can compute with these dtypes."""
    return _is_native_one(dt1) and _is_native_one(dt2)


@functools.lru_cache(maxsize=256)
def _direct_dtypes(dt1: np.dtype, dt2: np.dtype) -> tuple[np.dtype, np.dtype]:
    """(result, compute) dtypes of convolve/correlate/convolve2d, memoised: the tiny-call path is hot."""
    result = np.result_type(dt1, dt2)
    return result, _compute_dtype(result)


def _compute_dtype(result: np.dtype) -> np.dtype:
    """The dtype engines compute in to produce ``result`` exactly or accurately."""
    if result.kind == "b" or (result.kind == "i"):
        return np.dtype(np.int64)
    if result.kind == "u":
        return np.dtype(np.uint64 if result.itemsize == 8 else np.int64)
    if result == np.float16:
        return np.dtype(np.float32)
    return result


def _region(mode: str, n: int, k: int, same_start: Callable[[int], int]) -> tuple[int, int]:
    """(start, length) of the kept region on one axis of the full convolution."""
    if mode == "full":
        return 0, n + k - 1
    if mode == "valid":
        return min(n, k) - 1, abs(n - k) + 1
    return same_start(k), n


def _centred_start(k: int) -> int:
    return (k - 1) // 2


def _convolve_geometry(mode: str, s1: tuple, s2: tuple):
    """Convolution axes, region start and output shape for ``convolve`` over all axes.

    An axis where ``in2`` has length 1 (or ``in1`` has, outside 'same' mode)
    is a plain broadcast product, not a convolution: it becomes a batch axis,
    so ``convolve((256, 4096), (1, 512))`` runs as 256 row convolutions sharing
    one kernel (one kernel spectrum on the FFT engines). The last axis stays a
    convolution axis when no other is left.
    """
    ndim = len(s1)
    axes = tuple(i for i in range(ndim) if s2[i] != 1 and (s1[i] != 1 or mode == "same")) or (ndim - 1,)
    start, shape = [], []
    for i, (n, k) in enumerate(zip(s1, s2)):
        first, length = _region(mode, n, k, _centred_start) if i in axes else (0, max(n, k))
        start.append(first)
        shape.append(length)
    return axes, tuple(start), tuple(shape)


def _abs_max(x: np.ndarray) -> int:
    if x.size == 0:
        return 0
    return max(abs(int(x.max())), abs(int(x.min())))


def fft_exact_for_integers(in1: np.ndarray, in2: np.ndarray) -> bool:
    """Whether a float64 FFT result rounds back to the exact integers.

    Two conditions: scipy's guard, ``max|in1| * max|in2| * min(size) <= 2**52``
    (every output is representable), and the transform's rounding error
    ``u * log2(n) * ||in1||_2 * ||in2||_2 < 1/2`` (``u = 2**-53``, ``n`` the
    full convolution's size). scipy's guard alone is not enough: a 2**20-point
    int16 minimum against itself passes it, yet its FFT is off by 0.5. The
    second bound was calibrated on the worst cases measured (constant and
    alternating extremes, random data, up to 2**21 points: error at most
    0.19 of ``u * log2(n) * ||in1|| * ||in2||``), so it holds with a margin of
    five. ``_execute_limbs`` computes the calls it rejects, exactly, by limbs.
    """
    bound = _abs_max(in1) * _abs_max(in2) * min(in1.size, in2.size)
    if bound > _FFT_INTEGER_BOUND:
        return False
    n = 1
    for n1, n2 in zip(in1.shape, in2.shape):
        n *= n1 + n2 - 1
    norms = math.sqrt(_sum_of_squares(in1) * _sum_of_squares(in2))
    return 2.0 ** -53 * math.log2(max(2, n)) * norms < 0.5


def _sum_of_squares(x: np.ndarray) -> float:
    """``||x||_2 ** 2`` in float64 by a ufunc sum, not BLAS: OpenBLAS's threaded dot took 3.4 ms
    for 36838 samples on the loaded 2-core machine (a 4 ms call where numpy's convolve took 0.1 ms)."""
    xf = x.ravel().astype(np.float64)
    return float(np.add.reduce(np.square(xf, out=xf)))


def _operand(x: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """``x`` in ``dtype`` and native byte order, copied only when needed."""
    if x.dtype == dtype and x.dtype.isnative:
        return x
    return x.astype(dtype)


def _flip_conj(x: np.ndarray, axes) -> np.ndarray:
    """The correlation kernel: reversed along ``axes`` and conjugated (a view when real)."""
    index = tuple(slice(None, None, -1) if i in axes else slice(None) for i in range(x.ndim))
    x = x[index]
    return np.conj(x) if x.dtype.kind == "c" else x


def _scipy(name: str) -> Callable:
    """scipy.signal's own function, imported only when convkit hands a call over.

    Always scipy's, even while ``convkit.patch_scipy()`` routes scipy.signal to convkit.
    """
    from ._patch import original

    return original(name)


# --------------------------------------------------------------------------
# convolve / correlate


def check_convolve_call(ndim1: int, ndim2: int, mode, method, *, correlate: bool) -> str:
    """``convolve``/``correlate``'s checks, in scipy's order and words; returns the method."""
    if ndim1 != ndim2:
        hint = _ndim_hint(ndim1, ndim2)
        if correlate:
            raise ValueError(_with_hint("in1 and in2 should have the same dimensionality", hint))
        raise ValueError(_with_hint("volume and kernel should have the same dimensionality", hint))
    if correlate:
        _check_mode(mode, "Acceptable mode flags are 'valid', 'same', or 'full'.", METHODS)
    else:
        _check_mode(mode, "Acceptable mode flags are 'valid', 'same', or 'full', not mode={mode}", METHODS)
    return check_method(method)


def normalize_convolve(in1, in2, mode, method, *, correlate: bool, workers) -> Problem | Immediate:
    """Check and prepare a ``convolve``/``correlate`` call (all axes convolved).

    Returns an :class:`Immediate` for 0-d inputs and for dtypes convkit hands
    to scipy.signal (object, long double, datetime and the like).
    """
    in1 = np.asarray(in1)
    in2 = np.asarray(in2)
    try:  # the checks and geometry depend only on these: a call of a shape seen before skips them
        checked = _CONVOLVE_CALLS.get((in1.shape, in2.shape, in1.dtype, in2.dtype, mode, method, correlate))
    except TypeError:  # an unhashable mode or method: the checks raise scipy's error
        checked = None
    if checked is None:
        checked = _check_convolve(in1, in2, mode, method, correlate)
        if isinstance(checked, Immediate):
            return checked
    method, result, compute, axes, start, shape, reverse = checked
    check_output_fits(shape, compute)  # on every call: it reads the machine's memory
    # The exactness check reads both inputs (four reductions): skip it where no FFT can run, on
    # method='direct' calls and where auto runs direct anyway (tiny calls). 1000^2 int32 * 5x5
    # 'direct': 1.3 ms of a 5.7 ms call (epyc-zen4-2c, thread CPU time).
    fft_allowed = result.kind not in "iu" or (
        method != "direct" and (method in ("fft", "oa") or in1.size * in2.size > _TINY_DIRECT_OPS)
        and fft_exact_for_integers(in1, in2))
    b = in2
    if correlate:  # the correlation kernel: reversed along every axis and conjugated
        b = in2[reverse]
        if b.dtype.kind == "c":
            b = np.conj(b)
    return Problem(
        a=_operand(in1, compute), b=_operand(b, compute), axes=axes,
        shape=shape, start=start, mode=mode, result_dtype=result,
        fft_allowed=fft_allowed, workers=resolve_workers(workers),
    )


def _empty_direct_result(in1: np.ndarray, in2: np.ndarray, mode: str, method: str, name: str) -> np.ndarray:
    """scipy's own answer where an operand is empty on its direct or auto path.

    scipy returns an array for some of these calls (an empty one, or zeros: a sum over no
    terms), for example 'same' with an empty ``in1`` or N-d 'valid' with an empty kernel, and
    raises for others, in ways that follow its implementation (``numpy.convolve`` on 1-D
    inputs, a zero-padded N-d loop otherwise, an integer bound check on 'auto'). No work is
    involved, so the call is handed to scipy: the same array, dtype and error. bool and
    float16, which scipy's N-d path rejects (README, difference 2), go through float32."""
    result = _direct_dtypes(in1.dtype, in2.dtype)[0]
    if result.char in "?e":
        out = _scipy(name)(in1.astype(np.float32), in2.astype(np.float32), mode=mode, method=method)
        return out.astype(result)
    return _scipy(name)(in1, in2, mode=mode, method=method)


# (shape1, shape2, dtype1, dtype2, mode, method, correlate) -> what _check_convolve found for a valid call
_CONVOLVE_CALLS: dict = {}
_CONVOLVE_CALLS_MAX = 4096


def _check_convolve(in1: np.ndarray, in2: np.ndarray, mode, method, correlate: bool):
    """``convolve``/``correlate``'s checks in scipy's order: an :class:`Immediate`, or
    ``(method, result dtype, compute dtype, axes, start, shape, reversing index)``, kept in ``_CONVOLVE_CALLS``."""
    name = "correlate" if correlate else "convolve"
    if in1.ndim == in2.ndim == 0:
        return Immediate(in1 * (np.conj(in2) if correlate else in2))
    checked_method = check_convolve_call(in1.ndim, in2.ndim, mode, method, correlate=correlate)
    if not _is_native(in1.dtype, in2.dtype):
        scipy_method = checked_method if checked_method in ("direct", "fft") else "auto"
        return Immediate(_scipy(name)(in1, in2, mode=mode, method=scipy_method))
    _valid_swap_needed(mode, in1.shape, in2.shape)
    if checked_method in ("direct", "auto") and (in1.size == 0 or in2.size == 0):
        return Immediate(_empty_direct_result(in1, in2, mode, checked_method, name))
    for label, x in (("in1", in1), ("in2", in2)):
        if x.size == 0:
            raise ValueError(f"{name}: {label} cannot be empty")
    result, compute = _direct_dtypes(in1.dtype, in2.dtype)
    axes, start, shape = _convolve_geometry(mode, in1.shape, in2.shape)
    checked = (checked_method, result, compute, axes, start, shape, (slice(None, None, -1),) * in1.ndim)
    if len(_CONVOLVE_CALLS) >= _CONVOLVE_CALLS_MAX:
        _CONVOLVE_CALLS.clear()
    _CONVOLVE_CALLS[in1.shape, in2.shape, in1.dtype, in2.dtype, mode, method, correlate] = checked
    return checked


# --------------------------------------------------------------------------
# fftconvolve / oaconvolve


def _normalize_axes(axes, ndim: int) -> list[int]:
    """scipy.fft's axes rules and messages."""
    if axes is None:
        return list(range(ndim))
    try:
        axes = [operator.index(axes)]
    except TypeError:
        try:
            axes = [operator.index(a) for a in axes]
        except TypeError as exc:
            raise ValueError("axes must be a scalar or iterable of integers") from exc
    axes = [a + ndim if a < 0 else a for a in axes]
    if any(a >= ndim or a < 0 for a in axes):
        raise ValueError("axes exceeds dimensionality of input")
    if len(set(axes)) != len(axes):
        raise ValueError("all axes must be unique")
    if not axes:
        raise ValueError("when provided, axes cannot be empty")
    return axes


def _freq_result_dtype(dt1: np.dtype, dt2: np.dtype) -> np.dtype:
    """fftconvolve's output dtype: integers and bool become float64, float16 float32."""
    def lift(dt):
        if dt.kind in "biu":
            return np.dtype(np.float64)
        if dt == np.float16:
            return np.dtype(np.float32)
        return dt

    return np.result_type(lift(dt1), lift(dt2))


def normalize_freq(in1, in2, mode, axes, *, name: str, workers) -> Problem | Immediate:
    """Check and prepare an ``fftconvolve``/``oaconvolve`` call.

    On a convolved axis (one of ``axes``; all by default) the mode decides
    the length, whatever the lengths: 'same' is ``in1``'s length even where
    ``in1`` has length 1. Where either input has length 1 the convolution is a
    broadcast product, which is how it is computed (as in scipy). Axes not in
    ``axes`` are broadcast and keep the broadcast length in every mode (scipy
    crops them to ``in1``'s length in 'same', scipy issue 21876).
    """
    in1 = np.asarray(in1)
    in2 = np.asarray(in2)
    if in1.ndim == in2.ndim == 0:
        return Immediate(in1 * in2)
    if in1.ndim != in2.ndim:
        raise ValueError(_with_hint("in1 and in2 should have the same dimensionality",
                                    _ndim_hint(in1.ndim, in2.ndim, freq=True)))
    if in1.size == 0 or in2.size == 0:
        return Immediate(np.array([]))
    if not _is_native(in1.dtype, in2.dtype):
        return Immediate(_scipy(name)(in1, in2, mode=mode, axes=axes))
    s1, s2 = in1.shape, in2.shape
    requested = _normalize_axes(axes, in1.ndim)
    axes = sorted(a for a in requested if s1[a] != 1 and s2[a] != 1)
    batch = [i for i in range(in1.ndim) if i not in axes]
    if not all(s1[i] == s2[i] or s1[i] == 1 or s2[i] == 1 for i in batch):
        raise ValueError(f"incompatible shapes for in1 and in2: {s1} and {s2}")
    _valid_swap_needed(mode, s1, s2, axes=axes)
    _check_mode(mode, "acceptable mode flags are 'valid', 'same', or 'full'")
    # A convolved axis where in1 has length 1 and in2 does not: 'same' keeps one
    # output, in1 * in2[(k - 1) // 2], not the broadcast length.
    short = [a for a in requested if mode == "same" and s1[a] == 1 and s2[a] != 1]
    if not axes:
        if short:
            in2 = in2[tuple(slice((s2[i] - 1) // 2, (s2[i] + 1) // 2) if i in short else slice(None)
                            for i in range(in2.ndim))]
        # scipy returns the broadcast product itself (no float cast) when nothing is convolved.
        return Immediate(in1 * in2)
    axes = sorted(axes + short)

    result = _freq_result_dtype(in1.dtype, in2.dtype)
    start, shape = [], []
    for i in range(in1.ndim):
        if i in axes:
            first, length = _region(mode, in1.shape[i], in2.shape[i], _centred_start)
        else:
            first, length = 0, max(in1.shape[i], in2.shape[i])
        start.append(first)
        shape.append(length)
    check_output_fits(shape, result)
    return Problem(
        a=_operand(in1, result), b=_operand(in2, result), axes=tuple(axes),
        shape=tuple(shape), start=tuple(start), mode=mode, result_dtype=result,
        fft_allowed=True, workers=resolve_workers(workers),
    )


# --------------------------------------------------------------------------
# convolve2d / correlate2d


def _fill_scalar(fillvalue, dtype: np.dtype):
    """Cast ``fillvalue`` as scipy's C code does, with its messages."""
    fill = np.asarray(fillvalue if fillvalue is not None else np.nan)
    if fill.size == 0:
        raise ValueError("`fillvalue` cannot be an empty array.")
    if fill.size != 1:
        raise ValueError("`fillvalue` must be scalar or an array with one element.")
    cannot = ValueError(
        "could not cast `fillvalue` directly to the output type (it was first converted to complex)."
    )
    value = complex(fill.reshape(()).item())
    if dtype.kind == "c":
        return dtype.type(value)
    if value.imag != 0:
        raise cannot
    if dtype.kind == "f":
        return dtype.type(value.real)
    # Integers: scipy accepts a real scalar that truncates into range.
    if isinstance(fillvalue, (np.ndarray, complex, np.complexfloating)) or not np.isfinite(value.real):
        raise cannot
    truncated = int(value.real)
    info = np.iinfo(dtype)
    if not info.min <= truncated <= info.max:
        raise cannot
    return dtype.type(truncated)


def _2d_hint(ndim1: int, ndim2: int) -> str:
    if ndim1 == 2 and ndim2 == 1:
        return "For a 1-D kernel pass in2[None, :] (a row) or in2[:, None] (a column)."
    if ndim1 == 1 and ndim2 == 2:
        return "For a 1-D signal pass in1[None, :] (a row) or in1[:, None] (a column)."
    if ndim1 == ndim2 and ndim1 > 2:
        return "For N-d arrays use convkit.convolve/correlate, or fftconvolve with axes=."
    return ""


def normalize_2d(in1, in2, mode, boundary, fillvalue, *, correlate: bool, workers) -> Problem | Immediate:
    """Check and prepare a ``convolve2d``/``correlate2d`` call.

    Non-zero fill, wrap and symmetric boundaries are realised by padding
    ``in1`` by ``k - 1`` on each side (scipy's definition) and keeping the
    matching region of the padded convolution.
    """
    name = "correlate2d" if correlate else "convolve2d"
    in1 = np.asarray(in1)
    in2 = np.asarray(in2)
    if not in1.ndim == in2.ndim == 2:
        raise ValueError(_with_hint(f"{name} inputs must both be 2-D arrays", _2d_hint(in1.ndim, in2.ndim)))
    # The kept 'valid' region is the same whichever input is larger, so no
    # swap is needed (scipy's swap also drops correlate2d's conjugate).
    _valid_swap_needed(mode, in1.shape, in2.shape)
    _check_mode(mode, "Acceptable mode flags are 'valid', 'same', or 'full'.", METHODS)
    if boundary == "reflect":
        raise ValueError(_with_hint("Incorrect boundary value.", "convolve2d's mirror boundary is boundary='symm' "
                                    "('symmetric'), which repeats the edge sample: ...3 2 1 | 1 2 3 | 3 2 1..."))
    if boundary not in _BOUNDARIES:
        raise ValueError(_with_hint(
            "Acceptable boundary flags are 'fill', 'circular' (or 'wrap'), and 'symmetric' (or 'symm').",
            _did_you_mean(boundary, tuple(_BOUNDARIES), "boundary",
                          {"constant": "fill", "zero": "fill", "zeros": "fill", "periodic": "wrap",
                           "mirror": "symm", "symmetrical": "symm"})))
    if not _is_native(in1.dtype, in2.dtype) and "O" not in (in1.dtype.kind, in2.dtype.kind):
        return Immediate(_scipy(name)(in1, in2, mode=mode, boundary=boundary, fillvalue=fillvalue))
    result, compute = _direct_dtypes(in1.dtype, in2.dtype)
    if result.kind in "bO" or result == np.float16:
        # scipy's C loops have no bool, float16 or object kernels (kept for compatibility).
        raise ValueError("convolve2d not available for this type.")
    pad_mode = _BOUNDARIES[boundary]
    fill = _fill_scalar(fillvalue, result) if pad_mode == "fill" else 0
    # scipy centres correlate2d's 'same' window at k // 2 (documented, gh-1968).
    same_start = (lambda k: k // 2) if correlate else _centred_start
    start, shape = zip(*(_region(mode, n, k, same_start) for n, k in zip(in1.shape, in2.shape)))
    check_output_fits(shape, compute)
    if in1.size == 0 or in2.size == 0:
        return Immediate(np.zeros(shape, dtype=result))

    a = _operand(in1, compute)
    needs_pad = mode != "valid" and (pad_mode != "fill" or fill != 0)
    if needs_pad:
        widths = [(k - 1, k - 1) for k in in2.shape]
        if pad_mode == "fill":
            a = np.pad(a, widths, mode="constant", constant_values=fill)
        else:
            a = np.pad(a, widths, mode=pad_mode)
        start = tuple(s + k - 1 for s, k in zip(start, in2.shape))
    b = _operand(_flip_conj(in2, (0, 1)) if correlate else in2, compute)
    return Problem(
        a=a, b=b, axes=(0, 1), shape=tuple(shape), start=tuple(start), mode=mode,
        result_dtype=result, fft_allowed=result.kind not in "iu" or fft_exact_for_integers(a, b),
        workers=resolve_workers(workers),
    )


# --------------------------------------------------------------------------


def finish(problem: Problem, out: np.ndarray) -> np.ndarray:
    """Cast an engine result to scipy's output dtype.

    Floating results for an integer or boolean call (an FFT engine's) are
    rounded first; ``Problem.fft_allowed`` guarantees that is exact.
    """
    result = problem.result_dtype
    if result.kind in "biu" and out.dtype.kind in "fc":
        out = np.rint(out.real).astype(np.int64 if result != np.uint64 else np.uint64)
    if result.kind == "b":
        return out != 0
    if out.dtype != result:
        # Integer narrowing wraps modulo 2**bits, exactly as scipy's
        # accumulation in the narrow type does.
        out = out.astype(result)
    return out
