"""The computing roads of :mod:`convkit.ndimage`'s filters (see its module docstring):
real N-d correlation with scipy's integer rules (:func:`_correlate_real`), which picks a
compiled FIR pass, the small-image 2-D loop, the engines' zero extension, a leading-axis
2-D call or a padded 'valid' correlation (:func:`_run`); and the separable filters' 1-D
passes (:func:`_separable`), box passes by running sums included."""

from __future__ import annotations

import functools
import math

import numpy as np

from . import _tuning
from ._ndimage_args import _int_cval, _real_cval, _store
from ._ndimage_cold import active
from ._ndimage_padding import _pad, _scratch, index_map
from ._ndimage_unit import unit_axis, unit_pass


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
    # ndarray methods, not np.all/np.max: their Python wrappers were most of a small call's cost.
    # inf fails the bound, nan the equality.
    if w.size and (w == np.rint(w)).all() and abs(w).max() < 2 ** 31:
        return w.astype(np.int64)
    return None


def _exact_ok(x, wi):
    """Integer input and integer weights whose sums stay inside float64's exact range (uint64
    too: the bound keeps its samples below 2**52, where int64 holds them; without this road a
    921-tap sum on the FFT engine truncated 0.9999999999985 to 0 where scipy has 1)."""
    if wi is None or x.dtype.kind not in "biu":
        return False
    if x.size == 0:
        return True
    bound = max(abs(float(x.max())), abs(float(x.min())))
    return bound * float(np.abs(wi).sum()) < 2.0 ** 52


_SNAP = 1e-12
# |sums| beyond which the snap's nudge stops growing (2**-7): every 32-bit integer output is below
_SNAP_LIMIT = 2.0 ** -7 / _SNAP


def _snap(result):
    """Scale float64 sums by ``1 + 1e-12`` (away from zero) before the truncating cast.

    A sum that lies within ``1e-12`` (relative) below an integer's magnitude then truncates
    to that integer: the cast truncates toward zero, so a sum that should be 100 but came
    out 99.99999999999997 would give 99. scipy's loop has the same hazard with its own
    summation order (a flat uint8 region under a Gaussian stays 100 in scipy, ``[7, 7, 7]``
    under ``[1/3] * 3`` gives 6). One in-place pass, after a min and a max.
    """
    result = np.asarray(result, dtype=np.float64)
    # Past _SNAP_LIMIT (only 64-bit integer outputs hold such sums) 1e-12 of the sum is more
    # than a unit: the nudge is capped there instead (int64 3144931326019553925 * -2 moved by
    # 6.3e6 from scipy's value before).
    # (two reductions first: a mask over every sum cost 2-3x the snap itself on a 1024^2 image)
    far = None
    if result.size and (result.max() > _SNAP_LIMIT or result.min() < -_SNAP_LIMIT):
        big = np.abs(result) > _SNAP_LIMIT
        far = result[big]
    result *= 1.0 + _SNAP
    if far is not None:
        result[big] = far + np.copysign(_SNAP_LIMIT * _SNAP, far)
    return result


def _bound(x, w, modes, cval):  # used by the exact integer path
    """``max|x| * sum|w|`` with the fill value counted for 'constant'."""
    big = max(abs(float(x.max())), abs(float(x.min()))) if x.size else 0.0
    if "constant" in modes:
        big = max(big, abs(float(cval)))
    return big * float(np.abs(w).sum())


