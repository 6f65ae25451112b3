"""Overlap-save block convolution engine on top of the pyFFTW plan pool.

:data:`ENGINE` implements :class:`convkit._engines.Engine`; the module-level
``convolve(a, b, axes, shape, start, *, workers=1)`` is the former entry point.
('oa' is this overlap-*save* engine, whatever older text calls it.)

Method
------
One convolution axis -- the one where the operands differ most in length --
is cut into blocks; every other convolution axis is transformed whole (at the
smallest circular length that keeps its kept region clean, as in ``fft``).
The longer operand along the blocked axis ("signal", length ``n``) slides;
the other ("kernel", length ``k``) is transformed **once** (``prepare``: its
spectrum, shared read-only by the block threads and kept by a ``Plan``).

Block ``j`` reads the signal segment ``[start + j*S - (k-1), ... + L)``
(zeros outside the signal) and its circular convolution of length ``L`` holds
``S = L - k + 1`` exact outputs at offsets ``k-1 .. L-1``. So only the blocks
that cover the kept region are computed, and every block writes a disjoint
slice of the one output (no read-modify-write, no races between threads).
Overlap-add would add ``k-1`` overlapping samples per block into the output
for the same transforms: an extra pass and a race between threads.

Blocks are transformed in *groups* of ``G`` blocks times ``R`` rows of the
largest batch axis (``_fft_sizes.oa_groups``, about 256 KiB of input) by one
batched FFTW plan; interior groups gather their segments with one strided
copy and scatter with one copy (times ``1/N``, the normalisation); the few
edge blocks are copied one by one. The block length ``L`` minimises the
predicted time per kept output (``_fft_sizes.block_plan``) and, like the
groups, depends on the problem only. When one block would cover everything
the one-transform convolution of ``_spectral`` runs instead. Single precision over
two or more axes always runs it (``_fft_sizes.oa_whole``: scipy's single-precision
arithmetic there beats double-precision blocks).

Threads: with ``workers > 1`` each thread takes the next (row chunk, block
group) task as it finishes one, with its own checked-out plan bundle and
buffers; FFTW itself runs single-threaded. The tasks and their arithmetic
are the same for every ``workers``, so the result is bitwise the same.

Importing this module does not import pyFFTW (``cost`` is pure Python).
"""
from __future__ import annotations

import math
from functools import lru_cache, partial

import numpy as np
from numpy.lib.stride_tricks import as_strided

from .. import _tuning
from . import Geometry, _spectral
from . import _fft_plans as _plans
from . import _fft_sizes as _sizes
from ._fft_plans import checkin, checkout, run_parallel
from ._fft_sizes import BlockPlan, block_plan, next_fast_len, oa_cost, oa_groups, oa_layout, oa_whole

__all__ = ["ENGINE", "OverlapSaveEngine", "convolve", "cost", "block_plan", "next_fast_len",
           "BlockPlan"]


def _plan_kernel(kernel_fshape, dtype, faxes, bundle, effort, wisdom_only):
    real = dtype.kind == "f"
    H, padded_kernel = _spectral.transform_buffers(bundle, kernel_fshape, faxes, dtype, real)
    bundle.fwd = _plans.make_fftw(padded_kernel, H, faxes, "FFTW_FORWARD", effort, 1, wisdom_only)
    bundle.padded_kernel, bundle.H = padded_kernel, H


