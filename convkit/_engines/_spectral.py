"""What the two frequency-domain engines share (private): the engine base
class, operand preparation, transform buffers, elementwise passes split into
fixed chunks, and the one-transform convolution itself.

:mod:`convkit._engines.fft` is :func:`convolve_whole` behind the engine
interface; :mod:`convkit._engines.overlap` runs it when one block would cover
everything. Neither engine imports the other.

Arithmetic never depends on ``workers``: the FFT lengths, the plans (single
threaded unless ``CONVKIT_FFTW_THREADS``), the chunks of the elementwise
passes and the normalisation are fixed by the problem alone; threads only
decide which thread runs which chunk or which operand's transform. Over two or
more axes, FFTW's transforms themselves run as separable passes over fixed
chunks of lines (:mod:`convkit._engines._fft_split`), so every part of the call
is threaded.

Single precision (float32, complex64) is transformed in double precision and
rounded once, when the kept region is copied out (``CONVKIT_FFT_SINGLE``,
default ``double``): its error is then the final rounding alone, never larger
than scipy's single-precision pocketfft (whose error, like FFTW's in single
precision, varies with the length and the data: same-input errors 0.4-3x each
other's either way). ``native`` runs single-precision FFTW (faster, scipy-like
error).

Except over two or more axes: there double-precision transforms cost 1.5-2.7x
scipy's single-precision pocketfft (2-D and 3-D float32, one thread, both
backends; single-precision FFTW 0.6-1.0x but with an error up to 3x scipy's).
There single precision runs scipy.signal.fftconvolve's own arithmetic
(:func:`convolve_scipy`): the same scipy.fft calls on the same padded lengths,
so the result is bitwise scipy's and its error is scipy's, at scipy's speed.
Small float64/complex128 transforms over two or more axes take the same path,
where FFTW's ESTIMATE plans ran 1.1-1.4x scipy's time.
:func:`~convkit._engines._fft_sizes.scipy_arithmetic` says which problems take it
(from the shapes and dtype alone, so it is fixed by the problem).

Normalisation: the ``1/N`` of the inverse transform is applied while the kept
region is copied out (free: that copy is needed anyway), as scipy/pocketfft
do. Scaling an operand before its transform instead rounds every input
element by a relative error up to eps/2 that, for non-negative data such as
0/1 masks, adds up coherently: float32 'full' errors were 2-3.6x scipy's.
"""
from __future__ import annotations

import math
from functools import partial

import numpy as np

from .. import _config, _tuning
from . import Cost, _fft_split
from . import _fft_plans as _plans
from . import _fft_rows as _rows
from ._fft_sizes import fft_lengths, pocket_one_axis, scipy_arithmetic, scipy_axes, scipy_lengths

#: compute dtype -> spectrum dtype
SUPPORTED = {np.dtype(np.float32): np.dtype(np.complex64),
             np.dtype(np.float64): np.dtype(np.complex128),
             np.dtype(np.complex64): np.dtype(np.complex64),
             np.dtype(np.complex128): np.dtype(np.complex128)}

#: with CONVKIT_FFTW_THREADS, transforms of at least this many points get FFTW threads
THREAD_MIN = _tuning.FFTW_THREAD_MIN
#: elementwise passes over at least this many elements are cut into chunks
#: (boundaries fixed by the size alone, so threads never change the arithmetic)
CHUNK_MIN = _tuning.FFT_CHUNK_MIN
#: transform buffers of at most this many points are out of place (see transform_buffers)
SEPARATE_MAX = _tuning.FFT_SEPARATE_MAX
#: power-of-two innermost lengths from this many points are in place at any size
INPLACE_POW2_MIN = _tuning.FFT_INPLACE_POW2_MIN
#: the two operands' forward transforms run on two threads when both have this many elements
PAR_OPERANDS_MIN = _tuning.FFT_PAR_OPERANDS_MIN


def fftw_threads(workers: int, points: int) -> int:
    """FFTW threads for one transform of ``points`` points: 1 unless the
    ``CONVKIT_FFTW_THREADS`` opt-in is on (then plans depend on ``workers``). The chunked
    multi-axis passes (:mod:`._fft_split`) never use FFTW's threads: they are threaded
    without them."""
    if workers > 1 and points >= THREAD_MIN and _config.get("CONVKIT_FFTW_THREADS"):
        return workers
    return 1