def _correlate_real(x, weights, pads, modes, cval, out_dtype, into=None, nd=False):
    """Real N-d correlation of real ``x`` with real float ``weights`` (same ndim), padded as given.

    Returns a float (or int64) result whose cast to ``out_dtype`` is scipy's. Integer inputs
    with integer weights are exact: computed in float32 or float64 by the direct engine when
    the error bound (``taps * eps * max|x| * sum|w| * 4``) stays below 1/2, then rounded to
    the integer they must be; in int64 otherwise. Integer outputs of fractional sums are
    snapped (:func:`_snap`). A kernel long on one axis of length 1 only runs scipy's own
    arithmetic (:mod:`convkit._ndimage_unit`; ``nd``: ``correlate``'s loop, else
    ``correlate1d``'s), unsnapped, so its values are scipy's.
    """
    _real_cval(cval)
    if x.size == 0:
        return np.zeros(x.shape, dtype=np.float64)
    unit = unit_axis(x.shape, weights.shape)
    if out_dtype.kind in "biu" or x.dtype.kind in "biu":
        wi = _int_weights(weights)
        int_fill = "constant" not in modes or _int_cval(cval) is not None
        if x.dtype.kind in "biu" and wi is not None and int_fill:
            bound = _bound(x, wi, modes, cval)
            taps = int(np.count_nonzero(wi))
            exact = out_dtype.kind in "biu"
            for dt in (np.dtype(np.float32), np.dtype(np.float64)):
                if taps <= 256 and 4 * taps * np.finfo(dt).eps * bound < 0.5:
                    y = _run(x, wi.astype(dt), pads, modes, cval, dt, method="direct", exact=exact)
                    return np.rint(y, out=y)
            if _exact_ok(x, wi):
                return _run(x, wi, pads, modes, _int_cval(cval), np.dtype(np.int64), exact=exact)
        if unit is not None:
            return unit_pass(x, weights, pads[unit][0], modes[unit], cval, nd)
        y = _run(x, weights.astype(np.float64, copy=False), pads, modes, cval, np.dtype(np.float64))
        if out_dtype.kind in "biu":
            y = _snap(y)
        return y
    dt = _compute_dtype(x.dtype, out_dtype)
    if unit is not None:   # rounded to the compute dtype as scipy's store into the output rounds
        return unit_pass(x, weights, pads[unit][0], modes[unit], cval, nd).astype(dt, copy=False)
    return _run(x, weights.astype(dt, copy=False), pads, modes, cval, dt, into=into)