def _plan_blocks(xf, of, dtype, faxes, bundle, effort, wisdom_only):
    """In-place buffers of one group: segments (G, *xf), the blocks' zero-padded input
    segments -> X, their spectra; P (G, *of), the products -> circular, the blocks'
    circular convolutions."""
    real = dtype.kind == "f"
    X, segments = _spectral.transform_buffers(bundle, xf, faxes, dtype, real)
    if of == xf:
        P, circular = X, segments
    else:
        P, circular = _spectral.transform_buffers(bundle, of, faxes, dtype, real)
    bundle.fwd = _plans.make_fftw(segments, X, faxes, "FFTW_FORWARD", effort, 1, wisdom_only)
    bundle.inv = _plans.make_fftw(P, circular, faxes, "FFTW_BACKWARD", effort, 1, wisdom_only)
    bundle.segments, bundle.X, bundle.P, bundle.circular = segments, X, P, circular
    # blocks of up to OA_SCALE_APART_MAX_LEN in a buffer of their own: the normalisation runs over
    # the whole buffer in one pass before the kept samples are copied out, which is quicker than
    # numpy's strided multiply there (the same products, so the same bits); None: multiplied
    # while copied (see ``_blocks``)
    bundle.dense = (circular if of[-1] <= _tuning.OA_SCALE_APART_MAX_LEN
                    and not np.may_share_memory(circular, P) else None)


def _take(arr, axis, lo, hi):
    """arr[lo:hi] along ``axis`` unless arr broadcasts (size 1) there."""
    if axis is None or arr.shape[axis] == 1:
        return arr
    return arr[(slice(None),) * axis + (slice(lo, hi),)]


class _Layout:
    """Everything the blocks of one geometry need, derived from the geometry alone."""

    def __init__(self, a_shape, b_shape, axes, shape, start, dt):
        real = dt.kind == "f"
        lay = oa_layout(a_shape, b_shape, axes, shape, start, real, dt.itemsize)
        self.single = lay is None
        if self.single:
            return
        nd = len(shape)
        ax, swap, plan, other_lens = lay
        self.ax, self.swap, self.plan = ax, swap, plan
        self.perm = tuple(i for i in range(nd) if i != ax) + (ax,)       # blocked axis last
        perm = self.perm
        h_shape = a_shape if swap else b_shape
        self.is_conv_axis = tuple(perm[i] in other_lens for i in range(nd - 1))     # other conv axes
        self.lens = tuple(other_lens[perm[i]] if self.is_conv_axis[i] else None for i in range(nd - 1))
        others = tuple(i for i in range(nd - 1) if self.is_conv_axis[i])
        # transform axes in memory order, innermost last: a real transform halves the blocked
        # axis, which must be innermost; a complex one keeps the blocked axis outermost, where
        # FFTW's ESTIMATE plans run multi-axis blocks 2-3x faster (one 256 x 540 complex block
        # 1.4 ms in that order, 4.4 ms with the 540 axis outer; epyc-zen4-2c, thread CPU time)
        self.faxes = others + (nd - 1,) if real else (nd - 1,) + others
        # the kernel's transform shape, in the permuted axis order
        self.kernel_fshape = tuple(self.lens[i] if self.is_conv_axis[i] else h_shape[perm[i]]
                                   for i in range(nd - 1)) + (plan.fft_len,)
        self.scale = 1.0 / (plan.fft_len * math.prod(v for v in self.lens if v))


@lru_cache(maxsize=1024)
def _layout(a_shape, b_shape, axes, shape, start, dt, group_bytes) -> _Layout:
    """The :class:`_Layout` of a geometry, shared by its calls (read-only): building it took
    8 of a 1000 x 4 call's 95 us. ``group_bytes`` (``_fft_sizes._GROUP_BYTES``, which sizes the
    groups) is part of the key so that a changed group budget takes effect."""
    return _Layout(a_shape, b_shape, axes, shape, start, dt)


def _with_kernel_spectrum(h, lay, dt, use):
    """``use(H)`` with ``H`` the spectrum of the kernel ``h`` (original axis order) at the block
    length (unscaled), in its plan bundle's buffer: valid only during ``use``."""
    hm = h.transpose(lay.perm)
    hb = checkout(("oa-h", lay.kernel_fshape, dt.char, lay.faxes),
                  partial(_plan_kernel, lay.kernel_fshape, dt, lay.faxes))
    try:
        _spectral.fill(hb.padded_kernel, hm, lay.faxes)
        hb.fwd.execute()
        return use(hb.H)
    finally:
        checkin(hb)


