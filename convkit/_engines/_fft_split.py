"""Multi-axis FFT convolution as separable passes over fixed chunks of lines (private).

A transform over axes ``c_0 < ... < c_{m-1}`` is ``m`` passes of 1-D transforms: r2c (or
c2c) along ``c_{m-1}`` for every line, then c2c along each other axis. Each pass is cut
into chunks of lines whose boundaries follow from the problem's shapes alone, and each
chunk is one single-threaded FFTW plan (``howmany`` = its lines, strided), so the arithmetic
of every element is fixed by the problem: ``workers`` only decides which thread runs which
chunk, and the chunks of a pass run on all threads at once (pyFFTW releases the GIL while
FFTW executes). FFTW's own threaded plans would change the bits with the thread count.

The passes also do less than FFTW's multi-axis plan, which knows nothing of the padding:

* the first forward pass transforms only the lines that hold data (a 255 x 255 kernel
  padded to 1152 x 1152 has 255 rows to transform, not 1152); the other lines' spectra are
  zero and are set so (FFTs of zeros are zeros);
* the last inverse pass transforms only the lines the kept region needs;
* on large spectra the forward and inverse passes along ``c_0`` and the product between them
  run chunk by chunk, so a chunk's lines are multiplied and transformed back while in cache.

Chunk plans of one bundle are planned together (one ESTIMATE record in the plan memo of
:mod:`._fft_plans`); chunks of the same geometry find the first one's plan in FFTW's wisdom,
so a bundle costs about as many ESTIMATE searches as it has distinct chunk geometries.
"""
from __future__ import annotations

import math
from itertools import count

import numpy as np

from .. import _tuning
from . import _fft_plans as _plans

#: multi-axis FFTW convolutions whose larger padded operand has at least this many points run here
SPLIT_MIN = _tuning.FFT_SPLIT_MIN
#: complex elements of a pass's lines per chunk; at most MAX_PARTS chunks a pass
CHUNK = _tuning.FFT_SPLIT_CHUNK
MAX_PARTS = 64
#: spectra of at least this many bytes run the forward and inverse passes along the first axis
#: and the product between them chunk by chunk (see ``plan``)
FUSE_MIN = _tuning.FFT_SPLIT_FUSE_MIN_BYTES
#: chunk boundaries along the innermost axis fall on multiples of this many bytes, so every
#: chunk's lines start as aligned as the buffer (pyFFTW's SIMD alignment is 32 or 64 bytes)
_ALIGN_BYTES = 64
#: the same with batch axes (wider chunks: FFTW ran narrow ones of batched spectra slower)
_BATCH_ALIGN_BYTES = _tuning.FFT_SPLIT_BATCH_ALIGN_BYTES


def applies(axes, fa, fb) -> bool:
    """Whether the one-transform convolution at padded shapes ``fa``/``fb`` over ``axes`` runs
    here: two or more axes and at least :data:`SPLIT_MIN` points in the larger operand (a
    function of the problem alone, so a problem's arithmetic never depends on ``workers``)."""
    return len(axes) >= 2 and max(math.prod(fa), math.prod(fb)) >= SPLIT_MIN


def key(fa, fb, fo, dt, axes, a_shape, b_shape, start, shape):
    """The plan bundle's key: every shape the chunk plans depend on."""
    return ("split", fa, fb, fo, dt.char, axes, a_shape, b_shape, start, shape)


# ---------------------------------------------------------------------------
# chunks
# ---------------------------------------------------------------------------

def _memory_order(nd, axes):
    return [i for i in range(nd) if i not in axes] + list(axes)


