"""scipy.ndimage's linear filters, computed by convkit's engines.

``convkit.ndimage.convolve``, ``correlate``, ``convolve1d``, ``correlate1d``,
``uniform_filter``, ``uniform_filter1d``, ``gaussian_filter`` and
``gaussian_filter1d`` take scipy.ndimage's arguments and return its results:
the same shape and output dtype, the same boundary modes, origins, axes and
exceptions.

How: a kernel long on one axis only (``correlate1d``, ``convolve1d``, each 1-D pass of the
separable filters) up to ``_FIR_MAX_TAPS`` taps (fewer on the last axis) runs as a compiled FIR pass
(:func:`convkit._running.fir_planes` / ``fir_rows``): the boundary is read through an index map
of the outside samples (each mode is one), with no padded copy. Box passes are ndimage's
float64 running sums (``convkit._running.mean_planes`` / ``mean_rows``), except short ones
along the last axis. Small 2-D images take one compiled loop (``fir_2d``). Everything else is
padded once and correlated ('valid') through :func:`convkit.correlate` with
``method='auto'``, so short kernels run on the direct engine and long ones on the FFT or
overlap-save engine; ``constant`` with ``cval=0`` uses the engines' own zero extension. A
pass along a leading axis that reaches the engines is a 2-D call with a ``(K, 3)`` kernel
whose side columns are zero (see ``_axis_pass``), because convkit's direct engine runs
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
  scipy 6, convkit 7); a flat region under a Gaussian gives the flat value in both.
* Float outputs: float32 inputs with a float32 output are computed in
  float32 (scipy computes in float64 and rounds); others in float64. Results
  agree within convkit's tolerance rule (relative L2 1e-5 for float32,
  1e-12 for float64).
* Complex inputs or weights are computed by real components like scipy
  (``correlate`` conjugates complex weights; ``convolve`` does not).
* dtypes convkit has no engine for (float16, long double, object ...) are
  handed to scipy.ndimage, which raises its own error for them.

Differences: a zero weight times an infinite sample gives NaN here (scipy
skips zero weights in its N-d loop).
"""

from __future__ import annotations

import functools
import math
import numbers
import operator
import threading
import weakref
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
from numpy.lib.array_utils import normalize_axis_index
from numpy.typing import ArrayLike, NDArray

from ._typing import Axes, FloatOrSeq, IntOrSeq, NdMode, NdModes, Output, Scalar, Workers

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

# scipy.ndimage's mode names -> the extension rule used here.
_MODES = {
    "reflect": "reflect", "grid-mirror": "reflect",      # d c b a | a b c d | d c b a
    "mirror": "mirror",                                    # d c b | a b c d | c b a
    "nearest": "nearest",                                  # a a a | a b c d | d d d
    "wrap": "wrap", "grid-wrap": "wrap",                   # b c d | a b c d | a b c
    "constant": "constant", "grid-constant": "constant",   # k k k | a b c d | k k k
}
_SUPPORTED = frozenset("?bBhHiIlLqQfdFD")


def _with_workers(func: Callable[..., NDArray[Any]]) -> Callable[..., NDArray[Any]]:
    """Add convkit's keyword-only ``workers=`` (thread count, scipy.fft's meaning) to a
    scipy.ndimage signature; ``None`` keeps the default (:func:`convkit.set_workers`)."""

    @functools.wraps(func)
    def wrapper(*args, workers=None, **kwargs):
        if workers is None:
            return func(*args, **kwargs)
        from ._workers import get_workers, resolve_workers, set_workers

        if resolve_workers(workers) == get_workers():   # (validated) no context to enter: ~5 us
            return func(*args, **kwargs)
        with set_workers(workers):
            return func(*args, **kwargs)

    import inspect

    sig = inspect.signature(func)
    extra = inspect.Parameter("workers", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Workers)
    wrapper.__signature__ = sig.replace(parameters=[*sig.parameters.values(), extra])
    wrapper.__annotations__ = {**func.__annotations__, "workers": Workers}   # for typing.get_type_hints
    wrapper.__doc__ = (func.__doc__ or "") + _WORKERS_DOC
    del wrapper.__wrapped__       # the real scipy is never behind these names
    return wrapper


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