_WIDE = {np.dtype(np.float32): np.dtype(np.float64), np.dtype(np.complex64): np.dtype(np.complex128)}


def work_dtype(dt) -> np.dtype:
    """The dtype the transforms run in for results of dtype ``dt``: single precision
    runs in double unless ``CONVKIT_FFT_SINGLE=native`` (see the module docstring)."""
    dt = np.dtype(dt)
    if dt in _WIDE and _config.get("CONVKIT_FFT_SINGLE") == "double":
        return _WIDE[dt]
    return dt


class SpectralEngine:
    """The part of the Engine interface the 'fft' and 'oa' engines share:
    supported dtypes, the cost (a pure-Python transform-flop count, given by
    the subclass as ``flops``), and empty results. Subclasses add ``name``,
    ``prepare`` and ``convolve``."""

    name = ""
    #: ``(a_shape, b_shape, axes, shape, start, dtype) -> float``, pure Python
    flops = None

    def supports(self, dtype) -> bool:
        return np.dtype(dtype) in SUPPORTED

    def cost(self, g) -> Cost:
        """Transform flops of the engine's transforms for geometry ``g`` (pure Python;
        integer problems are priced as float64, the dtype they would compute in)."""
        dtype = np.dtype(np.float64) if np.dtype(g.dtype).kind in "biu" else g.dtype
        return Cost(type(self).flops(g.a_shape, g.b_shape, g.axes, g.shape, g.start, dtype), 0.0)

    def convolve_sums(self, a, b, terms, g, *, workers: int = 1) -> np.ndarray:
        """``out[q]``: the kept region of ``g`` of ``sum_{(i, j) in terms[q]} conv(a[i], b[j])``.

        ``a`` and ``b`` are real float64 stacks of operands of ``g`` (the stack axis first);
        the products of each term are summed as spectra, so each operand is transformed once
        and each term inverse-transformed once (the exact integer path's limbs). Returns
        ``(len(terms),) + g.shape`` float64; see :mod:`convkit._engines._spectral_sums`.
        """
        from ._spectral_sums import convolve_sums

        return convolve_sums(a, b, terms, g.axes, g.shape, g.start, blocked=self.name == "oa",
                             workers=max(1, int(workers)))


def empty_result(a, shape) -> np.ndarray:
    """The result of a call that keeps no element: zeros of ``shape`` in ``a``'s native dtype."""
    dt = np.asarray(a).dtype
    return np.zeros(shape, dt if dt.isnative else dt.newbyteorder("="))


def prep(a, b):
    """Both operands as arrays of one supported, native-order dtype."""
    a = np.asarray(a)
    b = np.asarray(b)
    dt = a.dtype
    if dt not in SUPPORTED:
        raise TypeError(f"fft engine does not support dtype {dt}")
    if b.dtype != dt:
        b = b.astype(dt)
    if not dt.isnative:
        dt = dt.newbyteorder("=")
        a, b = a.astype(dt), b.astype(dt)
    return a, b, dt


def _inplace_pow2(n: int) -> bool:
    """Whether a transform whose innermost length is ``n`` stays in place whatever its size."""
    return n >= INPLACE_POW2_MIN and n & (n - 1) == 0


def transform_buffers(bundle, fshape, axes, dtype, real):
    """An aligned spectrum buffer for one transform, and the real (or complex)
    array FFTW reads its input from / writes its output to.

    Memory order puts the batch axes first and ``axes`` last, so the halved
    r2c axis ``axes[-1]`` is innermost. Both are returned in logical axis
    order. Up to :data:`SEPARATE_MAX` points the data array is a buffer of
    its own (out of place: FFTW plans that about twice as fast, and planning
    dominates a small transform's first call); above it, the data array is
    the spectrum buffer itself (in place: FFTW's padded real layout, cut to
    ``L`` per row), which saves memory traffic on large transforms. Power-of-two
    innermost lengths from :data:`INPLACE_POW2_MIN` stay in place at any size:
    FFTW runs those 12-19% faster in place (``_tuning.FFT_INPLACE_POW2_MIN``). The
    choice follows the size alone, so the arithmetic of a problem is fixed.
    """
    nd = len(fshape)
    order = [i for i in range(nd) if i not in axes] + list(axes)
    inv = [order.index(i) for i in range(nd)]
    mem = [fshape[i] for i in order]
    separate = math.prod(mem) <= SEPARATE_MAX and not _inplace_pow2(mem[-1])
    data = bundle.empty(tuple(mem), dtype) if separate else None
    L = mem[-1]
    if real:
        mem[-1] = L // 2 + 1
    spec = bundle.empty(tuple(mem), SUPPORTED[dtype])
    if data is None:
        data = spec.view(dtype)[..., :L] if real else spec
    return spec.transpose(inv), data.transpose(inv)