def _ceil(n, d):
    return -(-n // d)


def _chunks(region, ax, order, itemsize, among=None, align=_ALIGN_BYTES):
    """Fixed chunks of the lines along ``ax`` in ``region`` (a ``(lo, hi)`` per axis): a list
    of regions, cut along the outermost axis other than ``ax`` (of ``among``, default any) that
    has at least 8 entries (else the longest), at multiples of ``align`` bytes when that is the
    innermost axis; from the shapes alone."""
    ext = [hi - lo for lo, hi in region]
    if 0 in ext:
        return []
    cands = [i for i in order if i != ax and (among is None or i in among)]
    if not cands:
        return [region]
    cax = next((i for i in cands if ext[i] >= 8), max(cands, key=lambda i: ext[i]))
    n = ext[cax]
    parts = max(1, min(n, MAX_PARTS, _ceil(math.prod(ext), CHUNK)))
    q = max(1, align // itemsize) if cax == order[-1] else 1
    # chunks of one width (a multiple of q), the last one shorter: threads taking chunks as
    # they come finish together, and a pass has at most two chunk geometries to plan
    width = _ceil(_ceil(n, parts), q) * q
    bounds = list(range(0, n, width)) + [n]
    lo0 = region[cax][0]
    out = []
    for lo, hi in zip(bounds, bounds[1:]):
        r = list(region)
        r[cax] = (lo0 + lo, lo0 + hi)
        out.append(tuple(r))
    return out


def _run(tasks, workers):
    """Call each of ``tasks`` (no arguments) on up to ``workers`` threads; each thread takes the
    next task when it is done with one, so a thread slowed by another process takes fewer."""
    w = min(workers, len(tasks))
    if w <= 1:
        for t in tasks:
            t()
        return
    nxt = count().__next__
    n = len(tasks)

    def worker(_):
        while (i := nxt()) < n:
            tasks[i]()
    _plans.run_parallel(worker, range(w), w)


# ---------------------------------------------------------------------------
# plans
# ---------------------------------------------------------------------------

def _with(region, axis, lo_hi):
    """``region`` with ``lo_hi`` on ``axis``."""
    r = list(region)
    r[axis] = lo_hi
    return tuple(r)


def _sl(region):
    return tuple(slice(lo, hi) for lo, hi in region)


def _plan_pass(src, dst, ax, region, order, direction, effort, wisdom_only, among=None):
    """Chunk plans ``[(region, plan)]`` of one pass along ``ax`` over the lines of ``region``
    (its range on ``ax`` is ignored: every line is transformed whole), ``src`` to ``dst``.
    Chunks are sized by the complex side of an r2c/c2r pass, like the c2c passes."""
    region = _with(region, ax, (0, min(src.shape[ax], dst.shape[ax])))
    out = []
    for r in _chunks(region, ax, order, dst.itemsize, among):
        r = _with(r, ax, (0, dst.shape[ax]))
        s = _sl(_with(r, ax, (0, src.shape[ax])))
        out.append((r, _plans.make_fftw(src[s], dst[_sl(r)], (ax,), direction, effort, 1, wisdom_only)))
    return out


def _in_range(shape, axes, ranges):
    """The whole of ``shape``, but ``ranges[c]`` on each axis ``c`` of ``axes``."""
    r = [(0, s) for s in shape]
    for c in axes:
        r[c] = ranges[c]
    return tuple(r)


class _Forward:
    """The forward passes of one operand of extent ``ext`` (its shape) in transform buffers
    ``spec``/``data``, but the one along ``axes[0]`` (run with the product, see ``plan``):
    ``first``, the chunks ``(region, plan)`` along the last axis over the lines that hold data
    (filled from the operand, then transformed); ``zero``, regions of the spectrum that are
    padding (zeroed); ``middle``, the passes along ``axes[-2] .. axes[1]``."""

    def __init__(self, spec, data, axes, ext, order, effort, wisdom_only):
        last, shape = axes[-1], spec.shape
        held = {c: (0, ext[c]) for c in axes}
        self.first = _plan_pass(data, spec, last, _in_range(shape, axes[:-1], held), order,
                                "FFTW_FORWARD", effort, wisdom_only)
        # padding lines: for each axis c_j before the last, the lines that hold data on
        # c_0..c_{j-1} and lie beyond it on c_j (disjoint; together what ``first`` leaves out)
        self.zero = []
        for j, c in enumerate(axes[:-1]):
            if ext[c] < shape[c]:
                z = _with(_in_range(shape, axes[:j], held), c, (ext[c], shape[c]))
                self.zero.extend(_chunks(z, last, order, spec.itemsize))
        # along c_j the lines that hold data on c_0..c_{j-1} (the rest are zeros already)
        self.middle = [_plan_pass(spec, spec, axes[j], _in_range(shape, axes[:j], held), order,
                                  "FFTW_FORWARD", effort, wisdom_only)
                       for j in range(len(axes) - 2, 0, -1)]
        # what a call does per first-pass chunk, its slices made once: the data lines' head
        # (from the operand's slice) and tail (zeroed), then the plan
        n, L = ext[last], data.shape[last]
        self.fills = [(_sl(_with(r, last, (0, n))),
                       _sl(_with(r, last, (n, L))) if n < L else None, p)
                      for r, p in self.first]
        self.zero = [_sl(r) for r in self.zero]
        self.spec, self.data = spec, data

    def first_tasks(self, x):
        """Tasks: fill each first-pass chunk's lines from ``x`` and transform them; zero the
        padding lines."""
        data, spec = self.data, self.spec

        def run(head, tail, plan):
            np.copyto(data[head], x[head])
            if tail is not None:
                data[tail] = 0
            plan.execute()

        return ([lambda c=c: run(*c) for c in self.fills]
                + [lambda z=z: spec[z].fill(0) for z in self.zero])


def plan(fa, fb, fo, dt, axes, a_shape, b_shape, start, shape, bundle, effort, wisdom_only):
    """Factory (for :func:`._fft_plans.checkout`): transform buffers and every chunk plan of the
    convolution of an ``a_shape`` operand with a ``b_shape`` one at padded shapes ``fa``/``fb``
    (product ``fo``), keeping ``start .. start+shape-1``."""
    from ._spectral import conv_buffers

    A, pa, B, pb, P, circ = conv_buffers(bundle, fa, fb, fo, axes, dt)
    order = _memory_order(len(fa), axes)
    bundle.fwd_a = _Forward(A, pa, axes, a_shape, order, effort, wisdom_only)
    # b_shape None: the kernel comes as a spectrum, its forward passes are never run
    bundle.fwd_b = None if b_shape is None else _Forward(B, pb, axes, b_shape, order, effort, wisdom_only)
    # along axes[0], every line: forward (both operands), product, inverse; the chunks are cut
    # along a convolution axis, where the operands and the product agree
    c0 = axes[0]
    bundle.cols = []
    # with batch axes, wider column chunks (_tuning.FFT_SPLIT_BATCH_ALIGN_BYTES)
    batched = any(P.shape[i] > 1 for i in range(P.ndim) if i not in axes)
    for r in _chunks(tuple((0, s) for s in P.shape), c0, order, P.itemsize, among=axes,
                     align=_BATCH_ALIGN_BYTES if batched else _ALIGN_BYTES):
        ia, ib, ip = (_sl(_in_range(X.shape, axes, r)) for X in (A, B, P))
        bundle.cols.append((ia, ib, ip,
                            _plans.make_fftw(A[ia], A[ia], (c0,), "FFTW_FORWARD", effort, 1, wisdom_only),
                            None if b_shape is None else
                            _plans.make_fftw(B[ib], B[ib], (c0,), "FFTW_FORWARD", effort, 1, wisdom_only),
                            _plans.make_fftw(P[ip], P[ip], (c0,), "FFTW_BACKWARD", effort, 1, wisdom_only)))
    # large spectra: the three run chunk by chunk, while a chunk's lines are in cache; smaller
    # ones: the product apart, in blocks of whole innermost lines, where numpy runs 3-4x faster
    # than over a column chunk's short strided rows (the products are the same either way)
    bundle.fused = P.nbytes >= FUSE_MIN
    bundle.products = [] if bundle.fused else [
        tuple(_sl(_in_range(X.shape, axes, r)) for X in (A, B, P))
        for r in _chunks(tuple((0, s) for s in P.shape), None, order, P.itemsize, among=axes)]
    # inverse along axes[1] .. axes[-1]: the lines kept on the axes already transformed back
    keep = {c: (start[c], start[c] + shape[c]) for c in axes}
    bundle.inv_middle = [_plan_pass(P, P, axes[j], _in_range(P.shape, axes[:j], keep), order,
                                    "FFTW_BACKWARD", effort, wisdom_only)
                         for j in range(1, len(axes) - 1)]
    # the last: each chunk's lines transformed back, then their kept part scaled into the result
    last = axes[-1]
    bundle.inv_last = [
        (p, _sl(_with(r, last, keep[last])),
         tuple(slice(lo - keep[i][0], hi - keep[i][0]) if i in keep else slice(lo, hi)
               for i, (lo, hi) in enumerate(_with(r, last, keep[last]))))
        for r, p in _plan_pass(P, circ, last, _in_range(P.shape, axes[:-1], keep), order,
                               "FFTW_BACKWARD", effort, wisdom_only)]
    bundle.padded_a, bundle.padded_b, bundle.A, bundle.B = pa, pb, A, B
    bundle.P, bundle.circular = P, circ


def bundle_for(fa, fb, fo, dt, axes, a_shape, b_shape, start, shape):
    """A checked-out plan bundle (return it with :func:`._fft_plans.checkin`)."""
    from functools import partial

    return _plans.checkout(key(fa, fb, fo, dt, axes, a_shape, b_shape, start, shape),
                           partial(plan, fa, fb, fo, dt, axes, a_shape, b_shape, start, shape))


# ---------------------------------------------------------------------------
# running
# ---------------------------------------------------------------------------

def _forward(fwd, x, workers):
    """``fwd``'s passes of ``x`` but the one along the first axis."""
    _run(fwd.first_tasks(x), workers)
    for chunks in fwd.middle:
        _run([p.execute for _, p in chunks], workers)


def _threads(bundle, workers):
    """Threads for a call: one while the spectrum holds under ``_tuning.FFT_CHUNK_MIN`` elements
    (the elementwise passes' rule: a hand-off costs more than such a pass)."""
    return workers if bundle.P.size >= _tuning.FFT_CHUNK_MIN else 1


def spectrum(bundle, b, workers=1):
    """The spectrum of ``b`` (fresh and owned, in the bundle's memory order), bitwise what
    :func:`convolve` makes of ``b`` before the product."""
    workers = _threads(bundle, workers)
    _forward(bundle.fwd_b, b, workers)
    _run([c[4].execute for c in bundle.cols], workers)
    return np.array(bundle.B, order="K")


def convolve(bundle, a, b, spec, scale, out, workers=1):
    """Write the kept region of the convolution of ``a`` with ``b`` (or with the spectrum
    ``spec``, from :func:`spectrum`, when given: then ``bundle`` was planned with ``b_shape``
    None) into ``out``, times ``scale``."""
    workers = _threads(bundle, workers)
    if spec is None:
        _run(bundle.fwd_a.first_tasks(a) + bundle.fwd_b.first_tasks(b), workers)
        for ca, cb in zip(bundle.fwd_a.middle, bundle.fwd_b.middle):
            _run([p.execute for _, p in ca + cb], workers)
    else:
        _forward(bundle.fwd_a, a, workers)
    A, B, P = bundle.A, bundle.B, bundle.P
    Bs = B if spec is None else spec

    if bundle.fused:
        def column(ia, ib, ip, fwd_a, fwd_b, inv):
            fwd_a.execute()
            if spec is None:
                fwd_b.execute()
            np.multiply(A[ia], Bs[ib], out=P[ip])
            inv.execute()
        _run([lambda c=c: column(*c) for c in bundle.cols], workers)
    else:
        _run([c[3].execute for c in bundle.cols] + ([c[4].execute for c in bundle.cols] if spec is None else []),
             workers)
        _run([lambda c=c: np.multiply(A[c[0]], Bs[c[1]], out=P[c[2]]) for c in bundle.products], workers)
        _run([c[5].execute for c in bundle.cols], workers)
    for chunks in bundle.inv_middle:
        _run([p.execute for _, p in chunks], workers)
    circ = bundle.circular

    def back(plan, src, dst):
        plan.execute()
        np.multiply(circ[src], scale, out=out[dst])
    _run([lambda c=c: back(*c) for c in bundle.inv_last], workers)
