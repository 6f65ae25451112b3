"""The short road of :mod:`convkit.ndimage`'s filters: small and common calls without the
general road's layers.

A C-ordered native image with ``output=None`` and a plain ``cval`` takes this road where the
general road would run line passes or one small compiled loop:

* ``correlate1d``/``convolve1d``, ``uniform_filter(1d)``, ``gaussian_filter(1d)`` and N-d
  kernels long on one axis, where every pass is a FIR or box pass
  (:func:`convkit._ndimage_passes._fir_ok`): float32/float64 images (:func:`_execute`), and
  integer images into their own dtype (:func:`_execute_int`: small-integer box passes, FIR
  passes with fractional weights snapped and cast after each pass);
* ``correlate``/``convolve`` of small float 2-D images and 3-D volumes with kernels long on two
  axes or more (``fir_2d``/``fir_3d``).

It runs the same kernels on the same inputs as the general road (``_correlate_real`` ->
``_run`` -> ``_fir_pass``/``_fir_2d``, ``_separable`` -> ``_uniform_pass``/``_box_passes_in_dtype``),
so it gives the same bits (tested). What depends only on the shape, dtype, axes, sizes, origins
and modes (scipy's argument rules, the index maps, the line layout, the weights) is memoised
per argument set (:func:`_plan`, :func:`_gaussian_plan`, :func:`_plan_nd`): a 32x32
``correlate1d`` spent 12 us of its 13 us in argument handling, scipy.ndimage 6.5 us in all.

Each function returns None where it does not apply (another dtype, an output array, an
engine pass, integer weights on an integer image, a bad argument): the caller then takes the
general road, which also raises scipy's errors.
"""

from __future__ import annotations

import functools
import math
import operator

import numpy as np

from . import _ndimage_cold as _cold
from . import _ndimage_passes as _passes
from ._ndimage_args import _check_axes, _mode, _normalize_axis, _normalize_sequence
from ._ndimage_gaussian import _gaussian_weights
from ._ndimage_padding import _scratch, index_map
from ._ndimage_unit import unit_axis, unit_pass

# Arrays up to this many samples take their intermediate pass from malloc (a small block it
# hands straight back) rather than the thread's scratch dictionary; above it a fresh array
# may be an mmap whose page faults the scratch buffer avoids (see _ndimage_padding).
_FRESH_BELOW = 1 << 14


class _Step:
    """One pass: ``axis`` (the box rule's), ``fir_axis`` (a one-tap FIR pass runs along the last
    axis, as ``_run`` does), taps ``k``, ``left`` extension, the index maps and ``(B, n, R)``
    layouts of both axes, and ``w`` (float64 weights, with their float32 and float64 copies
    in ``wd``; None for ``correlate1d``, whose weights come with each call)."""

    __slots__ = ("axis", "fir_axis", "k", "left", "idx", "idx_fir", "dims", "dims_fir", "w", "wd", "box", "mode",
                 "int_w", "unit")

    def __init__(self, shape, axis, k, origin, mode, w, box):
        ndim = len(shape)
        self.axis = axis
        self.k = k
        self.left = k // 2 + int(origin)
        self.box = box
        self.mode = mode
        self.w = w
        self.int_w = w is not None and _passes._int_weights(w) is not None
        # the weights in each compute dtype: private writeable copies, the same Numba type as a
        # caller's own weights (a read-only array is a signature of its own: each FIR kernel
        # compiled twice for one input dtype, about 1.3 s of CPU per float64 fir_rows)
        self.wd = None if w is None else {np.dtype(t): np.array(w, dtype=t) for t in (np.float32, np.float64)}
        self.fir_axis = axis if k > 1 else ndim - 1
        self.idx = index_map(shape[axis], self.left, k - 1 - self.left, mode)
        self.idx_fir = self.idx if self.fir_axis == axis else index_map(shape[self.fir_axis], 0, 0, mode)
        self.dims = _dims(shape, axis)
        self.dims_fir = _dims(shape, self.fir_axis)
        # a FIR pass along a length-1 axis: scipy's own arithmetic (convkit._ndimage_unit)
        self.unit = not box and k > 1 and shape[axis] == 1