#: 1-D real transform lengths up to this are planned by :func:`plan_real_lengths` by default
PLAN_AHEAD_MAX = 1 << 18


def real_lengths(max_len: int = PLAN_AHEAD_MAX) -> list:
    """Every length up to ``max_len`` at which the FFT engines may run a 1-D real FFTW transform
    (the 7-smooth lengths that ``next_fast_len(n, real=True)`` returns, a superset of those
    ``fast_fft_len`` picks, less the short ones pocketfft transforms:
    :func:`~convkit._engines._fft_sizes.pocket_one_axis`)."""
    from ._fft_sizes import _smooth_between, next_fast_len

    f8 = np.dtype(np.float64)
    return [L for L in _smooth_between(2, int(max_len))
            if next_fast_len(L, True) == L and not pocket_one_axis(f8, (L,), L)]


def plan_real_lengths(lengths=None, progress=None) -> int:
    """Plan the one-transform convolution of 1-D real data (float64, and float32 in
    its default double-precision transforms) at each of ``lengths`` (default
    :func:`real_lengths`): with the plan memo on, a later 1-D call of any size whose
    transform length is among them, in any process, finds its plans recorded instead
    of searching for them. The plans and buffers are dropped.
    ``progress(done, total)`` is called every 50 lengths. Returns the number planned."""
    lengths = real_lengths() if lengths is None else [int(v) for v in lengths]
    dt = np.dtype(np.float64)
    for i, L in enumerate(lengths):
        f = (L,)
        bundle = _plans.Bundle(_conv_key(f, f, f, dt, (0,), 1), "FFTW_ESTIMATE")
        _plans.plan_estimate(partial(_plan_conv, f, f, f, dt, (0,), 1), bundle)
        if progress is not None and (i + 1) % 50 == 0:
            progress(i + 1, len(lengths))
    return len(lengths)


# ---------------------------------------------------------------------------
# elementwise passes in fixed chunks
# ---------------------------------------------------------------------------

def _split_axis(arr):
    """First axis with at least 8 entries: chunks along it stay large and contiguous."""
    for i, s in enumerate(arr.shape):
        if s >= 8:
            return i
    return None


