"""Plans: a convolution with fixed shapes, dtypes and mode, prepared once and called many times.

``convkit.plan`` validates the call, promotes dtypes, works out the kept
region and asks the dispatcher once; a call then only checks the new input's
shape and dtype, runs the engine and casts the result. With a fixed kernel the
kernel is also reversed, conjugated, cast and prepared by its engine once (for
the FFT engines, its spectrum), so no call transforms it again. A Plan holds no mutable
state after construction, so any number of threads may call it at once.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray

from . import _dispatch, _engines, _execute
from ._problem import Immediate, Problem, _flip_conj, finish, normalize_convolve, normalize_freq
from ._typing import Axes, Method, Mode, Workers

__all__ = ["Plan", "plan"]


class Plan:
    """A prepared convolution; call it with arrays of the planned shapes and dtypes.

    Build one with :func:`plan`. ``plan(x)`` (fixed kernel) or ``plan(x, k)``
    returns exactly what the corresponding convkit call returns.

    Attributes
    ----------
    method : str
        The engine every call runs ('direct', 'fft' or 'oa').
    shape : tuple of int
        The output shape.
    dtype : numpy.dtype
        The output dtype.
    """

    __slots__ = ("_template", "_in1", "_in2", "_kernel", "_given", "_prepared", "_correlate", "_auto", "method",
                 "shape", "dtype")

    def __init__(self, template: Problem, in1: tuple, in2: tuple, kernel: np.ndarray | None, correlate: bool,
                 method: str, auto: bool, given: np.ndarray | None = None) -> None:
        self._template = template
        self._in1 = in1
        self._in2 = in2
        self._kernel = kernel
        # a direct plan's fixed kernel as the caller gave it (a copy): convkit.convolve's
        # small-call path takes it so (see __call__)
        self._given = given
        # the fixed kernel as its engine wants it (read-only, shared by every call and thread)
        integer_fft = method != "direct" and template.a.dtype.kind in "iub"
        if kernel is None or integer_fft:
            # an integer FFT call runs in float64 or as exact limb products, which its in1's
            # values decide (unknown at planning): the kernel is transformed per call
            self._prepared = None
        else:
            self._prepared = _engines.get(method).prepare(kernel, _dispatch.geometry(template))
        if any(m == 1 and k == 1 for m, k in zip(template.a.shape, template.b.shape)):
            # the executor drops axes where both operands have length 1 from a one-off call
            # (the lower-dimensional call it is); a kernel prepared for every axis cannot follow
            self._prepared = None
        self._correlate = correlate
        self.method = method
        self.shape = template.shape
        self.dtype = template.result_dtype
        self._auto = auto

    def __repr__(self) -> str:
        return (f"Plan(method={self.method!r}, in1={self._in1[0]} {self._in1[1]}, "
                f"in2={self._in2[0]} {self._in2[1]}, fixed_kernel={self._kernel is not None}, "
                f"out={self.shape} {self.dtype})")

    def _checked(self, x, spec, label) -> np.ndarray:
        """``x`` as an array of the planned shape and dtype, or scipy-style ValueError."""
        x = np.asarray(x)
        shape, dtype = spec
        if x.shape != shape or x.dtype != dtype:
            raise ValueError(f"this plan was made for {label} of shape {shape} and dtype {dtype}, "
                             f"got shape {x.shape} and dtype {x.dtype}")
        return x

    def _compute(self, x: np.ndarray) -> np.ndarray:
        """``x`` in the engines' dtype."""
        compute = self._template.a.dtype
        return x if x.dtype == compute and x.dtype.isnative else x.astype(compute)

    def __call__(self, in1: ArrayLike, in2: ArrayLike | None = None) -> NDArray[Any]:
        t = self._template
        x1 = self._checked(in1, self._in1, "in1")
        if self._kernel is not None:
            if in2 is not None:
                raise ValueError("this plan has a fixed kernel: call it with in1 only")
            x2 = self._given
        else:
            if in2 is None:
                raise ValueError("this plan has no fixed kernel: call it with in1 and in2")
            x2 = self._checked(in2, self._in2, "in2")
        if self.method == "direct" and x2 is not None:
            # a small call runs the way convkit.convolve runs it, on the inputs as given (numpy's
            # loop, the small loop), so a plan gives convolve's bits
            out = _execute.tiny(x1, x2, t.mode, "auto" if self._auto else "direct", t.workers, self._correlate)
            if out is not None:
                return out
        a = self._compute(x1)
        if self._kernel is not None:
            b = self._kernel
        else:
            b = self._compute(x2)
            if self._correlate:
                # The same reversal normalize_convolve applies (every axis; conj only if complex).
                b = _flip_conj(b, range(b.ndim))
        problem = dataclasses.replace(t, a=a, b=b)
        prepared = self._prepared if self._kernel is not None else None
        return finish(t, _execute.run(self.method, problem, exact_nonfinite=self._auto, prepared=prepared))


