"""Exact finiteness for ``method='auto'`` when an FFT engine meets NaN or inf samples.

An FFT spreads one NaN over the whole output (scipy #15927). Direct
convolution leaves NaN/inf only where the kernel window touches a non-finite
sample; ``method='auto'`` promises the direct behaviour at close to FFT speed.

The maths
---------
Write ``a = a_f + a_n`` where ``a_f`` holds the finite samples (non-finite ones
set to 0) and ``a_n`` the non-finite ones; the same for ``b``. Every output of
the direct convolution is the sum of the terms ``a[i] * b[j]`` over the index
pairs in range (``i + j == o + start`` on the convolution axes). Split the
pairs into

* finite ``a[i]``, finite ``b[j]``: exactly the terms of ``fast(a_f, b_f)``;
* non-finite ``a[i]``, any ``b[j]``: added explicitly, one box per sample
  (``out[i + j - start] += a[i] * b[j]`` for every ``j``, clipped to the kept
  region);
* finite ``a[i]``, non-finite ``b[j]``: added explicitly as
  ``out[i + j - start] += a[i] * b[j]`` for every finite ``a[i]`` (the zeros
  standing for non-finite ``a`` are masked out, otherwise ``0 * inf`` would add
  a NaN that direct convolution does not have).

Every pair appears once. A term with a non-finite factor is non-finite (for
complex numbers, ``x * y`` computed as numpy and the direct engine compute it,
``(xr yr - xi yi) + i (xr yi + xi yr)``, has at least a non-finite real part),
and the class of an IEEE sum holding non-finite terms does not depend on the
order or on the finite terms: NaN if any term is NaN or both +inf and -inf
occur, else the sign of the infinities. So every output has direct
convolution's NaN / +inf / -inf / finite class (per component for complex
results), and the untouched outputs have the FFT's value of the finite data.

The semantics are those of the unpadded convolution: only in-range pairs
count. (scipy's N-d direct path zero-pads ``in1`` and multiplies the padding,
so a non-finite kernel sample gives NaN where it meets the padding; scipy's
1-D path, ``numpy.convolve``, does not.)

Cost
----
The finite part needs a cleaned copy of the operand holding non-finite
samples; above 32 MiB it is cleaned slab by slab (8 MiB of input rows per
engine call along its longest convolution axis), so the extra memory is one
slab, not a second copy of the input (50M samples with K=2001 on the
reference machine: peak RSS growth 1.04x the output). Given the engine's
poisoned result (``out=``), only the grid cells of outputs that came out
non-finite are recomputed (the overlap-save engine poisons just the blocks around a
NaN): 50M samples with 5 NaN cost 1.5x the clean call instead of 3x. The
explicit terms cost one numpy pass per non-finite sample over the other
operand's extent. When they would cost more than the direct engine (many
non-finite samples, or non-finite samples in a long operand against another
long operand), the whole problem runs on the direct engine. An operand made
only of NaN gives an all-NaN output at once.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["convolve_nonfinite", "plan_nonfinite"]

# Rough per-unit costs in seconds (numpy on one core): a Python-level box
# update, a term of a box update, and a multiply-add of the direct engine.
_PER_SAMPLE_S = 8e-6
_PER_TERM_S = 2.5e-9
_PER_DIRECT_MAC_S = 1.0e-10
# Operands needing a cleaned copy above this size are cleaned slab by slab, ~_SLAB_BYTES at a time.
_CHUNK_MIN_BYTES = 32 << 20
_SLAB_BYTES = 8 << 20
_SLAB_KERNELS = 4  # a slab is at least this many kernel lengths long
_CELL_BYTES = 1 << 19  # grid cell of input rows recomputed when patching a poisoned result


def _nonfinite_index(x: np.ndarray) -> np.ndarray:
    """(m, ndim) indices of the non-finite samples of ``x`` (the mask is not kept: it is 1/8 of ``x``)."""
    mask = np.isfinite(x)
    np.logical_not(mask, out=mask)
    return np.argwhere(mask)


def _box_terms(idx: np.ndarray, x_shape, other_shape, axes, shape, start) -> np.ndarray:
    """Number of output elements each non-finite sample of ``x`` touches (vectorised)."""
    terms = np.ones(len(idx), dtype=np.float64)
    for d in range(len(shape)):
        if d in axes:
            i = idx[:, d]
            lo = np.maximum(0, start[d] - i)
            hi = np.minimum(other_shape[d], shape[d] + start[d] - i)
            terms *= np.maximum(hi - lo, 0)
        elif x_shape[d] == 1:
            terms *= shape[d]
    return terms


def _boxes(i, x_shape, other_shape, axes, shape, start):
    """(output box, other-operand box) touched by sample ``i`` of ``x``; None if it touches nothing."""
    obox, ybox = [], []
    for d in range(len(shape)):
        if d in axes:
            lo = max(0, start[d] - i[d])
            hi = min(other_shape[d], shape[d] + start[d] - i[d])
            if lo >= hi:
                return None
            obox.append(slice(lo + i[d] - start[d], hi + i[d] - start[d]))
            ybox.append(slice(lo, hi))
        elif x_shape[d] == 1:
            # x broadcasts along this batch axis: every output row, the other's rows (or its one row).
            obox.append(slice(None))
            ybox.append(slice(None))
        else:
            obox.append(slice(i[d], i[d] + 1))
            ybox.append(slice(i[d], i[d] + 1) if other_shape[d] != 1 else slice(0, 1))
    return tuple(obox), tuple(ybox)


def _direct_macs(a_shape, b_shape, axes, shape) -> float:
    """An upper bound of the direct engine's multiply-adds."""
    macs = float(math.prod(shape))
    for d in axes:
        macs *= min(a_shape[d], b_shape[d])
    return macs