def _chunks(arr):
    """Fixed chunk boundaries ``[(axis, lo, hi), ...]`` for an elementwise pass over
    ``arr``, from its shape alone; ``[]`` when it is done in one piece."""
    if arr.size < CHUNK_MIN:
        return []
    ax = _split_axis(arr)
    if ax is None:
        return []
    n = arr.shape[ax]
    parts = min(n, 64, -(-arr.size // CHUNK_MIN))
    return [(ax, n * i // parts, n * (i + 1) // parts) for i in range(parts)]


def _take(x, ax, lo, hi):
    if x.ndim == 0 or x.shape[ax] == 1:
        return x
    return x[(slice(None),) * ax + (slice(lo, hi),)]


def _run_chunks(fn, chunks, workers):
    """``fn(ax, lo, hi)`` for each chunk, on up to ``workers`` threads that each take the next chunk
    when done with one (next() on a list iterator is atomic under the GIL): a thread slowed by
    another process takes fewer. Each chunk is elementwise work, so the bits do not depend on it."""
    if workers <= 1 or len(chunks) <= 1:
        for c in chunks:
            fn(*c)
        return
    w = min(workers, len(chunks))
    shared = iter(chunks)

    def run(todo):
        for c in todo:
            fn(*c)
    _plans.run_parallel(run, [shared] * w, w)


def par_copy(dst, src, workers=1, scale=None):
    """``dst[...] = src`` (times ``scale``), in fixed chunks when large."""
    def part(ax, lo, hi):
        d, s = _take(dst, ax, lo, hi), _take(src, ax, lo, hi)
        if scale is None:
            np.copyto(d, s)
        else:
            np.multiply(s, scale, out=d)
    chunks = _chunks(dst)
    if not chunks:
        if scale is None:
            np.copyto(dst, src)
        else:
            np.multiply(src, scale, out=dst)
        return
    _run_chunks(part, chunks, workers)


def par_mul(x, y, out, workers=1):
    """``out[...] = x * y`` (broadcasting), in fixed chunks when large."""
    chunks = _chunks(out)
    if not chunks:
        np.multiply(x, y, out=out)
        return
    _run_chunks(lambda ax, lo, hi: np.multiply(_take(x, ax, lo, hi), _take(y, ax, lo, hi),
                                               out=_take(out, ax, lo, hi)), chunks, workers)


def fill(buf, x, axes, workers=1):
    """Copy ``x`` into the corner of ``buf`` and zero the padding."""
    nd = buf.ndim
    idx = tuple(slice(0, x.shape[i]) if i in axes else slice(None) for i in range(nd))
    par_copy(buf[idx], x, workers)
    lead = []
    for i in range(nd):
        if i in axes and x.shape[i] < buf.shape[i]:
            buf[tuple(lead) + (slice(x.shape[i], None),)] = 0
        lead.append(idx[i])


# ---------------------------------------------------------------------------
# one transform of everything
# ---------------------------------------------------------------------------

class Spectrum:
    """A kernel's spectrum at one padded shape: immutable, shared read-only.

    ``array`` is the forward transform of the zero-padded kernel (unscaled),
    of logical shape ``fshape`` with the last convolution axis halved for real
    dtypes; ``dtype`` the compute dtype. Engines check that a spectrum fits the
    call before using it.
    """

    __slots__ = ("kind", "fshape", "axes", "dtype", "array", "backend")

    def __init__(self, kind, fshape, axes, dtype, array, backend="fftw"):
        array.flags.writeable = False
        self.kind, self.fshape, self.axes, self.dtype, self.array = kind, fshape, axes, dtype, array
        #: "fftw", "split" (:mod:`._fft_split`'s chunked passes), "pocket", or "scipy" for
        #: :func:`convolve_scipy`'s spectra
        self.backend = backend

    def __repr__(self):
        return f"Spectrum({self.kind!r}, fshape={self.fshape}, axes={self.axes}, dtype={self.dtype})"

    @property
    def nbytes(self):
        return self.array.nbytes


def whole_shapes(a_shape, b_shape, axes, shape, start, real):
    """Padded shapes ``(fa, fb, fo, lens)`` of the one-transform convolution."""
    nd = len(shape)
    lens = fft_lengths(a_shape, b_shape, axes, shape, start, real)
    L = dict(zip(axes, lens))
    fa = tuple(L.get(i, a_shape[i]) for i in range(nd))
    fb = tuple(L.get(i, b_shape[i]) for i in range(nd))
    fo = tuple(L.get(i, shape[i]) for i in range(nd))
    return fa, fb, fo, lens


def conv_buffers(bundle, fa, fb, fo, axes, dtype):
    """The transform buffers of one convolution at padded shapes ``fa``/``fb`` (product ``fo``):
    ``(A, padded_a, B, padded_b, P, circular)``, the product sharing an operand's buffers where
    its shape is that operand's (see :func:`transform_buffers`)."""
    real = dtype.kind == "f"
    A, padded_a = transform_buffers(bundle, fa, axes, dtype, real)
    B, padded_b = transform_buffers(bundle, fb, axes, dtype, real)
    if fo == fa:
        P, circular = A, padded_a
    elif fo == fb:
        P, circular = B, padded_b
    else:
        P, circular = transform_buffers(bundle, fo, axes, dtype, real)
    return A, padded_a, B, padded_b, P, circular


def _plan_conv(fa, fb, fo, dtype, axes, threads, bundle, effort, wisdom_only):
    """Factory: transform buffers and the three FFTW objects of one convolution."""
    mk = _plans.make_fftw
    A, padded_a, B, padded_b, P, circular = conv_buffers(bundle, fa, fb, fo, axes, dtype)
    # with FFTW threads, the two forward transforms run concurrently (half each)
    half = max(1, threads // 2)
    ta = half if math.prod(fa) >= THREAD_MIN else 1
    tb = half if math.prod(fb) >= THREAD_MIN else 1
    to = threads if math.prod(fo) >= THREAD_MIN else 1
    bundle.fwd_a = mk(padded_a, A, axes, "FFTW_FORWARD", effort, ta, wisdom_only)
    bundle.fwd_b = mk(padded_b, B, axes, "FFTW_FORWARD", effort, tb, wisdom_only)
    bundle.inv = mk(P, circular, axes, "FFTW_BACKWARD", effort, to, wisdom_only)
    # padded_a/padded_b: the operands zero-padded (the forward transforms' inputs); A, B their
    # spectra; P the product; circular: its inverse transform, the circular convolution
    bundle.padded_a, bundle.padded_b, bundle.A, bundle.B = padded_a, padded_b, A, B
    bundle.P, bundle.circular = P, circular


def _conv_key(fa, fb, fo, dt, axes, threads):
    return ("conv", fa, fb, fo, dt.char, axes, threads)


def _conv_bundle(fa, fb, fo, dt, axes, workers):
    threads = fftw_threads(workers, max(math.prod(fa), math.prod(fb)))
    return _plans.checkout(_conv_key(fa, fb, fo, dt, axes, threads),
                           partial(_plan_conv, fa, fb, fo, dt, axes, threads))


def whole_spectrum(b, a_shape, axes, shape, start, workers=1):
    """The :class:`Spectrum` of kernel ``b`` for the one-transform convolution of an
    ``a_shape`` operand; bitwise the transform :func:`convolve_whole` makes of ``b``."""
    b = np.asarray(b)
    dt = b.dtype
    if dt not in SUPPORTED or not dt.isnative:
        _, b, dt = prep(np.empty(0, dt), b)
    axes = tuple(sorted(axes))
    if scipy_arithmetic(dt, a_shape, b.shape, axes):
        return _scipy_spectrum(b, a_shape, axes, dt, workers)
    dt = work_dtype(dt)
    fa, fb, fo, lens = whole_shapes(a_shape, b.shape, axes, shape, start, dt.kind == "f")
    if _by_pocket(dt, lens, fa, fb):
        return Spectrum("whole", fb, axes, dt, _pocket_forward(b, fb, axes[0], dt), backend="pocket")
    if _fft_split.applies(axes, fa, fb):
        bundle = _fft_split.bundle_for(fa, fb, fo, dt, axes, tuple(a_shape), b.shape, tuple(start), tuple(shape))
        try:
            spec = _fft_split.spectrum(bundle, b, workers)
        finally:
            _plans.checkin(bundle)
        return Spectrum("whole", fb, axes, dt, spec, backend="split")
    if _rows.applies(axes, fo):         # many rows along one axis: the 1-D plans, row by row
        return Spectrum("whole", fb, axes, dt, _rows.spectrum(b, axes[0], lens[0], dt))
    bundle = _conv_bundle(fa, fb, fo, dt, axes, workers)
    try:
        fill(bundle.padded_b, b, axes, workers)
        bundle.fwd_b.execute()
        spec = np.array(bundle.B, order="K")       # fresh and owned, in the bundle's memory order
    finally:
        _plans.checkin(bundle)
    return Spectrum("whole", fb, axes, dt, spec)


def convolve_whole(a, b, axes, shape, start, workers=1):
    """The kept region ``start .. start+shape-1`` of the full convolution of ``a``
    and ``b`` (or of ``a`` and a :class:`Spectrum` of ``b`` from
    :func:`whole_spectrum`) by one transform per operand. ``axes`` sorted, every
    ``shape[i] >= 1``; a fresh C-contiguous result in ``a``'s dtype. Runs, by the
    problem alone: scipy's arithmetic (single precision or small, over 2+ axes),
    pocketfft (short, one axis), FFTW's chunked passes (over 2+ axes, from
    ``_tuning.FFT_SPLIT_MIN`` points), else one FFTW plan per transform."""
    spec = b if isinstance(b, Spectrum) else None
    if spec is None:
        a, b, dt = prep(a, b)
        by_scipy = bool(axes) and scipy_arithmetic(dt, a.shape, b.shape, axes)
    else:
        a, _, dt = prep(a, np.empty(0, np.asarray(a).dtype))
        by_scipy = spec.backend == "scipy"
        if (dt if by_scipy else work_dtype(dt)) != spec.dtype:
            raise ValueError(f"{spec!r} was prepared for another dtype than {dt}")
    if by_scipy:
        return convolve_scipy(a, spec if spec is not None else b, axes, shape, start, workers)
    wt = work_dtype(dt)          # the transforms' dtype; the result is in dt
    nd = a.ndim
    if not axes:
        out = np.empty(shape, dt)
        np.multiply(a, spec.array if spec is not None else b, out=out)
        return out
    real = wt.kind == "f"
    if spec is not None:
        # the kernel's own lengths on the convolution axes follow from the spectrum's shape
        fb = spec.fshape
        lens_known = tuple(fb[i] for i in axes)
        fa = tuple(lens_known[axes.index(i)] if i in axes else a.shape[i] for i in range(nd))
        fo = tuple(lens_known[axes.index(i)] if i in axes else shape[i] for i in range(nd))
        lens = lens_known
    else:
        fa, fb, fo, lens = whole_shapes(a.shape, b.shape, axes, shape, start, real)
    if spec.backend == "pocket" if spec is not None else _by_pocket(wt, lens, fa, fb):
        return _convolve_pocket(a, b, spec, axes[0], fa, fb, lens[0], shape, start, dt, wt)
    if spec.backend == "split" if spec is not None else _fft_split.applies(axes, fa, fb):
        return _convolve_split(a, b, spec, axes, fa, fb, fo, lens, shape, start, dt, wt, workers)
    if _rows.applies(axes, fo):         # many rows along one axis: the 1-D plans, row by row
        return _rows.convolve(a, b, spec and spec.array, axes[0], lens[0], shape, start, dt, wt, workers)
    bundle = _conv_bundle(fa, fb, fo, wt, axes, workers)
    try:
        def fwd_a(w):
            fill(bundle.padded_a, a, axes, w)
            bundle.fwd_a.execute()

        def fwd_b(w):
            fill(bundle.padded_b, b, axes, w)
            bundle.fwd_b.execute()

        if spec is not None:
            fwd_a(workers)
            Bs = spec.array
        else:
            if workers > 1 and min(a.size, b.size) >= PAR_OPERANDS_MIN:
                hw = max(1, workers // 2)
                _plans.run_parallel(lambda f: f(hw), (fwd_a, fwd_b), 2)
            else:
                fwd_a(workers)
                fwd_b(workers)
            Bs = bundle.B
        P = bundle.P
        if P is bundle.A:
            par_mul(P, Bs, P, workers)
        else:
            par_mul(bundle.A, Bs, P, workers)
        bundle.inv.execute()
        kept = tuple(slice(start[i], start[i] + shape[i]) if i in axes else slice(None)
                     for i in range(nd))
        out = np.empty(shape, dt)
        par_copy(out, bundle.circular[kept], workers, 1.0 / math.prod(lens))
    finally:
        _plans.checkin(bundle)
    return out


def _convolve_split(a, b, spec, axes, fa, fb, fo, lens, shape, start, dt, wt, workers):
    """:func:`convolve_whole` over two or more axes by :mod:`._fft_split`'s chunked passes
    (``spec``: the kernel's :class:`Spectrum` with backend "split", or None to transform ``b``)."""
    # with a spectrum, the kernel's forward passes are not planned (nor run)
    b_shape = None if spec is not None else b.shape
    bundle = _fft_split.bundle_for(fa, fb, fo, wt, axes, a.shape, b_shape, start, shape)
    try:
        out = np.empty(shape, dt)
        _fft_split.convolve(bundle, a, b, spec.array if spec is not None else None, 1.0 / math.prod(lens),
                            out, workers)
    finally:
        _plans.checkin(bundle)
    return out


# ---------------------------------------------------------------------------
# short one-axis transforms: pocketfft, no planner
# ---------------------------------------------------------------------------

_pocket_core = None


def _pocket_fft():
    """pocketfft's extension (``_pocket.core()``), or False where it does not load alone."""
    global _pocket_core
    if _pocket_core is None:
        from . import _pocket

        _pocket_core = _pocket.core()
    return _pocket_core


def _by_pocket(wt, lens, fa, fb) -> bool:
    """Whether the one-transform convolution at ``lens`` (padded operand shapes ``fa``, ``fb``)
    in work dtype ``wt`` runs :func:`_convolve_pocket` (``_fft_sizes.pocket_one_axis``, where
    pocketfft's extension loads). The fft engine needs pyFFTW whatever the length, so a missing
    pyFFTW raises its ImportError here too (one rule for the dispatcher and for users)."""
    _plans.require()
    return pocket_one_axis(wt, lens, max(math.prod(fa), math.prod(fb))) and bool(_pocket_fft())


def _pocket_forward(x, f, axis, wt):
    """pocketfft's unscaled forward transform along ``axis`` of ``x`` zero-padded to shape ``f``
    (``x``'s own shape on every other axis) in work dtype ``wt`` (r2c for real ``wt``): a fresh
    array."""
    buf = np.zeros(f, wt)
    buf[(slice(None),) * axis + (slice(0, x.shape[axis]),)] = x
    if wt.kind == "f":
        return _pocket_fft().r2c(buf, (axis,), True, 0, None, 1)
    return _pocket_fft().c2c(buf, (axis,), True, 0, buf, 1)


def _fits(big, small) -> bool:
    """Whether an array of shape ``small`` broadcasts against ``big`` without enlarging it."""
    return len(big) == len(small) and all(s == b or s == 1 for b, s in zip(big, small))


def _convolve_pocket(a, b, spec, axis, fa, fb, L, shape, start, dt, wt):
    """:func:`convolve_whole` over the one axis ``axis`` at length ``L`` by pocketfft: the
    same steps as the FFTW path (forward transforms at the same padded shapes ``fa``/``fb``,
    product, inverse, ``1/L`` applied while the kept region is copied out), with no plan to
    make. ``spec``: the kernel's :class:`Spectrum` from :func:`whole_spectrum`, or None
    to transform the kernel ``b``. One thread: the transforms are short, and pocketfft's
    arithmetic then never depends on ``workers``."""
    A = _pocket_forward(a, fa, axis, wt)
    B = spec.array if spec is not None else _pocket_forward(b, fb, axis, wt)
    P = np.multiply(A, B, out=A) if _fits(A.shape, B.shape) else A * B
    pf = _pocket_fft()
    circ = pf.c2r(P, (axis,), L, False, 0, None, 1) if wt.kind == "f" else pf.c2c(P, (axis,), False, 0, P, 1)
    out = np.empty(shape, dt)
    np.multiply(circ[(slice(None),) * axis + (slice(start[axis], start[axis] + shape[axis]),)], 1.0 / L,
                out=out)
    return out


# ---------------------------------------------------------------------------
# scipy.signal.fftconvolve's own arithmetic (single precision over 2+ axes)
# ---------------------------------------------------------------------------

def _scipy_transforms(real):
    # scipy.fft's own pocketfft calls, without importing scipy.fft (0.2 s of a process's first
    # such call): see _pocket
    from . import _pocket

    return (_pocket.rfftn, _pocket.irfftn) if real else (_pocket.fftn, _pocket.ifftn)


def _scipy_spectrum(b, a_shape, axes, dt, workers=1):
    """:func:`whole_spectrum` for :func:`convolve_scipy`: scipy's forward transform of ``b``."""
    real = dt.kind == "f"
    lens = scipy_lengths(a_shape, b.shape, axes, real)
    taxes = scipy_axes(a_shape, b.shape, axes)
    spec = _scipy_transforms(real)[0](b, lens, taxes, workers) if taxes else np.array(b)
    fb = list(b.shape)
    for i, L in zip(taxes, lens):
        fb[i] = L
    return Spectrum("whole", tuple(fb), axes, dt, spec, backend="scipy")


def convolve_scipy(a, b, axes, shape, start, workers=1):
    """The kept region of the full convolution by scipy.signal.fftconvolve's own
    arithmetic: ``irfftn(rfftn(a, s) * rfftn(b, s), s)`` (``fftn``/``ifftn`` for
    complex) at scipy's lengths ``s`` (:func:`~convkit._engines._fft_sizes.scipy_lengths`),
    in ``a``'s precision. ``b`` is an array of ``a``'s dtype or a spectrum from
    :func:`whole_spectrum`. Bitwise scipy's values: scipy.fft splits a
    transform's batch of 1-D transforms over ``workers`` threads without
    changing their arithmetic."""
    real = a.dtype.kind == "f"
    spec = isinstance(b, Spectrum)
    taxes = scipy_axes(a.shape, b.fshape if spec else b.shape, axes)
    if taxes and _pooled_scipy(a, b.array if spec else b, taxes):
        return _convolve_scipy_pooled(a, b, axes, taxes, shape, start, workers)
    if not taxes:
        circ = a * (b.array if spec else b)     # every convolved axis broadcasts: scipy's in1 * in2
    else:
        fwd, inv = _scipy_transforms(real)
        lens = [b.fshape[i] for i in taxes] if spec else scipy_lengths(a.shape, b.shape, axes, real)
        B = b.array if spec else fwd(b, lens, axes=taxes, workers=workers)
        A = fwd(a, lens, axes=taxes, workers=workers)
        # scipy's sp1 * sp2, in place when ``a``'s spectrum already has the product's shape
        P = np.multiply(A, B, out=A) if A.shape == np.broadcast_shapes(A.shape, B.shape) else A * B
        circ = inv(P, lens, axes=taxes, workers=workers, overwrite_x=True)
    # on an axis where either operand has length 1 (not transformed, as in scipy) the
    # product is that axis's full convolution, so the kept slice is taken the same way
    kept = tuple(slice(start[i], start[i] + shape[i]) if i in axes else slice(None)
                 for i in range(a.ndim))
    return np.array(circ[kept], order="C")


def _pooled_scipy(a, b, taxes) -> bool:
    """Whether :func:`convolve_scipy` runs in pooled buffers: pocketfft's extension is loaded
    on its own and ``a``'s spectrum has the product's shape (``b`` may broadcast along a batch
    axis, not ``a``), so the product is made in place in it, as scipy makes it."""
    from . import _pocket

    # arrays of under 64 KiB come from malloc's heap without page faults, and the pool's
    # bookkeeping (five lends and returns) would be most of a tiny call's cost
    return (max(a.nbytes, b.nbytes) >= _POOLED_SCIPY_MIN_BYTES and bool(_pocket.core()) and a.ndim == b.ndim
            and all(i in taxes or b.shape[i] in (1, a.shape[i]) for i in range(a.ndim)))


#: :func:`convolve_scipy` lends its arrays from the pools from this many bytes of the larger
#: operand (its padded copies and spectra are then 128 KiB or more, past malloc's default
#: mmap threshold, where fresh arrays page-fault)
_POOLED_SCIPY_MIN_BYTES = 1 << 16


def _convolve_scipy_pooled(a, b, axes, taxes, shape, start, workers):
    """:func:`convolve_scipy` with every large array (the padded operands, their spectra, the
    inverse) in pooled scratch buffers and the result from the result pool: the passes of
    scipy's pocketfft calls, on the lines that carry data (:mod:`._pocket`), so scipy's bits,
    without a fresh mmap'd array's page faults."""
    from . import _pocket
    from ._buffers import empty_apart, scratch

    real = a.dtype.kind == "f"
    spec = isinstance(b, Spectrum)
    lens = [b.fshape[i] for i in taxes] if spec else scipy_lengths(a.shape, b.shape, axes, real)
    last = taxes[-1]

    def shapes(x_shape):
        """An operand's padded shape and its spectrum's shape."""
        padded = list(x_shape)
        for i, L in zip(taxes, lens):
            padded[i] = L
        half = padded[:last] + [padded[last] // 2 + 1] + padded[last + 1:] if real else padded
        return tuple(padded), tuple(half)

    padded, half = shapes(a.shape)
    padded_b, half_b = (None, None) if spec else shapes(b.shape)
    cdt = np.result_type(a.dtype, np.complex64)
    kept = tuple(slice(start[i], start[i] + shape[i]) if i in axes else slice(None) for i in range(a.ndim))
    out = empty_apart(tuple(shape), a.dtype, a)
    def forward(x, spectrum, padded_shape):
        """scipy's forward transform of ``x`` padded to ``padded_shape``, into ``spectrum``."""
        if real:
            # only x's own last-axis lines are transformed (the same bits, see _pocket)
            lines = x.shape[:last] + (padded_shape[last],) + x.shape[last + 1:]
            with scratch(lines, a.dtype, a) as px:
                _pocket.r2c_lines_into(x, taxes, padded_shape, px, spectrum, workers)
        else:
            _pocket.c2c_into(_pocket.pad_into(x, spectrum, taxes), taxes, True, workers)

    with scratch(half, cdt, a) as A:
        forward(a, A, padded)
        if spec:
            np.multiply(A, b.array, out=A)
        else:
            with scratch(half_b, cdt, a) as B:
                forward(b, B, padded_b)
                np.multiply(A, B, out=A)
        if real:
            # only the kept lines are inverse-transformed along the last axis, and only the kept
            # samples scaled (the same bits as scaling the whole inverse, see _pocket)
            lines = tuple(padded[i] if i == last else len(range(*kept[i].indices(padded[i])))
                          for i in range(a.ndim))
            with scratch(lines, a.dtype, a) as circ:
                _pocket.c2r_lines_into(A, taxes, padded[last], kept, circ, out, workers)
        else:
            _pocket.c2c_into(A, taxes, False, workers)
            np.copyto(out, A[kept])
    return out