def _kernel_spectrum(h, lay, dt):
    """Spectrum of the kernel ``h`` at the block length, as a :class:`~convkit._engines._spectral.Spectrum`
    of its own (a prepared kernel outlives the plan bundle)."""
    H = _with_kernel_spectrum(h, lay, dt, lambda H: np.array(H, order="K"))
    return _spectral.Spectrum("oa", lay.kernel_fshape, lay.faxes, dt, H)


class OverlapSaveEngine(_spectral.SpectralEngine):
    """Overlap-save blocks along one axis (see the module docstring)."""

    name = "oa"
    flops = staticmethod(oa_cost)          # the kernel's and the blocks' transforms

    def prepare(self, b, g: Geometry):
        """The kernel's spectrum at the block length (read-only
        :class:`~convkit._engines._spectral.Spectrum`); the one-transform
        spectrum when one block covers everything; ``b`` itself when ``b`` is
        the operand that slides (nothing to prepare) or there is no work."""
        b = np.asarray(b)
        axes = tuple(sorted(int(i) for i in g.axes))
        shape, start = tuple(g.shape), tuple(g.start)
        if not axes or 0 in shape:
            return b
        dt = np.dtype(g.dtype)
        if b.dtype != dt or not b.dtype.isnative:
            _, b, dt = _spectral.prep(np.empty(0, dt), b)
        if oa_whole(dt, g.a_shape, b.shape, axes):
            return _spectral.whole_spectrum(b, tuple(g.a_shape), axes, shape, start)
        wt = _spectral.work_dtype(dt)
        lay = _layout(tuple(g.a_shape), b.shape, axes, shape, start, wt, _sizes._GROUP_BYTES)
        if lay.single:
            return _spectral.whole_spectrum(b, tuple(g.a_shape), axes, shape, start)
        if lay.swap:
            return b
        return _kernel_spectrum(b, lay, wt)

    def convolve(self, a, prepared, g: Geometry, *, workers: int = 1) -> np.ndarray:
        """The kept region of ``g`` (engine contract), a fresh C-contiguous array."""
        return convolve(a, prepared, g.axes, g.shape, g.start, workers=workers,
                        _b_shape=tuple(g.b_shape))


ENGINE = OverlapSaveEngine()


def cost(a_shape, b_shape, axes, shape, start, dtype) -> float:
    """Flop-like count of the transforms (former entry point; pure Python)."""
    return oa_cost(a_shape, b_shape, axes, shape, start, dtype)


def convolve(a, b, axes, shape, start, *, workers=1, _b_shape=None):
    """Overlap-save convolution of ``a`` and ``b`` (an array, or a spectrum from
    ``ENGINE.prepare``) over ``axes``, returning the region
    ``start .. start+shape-1`` of the full result (engine contract in
    :mod:`convkit._engines`). ``workers``: a positive thread count."""
    workers = max(1, int(workers or 1))
    axes = tuple(sorted(map(int, axes)))
    shape = tuple(map(int, shape))
    start = tuple(map(int, start))
    spec = b if isinstance(b, _spectral.Spectrum) else None
    if spec is None:
        a, b, dt = _spectral.prep(a, b)
        b_shape = b.shape
    else:
        a, _, dt = _spectral.prep(a, np.empty(0, np.asarray(a).dtype))
        if _b_shape is None:
            raise ValueError("a prepared kernel needs the geometry's b_shape")
        b_shape = _b_shape
    if 0 in shape:
        return np.zeros(shape, dt)
    if not axes or (oa_whole(dt, a.shape, b_shape, axes) and (spec is None or spec.kind == "whole")):
        return _spectral.convolve_whole(a, b, axes, shape, start, workers)
    wt = _spectral.work_dtype(dt)        # the transforms' dtype; the result is in dt
    lay = _layout(a.shape, tuple(b_shape), axes, shape, start, wt, _sizes._GROUP_BYTES)
    if lay.single or (spec is not None and spec.kind == "whole"):
        if spec is not None and spec.kind != "whole":
            raise ValueError(f"{spec!r} was prepared for another geometry")
        return _spectral.convolve_whole(a, b, axes, shape, start, workers)
    if spec is not None:
        if (spec.kind != "oa" or spec.fshape != lay.kernel_fshape or spec.axes != lay.faxes or lay.swap
                or spec.dtype != wt):
            raise ValueError(f"{spec!r} was prepared for another geometry")
        return _blocks(a, spec.array, lay, wt, dt, shape, start, workers)
    # a one-off kernel: the blocks read its spectrum from the plan bundle's buffer (no copy of it,
    # so no fresh pages per call for a spectrum as large as a block)
    x = b if lay.swap else a
    return _with_kernel_spectrum(a if lay.swap else b, lay, wt,
                                 lambda H: _blocks(x, H, lay, wt, dt, shape, start, workers))