# ---------------------------------------------------------------- argument rules (scipy's)

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


def _invalid_origin(origin, lenw):
    return origin < -(lenw // 2) or origin > (lenw - 1) // 2


def _native(a):
    return a.dtype.char in _SUPPORTED


# ---------------------------------------------------------------- padding

def _ext_index(idx, n, mode):
    """Index into ``[0, n)`` of the outside positions ``idx`` under ``mode`` (not 'constant')."""
    if mode == "nearest":
        return np.clip(idx, 0, n - 1)
    if mode == "wrap":
        return idx % n
    if mode == "reflect":
        m = idx % (2 * n)
        return np.where(m >= n, 2 * n - 1 - m, m)
    if mode == "mirror":
        if n == 1:
            return np.zeros_like(idx)
        period = 2 * n - 2
        m = idx % period
        return np.where(m >= n, period - m, m)
    raise AssertionError(mode)


# Padded copies (and separable filters' intermediate passes) live in scratch buffers of the
# thread, reused from call to call, up to this size: a fresh multi-MiB array per call paid
# its page faults every time (1024^2 float64, thread_time medians of 9 calls, 2-core AMD EPYC
# VM: 3x3 correlate 4.9 ms with a fresh padded copy, 1.7-2.5 ms reusing one; gaussian_filter
# sigma=1 7.1 -> 4.2 ms, uniform_filter 3 5.5 -> 2.4 ms with the intermediate pass in scratch).
# The buffers are kept while their thread lives.
_SCRATCH_MAX_BYTES = 64 << 20
_SCRATCH = threading.local()


def _scratch(shape, dtype, slot="pad"):
    """An uninitialised array of ``shape`` in the calling thread's scratch buffer ``slot``
    (fresh memory past :data:`_SCRATCH_MAX_BYTES`), valid until the thread's next use of
    that slot. Slots: ``"pad"`` for a padded operand that no result can share (see
    :func:`_correlate_padded`), ``0``/``1`` for the intermediate results of separable
    filters (alternating, so a pass never writes the slot it reads)."""
    dtype = np.dtype(dtype)
    nbytes = math.prod(shape) * dtype.itemsize
    if nbytes > _SCRATCH_MAX_BYTES:
        return np.empty(shape, dtype)
    bufs = getattr(_SCRATCH, "bufs", None)
    if bufs is None:
        bufs = _SCRATCH.bufs = {}
    buf = bufs.get(slot)
    if buf is None or buf.nbytes < nbytes:
        buf = bufs[slot] = np.empty(max(nbytes, 1), np.uint8)
    return buf[:nbytes].view(dtype).reshape(shape)


def _pad(x, pads, modes, cval, dtype, out=None):
    """``x`` in ``dtype`` padded by ``pads[axis] = (left, right)`` with scipy.ndimage's ``modes[axis]``.

    One copy of the interior plus the borders, axis by axis (corners follow from the
    earlier axes' borders, as ndimage's per-axis index maps do). Written into ``out``
    (any view of the padded shape) when given, else into the thread's scratch buffer
    (:func:`_scratch`): the caller consumes it before its next padded copy.
    """
    shape = tuple(n + lo + hi for n, (lo, hi) in zip(x.shape, pads))
    if out is None:
        if not any(lo or hi for lo, hi in pads):
            return x if x.dtype == dtype else x.astype(dtype)
        out = _scratch(shape, dtype)
    interior = tuple(slice(lo, lo + n) for n, (lo, _) in zip(x.shape, pads))
    out[interior] = x
    for axis, ((left, right), mode) in enumerate(zip(pads, modes)):
        if not (left or right):
            continue
        n = x.shape[axis]
        # Axes before this one are already padded in full; later ones only in their interior.
        base = list(slice(None) for _ in range(axis)) + list(interior[axis:])
        for start, count, positions in ((0, left, np.arange(-left, 0)),
                                        (left + n, right, np.arange(n, n + right))):
            if not count:
                continue
            index = list(base)
            index[axis] = slice(start, start + count)
            if mode == "constant":
                out[tuple(index)] = cval
            else:
                src = list(base)
                # Fancy index on the view (np.take would first copy the whole array).
                src[axis] = _ext_index(positions, n, mode) + left
                out[tuple(index)] = out[tuple(src)]
    return out


# ---------------------------------------------------------------- engines

def _correlate_padded(padded, weights, method="auto"):
    """'valid' correlation of a padded real array with real weights of the same ndim."""
    from . import correlate as _ck_correlate

    result = _ck_correlate(padded, weights, "valid", method)
    if np.may_share_memory(result, padded):   # never hand out a view of the scratch buffer
        result = result.copy()
    return result


def _compute_dtype(in_dtype, out_dtype):
    """float32 when both sides are single precision (or small ints into float32), else float64."""
    if out_dtype.kind in "fc" and out_dtype.itemsize in (4, 8) and out_dtype.char in "fF":
        if in_dtype.char in "f?bBhH":
            return np.dtype(np.float32)
    return np.dtype(np.float64)


def _int_weights(w):
    """``w`` as int64 when every weight is an integer of moderate size, else None."""
    if w.size and np.all(np.isfinite(w)) and np.all(w == np.round(w)) and np.abs(w).max() < 2 ** 31:
        return w.astype(np.int64)
    return None


def _exact_ok(x, wi):
    """Integer input and integer weights whose sums stay inside float64's exact range."""
    if wi is None or x.dtype.kind not in "biu" or (x.dtype.kind == "u" and x.dtype.itemsize == 8):
        return False
    if x.size == 0:
        return True
    bound = max(abs(float(x.max())), abs(float(x.min())))
    return bound * float(np.abs(wi).sum()) < 2.0 ** 52


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


_SNAP = 1e-12


def _snap(result):
    """Scale float64 sums by ``1 + 1e-12`` (away from zero) before the truncating cast.

    A sum that lies within ``1e-12`` (relative) below an integer's magnitude then truncates
    to that integer: the cast truncates toward zero, so a sum that should be 100 but came
    out 99.99999999999997 would give 99. scipy's loop has the same hazard with its own
    summation order (a flat uint8 region under a Gaussian stays 100 in scipy, ``[7, 7, 7]``
    under ``[1/3] * 3`` gives 6). One in-place pass.
    """
    result = np.asarray(result, dtype=np.float64)
    result *= 1.0 + _SNAP
    return result


def _bound(x, w, modes, cval):  # used by the exact integer path
    """``max|x| * sum|w|`` with the fill value counted for 'constant'."""
    big = max(abs(float(x.max())), abs(float(x.min()))) if x.size else 0.0
    if "constant" in modes:
        big = max(big, abs(float(cval)))
    return big * float(np.abs(w).sum())


def _real_cval(cval):
    if type(cval) in (int, float):   # the common case, without numpy's type inspection
        return
    if np.iscomplexobj(cval):
        raise TypeError("must be real number, not complex")


def _correlate_real(x, weights, pads, modes, cval, out_dtype, into=None):
    """Real N-d correlation of real ``x`` with real float ``weights`` (same ndim), padded as given.

    Returns a float (or int64) result whose cast to ``out_dtype`` is scipy's. Integer inputs
    with integer weights are exact: computed in float32 or float64 by the direct engine when
    the error bound (``taps * eps * max|x| * sum|w| * 4``) stays below 1/2, then rounded to
    the integer they must be; in int64 otherwise. Integer outputs of fractional sums are
    snapped (:func:`_snap`).
    """
    _real_cval(cval)
    if x.size == 0:
        return np.zeros(x.shape, dtype=np.float64)
    if out_dtype.kind in "biu" or x.dtype.kind in "biu":
        wi = _int_weights(weights)
        int_fill = "constant" not in modes or _int_cval(cval) is not None
        if x.dtype.kind in "biu" and wi is not None and int_fill:
            bound = _bound(x, wi, modes, cval)
            taps = int(np.count_nonzero(wi))
            for dt in (np.dtype(np.float32), np.dtype(np.float64)):
                if taps <= 256 and 4 * taps * np.finfo(dt).eps * bound < 0.5:
                    y = _run(x, wi.astype(dt), pads, modes, cval, dt, method="direct")
                    return np.rint(y, out=y)
            if _exact_ok(x, wi):
                return _run(x, wi, pads, modes, _int_cval(cval), np.dtype(np.int64))
        y = _run(x, weights.astype(np.float64, copy=False), pads, modes, cval, np.dtype(np.float64))
        if out_dtype.kind in "biu":
            y = _snap(y)
        return y
    dt = _compute_dtype(x.dtype, out_dtype)
    return _run(x, weights.astype(dt, copy=False), pads, modes, cval, dt, into=into)


def _run(x, w, pads, modes, cval, dt, method="auto", into=None):
    """``x`` extended by ``modes`` and correlated with ``w`` (``pads[axis] = (left, right)``), in ``dt``.

    ``constant`` with ``cval == 0`` is the engines' own zero extension: no padded copy
    (:func:`_zero_extended`). Other modes pad once and take a 'valid' correlation; a
    kernel that is 1-D along a leading axis takes the fast 2-D road (:func:`_axis_pass`).
    Recomputing only the border strips of a zero-extended result instead was slower here
    (four small engine calls and gathers cost more than one padded float32 copy: 1024^2
    float32 3x3, 1.9 ms against 1.0 ms, min of 15 interleaved calls, /tmp A/B script).
    """
    long = [a for a, k in enumerate(w.shape) if k > 1]
    if dt.kind == "f" and len(long) <= 1 and x.ndim:
        axis = long[0] if long else x.ndim - 1
        k = w.size
        if axis != x.ndim - 1:
            fir = k <= _FIR_MAX_TAPS
        else:
            fir = k <= (_FIR_ROW_TAPS if dt == np.float64 or x.size <= _FIR_SMALL else _FIR_ROW_F32_TAPS)
        if fir:
            return _fir_pass(x, w.reshape(-1), axis, pads[axis], modes[axis], cval, dt, into)
    if dt.kind == "f" and x.ndim == 2 and x.size <= _FIR_SMALL and w.size <= _FIR_2D_TAPS:
        return _fir_2d(x, w, pads, modes, cval, dt)
    if all(m == "constant" for m in modes) and cval == 0 and x.ndim:
        return _zero_extended(x if x.dtype == dt else x.astype(dt), w, pads, method)
    if len(long) == 1 and long[0] != x.ndim - 1 and x.ndim >= 2:
        return _axis_pass(x, w.reshape(-1), long[0], pads, modes, cval, dt, method)
    if len(long) <= 1 and x.ndim >= 2:
        # 1-D along the last axis (or a single tap): rows of one 2-D call.
        padded = _pad(x, pads, modes, cval, dt)
        k = w.size
        flat = padded.reshape(-1, padded.shape[-1])
        return _correlate_padded(flat, w.reshape(1, k), method).reshape(x.shape)
    return _correlate_padded(_pad(x, pads, modes, cval, dt), w, method)


# Kernels long on one axis only (separable passes, correlate1d, 1-D weights) run as FIR passes
# along that axis (convkit._running.fir_planes/fir_rows: the boundary through an index map, no
# padded copy, one compiled call) instead of a padded copy and an engine call, up to these
# tap counts. Measured against the engine road (the limits set to 0), correlate1d on 1024^2,
# one thread, thread_time medians of 5 interleaved rounds, 2-core AMD EPYC VM (AVX-512):
# * a leading axis: FIR faster at every length tried (float64 17/33/65/129 taps: 2.9/5.5/8.8/
#   19.8 ms against 5.4/6.1/32/40 ms; float32 65 taps 5.1 against 4.5, 129: 8.2 against 37);
_FIR_MAX_TAPS = 128
# * the last axis, float64: FIR 3.4 against 3.8 ms at 17 taps, level at 33 (4.5/4.3), slower
#   at 65 (10.8/6.6);
_FIR_ROW_TAPS = 32
# * the last axis, float32: the engine's register-blocked row kernel is as fast or faster
#   beyond a few taps (17: 1.73/1.81, 33: 2.63/2.43; gaussian_filter1d sigma=2: FIR 1.84,
#   engine 1.43), except on small arrays where its fixed cost dominates.
_FIR_ROW_F32_TAPS = 5
# Arrays up to this many samples count as small: their rows always take the FIR pass (up to
# _FIR_ROW_TAPS), and 2-D kernels of up to _FIR_2D_TAPS taps one fir_2d call (float64 3x3:
# 128^2 0.038 against 0.144 ms, 256^2 0.115/0.223, 362^2 0.22/0.27, 512^2 0.42/0.39; 7x7:
# 256^2 0.456/0.459, 362^2 0.86/0.66).
_FIR_SMALL = 65536
_FIR_2D_TAPS = 64


def _fir_pass(x, w, axis, pad, mode, cval, dt, into=None):
    """``x`` correlated with the 1-D ``w`` along ``axis`` (``pad = (left, right)``, ``mode``'s
    extension), in ``dt``: :func:`convkit._running.fir_planes` on a leading axis,
    :func:`~convkit._running.fir_rows` on the last. The result goes to scratch slot ``into``
    when given (an intermediate pass), else to a fresh array."""
    from ._running import fir_planes, fir_rows, index_map

    n = x.shape[axis]
    left, right = pad
    idx = index_map(n, left, right, mode)
    xs = x.view(np.uint8) if x.dtype.kind == "b" else x
    if not (xs.flags.c_contiguous and xs.dtype.isnative):
        xs = np.ascontiguousarray(xs, dtype=xs.dtype.newbyteorder("="))
    B = math.prod(x.shape[:axis])
    R = math.prod(x.shape[axis + 1:])
    out = np.empty(x.shape, dt) if into is None else _scratch(x.shape, dt, into)
    wd = np.ascontiguousarray(w, dtype=dt)
    c = float(cval)
    if R == 1:
        x2, o2 = xs.reshape(B, n), out.reshape(B, n)
        chunk, items = (lambda a, b: fir_rows(x2[a:b], idx, left, wd, c, o2[a:b])), B
    else:
        x3, o3 = xs.reshape(B, n, R), out.reshape(B, n, R)
        if B > 1:
            chunk, items = (lambda a, b: fir_planes(x3[a:b], idx, wd, c, o3[a:b])), B
        else:   # one plane: split its columns
            chunk, items = (lambda a, b: fir_planes(x3[:, :, a:b], idx, wd, c, o3[:, :, a:b])), R
    _split(chunk, items, x.size)
    return out


# Line passes (FIR and box) on at least this many samples split their independent lines
# (rows, planes or columns) over ``workers`` threads (the kernels release the GIL), as the
# engines the FIR passes replace did; smaller ones stay on the calling thread (a thread
# hand-off costs tens of us). Not a measured optimum: the 2-core development VM was too
# loaded to time threads.
_FIR_SPLIT_SAMPLES = 1 << 17


def _split(chunk, items, samples):
    """``chunk(a, b)`` over ``0 .. items`` on the calling thread, or in pieces on ``workers``
    threads (:func:`convkit._engines.direct._threads.run_chunks`) for large passes."""
    from ._workers import resolve_workers

    workers = min(resolve_workers(None), items)
    if workers <= 1 or samples < _FIR_SPLIT_SAMPLES:
        chunk(0, items)
        return
    from ._engines.direct._threads import run_chunks

    pieces = min(items, 4 * workers)
    run_chunks(chunk, np.linspace(0, items, pieces + 1).astype(np.int64), workers)


def _fir_2d(x, w, pads, modes, cval, dt):
    """Small 2-D images: :func:`convkit._running.fir_2d` (one compiled call, no engine)."""
    from ._running import fir_2d, index_map

    (top, bottom), (left, right) = pads
    ridx = index_map(x.shape[0], top, bottom, modes[0])
    cidx = index_map(x.shape[1], left, right, modes[1])
    xs = x.view(np.uint8) if x.dtype.kind == "b" else x
    if not xs.dtype.isnative:
        xs = xs.astype(xs.dtype.newbyteorder("="))
    out = np.empty(x.shape, dt)
    fir_2d(xs, ridx, cidx, np.ascontiguousarray(w, dtype=dt), float(cval), out)
    return out


def _zero_extended(x, w, pads, method):
    """``out[i] = sum_p w[p] x[i + p - left]`` with zeros outside ``x``, ``out.shape == x.shape``,
    through convkit's dispatcher and executor (a region of the full convolution with ``w``
    reversed: ``start = k - 1 - left`` on every axis)."""
    from . import _dispatch, _execute
    from ._problem import Problem
    from ._workers import resolve_workers

    b = np.ascontiguousarray(w[(slice(None, None, -1),) * w.ndim], dtype=x.dtype)
    axes = tuple(i for i, k in enumerate(w.shape) if k > 1) or (x.ndim - 1,)
    start = tuple(k - 1 - lo if i in axes else 0 for i, (k, (lo, _)) in enumerate(zip(w.shape, pads)))
    problem = Problem(a=x, b=b, axes=axes, shape=x.shape, start=start, mode="same", result_dtype=x.dtype,
                      fft_allowed=True, workers=resolve_workers(None))
    name = _dispatch.choose(problem, method)
    return _execute.run(name, problem, exact_nonfinite=method == "auto")


def _axis_pass(x, w, axis, pads, modes, cval, dt, method="auto"):
    """Correlation along a leading ``axis`` of a C-ordered array.

    Seen as ``(B, L, R)`` with ``R`` the product of the later axes, the pass is a 2-D
    correlation of each ``(L, R)`` plane with a ``(K, 1)`` kernel. convkit's direct engine
    runs ``(K, 1)`` kernels column by column, several times slower than its 2-D tiles, so
    the kernel is given one zero column on each side, ``(K, 3)``, and each plane a zero
    column on each side: the same sums, 3-7x faster (2056^2 float64, K=3: 20 ms instead
    of 116). A zero tap times inf is NaN, so non-finite inputs take the plain road.
    """
    k = w.size
    shape = x.shape
    B = int(np.prod(shape[:axis], dtype=np.int64))
    R = int(np.prod(shape[axis + 1:], dtype=np.int64))
    ppads = [(0, 0)] * x.ndim
    ppads[axis] = pads[axis]
    lp = shape[axis] + k - 1
    if dt.kind == "f" and not np.isfinite(x).all():
        padded = _pad(x, ppads, modes, cval, dt).reshape(B, lp, R)
        kernel = w.reshape(1, k, 1)
        return _correlate_padded(padded, kernel, method).reshape(shape)
    buf = np.empty((B, lp, R + 2), dtype=dt)
    buf[:, :, 0] = 0
    buf[:, :, -1] = 0
    pshape = list(shape)
    pshape[axis] = lp
    inner = buf[:, :, 1:-1].reshape(pshape)   # splits only B and the unit-stride R: a view
    assert np.shares_memory(inner, buf)
    _pad(x, ppads, modes, cval, dt, out=inner)
    w3 = np.zeros((k, 3), dtype=dt)
    w3[:, 1] = w
    if B == 1:
        return _correlate_padded(buf[0], w3, method).reshape(shape)
    out = np.empty((B, shape[axis], R), dtype=np.result_type(dt, np.float32) if dt.kind == "f" else dt)
    for b in range(B):
        out[b] = _correlate_padded(buf[b], w3, method)
    return out.reshape(shape)


def _int_cval(cval):
    c = float(cval)
    return int(c) if np.isfinite(c) and c == int(c) and abs(c) < 2.0 ** 31 else None


# ---------------------------------------------------------------- complex via real parts (scipy's rule)

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


# ---------------------------------------------------------------- 1-D

@_with_workers
def correlate1d(input: ArrayLike, weights: ArrayLike, axis: int = -1, output: Output = None, mode: NdMode = "reflect",
                cval: Scalar = 0.0, origin: int = 0) -> NDArray[Any]:
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
    input = np.asarray(input)
    weights = np.asarray(weights)
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
    if not _native(out):
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
               cval: Scalar = 0.0, origin: int = 0) -> NDArray[Any]:
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
    weights = np.asarray(weights)
    weights = weights[::-1]
    origin = -origin
    if weights.ndim >= 1 and not weights.shape[0] & 1:
        origin -= 1
    if weights.dtype.kind == "c":
        weights = weights.conj()
    return correlate1d(input, weights, axis, output, mode, cval, origin)