# Short names people type for dtypes that numpy does not take ('f4' and 'float32' it does).
_DTYPE_ALIASES = {"f16": "float16", "f32": "float32", "f64": "float64", "c64": "complex64",
                  "c128": "complex128", "i8": "int8", "i16": "int16", "i32": "int32", "i64": "int64",
                  "u8": "uint8", "u16": "uint16", "u32": "uint32", "u64": "uint64",
                  "float": "float64", "double": "float64", "complex": "complex128"}


def _check_dtype(dtype) -> np.dtype:
    """``np.dtype(dtype)``, its TypeError naming ``dtype`` and suggesting the numpy spelling."""
    try:
        return np.dtype(dtype)
    except TypeError as exc:
        hint = ""
        if isinstance(dtype, str) and dtype.strip().lower() in _DTYPE_ALIASES:
            hint = f"; did you mean {_DTYPE_ALIASES[dtype.strip().lower()]!r}?"
        raise TypeError(f"plan: dtype {dtype!r} is not a numpy dtype ({exc}){hint}") from None


def _check_shape(shape, name: str) -> tuple:
    """A shape as a tuple of non-negative ints; a TypeError naming the argument otherwise."""
    if isinstance(shape, (str, bytes)):
        raise TypeError(f"plan: {name} must be a shape (a tuple of ints), got {type(shape).__name__} {shape!r}")
    if isinstance(shape, (int, np.integer)) and not isinstance(shape, (bool, np.bool_)):
        raise TypeError(f"plan: {name} must be a shape (a tuple of ints), got {type(shape).__name__} {shape!r}; "
                        f"for a 1-D input of length {shape} write ({shape},)")
    if isinstance(shape, np.ndarray) and (shape.ndim != 1 or shape.dtype.kind not in "iu"):
        raise TypeError(f"plan: {name} must be a shape (a tuple of ints), got an array of shape {shape.shape} "
                        f"and dtype {shape.dtype}; pass the array's .shape")
    try:
        items = tuple(shape)
    except TypeError:
        raise TypeError(f"plan: {name} must be a shape (a tuple of ints), got {type(shape).__name__} "
                        f"{shape!r}") from None
    out = []
    for n in items:
        if isinstance(n, (bool, np.bool_)):
            n = None
        try:
            n = operator.index(n)
        except TypeError:
            raise TypeError(f"plan: {name} must be a shape (a tuple of ints), got {shape!r} "
                            f"(item {n!r} is not an int)") from None
        if n < 0:
            raise ValueError(f"plan: {name} has a negative length: {tuple(items)!r}")
        out.append(n)
    return tuple(out)