def _blocks(x, H, lay, dt, out_dt, shape, start, workers):
    """The blocks; ``dt`` is the transforms' dtype, ``out_dt`` the result's."""
    nd = len(shape)
    perm, is_conv_axis, lens, faxes = lay.perm, lay.is_conv_axis, lay.lens, lay.faxes
    plan = lay.plan
    K = lay.kernel_fshape[-1] - plan.step + 1   # kernel length along the blocked axis
    n = x.shape[lay.ax]
    L, S, nb = plan.fft_len, plan.step, plan.n_blocks
    s0, M = start[lay.ax], shape[lay.ax]
    scale = lay.scale

    xm = x.transpose(perm)
    Hm = H                                  # already in the permuted order
    out = np.empty(shape, out_dt)
    outm = out.transpose(perm)

    # groups: G blocks x R rows of the largest batch axis (``crow``)
    batch_axes = [i for i in range(nd - 1) if not is_conv_axis[i] and outm.shape[i] > 1]
    crow = max(batch_axes, key=lambda i: outm.shape[i]) if batch_axes else None
    row_pts = math.prod(lens[i] if is_conv_axis[i] else outm.shape[i]
                        for i in range(nd - 1) if i != crow)
    R, G = oa_groups(L, dt.itemsize, row_pts, outm.shape[crow] if crow is not None else 1, nb)
    if crow is None:
        row_chunks = [(0, 1)]
    else:
        D = outm.shape[crow]
        nchunks = -(-D // R)
        row_chunks = [(D * i // nchunks, D * (i + 1) // nchunks) for i in range(nchunks)]

    def shapes(r0, r1):
        xf = tuple(lens[i] if is_conv_axis[i] else (r1 - r0 if i == crow and xm.shape[i] > 1
                                              else xm.shape[i]) for i in range(nd - 1)) + (L,)
        of = tuple(lens[i] if is_conv_axis[i] else (r1 - r0 if i == crow else outm.shape[i])
                   for i in range(nd - 1)) + (L,)
        return (G,) + xf, (G,) + of

    bfaxes = tuple(i + 1 for i in faxes)
    kept = tuple(slice(start[perm[i]], start[perm[i]] + shape[perm[i]]) if is_conv_axis[i]
                 else slice(None) for i in range(nd - 1))

    def zero_pads(segments, g, xc):
        lead = [slice(0, g)]
        for i in range(nd - 1):
            if is_conv_axis[i] and xc.shape[i] < lens[i]:
                segments[tuple(lead) + (slice(xc.shape[i], None),)] = 0
            lead.append(slice(0, xc.shape[i]))

    def transform(bd, g, Hc):
        bd.fwd.execute()
        np.multiply(bd.X[:g], Hc, out=bd.P[:g])
        bd.inv.execute()

    def interior(bd, xc, oc, Hc, lo, hi):
        g = hi - lo
        q0 = s0 + lo * S - (K - 1)
        xcorner = tuple(slice(0, d) for d in xc.shape[:-1])
        src = as_strided(xc[..., q0:], shape=(g,) + xc.shape[:-1] + (L,),
                         strides=(S * xc.strides[-1],) + xc.strides, writeable=False)
        np.copyto(bd.segments[(slice(0, g),) + xcorner], src)
        zero_pads(bd.segments, g, xc)
        transform(bd, g, Hc)
        dst = as_strided(oc[..., lo * S:], shape=(g,) + oc.shape[:-1] + (S,),
                         strides=(S * oc.strides[-1],) + oc.strides, writeable=True)
        scaled_out(bd, g, bd.circular[(slice(0, g),) + kept + (slice(K - 1, K - 1 + S),)], dst)

    def scaled_out(bd, g, src, dst):
        """dst = src * scale, src a view of the first g blocks' circular convolutions."""
        if bd.dense is None:
            np.multiply(src, scale, out=dst)
        else:
            whole = bd.dense[:g]
            np.multiply(whole, scale, out=whole)
            np.copyto(dst, src)

    def edges(bd, xc, oc, Hc, blocks):
        segments = bd.segments
        xcorner = tuple(slice(0, d) for d in xc.shape[:-1])
        for g, j in enumerate(blocks):
            q = s0 + j * S - (K - 1)
            lo, hi = max(q, 0), min(q + L, n)
            row = segments[g]
            row[...] = 0
            if hi > lo:
                row[xcorner + (slice(lo - q, hi - q),)] = xc[..., lo:hi]
        transform(bd, len(blocks), Hc)
        if bd.dense is not None:
            whole = bd.dense[:len(blocks)]
            np.multiply(whole, scale, out=whole)
        for g, j in enumerate(blocks):
            cnt = min(S, M - j * S)
            src = bd.circular[(g,) + kept + (slice(K - 1, K - 1 + cnt),)]
            if bd.dense is None:
                np.multiply(src, scale, out=oc[..., j * S:j * S + cnt])
            else:
                np.copyto(oc[..., j * S:j * S + cnt], src)

    # interior blocks: segment inside the signal, all S outputs kept
    bi0 = min(nb, max(0, -(-(K - 1 - s0) // S)))
    bi1 = min((n - L + K - 1 - s0) // S + 1, M // S) if n - L + K - 1 - s0 >= 0 else 0
    bi1 = max(bi0, min(bi1, nb))
    block_tasks = [("i", lo, min(lo + G, bi1)) for lo in range(bi0, bi1, G)]
    edge_blocks = list(range(0, bi0)) + list(range(bi1, nb))
    block_tasks += [("e", edge_blocks[i:i + G]) for i in range(0, len(edge_blocks), G)]
    tasks = [(rc, t) for rc in row_chunks for t in block_tasks]

    def run(task_iter):
        held = {}
        try:
            for (r0, r1), t in task_iter:
                xf, of = shapes(r0, r1)
                bkey = ("oa-b", xf, of, dt.char, bfaxes)
                bd = held.get(bkey)
                if bd is None:
                    bd = held[bkey] = checkout(bkey, partial(_plan_blocks, xf, of, dt, bfaxes))
                xc = _take(xm, crow, r0, r1)
                oc = _take(outm, crow, r0, r1)
                Hc = _take(Hm, crow, r0, r1)
                if t[0] == "i":
                    interior(bd, xc, oc, Hc, t[1], t[2])
                else:
                    edges(bd, xc, oc, Hc, t[1])
        finally:
            for bd in held.values():
                checkin(bd)

    nthreads = min(workers, len(tasks))
    if nthreads <= 1:
        run(tasks)
    else:
        # every thread pulls the next task from one iterator (next() on a list iterator is atomic
        # under the GIL), so a thread slowed by another process takes fewer; the tasks and their
        # arithmetic do not depend on which thread runs them
        shared = iter(tasks)
        run_parallel(run, [shared] * nthreads, nthreads)
    return out