# ---------------------------------------------------------------- N-d

def _correlate_or_convolve(input, weights, output, mode, cval, origin, convolution, axes):
    input = np.asarray(input)
    weights = np.asarray(weights)
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
    if not _native(out):
        return _scipy("correlate")(input, weights, out, mode, cval, origins)
    pads = [(k // 2 + int(o), k - 1 - (k // 2 + int(o))) for k, o in zip(weights.shape, origins)]
    result = _correlate_real(input, np.ascontiguousarray(weights), pads, [m] * input.ndim, cval, out.dtype)
    return _store(result, out)


@_with_workers
def correlate(input: ArrayLike, weights: ArrayLike, output: Output = None, mode: NdMode = "reflect",
              cval: Scalar = 0.0, origin: IntOrSeq = 0, *, axes: Axes = None) -> NDArray[Any]:
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
    return _correlate_or_convolve(input, weights, output, mode, cval, origin, False, axes)


@_with_workers
def convolve(input: ArrayLike, weights: ArrayLike, output: Output = None, mode: NdMode = "reflect",
             cval: Scalar = 0.0, origin: IntOrSeq = 0, *, axes: Axes = None) -> NDArray[Any]:
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
    return _correlate_or_convolve(input, weights, output, mode, cval, origin, True, axes)


# ---------------------------------------------------------------- separable filters

def _separable(input, passes, output, cval, name, kind):
    """Run ``passes`` = [(axis, weights (float64, 1-D), origin, mode code)] in order, like scipy's
    loop of 1-D filters writing into ``output``. ``kind`` is 'uniform' or 'gaussian'."""
    out = output
    x = input
    _real_cval(cval)
    if x.size == 0:
        return out
    if out.dtype.kind in "biu" or (x.dtype.kind in "biu" and kind == "uniform"):
        # scipy casts into the output after every pass.
        for axis, w, origin, mode in passes:
            x = _store(_pass_real(x, w, axis, origin, mode, cval, out.dtype, kind), out)
        return x
    # One 1-D pass per axis (a 2-D call with the outer-product kernel was slower: auto sends
    # 17x17 and larger to overlap-add, 177 ms against 28 ms for two passes at 1024^2 float32).
    # Intermediate passes write into the thread's scratch (alternating slots): a fresh
    # 8 MiB array per pass paid its page faults (1024^2 float64 gaussian_filter).
    for i, (axis, w, origin, mode) in enumerate(passes):
        into = None if i == len(passes) - 1 else i % 2
        x = _pass_real(x, w, axis, origin, mode, cval, out.dtype, kind, into)
    return _store(x, out)


def _pass_real(x, w, axis, origin, mode, cval, out_dtype, kind, into=None):
    k = len(w)
    if kind == "uniform" and (axis != x.ndim - 1 or k > _ROW_BOX_TAPS):
        return _uniform_pass(x, k, axis, origin, mode, cval, out_dtype, into)
    left = k // 2 + int(origin)
    pads = [(0, 0)] * x.ndim
    pads[axis] = (left, k - 1 - left)
    modes = [mode] * x.ndim
    shape = [1] * x.ndim
    shape[axis] = k
    if kind == "uniform" and x.dtype.kind in "biu" and _exact_ok(x, np.ones(k, np.int64)):
        # scipy sums integer lines exactly in float64, then divides by the size (an exact
        # integer sum divided by k truncates the same in float32 while sums stay below 2^24).
        s = _correlate_real(x, np.ones(shape), pads, modes, cval, np.dtype(np.int64))
        if s.dtype != np.float32:
            s = s.astype(np.float64, copy=False)
        s /= s.dtype.type(k)
        return s
    return _correlate_real(x, w.reshape(shape), pads, modes, cval, out_dtype, into)


# Box passes along the last axis up to this size run on the direct engine (a tap loop over
# padded rows); longer ones, and passes along any other axis, by running sums. 1024^2 float32,
# size 9 along rows: engine 1.1 ms, running sums 1.8-2.0 ms; along columns running sums 0.38 ms
# (min of 20 calls, one thread, python -c timing of convkit._running.mean_rows/mean_planes).
_ROW_BOX_TAPS = 16


def _uniform_pass(x, k, axis, origin, mode, cval, out_dtype, into=None):
    """One box pass by running sums (:mod:`convkit._running`): ndimage's float64 running
    sum, the boundary read through an index map (no padded copy), any size at the same
    cost. Integer sums are exact, as in scipy. Returns float32 for a float32 output, else
    float64 (cast into the output by the caller)."""
    from ._running import index_map, mean_planes, mean_rows

    _real_cval(cval)
    n = x.shape[axis]
    left = k // 2 + int(origin)
    idx = index_map(n, left, k - 1 - left, mode)
    rdt = out_dtype if out_dtype in (np.float32, np.float64) else np.dtype(np.float64)
    xs = x.view(np.uint8) if x.dtype.kind == "b" else x
    if not (xs.flags.c_contiguous and xs.dtype.isnative):
        xs = np.ascontiguousarray(xs, dtype=xs.dtype.newbyteorder("="))
    B = math.prod(x.shape[:axis])
    R = math.prod(x.shape[axis + 1:])
    out = np.empty(x.shape, rdt) if into is None else _scratch(x.shape, rdt, into)
    c = float(cval)
    if R == 1:
        x2, o2 = xs.reshape(B, n), out.reshape(B, n)
        chunk, items = (lambda a, b: mean_rows(x2[a:b], idx, left, k, c, o2[a:b])), B
    else:
        x3, o3 = xs.reshape(B, n, R), out.reshape(B, n, R)
        if B > 1:
            chunk, items = (lambda a, b: mean_planes(x3[a:b], idx, k, c, o3[a:b])), B
        else:   # one plane: split its columns
            chunk, items = (lambda a, b: mean_planes(x3[:, :, a:b], idx, k, c, o3[:, :, a:b])), R
    _split(chunk, items, x.size)
    return out.reshape(x.shape)


@_with_workers
def uniform_filter1d(input: ArrayLike, size: int, axis: int = -1, output: Output = None, mode: NdMode = "reflect",
                     cval: Scalar = 0.0, origin: int = 0) -> NDArray[Any]:
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
    input = np.asarray(input)
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
    if not _native(out):
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
                   cval: Scalar = 0.0, origin: IntOrSeq = 0, *, axes: Axes = None) -> NDArray[Any]:
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
    input = np.asarray(input)
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


@_with_workers
def gaussian_filter1d(input: ArrayLike, sigma: float, axis: int = -1, order: int = 0, output: Output = None,
                      mode: NdMode = "reflect", cval: Scalar = 0.0, truncate: float = 4.0, *,
                      radius: int | None = None) -> NDArray[Any]:
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
    input = np.asarray(input)
    w = _gaussian_weights(sigma, order, truncate, radius)
    if not _native(input):
        return _scipy("correlate1d")(input, w, axis, output, mode, cval, 0)
    if input.dtype.kind == "c":
        return correlate1d(input, w, axis, output, mode, cval, 0)
    out = _get_output(output, input)
    axis = _normalize_axis(axis, input.ndim)
    m = _mode(mode)
    if not _native(out):
        return _scipy("correlate1d")(input, w, axis, out, mode, cval, 0)
    return _separable(input, [(axis, w, 0, m)], out, cval, "gaussian_filter1d", "gaussian")


@_with_workers
def gaussian_filter(input: ArrayLike, sigma: FloatOrSeq, order: IntOrSeq = 0, output: Output = None,
                    mode: NdModes = "reflect", cval: Scalar = 0.0, truncate: float = 4.0, *,
                    radius: IntOrSeq | None = None, axes: Axes = None) -> NDArray[Any]:
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
    input = np.asarray(input)
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
    passes = []
    for axis, sd, od, md, rd in todo:
        w = _gaussian_weights(sd, od, truncate, rd)
        passes.append((_normalize_axis(axis, input.ndim), w, 0, _mode(md)))
    if not _native(out):
        return _scipy("gaussian_filter")(input, sigma, order, out, mode, cval, truncate,
                                         radius=radius, axes=axes)
    if input.dtype.kind == "c":
        if out.dtype.kind != "c":
            # scipy writes each complex pass into a real output (numpy's ComplexWarning cast).
            return _scipy("gaussian_filter")(input, sigma, order, out, mode, cval, truncate,
                                             radius=radius, axes=axes)
        _separable(input.real, passes, out.real, np.real(cval), "gaussian_filter", "gaussian")
        _separable(input.imag, passes, out.imag, np.imag(cval), "gaussian_filter", "gaussian")
        return out
    if np.iscomplexobj(cval):
        raise ValueError("Cannot provide a complex-valued cval when the input is real.")
    return _separable(input, passes, out, cval, "gaussian_filter", "gaussian")
