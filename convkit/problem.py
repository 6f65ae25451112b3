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

import functools
import math
import operator
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from ._memory import check_output_fits
from .workers import resolve_workers

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

_BOUNDARIES = {
    "fill": "fill", "pad": "fill",
    "wrap": "wrap", "circular": "wrap",
    "symm": "symmetric", "symmetric": "symmetric",
}


@dataclass(slots=True)
class Problem:
    """One convolution, ready for an engine (see ``convkit.engines``).

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


def _check_mode(mode, message: str) -> str:
    if not isinstance(mode, str) or mode not in MODES:
        raise ValueError(message.format(mode=mode))
    return mode


def check_method(method) -> str:
    """Validate ``method=``; convkit also accepts 'oa' (overlap-add)."""
    if not isinstance(method, str) or method not in METHODS:
        raise ValueError("Acceptable method flags are 'auto', 'direct', 'fft', or 'oa'.")
    return method


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
    norms = float(np.linalg.norm(in1.ravel().astype(np.float64))) * float(np.linalg.norm(in2.ravel().astype(np.float64)))
    return 2.0 ** -53 * math.log2(max(2, n)) * norms < 0.5


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
    """A scipy.signal function, imported only when convkit hands a call over."""
    import scipy.signal

    return getattr(scipy.signal, name)


# --------------------------------------------------------------------------
# convolve / correlate


def check_convolve_call(ndim1: int, ndim2: int, mode, method, *, correlate: bool) -> str:
    """``convolve``/``correlate``'s checks, in scipy's order and words; returns the method."""
    if ndim1 != ndim2:
        if correlate:
            raise ValueError("in1 and in2 should have the same dimensionality")
        raise ValueError("volume and kernel should have the same dimensionality")
    _check_mode(mode, "Acceptable mode flags are 'valid', 'same', or 'full', not mode={mode}")
    return check_method(method)


def normalize_convolve(in1, in2, mode, method, *, correlate: bool, workers) -> Problem | Immediate:
    """Check and prepare a ``convolve``/``correlate`` call (all axes convolved).

    Returns an :class:`Immediate` for 0-d inputs and for dtypes convkit hands
    to scipy.signal (object, long double, datetime and the like).
    """
    name = "correlate" if correlate else "convolve"
    in1 = np.asarray(in1)
    in2 = np.asarray(in2)
    if in1.ndim == in2.ndim == 0:
        return Immediate(in1 * (np.conj(in2) if correlate else in2))
    method = check_convolve_call(in1.ndim, in2.ndim, mode, method, correlate=correlate)
    if not _is_native(in1.dtype, in2.dtype):
        scipy_method = method if method in ("direct", "fft") else "auto"
        return Immediate(_scipy(name)(in1, in2, mode=mode, method=scipy_method))
    _valid_swap_needed(mode, in1.shape, in2.shape)
    for label, x in (("in1", in1), ("in2", in2)):
        if x.size == 0:
            raise ValueError(f"{name}: {label} cannot be empty")

    result, compute = _direct_dtypes(in1.dtype, in2.dtype)
    axes, start, shape = _convolve_geometry(mode, in1.shape, in2.shape)
    check_output_fits(shape, compute)
    fft_allowed = result.kind not in "iu" or fft_exact_for_integers(in1, in2)
    b = _flip_conj(in2, range(in1.ndim)) if correlate else in2
    return Problem(
        a=_operand(in1, compute), b=_operand(b, compute), axes=axes,
        shape=tuple(shape), start=tuple(start), mode=mode, result_dtype=result,
        fft_allowed=fft_allowed, workers=resolve_workers(workers),
    )


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

    Axes where either input has length 1 are not convolved but broadcast, as
    in scipy; the output keeps the broadcast length on every such axis in all
    modes (scipy crops it to ``in1`` in 'same', scipy issue 21876).
    """
    in1 = np.asarray(in1)
    in2 = np.asarray(in2)
    if in1.ndim == in2.ndim == 0:
        return Immediate(in1 * in2)
    if in1.ndim != in2.ndim:
        raise ValueError("in1 and in2 should have the same dimensionality")
    if in1.size == 0 or in2.size == 0:
        return Immediate(np.array([]))
    if not _is_native(in1.dtype, in2.dtype):
        return Immediate(_scipy(name)(in1, in2, mode=mode, axes=axes))
    s1, s2 = in1.shape, in2.shape
    axes = [a for a in _normalize_axes(axes, in1.ndim) if s1[a] != 1 and s2[a] != 1]
    axes.sort()
    batch = [i for i in range(in1.ndim) if i not in axes]
    if not all(s1[i] == s2[i] or s1[i] == 1 or s2[i] == 1 for i in batch):
        raise ValueError(f"incompatible shapes for in1 and in2: {s1} and {s2}")
    _valid_swap_needed(mode, s1, s2, axes=axes)
    _check_mode(mode, "acceptable mode flags are 'valid', 'same', or 'full'")
    if not axes:
        return Immediate(in1 * in2)

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
        raise ValueError(f"{name} inputs must both be 2-D arrays")
    # The kept 'valid' region is the same whichever input is larger, so no
    # swap is needed (scipy's swap also drops correlate2d's conjugate).
    _valid_swap_needed(mode, in1.shape, in2.shape)
    _check_mode(mode, "Acceptable mode flags are 'valid', 'same', or 'full'.")
    if boundary == "reflect":
        raise ValueError("Incorrect boundary value.")
    if boundary not in _BOUNDARIES:
        raise ValueError(
            "Acceptable boundary flags are 'fill', 'circular' (or 'wrap'), and 'symmetric' (or 'symm')."
        )
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