def _run(x, w, pads, modes, cval, dt, method="auto", into=None, exact=False):
    """``x`` extended by ``modes`` and correlated with ``w`` (``pads[axis] = (left, right)``), in ``dt``.

    ``exact``: the sums are integers that ``dt`` holds exactly (the exact integer road) and only
    their values matter (an integer output: not the sign of a zero); while the compiled kernels
    compile (:mod:`convkit._ndimage_cold`) numpy then sums them where the engines would
    (:func:`_exact_sums`): the same values in any order, and no Numba.

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
        if _fir_ok(x.ndim, x.size, axis, w.size, dt):
            return _fir_pass(x, w.reshape(-1), axis, pads[axis], modes[axis], cval, dt, into)
    if dt.kind == "f" and x.ndim == 2 and _fir_2d_ok(x.size, w.size, dt, x.dtype.itemsize,
                                                    all(m == "constant" for m in modes) and cval == 0):
        return _fir_2d(x, w, pads, modes, cval, dt)
    if dt.kind == "f" and x.ndim == 3 and x.size <= _FIR_SMALL_3D and w.size <= _FIR_3D_TAPS:
        return _fir_2d(x, w, pads, modes, cval, dt)
    if exact and x.ndim and not active().THREADS:
        return _exact_sums(x, w, pads, modes, cval, dt)
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


def _exact_sums(x, w, pads, modes, cval, dt):
    """The exact integer sums of :func:`_run` in numpy, in ``dt``: int64 sums for int64, else
    float64 ones (exact: the caller's bound holds in ``dt``, so in float64 with room to spare)
    rounded to ``dt`` (integers it holds). Zero taps are skipped."""
    acc = np.dtype(np.int64) if dt == np.int64 else np.dtype(np.float64)
    padded = _pad(x, pads, modes, cval, acc)
    out = np.zeros(x.shape, acc)
    for tap in zip(*np.nonzero(w)):
        out += acc.type(w[tap]) * padded[tuple(slice(t, t + n) for t, n in zip(tap, x.shape))]
    return out.astype(dt, copy=False)


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


# * the last axis, float32: since fir_rows' interior copy vectorises, FIR 0.42/0.77/1.04 ms
#   against the engine's 0.97/1.11/1.38 at 5/9/17 taps, level at 33 (2.47/2.42), slower at 65
#   (7.0/4.2) (python /tmp/imgab/rowlimit.py: correlate1d axis=-1 with the limits forced,
#   thread_time medians of 7 shuffled rounds). It was 5 while that copy ran scalar.
_FIR_ROW_F32_TAPS = 32


# Arrays up to this many samples count as small: their rows always take the FIR pass (up to
# _FIR_ROW_TAPS).
_FIR_SMALL = 65536

# 2-D images up to this many samples with 2-D kernels of up to _FIR_2D_TAPS taps take one fir_2d
# call (split over threads by rows from _FIR_SPLIT_SAMPLES) instead of a padded copy and an
# engine call. fir_2d (four taps a pass) over the engine road (ndimage.correlate), one thread,
# thread_time medians of 5 shuffled rounds, epyc-zen4-2c under load, /tmp/ndcold_fir2d_v2.py:
# float32 3x3/5x5/7x7 256^2 0.77/0.79/0.68, 512^2 0.29/0.49/0.69, 1024^2 0.81/0.91/1.04,
# 2048^2 1.83/1.83/1.13; float64 256^2 0.73/0.64/0.63, 512^2 0.52/0.58/0.87, 1024^2
# 0.94/0.90/1.11, 2048^2 2.09/2.22/1.91. 512^2: clearly faster; 1024^2 level, so left to the
# engines (with the loop of then, which extended the whole image first; its ring of rows since takes
# some 1024^2 cells too, below). (It was 256^2 with the earlier one-tap-a-pass loop: 512^2 float64 3x3 0.42 against
# 0.39 ms.) Being numpy-repeatable, it is also what a cold call of that size runs
# (convkit._ndimage_numpy.fir_2d) while the kernels compile.
_FIR_2D_SAMPLES = 1 << 18

_FIR_2D_TAPS = 64

# Larger 2-D images (up to 1024^2) take fir_2d for short kernels too: its wide loop keeps a ring
# of rows (each input row extended once, in cache), where the engine road first writes a padded
# copy of the whole image. Not float64 images (the engines' tiles win when the image, its copy and
# the output stay in cache from call to call) nor a zero fill (the engines extend by zeros without
# a copy). Measured limits: convkit._tuning.NDIMAGE_FIR_2D_LARGE_SAMPLES.
_FIR_2D_LARGE_SAMPLES = _tuning.NDIMAGE_FIR_2D_LARGE_SAMPLES

_FIR_2D_LARGE_TAPS = dict(_tuning.NDIMAGE_FIR_2D_LARGE_TAPS)


def _fir_2d_ok(size, taps, dt, itemsize, zero_fill):
    """Whether a 2-D image of ``size`` samples of ``itemsize`` bytes and a 2-D kernel of ``taps``
    taps, computed in float ``dt``, takes one ``fir_2d`` call (the limits above) rather than the
    engines; ``zero_fill``: every mode 'constant' with ``cval == 0``."""
    if size <= _FIR_2D_SAMPLES:
        return taps <= _FIR_2D_TAPS
    if size > _FIR_2D_LARGE_SAMPLES or zero_fill:
        return False
    key = dt.char if itemsize >= dt.itemsize else dt.char + "<"   # '<': a narrower (integer) input
    return taps <= min(_FIR_2D_TAPS, _FIR_2D_LARGE_TAPS.get(key, 0))


# Small 3-D volumes take one fir_3d call likewise: 8^3 float32 with 3^3 weights 174 us on the
# engines (a padded copy and a dispatched 'valid' call), ndimage 26 us. Limits not tuned: the
# kernel is fir_2d's loop with one more axis, so the same sample and tap budgets.
_FIR_SMALL_3D = _FIR_SMALL

_FIR_3D_TAPS = _FIR_2D_TAPS


def _fir_ok(ndim, size, axis, k, dt):
    """Whether a ``k``-tap pass along ``axis`` of a float array (``size`` samples, compute
    dtype ``dt``) runs as a FIR pass rather than on the engines (limits above)."""
    if axis != ndim - 1:
        return k <= _FIR_MAX_TAPS
    return k <= (_FIR_ROW_TAPS if dt == np.float64 or size <= _FIR_SMALL else _FIR_ROW_F32_TAPS)


def kernel_weights(weights, dt) -> np.ndarray:
    """``weights`` as the contiguous, writeable ``dt`` array the FIR kernels take: a read-only one
    (the Gaussian's cached weights) is copied, as Numba types it apart from a caller's own
    weights and would compile each kernel once more for it (about 1.3 s of CPU per float64
    ``fir_rows``)."""
    wd = np.ascontiguousarray(weights, dtype=dt)
    return wd if wd.flags.writeable else wd.copy()


def _fir_pass(x, w, axis, pad, mode, cval, dt, into=None):
    """``x`` correlated with the 1-D ``w`` along ``axis`` (``pad = (left, right)``, ``mode``'s
    extension), in ``dt``: :func:`convkit._running.fir_planes` on a leading axis,
    :func:`~convkit._running.fir_rows` on the last (or their numpy repetitions while those compile,
    :mod:`convkit._ndimage_cold`). The result goes to scratch slot ``into``
    when given (an intermediate pass), else to a fresh array."""
    k = active()
    left, right = pad
    idx = index_map(x.shape[axis], left, right, mode)
    wd = kernel_weights(w, dt)
    c = float(cval)
    return _line_pass(x, axis, _pass_out(x.shape, dt, into),
                      lambda xr, orr: k.fir_rows(xr, idx, left, wd, c, orr),
                      lambda xp, op: k.fir_planes(xp, idx, wd, c, op), k.THREADS)


def _pass_out(shape, dt, into):
    """A pass's result array: fresh (``into`` None, the last pass) or the thread's scratch slot ``into``."""
    return np.empty(shape, dt) if into is None else _scratch(shape, dt, into)


def _line_pass(x, axis, out, rows, planes, threads=True):
    """Run a 1-D pass along ``axis`` of ``x`` into ``out`` (same shape) and return it:
    ``rows(x2, o2)`` on (lines, n) views when ``axis`` is the last, else ``planes(x3, o3)`` on
    (B, n, R) views. Independent lines, or one plane's columns, are split over threads
    (:func:`_split`) unless ``threads`` is false (numpy's kernels, :mod:`convkit._ndimage_numpy`);
    booleans are read as uint8, foreign byte order made native first."""
    n = x.shape[axis]
    xs = x.view(np.uint8) if x.dtype.kind == "b" else x
    if not (xs.flags.c_contiguous and xs.dtype.isnative):
        xs = np.ascontiguousarray(xs, dtype=xs.dtype.newbyteorder("="))
    B = math.prod(x.shape[:axis])
    R = math.prod(x.shape[axis + 1:])
    if R == 1:
        x2, o2 = xs.reshape(B, n), out.reshape(B, n)
        chunk, items = (lambda a, b: rows(x2[a:b], o2[a:b])), B
    else:
        x3, o3 = xs.reshape(B, n, R), out.reshape(B, n, R)
        if B > 1:
            chunk, items = (lambda a, b: planes(x3[a:b], o3[a:b])), B
        else:   # one plane: split its columns
            chunk, items = (lambda a, b: planes(x3[:, :, a:b], o3[:, :, a:b])), R
    _split(chunk, items, x.size if threads else 0)
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
    if samples < _FIR_SPLIT_SAMPLES:   # first: small calls skip the import and the lookup
        chunk(0, items)
        return
    from ._workers import resolve_workers

    workers = min(resolve_workers(None), items)
    if workers <= 1:
        chunk(0, items)
        return
    from ._engines.direct._threads import run_chunks

    pieces = min(items, 4 * workers)
    run_chunks(chunk, np.linspace(0, items, pieces + 1).astype(np.int64), workers)


def _fir_2d(x, w, pads, modes, cval, dt):
    """Small 2-D images and 3-D volumes: :func:`convkit._running.fir_2d` / ``fir_3d`` (one
    compiled call, no engine)."""
    k = active()
    maps = [index_map(n, lo, hi, m) for n, (lo, hi), m in zip(x.shape, pads, modes)]
    xs = x.view(np.uint8) if x.dtype.kind == "b" else x
    if not xs.dtype.isnative:
        xs = xs.astype(xs.dtype.newbyteorder("="))
    out = np.empty(x.shape, dt)
    fir_nd(k.fir_2d if x.ndim == 2 else k.fir_3d, xs, maps, np.ascontiguousarray(w, dtype=dt), (float(cval),),
           out, k.THREADS)
    return out


def fir_nd(kernel, x, maps, w, args, out, threads):
    """``kernel(x, *maps, w, *args, out)`` (``fir_2d``/``fir_3d`` and their ``_scaled`` forms), its
    output rows (planes) split over threads for large arrays (each piece reads the leading map's
    rows it needs: the same sums)."""
    if not threads or x.size < _FIR_SPLIT_SAMPLES:   # small calls: no pieces (a lambda and slices cost 1 us)
        kernel(x, *maps, w, *args, out)
        return
    k0 = w.shape[0]
    lead, rest = maps[0], maps[1:]
    _split(lambda a, b: kernel(x, lead[a:b + k0 - 1], *rest, w, *args, out[a:b]), out.shape[0], x.size)


def _zero_extended(x, w, pads, method):
    """``out[i] = sum_p w[p] x[i + p - left]`` with zeros outside ``x``, ``out.shape == x.shape``,
    through convkit's dispatcher and executor (a region of the full convolution with ``w``
    reversed: ``start = k - 1 - left`` on every axis)."""
    from . import _dispatch, _execute
    from ._problem import Problem, fft_exact_for_integers, finish
    from ._workers import resolve_workers

    b = np.ascontiguousarray(w[(slice(None, None, -1),) * w.ndim], dtype=x.dtype)
    axes = tuple(i for i, k in enumerate(w.shape) if k > 1) or (x.ndim - 1,)
    start = tuple(k - 1 - lo if i in axes else 0 for i, (k, (lo, _)) in enumerate(zip(w.shape, pads)))
    # integers: an FFT engine runs in float64, exact only within fft_exact_for_integers's
    # bound (else the executor sums limbs), and its result must be rounded (finish): a box sum
    # of 84 that came back as 83.99999999999997 truncated to 83 in a uint8 output
    problem = Problem(a=x, b=b, axes=axes, shape=x.shape, start=start, mode="same", result_dtype=x.dtype,
                      fft_allowed=x.dtype.kind not in "iu" or fft_exact_for_integers(x, b),
                      workers=resolve_workers(None))
    name = _dispatch.choose(problem, method)
    return finish(problem, _execute.run(name, problem, exact_nonfinite=method == "auto"))


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


def _separable(input, passes, output, cval, name, kind):
    """Run ``passes`` = [(axis, weights (float64, 1-D), origin, mode code)] in order, like scipy's
    loop of 1-D filters writing into ``output``. ``kind`` is 'uniform' or 'gaussian'."""
    out = output
    x = input
    _real_cval(cval)
    if x.size == 0:
        return out
    if kind == "uniform" and _box_in_dtype_ok(x, out, passes, cval):
        return _box_passes_in_dtype(x, passes, out, cval)
    if kind == "uniform" and x.dtype == out.dtype and _box_fir_2d_ok(x.shape, x.dtype, [p[0] for p in passes],
                                                                     len(passes[-1][1])) and _one_thread(x.size):
        (_, w0, o0, m0), (_, w1, o1, m1) = passes
        k0, k1 = len(w0), len(w1)
        l0, l1 = k0 // 2 + int(o0), k1 // 2 + int(o1)
        maps = (index_map(x.shape[0], l0, k0 - 1 - l0, m0), index_map(x.shape[1], l1, k1 - 1 - l1, m1))
        return _store(_box_fir_2d(x, maps, k0, l1, np.ascontiguousarray(w1, dtype=x.dtype), float(cval)), out)
    if out.dtype.kind in "biu" or (x.dtype.kind in "biu" and kind == "uniform"):
        # scipy casts into the output after every pass.
        last = len(passes) - 1
        for i, (axis, w, origin, mode) in enumerate(passes):
            r = _pass_real(x, w, axis, origin, mode, cval, out.dtype, kind)
            x = _store(r, out)
            if out.dtype.kind == "b" and i < last:
                # scipy stores a pass into a bool output as the C cast to its byte (4.0 -> 4,
                # still True) and the next pass reads those bytes as numbers: so does this one
                x = np.asarray(r, dtype=np.float64).astype(np.uint8)
        return x
    # One 1-D pass per axis (a 2-D call with the outer-product kernel was slower: auto sends
    # 17x17 and larger to overlap-add, 177 ms against 28 ms for two passes at 1024^2 float32).
    # Intermediate passes write into the thread's scratch (alternating slots): a fresh
    # 8 MiB array per pass paid its page faults (1024^2 float64 gaussian_filter).
    last = len(passes) - 1
    for i, (axis, w, origin, mode) in enumerate(passes):
        into = None if i == last else i % 2
        x = _pass_real(x, w, axis, origin, mode, cval, out.dtype, kind, into)
        if i < last and x.dtype.itemsize > out.dtype.itemsize:
            # a float32 output of a wider input: scipy stores (rounds) every pass into it
            x = x.astype(out.dtype)
    return _store(x, out)


def _pass_real(x, w, axis, origin, mode, cval, out_dtype, kind, into=None):
    k = len(w)
    # a length-1 axis too: the running sum is scipy's arithmetic (the row taps are not)
    if kind == "uniform" and (axis != x.ndim - 1 or k > _ROW_BOX_TAPS or x.shape[axis] == 1):
        return _uniform_pass(x, k, axis, origin, mode, cval, out_dtype, into)
    left = k // 2 + int(origin)
    pads = [(0, 0)] * x.ndim
    pads[axis] = (left, k - 1 - left)
    modes = [mode] * x.ndim
    shape = [1] * x.ndim
    shape[axis] = k
    if (kind == "uniform" and x.dtype.kind in "biu" and _exact_ok(x, np.ones(k, np.int64))
            and (mode != "constant" or _int_cval(cval) is not None)):
        # (a fractional fill makes the sums fractional: they are not asked for as int64, whose
        # road snaps them by 1e-12 for an integer cast, into a float output too)
        # scipy sums integer lines exactly in float64, then divides by the size. An exact
        # integer sum divided by k truncates to the same integer in float32 while sums stay
        # below 2^24, so an integer output may divide in float32; a float output gets
        # scipy's float64 quotient (float32 gave int16 means such as -25.399999618530273).
        s = _correlate_real(x, np.ones(shape), pads, modes, cval, np.dtype(np.int64))
        if s.dtype != np.float32 or out_dtype.kind not in "biu":
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
    k_ = active()
    _real_cval(cval)
    left = k // 2 + int(origin)
    idx = index_map(x.shape[axis], left, k - 1 - left, mode)
    rdt = out_dtype if out_dtype in (np.float32, np.float64) else np.dtype(np.float64)
    c = float(cval)
    return _line_pass(x, axis, _pass_out(x.shape, rdt, into),
                      lambda xr, orr: k_.mean_rows(xr, idx, left, k, c, orr),
                      lambda xp, op: k_.mean_planes(xp, idx, k, c, op), k_.THREADS)


# Small integer dtypes whose box passes run in the output's own dtype (below).
_BOX_INT = frozenset("bBhH")


def _box_in_dtype_ok(x, out, passes, cval):
    """A small-integer image boxed into its own dtype, where every window mean stays inside the
    dtype's range (so the running-sum kernels' truncating store is numpy's cast)."""
    if x.dtype != out.dtype or x.dtype.char not in _BOX_INT or not (out.flags.c_contiguous and out.dtype.isnative):
        return False
    if np.may_share_memory(x, out):   # the kernels read lines the pass has not written yet
        return False
    if any(mode == "constant" for _, _, _, mode in passes):
        info = np.iinfo(out.dtype)
        return type(cval) in (int, float) and info.min <= cval <= info.max
    return True


def _box_passes_in_dtype(x, passes, out, cval):
    """scipy's integer box filter (float64 running sums, each pass cast into the output)
    with the cast in the running-sum kernels' store: no float64 image per pass and no numpy
    cast after it. The means of in-range samples (and ``cval``) are in range, where the
    kernels' float-to-integer store truncates toward zero like numpy's cast. A 2-D int8/uint8
    image filtered along both axes in order takes one sweep (:func:`_box_2d`)."""
    kern = active()
    c = float(cval)
    if len(passes) == 2 and x.ndim == 2 and [p[0] for p in passes] == [0, 1] and \
            _box_2d_ok(x.dtype, len(passes[1][1]), c):
        (_, w0, o0, m0), (_, w1, o1, m1) = passes
        k0, k1 = len(w0), len(w1)
        l0, l1 = k0 // 2 + int(o0), k1 // 2 + int(o1)
        maps = (index_map(x.shape[0], l0, k0 - 1 - l0, m0), index_map(x.shape[1], l1, k1 - 1 - l1, m1))
        return _box_2d(x, maps, l1, k0, k1, c, out, kern)
    for i, (axis, w, origin, mode) in enumerate(passes):
        k = len(w)
        left = k // 2 + int(origin)
        idx = index_map(x.shape[axis], left, k - 1 - left, mode)
        dst = out if i == len(passes) - 1 else _scratch(x.shape, out.dtype, i % 2)
        rows = _int_box_rows(k, c, kern)
        x = _line_pass(x, axis, dst,
                       lambda xr, orr, idx=idx, left=left, k=k, rows=rows: rows(xr, idx, left, k, c, orr),
                       lambda xp, op, idx=idx, k=k: kern.mean_planes(xp, idx, k, c, op), kern.THREADS)
    return x


# 2-D int8/uint8 box filters into their own dtype (both axes, in order; an integer cval; rows up
# to _INT_BOX_ROW_TAPS) run both passes in one sweep, convkit._running.box_2d_int (the same values:
# exact integer sums, scipy's truncated quotients), instead of a running-sum pass into a scratch
# image and a row pass over it: 1024^2 uint8, one thread, thread CPU medians of 11, load ~4,
# epyc-zen4-2c: size 3 0.72 -> 0.31 ms (cv2.blur 0.17), size 9 0.91 -> 0.51 ms (cv2.blur 0.59)
# (whole uniform_filter call against the kernel alone into a fresh output, /tmp/cvgap/box2d.py).
_BOX_2D_INT = frozenset("bB")


def _box_2d_ok(dtype, k1, cval):
    """Whether a 2-D box filter of ``dtype`` with ``k1`` samples along rows and fill ``cval``
    (a float) takes :func:`_box_2d`."""
    return dtype.char in _BOX_2D_INT and k1 <= _INT_BOX_ROW_TAPS and cval.is_integer()


@functools.lru_cache(maxsize=64)
def box_inverse(size):
    """The smallest float32 at or above ``1 / size``: ``convkit._running.box_2d_int``'s
    multiplier, whose truncated products with integer sums are scipy's quotients (see there)."""
    inv = np.float32(1.0 / size)
    if float(inv) * size < 1.0:   # exact in float64: a 24-bit significand times a small integer
        inv = np.nextafter(inv, np.float32(np.inf))
    return inv


def _box_2d(x, maps, left, k0, k1, cval, out, kern):
    """The 2-D int8/uint8 box filter of ``x`` into ``out`` (``maps``: the index maps of axes 0
    and 1; ``left``: axis 1's extension on the left) by ``kern.box_2d_int``, its output rows split
    over threads for large images (each piece reads the rows of ``maps[0]`` it needs)."""
    ridx, cidx = maps
    inv0, inv1 = box_inverse(k0), box_inverse(k1)
    if not kern.THREADS or x.size < _FIR_SPLIT_SAMPLES:
        kern.box_2d_int(x, ridx, cidx, left, k0, k1, cval, inv0, inv1, out)
        return out
    _split(lambda a, b: kern.box_2d_int(x, ridx[a:b + k0 - 1], cidx, left, k0, k1, cval, inv0, inv1, out[a:b]),
           out.shape[0], x.size)
    return out


def _box_fir_2d_ok(shape, dtype, axes, k1):
    """A float64 2-D box filter along both axes in order (``axes``), the rows' window ``k1`` short
    enough for the FIR row pass (``_ROW_BOX_TAPS``), no length-1 axis: :func:`_box_fir_2d`, where
    :func:`_one_thread` also holds."""
    return (dtype == np.float64 and len(shape) == 2 and list(axes) == [0, 1] and k1 <= _ROW_BOX_TAPS
            and min(shape) >= 2)


def _one_thread(size):
    """Whether a pass over ``size`` samples runs on the calling thread alone (:func:`_split`'s rule):
    a large image with more workers keeps the threaded passes."""
    if size < _FIR_SPLIT_SAMPLES:
        return True
    from ._workers import resolve_workers

    return resolve_workers(None) <= 1


def _box_fir_2d(x, maps, k0, left, w1, cval):
    """Both passes of a float64 2-D box filter in one sweep (``convkit._running.box_fir_2d``: the
    column running sums of ``mean_planes``, then ``fir_rows`` over blocks of rows; the same bits
    as the two passes, no intermediate image). 1024^2, thread CPU medians of 9 rounds of ten
    back-to-back calls, load ~5, epyc-zen4-2c: size 3 2.27 -> 1.84 ms, size 9 2.34 -> 2.05 ms
    (cv2.blur 1.56 and 2.32); float32 gained nothing (0.83 -> 0.87 ms), so it keeps the two passes
    (/tmp/cvgap/boxf_t2.py)."""
    out = np.empty(x.shape, x.dtype)
    active().box_fir_2d(x, maps[0], k0, maps[1], left, w1, cval, out)
    return out


# Small-integer box passes along the last axis up to this window (with an integer cval) sum each
# window tap by tap (convkit._running.box_rows_small, the same values) instead of one running
# sum per line (the same values: integer sums are exact in any order): 1024^2 uint8 rows, thread_time
# medians of 7 x 20 calls, box_rows_small against mean_rows: 3 taps 421/1063 us, 9: 628/1068,
# 16: 838/1072 (a loaded moment; an earlier run 358/829, 634/808, 1005/822 before the 4-tap sums).
_INT_BOX_ROW_TAPS = 16


def _int_box_rows(k, cval, kernels):
    """The row kernel of ``kernels`` (:func:`convkit._ndimage_cold.active`) for a small-integer
    box pass of ``k`` samples (``mean_rows``' signature)."""
    return kernels.box_rows_small if k <= _INT_BOX_ROW_TAPS and float(cval).is_integer() else kernels.mean_rows