def plan(shape1: Sequence[int], shape2: Sequence[int], dtype: DTypeLike | Sequence[DTypeLike] = np.float64,
         mode: Mode = "full", *, kernel: ArrayLike | None = None, method: Method = "auto", axes: Axes = None,
         correlate: bool = False, workers: Workers = None) -> Plan:
    """Prepare a convolution of fixed shapes, dtype and mode for many calls.

    Parameters
    ----------
    shape1, shape2 : tuple of int
        Shapes of ``in1`` and ``in2``.
    dtype : dtype or pair of dtypes, optional
        Input dtype(s) (default float64).
    mode : {'full', 'valid', 'same'}, optional
        As in :func:`convkit.convolve`.
    kernel : array_like, optional
        A fixed ``in2``, prepared once (reversed, conjugated and cast); the
        plan is then called with ``in1`` only.
    method : {'auto', 'direct', 'fft', 'oa'}, optional
        The engine; 'auto' asks the dispatcher once, at planning.
    axes : int or sequence of int, optional
        Convolve only these axes, as :func:`convkit.fftconvolve` (float
        results); default: all axes, as :func:`convkit.convolve`.
    correlate : bool, optional
        Plan a correlation instead of a convolution (not with ``axes``).
    workers : int, optional
        Threads per call.

    Returns
    -------
    Plan
        Callable as ``plan(in1)`` (fixed kernel) or ``plan(in1, in2)``.

    Examples
    --------
    >>> import numpy as np, convkit
    >>> p = convkit.plan((1000,), (31,), kernel=np.hanning(31), mode="same")
    >>> p(np.ones(1000)).shape
    (1000,)
    """
    dt1, dt2 = (_check_dtype(d) for d in (dtype if isinstance(dtype, (tuple, list)) else (dtype, dtype)))
    shape1 = _check_shape(shape1, "shape1")
    if kernel is not None:
        kernel = np.asarray(kernel)
        shape2, dt2 = kernel.shape, kernel.dtype
    shape2 = _check_shape(shape2, "shape2")
    if not isinstance(correlate, (bool, np.bool_)):
        raise TypeError(f"plan: correlate must be True or False, got {type(correlate).__name__} {correlate!r}")
    in1 = np.zeros(shape1, dt1)
    in2 = kernel if kernel is not None else np.ones(shape2, dt2)
    if axes is None:
        template = normalize_convolve(in1, in2, mode, method, correlate=correlate, workers=workers)
    else:
        if correlate:
            raise ValueError("plan: correlate=True is not available with axes")
        template = normalize_freq(in1, in2, mode, axes, name="fftconvolve", workers=workers)
    if isinstance(template, Immediate):
        raise ValueError("plan: these shapes/dtypes need no engine (0-d inputs, no convolved axis, "
                         "or a dtype convkit hands to scipy); call convkit directly")
    # The integer bound depends on in1's values, unknown at planning: integer
    # plans stay on the exact direct engine.
    exact_fft = template.fft_allowed and template.a.dtype.kind not in "iub"
    template = dataclasses.replace(template, fft_allowed=exact_fft)
    if axes is not None and method == "auto":
        chosen = min(("fft", "oa"), key=lambda name: _dispatch.predict(name, template))
    elif method == "auto" and template.a.dtype.kind in "iub":
        # exact limbs depend on in1's values too (its bits), unknown at planning: the
        # dispatcher, shown the zero template, would rank limb FFTs as if in1 were tiny
        chosen = "direct"
    elif method == "auto" and _execute.tiny_choice(in1, in2, mode, workers) is not None:
        chosen = "direct"  # convkit.convolve's small-call path (numpy's loop or the small loop)
    else:
        chosen = _dispatch.choose(template, method)
    # A copy: the plan must not follow later writes to the caller's kernel (an engine that
    # prepares a spectrum would not, the direct engine would read the caller's array).
    prepared = np.array(template.b, order="C", copy=True) if kernel is not None else None
    given = None
    if kernel is not None and axes is None and chosen == "direct":
        given = np.array(kernel, order="C", copy=True)
    return Plan(template, (shape1, dt1), (shape2, dt2), prepared, correlate, chosen, method == "auto", given)