def plan_nonfinite(a: np.ndarray, b: np.ndarray, axes, shape, start) -> dict:
    """How :func:`convolve_nonfinite` would compute this problem, and why (for tests and reports).

    Returns a dict with ``strategy`` ('all-nan', 'sparse' or 'direct'), the
    non-finite sample counts, the explicit term count and the cost estimates
    (seconds) that decided it.
    """
    return _plan(a, b, _nonfinite_index(a), _nonfinite_index(b), axes, shape, start)


def _plan(a, b, ia, ib, axes, shape, start) -> dict:
    info = {"nonfinite_a": len(ia), "nonfinite_b": len(ib)}
    for x, idx in ((a, ia), (b, ib)):
        if len(idx) == x.size and bool(np.isnan(x).all()):
            info.update(strategy="all-nan", terms=0.0)
            return info
    terms = float(_box_terms(ia, a.shape, b.shape, axes, shape, start).sum()
                  + _box_terms(ib, b.shape, a.shape, axes, shape, start).sum())
    samples = len(ia) + len(ib)
    sparse_s = samples * _PER_SAMPLE_S + terms * _PER_TERM_S
    direct_s = _direct_macs(a.shape, b.shape, axes, shape) * _PER_DIRECT_MAC_S
    info.update(terms=terms, sparse_s=sparse_s, direct_s=direct_s,
                strategy="direct" if direct_s <= sparse_s else "sparse")
    return info


def _runs(positions: np.ndarray, gap: int, longest: int) -> list[tuple[int, int]]:
    """Sorted ``positions`` as half-open ranges: runs closer than ``gap`` merged, none longer than ``longest``."""
    if not len(positions):
        return []
    cuts = np.flatnonzero(np.diff(positions) > gap)
    firsts = np.concatenate(([positions[0]], positions[cuts + 1]))
    lasts = np.concatenate((positions[cuts], [positions[-1]])) + 1
    ranges = []
    for r0, r1 in zip(firsts.tolist(), lasts.tolist()):
        ranges.extend((o0, min(r1, o0 + longest)) for o0 in range(r0, r1, longest))
    return ranges