def _dims(shape, axis):
    """``(B, n, R)``: the lines before ``axis``, its length, the samples after it."""
    return math.prod(shape[:axis]), shape[axis], math.prod(shape[axis + 1:])


# What scipy's argument checks raise (AxisError is a ValueError and an IndexError).
_REFUSED = (TypeError, ValueError, RuntimeError, IndexError, OverflowError)


def _key(value):
    """A hashable stand-in for an argument that may be a sequence (TypeError for nested lists)."""
    if value is None or isinstance(value, int | float | str | np.integer):
        return value
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return value.item()
    return ("seq", *value)


def _unkey(value):
    return list(value[1:]) if isinstance(value, tuple) and value and value[0] == "seq" else value


@functools.lru_cache(maxsize=512)
def _plan(shape, kind, axes, size, origin, mode):
    """The passes of a box (``kind='box'``: sizes) or FIR (``'fir'``: tap counts) filter over
    ``axes`` (``None``: all; an int: one axis, the 1-D functions' ``axis``), or None where scipy
    would raise (the general road raises its error) or where nothing is left to filter."""
    ndim = len(shape)
    one_d = isinstance(axes, int | np.integer)   # the 1-D functions' axis (a numpy integer too)
    try:
        if one_d:
            axes = (_normalize_axis(operator.index(axes), ndim),)
        else:
            axes = _check_axes(_unkey(axes), ndim)
        n = len(axes)
        sizes = _normalize_sequence(_unkey(size), n)
        origins = _normalize_sequence(_unkey(origin), n)
        modes = [_mode(m) for m in _normalize_sequence(_unkey(mode), n)]
        steps = []
        for ax, k, org, m in zip(axes, sizes, origins, modes):
            k = operator.index(k)
            org = operator.index(org)
            if kind == "box":
                if one_d and k < 1:
                    return None
                if not one_d and k <= 1:
                    continue        # uniform_filter skips axes of size 1 (or less)
                w = _box_weights(k)
            else:
                w = None
            if not (0 <= k // 2 + org < k):
                return None
            steps.append(_Step(shape, ax, k, org, m, w, kind == "box"))
    except _REFUSED:   # scipy's own checks, on the general road, raise the error
        return None
    return _steps(steps) if steps else None


@functools.lru_cache(maxsize=64)
def _box_weights(k):
    """``uniform_filter``'s weights ``np.full(k, 1 / k)`` (read-only)."""
    w = np.full(k, 1.0 / k)
    w.flags.writeable = False
    return w


@functools.lru_cache(maxsize=256)
def _gaussian_plan(shape, sigma, order, mode, truncate, radius, axes):
    """``gaussian_filter``'s passes (weights included), as :func:`_plan`; None where scipy raises
    or every sigma is skipped."""
    ndim = len(shape)
    try:
        ax = _check_axes(_unkey(axes), ndim)
        n = len(ax)
        orders = _normalize_sequence(_unkey(order), n)
        sigmas = _normalize_sequence(_unkey(sigma), n)
        modes = _normalize_sequence(_unkey(mode), n)
        radii = _normalize_sequence(_unkey(radius), n)
        steps = []
        for a, sd, od, md, rd in zip(ax, sigmas, orders, modes, radii):
            if not sd > 1e-15:
                continue
            w = _gaussian_weights(sd, od, truncate, rd)
            steps.append(_Step(shape, a, len(w), 0, _mode(md), w, False))
    except _REFUSED:
        return None
    return _steps(steps) if steps else None


def _eligible(x, cval):
    """float32/float64, or an integer image (:func:`_execute_int`) of at most 32 bits (64-bit sums
    may pass ``_ndimage_passes._SNAP_LIMIT``: the general road caps the snap), C-ordered,
    native, not empty, with a plain ``cval``."""
    return ((x.dtype.char in "fd" or (x.dtype.kind in "iu" and x.dtype.itemsize < 8)) and x.ndim
            and x.flags.c_contiguous
            and x.dtype.isnative and x.size and type(cval) in (int, float))


def _execute(x, steps, cval, weights=None):
    """Run ``steps`` on ``x`` (FIR steps with ``weights`` or the step's own), or None where a
    pass is not a line pass (the engines' road) or the integer rules send the call elsewhere.

    The work is a program compiled once per plan and dtype (:func:`_compile`): every choice
    that depends only on them (kernel, layout, scratch or fresh memory, splitting) is made
    there, so a call runs the kernels and little else (a 100-sample ``correlate1d`` spent
    2.9 us here, 0.5 us of it in the kernel)."""
    progs = steps.progs
    dt = x.dtype
    cold = _cold._k   # None: the compiled kernels (convkit._ndimage_cold.active, inlined)
    # native dtypes only (_eligible): the char names the dtype; programs bind the kernels
    key = dt.char if cold is None else (dt.char, "numpy")
    prog = progs.get(key)
    if prog is None:
        prog = progs[key] = _compile(steps, x.shape, dt, cold or _cold.compiled())
    if prog is False:
        return None
    return prog(x, float(cval), weights)


class _Steps(tuple):
    """A plan's passes, with their compiled programs per dtype and kernels (``progs``: dtype char,
    or ``(char, "numpy")`` for :mod:`convkit._ndimage_numpy`'s -> callable ``(x, cval, weights)``,
    or False where the short road does not apply)."""


def _steps(steps):
    s = _Steps(steps)
    s.progs = {}
    return s


def clear_plans():
    """Forget every memoised plan and program (tests that change a module limit call it: the
    programs fix the choices the limits made)."""
    _plan.cache_clear()
    _gaussian_plan.cache_clear()


def _compile(steps, shape, dt, kernels):
    """The program running ``steps`` on C-ordered arrays of ``shape`` and dtype ``dt`` with
    ``kernels`` (:func:`convkit._ndimage_cold.active`), or False."""
    if dt.kind != "f":
        return _compile_int(steps, shape, dt, kernels)
    ndim = len(shape)
    size = math.prod(shape)
    row_box = _passes._ROW_BOX_TAPS
    # box passes by running sums (on a length-1 axis too: scipy's arithmetic, the row taps are not)
    boxes = [step.box and (step.axis != ndim - 1 or step.k > row_box or step.dims[1] == 1) for step in steps]
    for step, box in zip(steps, boxes):
        if not box and not step.unit and not _passes._fir_ok(ndim, size, step.fir_axis, step.k, dt):
            return False
    last = len(steps) - 1
    ops = [_float_op(step, box, shape, dt, i == last or size < _FRESH_BELOW, i % 2, kernels)
           for i, (step, box) in enumerate(zip(steps, boxes))]
    chain = _chain(ops)
    if steps[0].box and _passes._box_fir_2d_ok(shape, dt, [step.axis for step in steps], steps[-1].k):
        # a float64 2-D box filter in one sweep (_ndimage_passes._separable's choice)
        s0, s1 = steps
        ridx, cidx, k0, left, w1 = s0.idx, s1.idx, s0.k, s1.left, s1.wd[dt]
        box_fir_2d = kernels.box_fir_2d

        def run(x, c, weights):
            if not _passes._one_thread(size):
                return chain(x, c, weights)
            out = np.empty(shape, dt)
            box_fir_2d(x, ridx, k0, cidx, left, w1, c, out)
            return out

        return run
    return chain


def _chain(ops):
    if len(ops) == 1:
        return ops[0]

    def run(x, c, weights):
        for op in ops:
            x = op(x, c, weights)
        return x

    return run


def _float_op(step, box, shape, dt, fresh, slot, kernels):
    """One float pass ``op(x, cval, weights) -> out``, its choices made."""
    fir_rows, fir_planes, mean_rows, mean_planes = (kernels.fir_rows, kernels.fir_planes, kernels.mean_rows,
                                                    kernels.mean_planes)
    threads = kernels.THREADS
    ndim = len(shape)
    size = math.prod(shape)
    k = step.k
    left = step.left
    if step.unit:
        w0, mode = step.w, step.mode

        def op(x, c, weights):
            return unit_pass(x, w0 if weights is None else weights, left, mode, c).astype(dt)

        return op
    if box:
        idx = step.idx
        axis = step.axis
        B, n, R = step.dims
    else:
        idx = step.idx_fir
        axis = step.fir_axis
        B, n, R = step.dims_fir
        wdt = step.wd[dt] if step.wd is not None else None
    if size >= _passes._FIR_SPLIT_SAMPLES and threads:
        def op(x, c, weights):
            out = np.empty(shape, dt) if fresh else _scratch(shape, dt, slot)
            if box:
                return _passes._line_pass(x, axis, out, lambda xr, orr: mean_rows(xr, idx, left, k, c, orr),
                                          lambda xp, o: mean_planes(xp, idx, k, c, o))
            wd = wdt if weights is None else _passes.kernel_weights(weights, dt)
            return _passes._line_pass(x, axis, out, lambda xr, orr: fir_rows(xr, idx, left, wd, c, orr),
                                      lambda xp, o: fir_planes(xp, idx, wd, c, o))

        return op
    if R == 1:
        rows = ndim == 2 and axis == 1   # already (B, n): no reshapes (0.3 us)
        if box:
            def op(x, c, weights):
                out = np.empty(shape, dt) if fresh else _scratch(shape, dt, slot)
                if rows:
                    mean_rows(x, idx, left, k, c, out)
                else:
                    mean_rows(x.reshape(B, n), idx, left, k, c, out.reshape(B, n))
                return out
        else:
            def op(x, c, weights):
                out = np.empty(shape, dt) if fresh else _scratch(shape, dt, slot)
                wd = wdt if weights is None else _passes.kernel_weights(weights, dt)
                if rows:
                    fir_rows(x, idx, left, wd, c, out)
                else:
                    fir_rows(x.reshape(B, n), idx, left, wd, c, out.reshape(B, n))
                return out
        return op
    if box:
        def op(x, c, weights):
            out = np.empty(shape, dt) if fresh else _scratch(shape, dt, slot)
            mean_planes(x.reshape(B, n, R), idx, k, c, out.reshape(B, n, R))
            return out
    else:
        def op(x, c, weights):
            out = np.empty(shape, dt) if fresh else _scratch(shape, dt, slot)
            wd = wdt if weights is None else _passes.kernel_weights(weights, dt)
            fir_planes(x.reshape(B, n, R), idx, wd, c, out.reshape(B, n, R))
            return out
    return op


_F64 = np.dtype(np.float64)
_SNAP = 1.0 + _passes._SNAP


_INT_W = {}


def _integer_weights(w):
    """Whether ``correlate1d``'s float64 ``w`` are all integers (the general road's exact road),
    remembered per weight vector (the check cost 1.8 us of a 7 us call on a 100-sample signal)."""
    if w.size > 64:
        return _passes._int_weights(w) is not None
    key = w.tobytes()
    flag = _INT_W.get(key)
    if flag is None:
        flag = _passes._int_weights(w) is not None
        if len(_INT_W) < 4096:
            _INT_W[key] = flag
    return flag


def _compile_int(steps, shape, dt, kernels):
    """Integer images into their own dtype, as the general road computes them (so the same
    values): box passes of int8..uint16 by running sums with the cast in the kernels' store
    (``_ndimage_passes._box_passes_in_dtype``); FIR passes with fractional weights in float64,
    snapped (``_snap``) and cast into the output after every pass (``_separable``,
    ``_correlate_real``). Integer weights (the exact road) and other cases: False, or None
    from the program where the call's weights or ``cval`` decide it."""
    ndim = len(shape)
    size = math.prod(shape)
    boxes = steps[0].box
    lo = hi = None
    if boxes:
        if dt.char not in _passes._BOX_INT:
            return False
        if any(step.mode == "constant" for step in steps):
            info = np.iinfo(dt)
            lo, hi = float(info.min), float(info.max)
    else:
        for step in steps:
            if step.w is not None and step.int_w:
                return False
            if not step.unit and not _passes._fir_ok(ndim, size, step.fir_axis, step.k, _F64):
                return False
    last = len(steps) - 1
    ops = [(_int_box_op if boxes else _int_fir_op)(step, shape, dt, i == last, i % 2, kernels)
           for i, step in enumerate(steps)]
    one = ops[0] if len(ops) == 1 else None
    both = None   # a 2-D int8/uint8 box filter in one sweep (_ndimage_passes._box_passes_in_dtype's choice)
    if boxes and ndim == 2 and [step.axis for step in steps] == [0, 1] and \
            _passes._box_2d_ok(dt, steps[1].k, 0.0):
        s0, s1 = steps

        def both(x, c):
            out = np.empty(shape, dt)
            return _passes._box_2d(x, (s0.idx, s1.idx), s1.left, s0.k, s1.k, c, out, kernels)

    def run(x, c, weights):
        if weights is not None and _integer_weights(weights):
            return None      # the exact road
        if lo is not None and not lo <= c <= hi:
            return None
        if both is not None and c.is_integer():
            return both(x, c)
        if one is not None:
            return one(x, c, weights)
        for op in ops:
            x = op(x, c, weights)
        return x

    return run


def _int_box_op(step, shape, dt, last, slot, kernels):
    """A small-integer box pass ``op(x, cval, weights) -> out``: fresh when last, else scratch."""
    box_rows_small, mean_rows, mean_planes = kernels.box_rows_small, kernels.mean_rows, kernels.mean_planes
    size = math.prod(shape)
    fresh = size < _FRESH_BELOW
    k, left, idx = step.k, step.left, step.idx
    B, n, R = step.dims
    split = size >= _passes._FIR_SPLIT_SAMPLES and kernels.THREADS
    short = k <= _passes._INT_BOX_ROW_TAPS   # the row kernel: _ndimage_passes._int_box_rows' choice

    def op(x, c, weights):
        dst = np.empty(shape, dt) if last or fresh else _scratch(shape, dt, slot)
        if split:
            rows = _passes._int_box_rows(k, c, kernels)
            _passes._line_pass(x, step.axis, dst,
                               lambda xr, orr: rows(xr, idx, left, k, c, orr),
                               lambda xp, o: mean_planes(xp, idx, k, c, o))
        elif R == 1:
            rows = box_rows_small if short and c.is_integer() else mean_rows
            rows(x.reshape(B, n), idx, left, k, c, dst.reshape(B, n))
        else:
            mean_planes(x.reshape(B, n, R), idx, k, c, dst.reshape(B, n, R))
        return dst

    return op


def _int_fir_op(step, shape, dt, last, slot, kernels):
    """An integer FIR pass ``op(x, cval, weights) -> out``: float64 sums, snapped and cast."""
    fir_planes_scaled, fir_rows_scaled = kernels.fir_planes_scaled, kernels.fir_rows_scaled
    fir_rows, fir_planes = kernels.fir_rows, kernels.fir_planes
    size = math.prod(shape)
    left, mode = step.left, step.mode
    idx = step.idx_fir
    B, n, R = step.dims_fir
    w64 = step.wd[_F64] if step.wd is not None else None
    split = size >= _passes._FIR_SPLIT_SAMPLES and kernels.THREADS
    chunked = not split and size >= _CHUNKED_FROM
    small = size < _FRESH_BELOW
    if step.unit:
        def op(x, c, weights):   # scipy's values: no snap
            return unit_pass(x, w64 if weights is None else weights, left, mode, c).astype(dt)

        return op

    def op(x, c, weights):
        wd = w64 if weights is None else _passes.kernel_weights(weights, _F64)
        if chunked:
            out = np.empty(shape, dt)
            _fir_cast_chunked(x.reshape(B, n, R), idx, left, wd, c, out.reshape(B, n, R), fir_rows, fir_planes)
            return out
        y = np.empty(shape, _F64) if small else _scratch(shape, _F64, 0)
        if small:
            if R == 1:
                fir_rows_scaled(x.reshape(B, n), idx, left, wd, c, _SNAP, y.reshape(B, n))
            else:
                fir_planes_scaled(x.reshape(B, n, R), idx, wd, c, _SNAP, y.reshape(B, n, R))
            return y.astype(dt)   # numpy's unsafe cast
        if split:
            _passes._line_pass(x, step.fir_axis, y,
                               lambda xr, orr: fir_rows(xr, idx, left, wd, c, orr),
                               lambda xp, o: fir_planes(xp, idx, wd, c, o))
        elif R == 1:
            fir_rows(x.reshape(B, n), idx, left, wd, c, y.reshape(B, n))
        else:
            fir_planes(x.reshape(B, n, R), idx, wd, c, y.reshape(B, n, R))
        y *= _SNAP
        if small:
            # numpy's unsafe cast into a new array: on 100 samples 0.8 us against 1.2 for one
            # multiply into the integer output with casting="unsafe" (/tmp/img/micro6.py)
            return y.astype(dt)
        # on large ones the buffered cast of a multiply was slower than the two
        # (gaussian_filter 1024^2 uint8 sigma=1: 3.35 against 2.6-2.9 ms)
        out = np.empty(shape, dt)
        np.copyto(out, y, casting="unsafe")
        return out

    return op


# Integer FIR passes on at least this many samples run in chunks of about _CHUNK_BYTES of
# float64 sums, each snapped and cast while it is in cache, instead of one float64 image
# written, scaled and cast in three sweeps over memory.
_CHUNKED_FROM = 1 << 16
_CHUNK_BYTES = 1 << 18


def _fir_cast_chunked(x3, idx, left, wd, c, out3, fir_rows, fir_planes):
    """One integer FIR pass ``(B, n, R)`` -> ``out3`` through a float64 chunk buffer: the same
    sums, snap and cast as the whole-image pass, chunk by chunk (lines for a last-axis pass,
    output rows of each plane otherwise)."""
    B, n, R = x3.shape
    K = wd.shape[0]
    if R == 1:
        x2, o2 = x3.reshape(B, n), out3.reshape(B, n)
        step = max(1, _CHUNK_BYTES // (8 * n))
        y = np.empty((min(step, B), n), _F64)
        for b0 in range(0, B, step):
            b1 = min(B, b0 + step)
            yb = y[:b1 - b0]
            fir_rows(x2[b0:b1], idx, left, wd, c, yb)
            yb *= _SNAP   # in place, then cast: faster here than one multiply into the integer output
            np.copyto(o2[b0:b1], yb, casting="unsafe")
        return
    # A later pass reads the output it writes: a plane's output rows need all of its input rows,
    # so then the chunk is a whole plane (lines along the last axis only read themselves).
    step = n if np.may_share_memory(x3, out3) else max(1, _CHUNK_BYTES // (8 * R))
    y = np.empty((1, min(step, n), R), _F64)
    for b in range(B):
        xb = x3[b:b + 1]
        for i0 in range(0, n, step):
            i1 = min(n, i0 + step)
            yb = y[:, :i1 - i0]
            fir_planes(xb, idx[i0:i1 + K - 1], wd, c, yb)
            yb *= _SNAP
            np.copyto(out3[b:b + 1, i0:i1], yb, casting="unsafe")


def correlate1d(x, weights, axis, mode, cval, origin):
    """``convkit.ndimage.correlate1d(x, weights, ...)`` with ``output=None``, or None."""
    if not _eligible(x, cval):
        return None
    w = weights
    if w.ndim != 1 or w.dtype.kind not in "fiu" or not w.shape[0]:
        return None
    try:
        steps = _plan(x.shape, "fir", axis, len(w), origin, mode)
    except TypeError:   # an unhashable argument
        return None
    if steps is None:
        return None
    if w.dtype != _F64:   # the general road's weights: native float64 (">f8" is "d" too), then the compute dtype
        w = w.astype(np.float64)
    return _execute(x, steps, cval, w)


def uniform_filter(x, size, axes, mode, cval, origin):
    """``uniform_filter`` (``axes`` a tuple or None) or ``uniform_filter1d`` (``axes`` an int axis)
    with ``output=None``, or None."""
    if not _eligible(x, cval):
        return None
    try:
        if type(size) is int and type(origin) is int and type(mode) is str and (axes is None or type(axes) is int):
            steps = _plan(x.shape, "box", axes, size, origin, mode)   # plain arguments are their own keys
        else:
            steps = _plan(x.shape, "box", axes if isinstance(axes, int | np.integer) else _key(axes), _key(size),
                          _key(origin), _key(mode))
    except TypeError:
        return None
    if steps is None:
        return None
    return _execute(x, steps, cval)


def gaussian_filter(x, sigma, order, mode, cval, truncate, radius, axes):
    """``gaussian_filter`` with ``output=None``, or None."""
    if not _eligible(x, cval):
        return None
    try:
        if type(sigma) in (float, int) and type(order) is int and type(mode) is str and radius is None \
                and axes is None:
            steps = _gaussian_plan(x.shape, sigma, order, mode, truncate, None, None)
        else:
            steps = _gaussian_plan(x.shape, _key(sigma), _key(order), _key(mode), truncate, _key(radius),
                                   _key(axes))
    except TypeError:
        return None
    if steps is None:
        return None
    return _execute(x, steps, cval)


@functools.lru_cache(maxsize=256)
def _plan_nd(shape, wshape, origin, mode, convolution):
    """``correlate``/``convolve`` of a small 2-D image or 3-D volume with a kernel long on two
    axes or more: the index maps for :func:`convkit._running.fir_2d` / ``fir_3d``, or None
    (scipy raises, or another road applies)."""
    try:
        origins = [operator.index(o) for o in _normalize_sequence(_unkey(origin), len(shape))]
        m = _mode(mode)
    except _REFUSED:
        return None
    maps = []
    for n, k, o in zip(shape, wshape, origins):
        if convolution:
            o = -o - (0 if k & 1 else 1)
        left = k // 2 + o
        if not 0 <= left < k:
            return None
        maps.append(index_map(n, left, k - 1 - left, m))
    return tuple(maps)


def correlate(x, weights, mode, cval, origin, convolution):
    """``correlate``/``convolve`` with ``output=None`` and ``axes=None``: a kernel long on one axis
    at most as a 1-D pass (:func:`_line_correlate`), else a small 2-D image or 3-D volume with a
    kernel long on two axes or more (the general road's ``fir_2d``/``fir_3d``: float images in
    their dtype, integer images with fractional weights in float64, snapped and cast), or None."""
    if not _eligible(x, cval) or not isinstance(mode, str):
        return None
    w = weights
    if w.ndim != x.ndim or not w.size or w.dtype.kind not in "biuf":   # complex: the general road
        return None
    if w.ndim == 1 or w.size == max(w.shape):   # long on one axis at most
        return _line_correlate(x, w, mode, cval, origin, convolution)
    if w.dtype.kind not in "fiu":
        return None
    if x.ndim == 2:   # the general road's choice (_ndimage_passes._run), in the compute dtype
        zero = mode in ("constant", "grid-constant") and cval == 0
        if not _passes._fir_2d_ok(x.size, w.size, x.dtype if x.dtype.kind == "f" else _F64, x.dtype.itemsize, zero):
            return None
    elif x.ndim != 3 or x.size > _passes._FIR_SMALL_3D or w.size > _passes._FIR_3D_TAPS:
        return None
    try:
        maps = _plan_nd(x.shape, w.shape, origin if type(origin) is int else _key(origin), mode, convolution)
    except TypeError:
        return None
    if maps is None:
        return None
    kernels = _cold._k or _cold._compiled or _cold.compiled()   # active(), inlined (a small call's 0.1 us)
    if convolution:
        w = w[(slice(None, None, -1),) * w.ndim]
    if w.dtype != _F64:   # the general road's weights: native float64 (">f8" is "d" too), then the compute dtype
        w = w.astype(np.float64)
    threads = x.size >= _passes._FIR_SPLIT_SAMPLES and kernels.THREADS   # else one call, no pieces
    if x.dtype.kind == "f":
        out = np.empty(x.shape, x.dtype)
        kernel, w = kernels.fir_2d if x.ndim == 2 else kernels.fir_3d, np.ascontiguousarray(w, dtype=x.dtype)
        if threads:
            _passes.fir_nd(kernel, x, maps, w, (float(cval),), out, True)
        else:
            kernel(x, *maps, w, float(cval), out)
        return out
    if w.size > 64 or _integer_weights(w.reshape(-1)):
        return None      # integer weights: the exact road
    y = np.empty(x.shape, _F64)   # float64 sums, snapped (_ndimage_passes._snap), then numpy's cast
    kernel, w = kernels.fir_2d_scaled if x.ndim == 2 else kernels.fir_3d_scaled, np.ascontiguousarray(w)
    if threads:
        _passes.fir_nd(kernel, x, maps, w, (float(cval), _SNAP), y, True)
    else:
        kernel(x, *maps, w, float(cval), _SNAP, y)
    return y.astype(x.dtype)


def _line_correlate(x, w, mode, cval, origin, convolution):
    """An N-d kernel long on one axis at most is a 1-D pass along it (the general road's
    ``_run`` makes the same choice): :func:`correlate1d`, with ``convolve``'s flip and origin.
    Along a length-1 axis scipy's N-d loop (``nd``) differs from its 1-D one: :func:`_unit_correlate`."""
    if unit_axis(x.shape, w.shape) is not None:
        return _unit_correlate(x, w, mode, cval, origin, convolution)
    if x.ndim == 1:
        axis = 0
    else:
        long = [a for a, k in enumerate(w.shape) if k > 1]
        axis = long[0] if long else x.ndim - 1
    if type(origin) is int and (origin == 0 or x.ndim == 1):
        o = origin
    else:
        try:
            origins = [operator.index(o) for o in _normalize_sequence(_unkey(_key(origin)), x.ndim)]
        except (*_REFUSED, TypeError):
            return None
        if any(o for a, o in enumerate(origins) if a != axis):
            return None     # a one-tap axis admits origin 0 only: scipy's error on the general road
        o = origins[axis]
    w1 = w.reshape(-1)
    if convolution:
        w1 = w1[::-1]
        o = -o - (0 if w1.shape[0] & 1 else 1)
    return correlate1d(x, w1, axis, mode, cval, o)


def _unit_correlate(x, w, mode, cval, origin, convolution):
    """``correlate``/``convolve`` with a kernel long on one axis of length 1 (a plain int origin),
    as the general road computes it: scipy's N-d loop (:func:`convkit._ndimage_unit.unit_pass`),
    cast unsnapped; integer images with integer weights (the exact road) and anything else: None."""
    if type(origin) is not int or (origin and x.ndim > 1):
        return None
    w1 = w.reshape(-1)
    k = w1.shape[0]
    if convolution:
        w1 = w1[::-1]
        origin = -origin - (0 if k & 1 else 1)
    left = k // 2 + origin
    if not 0 <= left < k:
        return None      # scipy's error, on the general road
    try:
        m = _mode(mode)
    except RuntimeError:
        return None
    w1 = np.ascontiguousarray(w1, dtype=np.float64)
    if x.dtype.kind != "f" and _integer_weights(w1):
        return None
    return unit_pass(x, w1, left, m, float(cval), True).astype(x.dtype)
