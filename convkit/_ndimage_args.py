"""scipy.ndimage's argument rules for :mod:`convkit.ndimage`: boundary mode names, sequences
per axis, axes, origins, the output array (allocated, or the caller's) and the cast into it,
and complex inputs computed by real components. Each rule is scipy.ndimage's own (1.17),
with its error types and messages."""

from __future__ import annotations

import operator
import weakref
from collections.abc import Iterable

import numpy as np
from numpy.lib.array_utils import normalize_axis_index

# scipy.ndimage's mode names -> the extension rule used here.
_MODES = {
    "reflect": "reflect", "grid-mirror": "reflect",      # d c b a | a b c d | d c b a
    "mirror": "mirror",                                    # d c b | a b c d | c b a
    "nearest": "nearest",                                  # a a a | a b c d | d d d
    "wrap": "wrap", "grid-wrap": "wrap",                   # b c d | a b c d | a b c
    "constant": "constant", "grid-constant": "constant",   # k k k | a b c d | k k k
}

_SUPPORTED = frozenset("?bBhHiIlLqQfdFD")


def _mode(mode):
    if isinstance(mode, str) and mode in _MODES:
        return _MODES[mode]
    raise RuntimeError("boundary mode not supported")


def _normalize_sequence(value, rank):
    if not isinstance(value, str) and np.iterable(value):
        seq = list(value)
        if len(seq) != rank:
            raise RuntimeError("sequence argument must have length equal to input rank")
        return seq
    return [value] * rank


def _check_axes(axes, ndim):
    if axes is None:
        return tuple(range(ndim))
    if np.isscalar(axes):
        axes = (operator.index(axes),)
    elif isinstance(axes, Iterable):
        axes = tuple(operator.index(ax) for ax in axes)
        for ax in axes:
            if ax < -ndim or ax > ndim - 1:
                raise ValueError(f"specified axis: {ax} is out of range")
        axes = tuple(ax % ndim if ax < 0 else ax for ax in axes)
    else:
        raise ValueError("axes must be an integer, iterable of integers, or None")
    if len(set(axes)) != len(axes):
        raise ValueError("axes must be unique")
    return axes


def _normalize_axis(axis, ndim):
    return normalize_axis_index(axis, ndim)


def _native(a):
    return a.dtype.char in _SUPPORTED


def _engine_output(out, input):
    """Whether convkit computes into ``out``: a dtype it has a road for, and not a complex output
    of a real input. scipy.ndimage's C filters reject that one ("array type ... not supported",
    raised by each 1-D pass), so such a call is handed to scipy, which raises its own error in
    its own order (or, where no pass runs, copies the input)."""
    return _native(out) and (out.dtype.kind != "c" or input.dtype.kind == "c")


def _invalid_origin(origin, lenw):
    return origin < -(lenw // 2) or origin > (lenw - 1) // 2


def _real_cval(cval):
    if type(cval) in (int, float):   # the common case, without numpy's type inspection
        return
    if np.iscomplexobj(cval):
        raise TypeError("must be real number, not complex")


def _int_cval(cval):
    c = float(cval)
    return int(c) if np.isfinite(c) and c == int(c) and abs(c) < 2.0 ** 31 else None


# Outputs this module allocated (output=None): _store may hand back the engine's fresh
# result instead of copying it in. Weak values: an entry dies with its array, so an id
# reused by a later object is never mistaken for one of ours.
_FRESH = weakref.WeakValueDictionary()


def _get_output(output, input, complex_output=False):
    """scipy.ndimage._ni_support._get_output: an array to return (zeros of the dtype, or the caller's)."""
    shape = input.shape
    if output is None:
        dtype = (np.promote_types(input.dtype, np.complex64) if complex_output
                 else input.dtype if input.dtype.isnative else input.dtype.newbyteorder("="))
        out = np.empty(shape, dtype=dtype)     # every path writes all of it
        _FRESH[id(out)] = out
        return out
    if isinstance(output, type | np.dtype):
        if complex_output and np.dtype(output).kind != "c":
            import warnings

            warnings.warn("promoting specified output dtype to complex", stacklevel=4)
            output = np.promote_types(output, np.complex64)
        return np.zeros(shape, dtype=output)
    if isinstance(output, str):
        output = np.dtype(output)
        if complex_output and output.kind != "c":
            raise RuntimeError("output must have complex dtype")
        if not issubclass(output.type, np.number):
            raise RuntimeError("output must have numeric dtype")
        return np.zeros(shape, dtype=output)
    output = np.asarray(output)
    if output.shape != shape:
        raise RuntimeError("output shape not correct")
    if complex_output and output.dtype.kind != "c":
        raise RuntimeError("output must have complex dtype")
    return output


def _store(result, output):
    """Write ``result`` into ``output`` with scipy's C cast (numpy's unsafe cast is the same cast).

    A bool output is scipy's cast to its byte type: ``0.5 -> False``, ``256 -> False``.
    """
    if (result.dtype == output.dtype and result.shape == output.shape and result.flags.c_contiguous
            and result.flags.writeable and _FRESH.get(id(output)) is output):
        return result          # our own fresh output: skip the copy
    if output.dtype.kind in "biu" and result.dtype.kind in "iu":
        result = result.astype(np.float64)
    if output.dtype.kind == "b" and result.dtype.kind != "b":
        result = result.astype(np.uint8) != 0
    np.copyto(output, result, casting="unsafe")
    return output


def _complex_via_real_components(func, input, weights, output, cval, **kwargs):
    complex_input = input.dtype.kind == "c"
    complex_weights = weights.dtype.kind == "c"
    if complex_input and complex_weights:
        func(input.real, weights.real, output=output.real, cval=np.real(cval), **kwargs)
        output.real -= func(input.imag, weights.imag, output=None, cval=np.imag(cval), **kwargs)
        func(input.real, weights.imag, output=output.imag, cval=np.real(cval), **kwargs)
        output.imag += func(input.imag, weights.real, output=None, cval=np.imag(cval), **kwargs)
    elif complex_input:
        func(input.real, weights, output=output.real, cval=np.real(cval), **kwargs)
        func(input.imag, weights, output=output.imag, cval=np.imag(cval), **kwargs)
    else:
        if np.iscomplexobj(cval):
            raise ValueError("Cannot provide a complex-valued cval when the input is real.")
        func(input, weights.real, output=output.real, cval=cval, **kwargs)
        func(input, weights.imag, output=output.imag, cval=cval, **kwargs)
    return output