def _fast_finite(fast, a, ia, b_f, axes, shape, start, workers, raw=None):
    """``fast`` on ``a`` with its non-finite samples zeroed, without a whole copy of a large ``a``.

    A small ``a`` is copied and cleaned once. A large one is cut into slabs of
    outputs along its longest convolution axis; each slab is computed from a
    cleaned copy of just the input rows it reads (a sub-problem with the same
    engine contract), so the extra memory is one slab and the copies stay in
    cache. With ``raw``, the fast engine's result on the uncleaned operands
    (writable, reused as the output), only the slabs holding non-finite
    outputs are recomputed: an FFT output that is finite had no non-finite
    input in its arithmetic (inf and NaN never turn finite under + - *), so
    it already equals the cleaned computation's value.
    """
    if not len(ia):
        out = fast(a, b_f, axes, shape, start, workers=workers)
        if raw is not None:
            raw[...] = out
            return raw
        return out
    d = max(axes, key=lambda i: a.shape[i])
    row_bytes = a.nbytes // a.shape[d]
    slab = max(_SLAB_KERNELS * b_f.shape[d], -(-_SLAB_BYTES // max(row_bytes, 1)), 1)
    if raw is None:
        ranges = [(0, shape[d])]
    else:
        # Recompute whole cells of a fixed grid (equal sub-problem shapes reuse FFT plans).
        cell = min(slab, max(_SLAB_KERNELS * b_f.shape[d], -(-_CELL_BYTES // max(row_bytes, 1)), 1))
        others = tuple(i for i in range(len(shape)) if i != d)
        bad = np.isfinite(raw).all(axis=others) if others else np.isfinite(raw)
        np.logical_not(bad, out=bad)
        cells = -(-shape[d] // cell)
        bad = np.concatenate((bad, np.zeros(cells * cell - shape[d], dtype=bool)))
        bad_cells = np.flatnonzero(bad.reshape(cells, cell).any(axis=1))
        ranges = _runs(bad_cells, 1, max(slab // cell, 1))
        ranges = [(c0 * cell, min(shape[d], c1 * cell)) for c0, c1 in ranges]
    whole = raw is None and (a.nbytes < _CHUNK_MIN_BYTES or shape[d] < 2 * slab)
    if whole or (raw is not None and a.nbytes < _CHUNK_MIN_BYTES and ranges == [(0, shape[d])]):
        a_f = np.array(a, copy=True)
        a_f[tuple(ia.T)] = 0
        out = fast(a_f, b_f, axes, shape, start, workers=workers)
        if raw is not None:
            raw[...] = out
            return raw
        return out
    out = np.empty(shape, dtype=a.dtype) if raw is None else raw
    lead = (slice(None),) * d
    sub_shape, sub_start = list(shape), list(start)
    for r0, r1 in ranges:
        for o0 in range(r0, r1, slab):
            o1 = min(r1, o0 + slab)
            lo = max(0, o0 + start[d] - (b_f.shape[d] - 1))
            hi = min(a.shape[d], o1 + start[d])
            sub = np.array(a[lead + (slice(lo, hi),)], copy=True)
            sub[~np.isfinite(sub)] = 0
            sub_shape[d], sub_start[d] = o1 - o0, o0 + start[d] - lo
            out[lead + (slice(o0, o1),)] = fast(sub, b_f, axes, tuple(sub_shape), tuple(sub_start), workers=workers)
    return out


def convolve_nonfinite(fast, direct, a, b, axes, shape, start, *, workers=1, strategy=None, out=None):
    """Convolve operands holding NaN or inf with direct convolution's finiteness.

    ``fast`` and ``direct`` are engine ``convolve`` functions (engine contract
    in :mod:`convkit._engines`): the result is ``fast``'s convolution of the
    finite samples plus the terms of the non-finite ones, added explicitly (see
    the module docstring), or ``direct``'s result when that is cheaper. ``a``
    and ``b`` are not modified. ``strategy`` ('sparse' or 'direct') overrides
    the cost estimate (tests).

    ``out``, optional, is ``fast``'s result on ``a`` and ``b`` as they are
    (NaN-poisoned where an FFT block met a non-finite sample). It must be a
    fresh writable array of ``shape``: it is reused as the result, and only
    its slabs holding non-finite values are recomputed (overlap-save poisons
    just the blocks around a NaN, so this saves most of a second transform).
    With finite operands a non-finite ``out`` means the transform overflowed:
    the direct engine recomputes the problem.
    """
    ia = _nonfinite_index(a)
    ib = _nonfinite_index(b)
    if not len(ia) and not len(ib):
        # Finite inputs: a non-finite ``out`` means the transform overflowed. Direct
        # convolution keeps the overflow local (inf only where the products overflow).
        from ._engines._finite import all_finite

        if out is None or all_finite(out):
            return out if out is not None else fast(a, b, axes, shape, start, workers=workers)
        with np.errstate(invalid="ignore", over="ignore"):
            return direct(a, b, axes, shape, start, workers=workers)
    info = _plan(a, b, ia, ib, axes, shape, start)
    if strategy is None or info["strategy"] == "all-nan":
        strategy = info["strategy"]
    if strategy == "all-nan":
        nan = complex(np.nan, np.nan) if a.dtype.kind == "c" else np.nan
        return np.full(shape, nan, dtype=a.dtype)
    if strategy == "direct":
        with np.errstate(invalid="ignore", over="ignore"):
            return direct(a, b, axes, shape, start, workers=workers)

    if len(ib) and b.size > a.size:
        # Convolution is symmetric in its operands: let ``a`` be the larger one, which
        # _fast_finite cleans slab by slab.
        a, b, ia, ib = b, a, ib, ia
    b_f = b
    if len(ib):
        b_f = np.array(b, copy=True)
        b_f[tuple(ib.T)] = 0
    raw = out if out is not None and out.flags.writeable and out.shape == tuple(shape) else None
    out = _fast_finite(fast, a, ia, b_f, axes, shape, start, workers, raw)
    if not out.flags.writeable:
        out = out.copy()
    with np.errstate(invalid="ignore", over="ignore"):
        # Non-finite a[i] against every b[j] (finite or not).
        for i in ia:
            boxes = _boxes(i, a.shape, b.shape, axes, shape, start)
            if boxes is not None:
                obox, bbox = boxes
                out[obox] += a[tuple(i)] * b[bbox]
        # Non-finite b[j] against the finite a[i] only.
        for j in ib:
            boxes = _boxes(j, b.shape, a.shape, axes, shape, start)
            if boxes is not None:
                obox, abox = boxes
                term = a[abox] * b[tuple(j)]
                if len(ia):
                    term[~np.isfinite(a[abox])] = 0
                out[obox] += term
    return out
