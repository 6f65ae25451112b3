"""Direct (Numba) convolution engine.

Entry point ``convolve(a, b, axes, shape, start, *, workers=1, separable=None)``
keeps the engine contract of :mod:`convkit.engines`; ``cost`` predicts the
multiply-add count of a call for the dispatcher; ``warmup`` compiles (or loads
from the on-disk cache) the kernels ahead of time.

How a call is computed
----------------------
* The operand with fewer elements over the convolution axes becomes the
  *kernel* ``h``, the other the *signal* ``x`` (convolution is commutative).
* Axes are permuted so that batch axes come first, convolution axes last;
  every operand is viewed as ``(batch, rows, width)``: ``rows`` is the product
  of the leading convolution axes, ``width`` the last one.  The kernel is
  reversed along the convolution axes, so tap ``p`` of output ``o`` reads
  ``x[o + start - (k - 1) + p]``.
* The output is cut into *tiles*: one output row, ``T`` columns (about 16 KiB,
  so a tile and the signal rows it reads stay in L1).  For every tile the
  valid (signal row, kernel row) pairs are listed, and their taps are applied
  in passes of up to 16 taps (``_direct_kernels``): the loop over the tile's
  outputs is innermost and vectorised (packed FMAs), the taps are unrolled in
  it, the partial sum stays in a register.  Rows of kernels 16 taps or wider
  go 16 consecutive taps at a time through a single-base kernel; the other
  taps (across kernel rows) are pooled into balanced passes.
* Interior tiles read the signal in place; tiles at the edges copy the
  needed signal columns into a zero-padded scratch row first, so no bounds
  are tested inside the hot loops and nothing outside the kept region is
  computed (apart from the zero taps of edge outputs on the last axis).
* Complex inputs are split into real and imaginary planes and run as three
  real products (Gauss: ``rr - ii`` and ``(r+i)(r+i) - rr - ii``).  ``uint64`` runs as ``int64``
  (the same bits in modular arithmetic).
* A rank-one 2-D float kernel (``separable=None`` detects it with an SVD and a
  strict tolerance; ``False`` never uses it) runs as a row pass and a column
  pass.
* Threads: ``workers > 1`` runs tiles in a ``prange`` loop over chunks with
  ``numba.set_num_threads(workers)`` (thread-local; restored afterwards).
  Each chunk writes its own tiles.  Small calls stay on one thread.
  Results do not depend on ``workers``: every output is summed in the same
  order whichever thread computes it.
"""
from __future__ import annotations

import numpy as np
import numba
from numba import prange

from ._jit import njit
from ._buffers import empty_apart, scratch
from ._finite import all_finite

from ._direct_kernels import FM, GR_ROWS, _gm, _grb, _gs, _gv4x8
from ._direct_prefetch import prefetch_r, prefetch_w

__all__ = ["convolve", "small", "cost", "fixed_cost", "warmup"]

_SUPPORTED = {np.dtype(t) for t in ("float32", "float64", "complex64", "complex128", "int64", "uint64")}
_SMALL_KINDS = {np.dtype(t) for t in ("float32", "float64", "complex64", "complex128", "int64")}

# Below this many multiply-adds a 1-D call without batch axes uses the plain
# bounds-checked loop (no tiling set-up, no allocation besides the output).
_SMALL_1D = 4096
# Complex 1-D calls up to this many multiply-adds also take the plain loop
# (native complex products): the three-real-product path costs ~20 us of
# splitting and merging planes, which the loop's lower rate (4.4 against 6.5
# complex multiply-adds per ns) only repays beyond ~2.7e5 (measured N=2000,
# K=5: 5.7 us against 25 us; N=1e5, K=64: 2.1 ms against 1.0 ms).
_SMALL_1D_COMPLEX = 1 << 18
# Below this many multiply-adds a call stays on one thread.
_PAR_MIN_WORK = 1 << 17
# Tile width in bytes of output.  Measured on the reference machine (Zen 5,
# 48 KiB L1d, 2 MiB L2): tiles sized so all the signal rows of a tile stay in
# L1 lose more to the fixed cost of each pass (~50-70 ns) than they gain, so
# tiles are as wide as 16 KiB of output whatever the kernel height.
_TILE_BYTES = 16384
# Kernel rows at least this wide run as single-row passes (one base pointer);
# narrower rows are pooled across kernel rows (one pointer per tap).
_WIDE = 5
# Square 2-D kernels (k in GR_ROWS) by blocks of output rows (_blocks).
_BLOCK = True
# Column kernels (kw == 1, kh >= 11, 2-D) by blocks of four output rows.
_VERT = True
_VERT_TILE_BYTES = 16384
# Prefetch the next tile's new rows (see _direct_prefetch).
_PREFETCH = True
# Most taps per pooled pass (one pointer register per tap; x86-64 has 16).
_POOL_MAX = 16


# --------------------------------------------------------------------------
# kernels
# --------------------------------------------------------------------------

@njit(cache=True, nogil=True, fastmath=FM)
def _small1d(x, h, out, s):
    """out[o] = sum_j x[o + s - j] * h[j] for small 1-D calls (x the longer).

    Edge outputs: plain bounds-checked loops.  Interior outputs: one
    vectorised axpy per tap, taps in increasing j (the same order, hence the
    same rounding, as the edge loop).
    """
    nx = x.shape[0]
    nh = h.shape[0]
    L = out.shape[0]
    olo = nh - 1 - s
    if olo < 0:
        olo = 0
    if olo > L:
        olo = L
    ohi = nx - s
    if ohi > L:
        ohi = L
    if ohi < olo:
        ohi = olo
    for o in range(L):
        if o == olo and ohi > olo:
            c = h[0]
            xs = x[olo + s:]
            os_ = out[olo:ohi]
            for k in range(ohi - olo):
                os_[k] = c * xs[k]
            for j in range(1, nh):
                c = h[j]
                xs = x[olo + s - j:]
                for k in range(ohi - olo):
                    os_[k] += c * xs[k]
            continue
        if o > olo and o < ohi:
            continue
        i = o + s
        jlo = i - nx + 1
        if jlo < 0:
            jlo = 0
        jhi = i
        if jhi > nh - 1:
            jhi = nh - 1
        acc = x[i - jlo] * h[jlo]
        for j in range(jlo + 1, jhi + 1):
            acc += x[i - j] * h[j]
        out[o] = acc


@njit(cache=True, nogil=True, fastmath=FM)
def _tile_row(x, h, out, ix, ih, xlead, hlead, olead, slead, s_last, tb, r, orow, tile,
              scratch, rows, cols, ws, omi):
    """Output row ``orow`` of tile ``tile`` of batch row ``r`` (one item of ``_tiles``);
    scratch, rows, cols, ws and omi are the caller's work arrays (see ``_tiles``).
    The same code as the body of ``_tiles``'s loop, which keeps its own copy:
    a call passing a dozen arrays costs their reference counting, ~5-10% of a
    small image's time; ``_blocks`` calls this for its few unblocked rows.
    Keep the two in step."""
    Rh = h.shape[1]
    kw = h.shape[2]
    W = x.shape[2]
    nlead = xlead.shape[0]
    bx = ix[r]
    bh = ih[r]
    c0 = tb[tile]
    n = tb[tile + 1] - c0
    o = out[r, orow, c0:c0 + n]
    lo = c0 + s_last
    interior = lo >= 0 and lo + n + kw - 1 <= W
    rr = orow
    for d in range(nlead - 1, -1, -1):
        omi[d] = rr % olead[d]
        rr //= olead[d]
    xb = x[bx]
    if interior:
        S = xb
    else:
        S = scratch
    npool = 0
    nslot = 0
    first = True
    for prow in range(Rh):
        pr = prow
        q = 0
        mult = 1
        ok = True
        for d in range(nlead - 1, -1, -1):
            pd = pr % hlead[d]
            pr //= hlead[d]
            qd = omi[d] + slead[d] + pd
            if qd < 0 or qd >= xlead[d]:
                ok = False
                break
            q += qd * mult
            mult *= xlead[d]
        if not ok:
            continue
        hrow = h[bh, prow]
        if interior:
            srow = q
            scol = lo
        else:
            sr = scratch[nslot]
            for c in range(n + kw - 1):
                src = lo + c
                if src >= 0 and src < W:
                    sr[c] = xb[q, src]
                else:
                    sr[c] = 0
            srow = nslot
            scol = 0
            nslot += 1
        if kw >= _WIDE:
            # single-row passes of consecutive taps, balanced, <= 16 each
            npass = (kw + 15) // 16
            t = 0
            for ps in range(npass):
                cnt = (kw - t) // (npass - ps)
                _gs(cnt, o, S[srow, scol + t:], hrow[t:], n, first)
                first = False
                t += cnt
        else:
            # narrow rows: pool the taps of several rows into one pass
            for t in range(kw):
                rows[npool] = srow
                cols[npool] = scol + t
                ws[npool] = hrow[t]
                npool += 1
    if npool > 0:
        npass = (npool + _POOL_MAX - 1) // _POOL_MAX
        base = 0
        for ps in range(npass):
            cnt = (npool - base) // (npass - ps)
            _gm(cnt, o, S, rows, cols, ws, base, n, first)
            first = False
            base += cnt
    if first:
        for i in range(n):
            o[i] = 0


@njit(cache=True, nogil=True, fastmath=FM)
def _tiles(x, h, out, ix, ih, xlead, hlead, olead, slead, s_last, tb, it0, it1):
    """Compute work items ``it0 .. it1 - 1`` (one item = one output tile).

    x: (Bx, Rx, W) signal, h: (Bh, Rh, kw) reversed kernel, out: (R, Ro, L).
    ix/ih map an output batch row to the signal/kernel batch row.
    xlead/hlead/olead: shapes of the leading convolution axes (flattened into
    the ``rows`` dimension, C order); slead: per leading axis, source index of
    output 0 and kernel row 0; s_last: the same on the last axis.  tb: tile
    boundaries along the last axis (the same for every row; tiles are either
    wholly interior or wholly at an edge).
    """
    Rh = h.shape[1]
    kw = h.shape[2]
    W = x.shape[2]
    Ro = out.shape[1]
    nlead = xlead.shape[0]
    ntiles = tb.shape[0] - 1
    T = 0
    for i in range(ntiles):
        if tb[i + 1] - tb[i] > T:
            T = tb[i + 1] - tb[i]
    scratch = np.zeros((Rh, T + kw - 1), x.dtype)
    rows = np.empty(Rh * kw, np.intp)
    cols = np.empty(Rh * kw, np.intp)
    ws = np.empty(Rh * kw, h.dtype)
    omi = np.empty(nlead, np.intp)
    per_r = Ro * ntiles
    pstep = 64 // x.itemsize
    if pstep < 1:
        pstep = 1
    for item in range(it0, it1):
        # rows vary fastest: consecutive items of a column stripe reuse the
        # signal rows already in L1
        r = item // per_r
        rem = item - r * per_r
        tile = rem // Ro
        orow = rem - tile * Ro
        bx = ix[r]
        bh = ih[r]
        c0 = tb[tile]
        n = tb[tile + 1] - c0
        o = out[r, orow, c0:c0 + n]
        lo = c0 + s_last
        interior = lo >= 0 and lo + n + kw - 1 <= W
        rr = orow
        for d in range(nlead - 1, -1, -1):
            omi[d] = rr % olead[d]
            rr //= olead[d]
        if _PREFETCH and item + 1 < it1:
            # fetch what the next item needs that this one does not: its
            # output segment and (2-D) the signal row its last kernel row reads
            r2 = (item + 1) // per_r
            rem2 = item + 1 - r2 * per_r
            tile2 = rem2 // Ro
            orow2 = rem2 - tile2 * Ro
            ca = tb[tile2]
            cb = tb[tile2 + 1]
            po = out[r2, orow2]
            for c in range(ca, cb, pstep):
                prefetch_w(po, c)
            if nlead <= 1:
                if nlead == 1:
                    q2 = orow2 + slead[0] + hlead[0] - 1
                else:
                    q2 = 0
                if q2 >= 0 and q2 < x.shape[1]:
                    px = x[ix[r2], q2]
                    ca += s_last
                    cb += s_last + kw - 1
                    if ca < 0:
                        ca = 0
                    if cb > W:
                        cb = W
                    for c in range(ca, cb, pstep):
                        prefetch_r(px, c)
        xb = x[bx]
        if interior:
            S = xb
        else:
            S = scratch
        npool = 0
        nslot = 0
        first = True
        for prow in range(Rh):
            pr = prow
            q = 0
            mult = 1
            ok = True
            for d in range(nlead - 1, -1, -1):
                pd = pr % hlead[d]
                pr //= hlead[d]
                qd = omi[d] + slead[d] + pd
                if qd < 0 or qd >= xlead[d]:
                    ok = False
                    break
                q += qd * mult
                mult *= xlead[d]
            if not ok:
                continue
            hrow = h[bh, prow]
            if interior:
                srow = q
                scol = lo
            else:
                sr = scratch[nslot]
                for c in range(n + kw - 1):
                    src = lo + c
                    if src >= 0 and src < W:
                        sr[c] = xb[q, src]
                    else:
                        sr[c] = 0
                srow = nslot
                scol = 0
                nslot += 1
            if kw >= _WIDE:
                # single-row passes of consecutive taps, balanced, <= 16 each
                npass = (kw + 15) // 16
                t = 0
                for ps in range(npass):
                    cnt = (kw - t) // (npass - ps)
                    _gs(cnt, o, S[srow, scol + t:], hrow[t:], n, first)
                    first = False
                    t += cnt
            else:
                # narrow rows: pool the taps of several rows into one pass
                for t in range(kw):
                    rows[npool] = srow
                    cols[npool] = scol + t
                    ws[npool] = hrow[t]
                    npool += 1
        if npool > 0:
            npass = (npool + _POOL_MAX - 1) // _POOL_MAX
            base = 0
            for ps in range(npass):
                cnt = (npool - base) // (npass - ps)
                _gm(cnt, o, S, rows, cols, ws, base, n, first)
                first = False
                base += cnt
        if first:
            for i in range(n):
                o[i] = 0


@njit(cache=True, nogil=True, fastmath=FM)
def _vert(x, h, out, ix, ih, s0, s_last, T, it0, it1):
    """Column kernels (one tap per kernel row), blocks of 4 output rows.

    x: (Bx, H, W), h: (Bh, kh, 1) reversed, out: (R, Ho, L); output row o,
    column c reads x[o + s0 + p, c + s_last] (all columns inside x).  The
    signal rows inside all four windows of a block go through ``_gv4x8``
    (each load feeds four outputs); each output's other rows through one
    pooled pass of its own.  Items are (batch row, column tile, row block),
    row blocks fastest.
    """
    kh = h.shape[1]
    H = x.shape[1]
    Ho = out.shape[1]
    L = out.shape[2]
    nblk = (Ho + 3) // 4
    ntl = (L + T - 1) // T
    per_r = nblk * ntl
    rows = np.empty(kh, np.intp)
    cols = np.empty(kh, np.intp)
    ws = np.empty(kh, h.dtype)
    cw = np.empty((4, 8), h.dtype)
    for item in range(it0, it1):
        r = item // per_r
        rem = item - r * per_r
        tile = rem // nblk
        blk = rem - tile * nblk
        bx = ix[r]
        bh = ih[r]
        c0 = tile * T
        n = T
        if L - c0 < n:
            n = L - c0
        cs = c0 + s_last
        xb = x[bx]
        hb = h[bh]
        o0 = 4 * blk
        nout = Ho - o0
        if nout > 4:
            nout = 4
        # rows shared by all four windows
        if nout == 4:
            ma = o0 + 3 + s0
            mb = o0 + s0 + kh
            if ma < 0:
                ma = 0
            if mb > H:
                mb = H
            ng = (mb - ma) // 8 if mb > ma else 0
        else:
            ma = 0
            mb = 0
            ng = 0
        g_end = ma + 8 * ng
        for m in range(nout):
            o = out[r, o0 + m, c0:c0 + n]
            qa = o0 + m + s0
            qb = qa + kh
            if qa < 0:
                qa = 0
            if qb > H:
                qb = H
            cnt = 0
            for q in range(qa, qb):
                if ng > 0 and q >= ma and q < g_end:
                    continue
                rows[cnt] = q
                cols[cnt] = cs
                ws[cnt] = hb[q - (o0 + m + s0), 0]
                cnt += 1
            if cnt == 0:
                for i in range(n):
                    o[i] = 0
            else:
                npass = (cnt + 15) // 16
                base = 0
                for ps in range(npass):
                    c = (cnt - base) // (npass - ps)
                    _gm(c, o, xb, rows, cols, ws, base, n, ps == 0)
                    base += c
        if ng > 0:
            oa = out[r, o0, c0:c0 + n]
            ob = out[r, o0 + 1, c0:c0 + n]
            oc = out[r, o0 + 2, c0:c0 + n]
            od = out[r, o0 + 3, c0:c0 + n]
            for gi in range(ng):
                q0 = ma + 8 * gi
                for m in range(4):
                    for g in range(8):
                        cw[m, g] = hb[q0 + g - (o0 + m + s0), 0]
                _gv4x8(oa, ob, oc, od,
                       xb[q0, cs:], xb[q0 + 1, cs:], xb[q0 + 2, cs:], xb[q0 + 3, cs:],
                       xb[q0 + 4, cs:], xb[q0 + 5, cs:], xb[q0 + 6, cs:], xb[q0 + 7, cs:],
                       cw, n)


@njit(cache=True, nogil=True, parallel=True)
def _vert_par(x, h, out, ix, ih, s0, s_last, T, nitems, nchunks):
    """Parallel driver of ``_vert``."""
    for c in prange(nchunks):
        it0 = c * nitems // nchunks
        it1 = (c + 1) * nitems // nchunks
        _vert(x, h, out, ix, ih, s0, s_last, T, it0, it1)


@njit(cache=True, nogil=True, parallel=True)
def _tiles_par(x, h, out, ix, ih, xlead, hlead, olead, slead, s_last, tb, nitems, nchunks):
    """Parallel driver: chunks of consecutive tiles, one chunk per iteration."""
    for c in prange(nchunks):
        it0 = c * nitems // nchunks
        it1 = (c + 1) * nitems // nchunks
        _tiles(x, h, out, ix, ih, xlead, hlead, olead, slead, s_last, tb, it0, it1)


@njit(cache=True, nogil=True, fastmath=FM)
def _blocks(x, h, out, ix, ih, xlead, hlead, olead, slead, s_last, tb, RB, oa, nblk, umaj, it0, it1):
    """2-D square kernels (k in ``GR_ROWS``): work items ``it0 .. it1 - 1``.

    Same arguments as ``_tiles`` (one leading axis), plus the row blocking:
    output rows ``oa + RB * j .. oa + RB * j + RB - 1`` (``j < nblk``) read only
    signal rows inside the image and run as one block of ``_grb`` per tile
    (each signal load feeds up to RB outputs; edge tiles through a zero-padded
    scratch copy of the k + RB - 1 rows).  The other rows (above ``oa``, below
    the last block) run row by row (``_tile_row``).  Items are (batch row,
    tile, unit), units fastest: rows ``0 .. oa - 1``, the nblk blocks, then the
    remaining rows; with ``umaj`` (rows of at most one interior tile) (batch
    row, unit, tile) instead, tiles fastest: an edge tile then reads signal
    rows that its neighbour brought into cache (column stripes of 16 outputs
    read from memory row by row cost about as much as the whole interior
    at 3x3).  Every output is computed by one fixed unit, so results do
    not depend on how items are split over threads.
    """
    Rh = h.shape[1]
    kw = h.shape[2]
    W = x.shape[2]
    Ro = out.shape[1]
    nlead = xlead.shape[0]
    ntiles = tb.shape[0] - 1
    s0 = slead[0]
    T = 0
    for i in range(ntiles):
        if tb[i + 1] - tb[i] > T:
            T = tb[i + 1] - tb[i]
    scratch = np.zeros((Rh, T + kw - 1), x.dtype)
    sblk = np.zeros((kw + RB - 1, T + kw - 1), x.dtype)
    rows = np.empty(Rh * kw, np.intp)
    cols = np.empty(Rh * kw, np.intp)
    ws = np.empty(Rh * kw, h.dtype)
    omi = np.empty(nlead, np.intp)
    U = Ro - nblk * (RB - 1)
    per_r = U * ntiles
    for item in range(it0, it1):
        r = item // per_r
        rem = item - r * per_r
        if umaj:
            u = rem // ntiles
            tile = rem - u * ntiles
        else:
            tile = rem // U
            u = rem - tile * U
        if u < oa or u >= oa + nblk:
            orow = u if u < oa else u + nblk * (RB - 1)
            _tile_row(x, h, out, ix, ih, xlead, hlead, olead, slead, s_last, tb, r, orow, tile,
                      scratch, rows, cols, ws, omi)
            continue
        o0 = oa + (u - oa) * RB
        q0 = o0 + s0
        c0 = tb[tile]
        n = tb[tile + 1] - c0
        lo = c0 + s_last
        xb = x[ix[r]]
        hb = h[ih[r]]
        if lo >= 0 and lo + n + kw - 1 <= W:
            _grb(out[r], o0, c0, xb, q0, lo, hb, n)
        else:
            # columns ca .. cb - 1 of the copy are inside the signal
            ca = -lo if lo < 0 else 0
            cb = W - lo if W - lo < n + kw - 1 else n + kw - 1
            if cb < ca:
                cb = ca
            for j in range(kw + RB - 1):
                sr = sblk[j]
                xr = xb[q0 + j]
                for c in range(ca):
                    sr[c] = 0
                for c in range(ca, cb):
                    sr[c] = xr[lo + c]
                for c in range(cb, n + kw - 1):
                    sr[c] = 0
            _grb(out[r], o0, c0, sblk, 0, 0, hb, n)


@njit(cache=True, nogil=True, parallel=True)
def _blocks_par(x, h, out, ix, ih, xlead, hlead, olead, slead, s_last, tb, RB, oa, nblk, umaj, cb):
    """Parallel driver of ``_blocks``: chunk c is items ``cb[c] .. cb[c + 1] - 1``."""
    for c in prange(cb.shape[0] - 1):
        _blocks(x, h, out, ix, ih, xlead, hlead, olead, slead, s_last, tb, RB, oa, nblk, umaj, cb[c], cb[c + 1])


# --------------------------------------------------------------------------
# Python side
# --------------------------------------------------------------------------

def _prod(t):
    p = 1
    for v in t:
        p *= int(v)
    return p


def _max_threads():
    return int(numba.config.NUMBA_NUM_THREADS)


def _tile_bounds(L, W, kw, s_last, T, split=False):
    """Tile boundaries on the last axis: edge tiles apart from interior ones.

    Output column c reads signal columns c + s_last .. c + s_last + kw - 1; it
    is interior when all of them are inside ``0 .. W - 1``.  ``split``: edge
    tiles apart even on short rows (the row-blocked path, whose items cost
    little per output row).
    """
    if L <= T // 2 and not split:
        # One tile per row: on short rows the fixed cost of an item (~200 ns:
        # pass dispatch, row set-up) outweighs copying the row to scratch, and
        # three thin items (edge, interior, edge) per row cost 1.1-2x one
        # (measured 128^2 to 1024^2 with 3x3 and 9x9 kernels, 'same'). At
        # 2048 columns the copied rows no longer stay in L1 and one tile cost
        # 1.1-1.5x three.
        return np.array([0, L], np.intp)
    cl = min(L, max(0, -s_last))
    cr = max(cl, min(L, W - kw + 1 - s_last))
    # widen edge tiles to whole vectors so they run vectorised too
    if cl > 0:
        cl = min(L, -(-cl // 16) * 16)
    if cr < L:
        cr = max(cl, L - (-(-(L - cr) // 16) * 16))
    b = []
    for lo, hi in ((0, cl), (cl, cr), (cr, L)):
        if hi > lo:
            nt = -(-(hi - lo) // T)
            # equal tiles (multiples of 8 where possible) so no tile is tiny
            step = -(-(hi - lo) // nt)
            b.extend(range(lo, hi, step))
    b.append(L)
    return np.array(b, np.intp)


def _block_plan(xs, hs, os_, xlead, slead):
    """Row blocking of a 2-D call with a square kernel in ``GR_ROWS``:
    (rows per block, first blocked output row, number of blocks), or None."""
    k = hs[2]
    if not _BLOCK or xlead.shape[0] != 1 or hs[1] != k or k not in GR_ROWS:
        return None
    RB = GR_ROWS[k]
    H = xs[1]
    Ro = os_[1]
    s0 = int(slead[0])
    # output row o reads signal rows o + s0 .. o + s0 + k - 1
    oa = min(Ro, max(0, -s0))
    ob = min(Ro, H - k + 1 - s0)
    nblk = (ob - oa) // RB if ob > oa else 0
    if nblk == 0:
        return None
    return RB, oa, nblk


def _block_chunks(tb, R, Ro, k, RB, oa, nblk, umaj, nchunks):
    """Item boundaries of ``nchunks`` chunks of ``_blocks`` items of about equal work."""
    n = np.diff(tb).astype(np.float64)
    U = Ro - nblk * (RB - 1)
    rows = np.ones(U)
    rows[oa:oa + nblk] = RB
    # per item: multiply-adds plus the fixed cost of an item
    c1 = ((np.outer(rows, n) if umaj else np.outer(n, rows)) * (k * k) + _ITEM_MACS).ravel()
    per_r = c1.shape[0]
    cum = np.concatenate(([0.0], np.cumsum(c1)))
    C = cum[-1]
    tgt = np.arange(1, nchunks) * (C * R / nchunks)
    rr = np.minimum(tgt // C, R - 1)
    idx = np.searchsorted(cum, tgt - rr * C)
    b = np.concatenate(([0], (rr.astype(np.int64) * per_r + idx), [R * per_r]))
    b = np.minimum(np.maximum.accumulate(b), R * per_r)
    return b.astype(np.intp)


def _tile_width(L, itemsize, one_axis):
    """Output columns per tile.

    ``_TILE_BYTES`` of output, except on a single long convolution axis where
    tiles grow up to 8x while every thread keeps 16 or more: a 1-D tile is
    one pass for a short kernel, so its fixed cost (~200 ns) and the restart
    of the hardware prefetchers weigh more (N=1e6 from DRAM, K=16: 1.31 ms
    with 16 KiB tiles, 1.11 ms with 128 KiB; K=64: 3.29 -> 2.91 ms; K=256
    unchanged).
    """
    T = max(128, _TILE_BYTES // itemsize)
    if one_axis:
        T = max(T, min(8 * T, L // 32))
    return T


def _run(x3, h3, out3, ix, ih, xlead, hlead, olead, slead, s_last, workers):
    """Run the tile kernels over the whole output (serial or threaded)."""
    R, Ro, L = out3.shape
    T = _tile_width(L, out3.dtype.itemsize, xlead.shape[0] == 0)
    tb = _tile_bounds(L, x3.shape[2], h3.shape[2], s_last, T)
    nitems = R * Ro * (tb.shape[0] - 1)
    work = R * Ro * L * h3.shape[1] * h3.shape[2]
    workers = min(int(workers), _max_threads())
    if (_VERT and h3.shape[2] == 1 and xlead.shape[0] == 1 and h3.shape[1] >= 11
            and hlead[0] == h3.shape[1]):
        Tv = max(64, _VERT_TILE_BYTES // out3.dtype.itemsize)
        nitems = R * ((Ro + 3) // 4) * (-(-L // Tv))
        s0 = int(slead[0])
        if workers > 1 and nitems > 1 and work >= _PAR_MIN_WORK:
            nchunks = min(nitems, 8 * workers)
            prev = numba.get_num_threads()
            numba.set_num_threads(workers)
            try:
                _vert_par(x3, h3, out3, ix, ih, s0, s_last, Tv, nitems, nchunks)
            finally:
                numba.set_num_threads(prev)
        else:
            _vert(x3, h3, out3, ix, ih, s0, s_last, Tv, 0, nitems)
        return
    blk = _block_plan(x3.shape, h3.shape, out3.shape, xlead, slead)
    if blk is not None:
        RB, oa, nblk = blk
        tb = _tile_bounds(L, x3.shape[2], h3.shape[2], s_last, T, split=True)
        umaj = tb.shape[0] <= 4
        if workers > 1 and work >= _PAR_MIN_WORK:
            cb = _block_chunks(tb, R, out3.shape[1], h3.shape[2], RB, oa, nblk, umaj, 8 * workers)
            prev = numba.get_num_threads()
            numba.set_num_threads(workers)
            try:
                _blocks_par(x3, h3, out3, ix, ih, xlead, hlead, olead, slead, s_last, tb, RB, oa, nblk, umaj, cb)
            finally:
                numba.set_num_threads(prev)
        else:
            nitems = R * (tb.shape[0] - 1) * (out3.shape[1] - nblk * (RB - 1))
            _blocks(x3, h3, out3, ix, ih, xlead, hlead, olead, slead, s_last, tb, RB, oa, nblk, umaj, 0, nitems)
        return
    if workers > 1 and nitems > 1 and work >= _PAR_MIN_WORK:
        nchunks = min(nitems, 8 * workers)
        prev = numba.get_num_threads()
        numba.set_num_threads(workers)
        try:
            _tiles_par(x3, h3, out3, ix, ih, xlead, hlead, olead, slead, s_last, tb, nitems, nchunks)
        finally:
            numba.set_num_threads(prev)
    else:
        _tiles(x3, h3, out3, ix, ih, xlead, hlead, olead, slead, s_last, tb, 0, nitems)


_EMPTY_LEAD = np.zeros(0, np.intp)
_ZERO_MAP = np.zeros(1, np.intp)

_SEP_TOL = {np.dtype(np.float64): 1e-13, np.dtype(np.float32): 1e-6}


def _rank_one(k2, dt):
    """Factors (u, v) with k2 == outer(u, v) within a strict tolerance, or None.

    A rank-one matrix is the outer product of its column and row through any
    non-zero element; through the largest one the factors are as accurate as
    an SVD's, and the residual test costs a few microseconds where an SVD
    cost 10-15 (it ran on every 2-D call with a kernel of 5x5 or more).
    """
    tol = _SEP_TOL.get(dt)
    if tol is None:
        return None
    k = np.asarray(k2, dtype=np.float64)
    r, c = divmod(int(np.abs(k).argmax()), k.shape[1])
    kmax = abs(k[r, c])
    if not (0 < kmax < np.inf):  # zero kernel, or a NaN/inf (argmax finds those first)
        return None
    u = k[:, c].copy()
    v = k[r] / k[r, c]
    if np.abs(np.outer(u, v) - k).max() > 8 * tol * kmax:
        return None
    return u.astype(dt), v.astype(dt)


def _separable_banded(x3, fac, kh, kw, sc, oc, s_last, workers):
    """Rank-one 2-D kernel on one signal plane: row pass and column pass by bands.

    The row-pass results live in a small buffer of ``band + kh - 1`` rows
    (L2-sized) that rolls down the image: the rows the next band shares with
    this one are moved up, only new rows are computed, and no full-size
    intermediate is allocated.
    """
    u, v = fac
    dt = x3.dtype
    H = x3.shape[1]
    O, L = oc
    vr = np.array(v[::-1], order="C").reshape(1, 1, kw)
    ur = np.array(u[::-1], order="C").reshape(1, kh, 1)
    band = max(32, min(O, (1 << 21) // max(1, L * dt.itemsize) - kh + 1))
    with scratch((band + kh - 1, L), dt, x3) as tmp:
        out3 = empty_apart((1, O, L), dt, tmp)
        _separable_bands(x3, tmp, out3, ur, vr, band, sc, kh, H, O, L, s_last, workers)
    return out3


def _separable_bands(x3, tmp, out3, ur, vr, band, sc, kh, H, O, L, s_last, workers):
    """The band loop of :func:`_separable_banded`, writing ``out3`` through the scratch rows ``tmp``."""
    one = np.array([1], np.intp)
    kha = np.array([kh], np.intp)
    hx = np.array([H], np.intp)
    qa_prev = qb_prev = 0
    for o0 in range(0, O, band):
        o1 = min(O, o0 + band)
        qa = max(0, o0 + sc[0] - (kh - 1))
        qb = min(H, o1 + sc[0])
        if qb <= qa:  # no signal row reaches these outputs
            out3[0, o0:o1] = 0
            continue
        keep = max(0, qb_prev - qa) if qa >= qa_prev else 0
        if keep:
            tmp[:keep] = tmp[qa - qa_prev:qa - qa_prev + keep].copy()
        new0 = qa + keep
        if qb > new0:
            _run(x3, vr, tmp[keep:qb - qa].reshape(1, qb - new0, L), _ZERO_MAP, _ZERO_MAP,
                 hx, one, np.array([qb - new0], np.intp), np.array([new0], np.intp), s_last, workers)
        _run(tmp[:qb - qa].reshape(1, qb - qa, L), ur, out3[:, o0:o1], _ZERO_MAP, _ZERO_MAP,
             np.array([qb - qa], np.intp), kha, np.array([o1 - o0], np.intp),
             np.array([o0 + sc[0] - (kh - 1) - qa], np.intp), 0, workers)
        qa_prev, qb_prev = qa, qb


def _shift_add(x, h, axes, shape, start):
    """Exact-semantics fallback: out += x[o + start - j] * h[j] tap by tap.

    Only overlapping products are formed (as scipy's direct method does), so
    inf/nan propagate exactly as there.  O(kernel taps) numpy operations on
    the kept region; used for non-finite inputs only.
    """
    nd = x.ndim
    out = np.zeros(shape, x.dtype)
    kshape = [h.shape[i] for i in axes]
    with np.errstate(invalid="ignore", over="ignore"):
        _shift_add_into(out, x, h, axes, shape, start, kshape, nd)
    return out


def _shift_add_into(out, x, h, axes, shape, start, kshape, nd):
    for j in np.ndindex(*kshape):
        osl = [slice(None)] * nd
        xsl = [slice(None)] * nd
        hsl = [slice(None)] * nd
        empty = False
        for ax, jj in zip(axes, j):
            lo = max(0, jj - start[ax])
            hi = min(shape[ax], x.shape[ax] + jj - start[ax])
            if hi <= lo:
                empty = True
                break
            osl[ax] = slice(lo, hi)
            xsl[ax] = slice(lo + start[ax] - jj, hi + start[ax] - jj)
            hsl[ax] = slice(jj, jj + 1)
        if empty:
            continue
        out[tuple(osl)] += x[tuple(xsl)] * h[tuple(hsl)]


def _convolve_real(x, h, axes, shape, start, workers, separable):
    """Real/integer engine; x, h native, same dtype, x is the signal."""
    nd = x.ndim
    dt = x.dtype
    conv = tuple(axes)
    batch = tuple(i for i in range(nd) if i not in conv)
    perm = batch + conv
    identity = perm == tuple(range(nd))
    if not identity:
        x = x.transpose(perm)
        h = h.transpose(perm)
    nb = len(batch)
    nc = len(conv)
    xs, hs = x.shape, h.shape
    ob = tuple(int(shape[i]) for i in batch)
    oc = tuple(int(shape[i]) for i in conv)
    sc = tuple(int(start[i]) for i in conv)
    xb, xc = xs[:nb], xs[nb:]
    hb, hc = hs[:nb], hs[nb:]
    Bx, Bh, R = _prod(xb), _prod(hb), _prod(ob)
    out_shape_t = ob + oc

    if nb == 0 or (Bx == R and Bh == R):
        ix = ih = (_ZERO_MAP if R == 1 else np.arange(R, dtype=np.intp))
    else:
        ix = np.broadcast_to(np.arange(Bx, dtype=np.intp).reshape(xb), ob).flatten()
        ih = np.broadcast_to(np.arange(Bh, dtype=np.intp).reshape(hb), ob).flatten()

    # Kernels take C-contiguous writeable arrays only (one compiled variant per
    # dtype; numba types read-only arrays separately): read-only signals are copied.
    if x.flags.c_contiguous and x.flags.writeable:
        x3 = x.reshape(Bx, _prod(xc[:-1]), xc[-1])
    else:
        x3 = np.array(x, order="C").reshape(Bx, _prod(xc[:-1]), xc[-1])
    hrev = h[(slice(None),) * nb + (slice(None, None, -1),) * nc]
    kw = hc[-1]
    L = oc[-1]
    s_last = sc[-1] - (kw - 1)

    fac = None
    if (nc == 2 and Bh == 1 and separable is not False and dt.kind == "f"
            and hc[0] >= 2 and kw >= 2
            and (separable or hc[0] * kw >= 2 * (hc[0] + kw))):
        fac = _rank_one(h.reshape(hc), dt)

    if fac is not None and Bx == 1:
        out3 = _separable_banded(x3, fac, hc[0], kw, sc, oc, s_last, workers)
    elif fac is not None:
        # row pass then column pass, over the signal rows the output needs
        u, v = fac
        kh = hc[0]
        H = xc[0]
        rlo = max(0, sc[0] - (kh - 1))
        rhi = min(H, sc[0] + oc[0])
        nrows = rhi - rlo
        vr = np.array(v[::-1], order="C").reshape(1, 1, kw)
        ur = np.array(u[::-1], order="C").reshape(1, kh, 1)
        with scratch((Bx, nrows, L), dt, x3) as tmp:
            _run(x3, vr, tmp, np.arange(Bx, dtype=np.intp), np.zeros(Bx, np.intp),
                 np.array([H], np.intp), np.array([1], np.intp), np.array([nrows], np.intp),
                 np.array([rlo], np.intp), s_last, workers)
            out3 = empty_apart((R, oc[0], L), dt, tmp)
            _run(tmp, ur, out3, ix, np.zeros(R, np.intp),
                 np.array([nrows], np.intp), np.array([kh], np.intp), np.array([oc[0]], np.intp),
                 np.array([sc[0] - (kh - 1) - rlo], np.intp), 0, workers)
    else:
        h3 = np.array(hrev, order="C").reshape(Bh, _prod(hc[:-1]), kw)
        if nc > 1:
            xlead = np.array(xc[:-1], np.intp)
            hlead = np.array(hc[:-1], np.intp)
            olead = np.array(oc[:-1], np.intp)
            slead = np.array([sc[i] - (hc[i] - 1) for i in range(nc - 1)], np.intp)
        else:
            xlead = hlead = olead = slead = _EMPTY_LEAD
        out3 = empty_apart((R, _prod(oc[:-1]), L), dt, x3)
        _run(x3, h3, out3, ix, ih, xlead, hlead, olead, slead, s_last, workers)

    out = out3.reshape(out_shape_t)
    if not identity:
        inv = np.argsort(perm)
        out = np.ascontiguousarray(out.transpose(inv))
    return out


@njit(cache=True, nogil=True, fastmath=FM)
def _small2d(x, h, out, s0, s1, zero):
    """out[o0, o1] = sum x[o0+s0-j0, o1+s1-j1] * h[j0, j1] over overlapping taps only.

    For tiny 2-D calls: bounds-checked loops, no tiling set-up. Only products
    of overlapping samples are summed, so non-finite values stay where direct
    convolution puts them. ``zero`` is a 0 of the output dtype.
    """
    H = x.shape[0]
    W = x.shape[1]
    kh = h.shape[0]
    kw = h.shape[1]
    for o0 in range(out.shape[0]):
        i0 = o0 + s0
        j0lo = max(0, i0 - H + 1)
        j0hi = min(kh - 1, i0)
        for o1 in range(out.shape[1]):
            i1 = o1 + s1
            j1lo = max(0, i1 - W + 1)
            j1hi = min(kw - 1, i1)
            acc = zero
            for j0 in range(j0lo, j0hi + 1):
                for j1 in range(j1lo, j1hi + 1):
                    acc += x[i0 - j0, i1 - j1] * h[j0, j1]
            out[o0, o1] = acc


def _plain_1d(na, nb, length):
    """Whether a real 1-D call of lengths ``na``, ``nb`` keeping ``length`` outputs runs the plain loop."""
    return na * nb <= _SMALL_1D or min(na, nb) * length <= _SMALL_1D


def small(a, b, start, shape):
    """The kept region ``start .. start+shape-1`` of a small 1-D or 2-D full convolution.

    The lean entry for tiny calls (``convkit.signal`` calls it before any
    validation, and ``convolve`` for its small 1-D calls): ``a`` and ``b``
    are non-empty arrays of one dtype from float32, float64, complex64 or
    complex128 (int64 too in 1-D), both 1-D or both 2-D, with ``a.size *
    b.size`` at most ``_SMALL_1D`` in 2-D. ``start`` and ``shape`` are tuples.
    Returns a fresh array of that dtype.
    """
    # one compiled variant per dtype: C-contiguous and writeable operands
    if not (a.flags.c_contiguous and a.flags.writeable):
        a = np.array(a, order="C")
    if not (b.flags.c_contiguous and b.flags.writeable):
        b = np.array(b, order="C")
    out = np.empty(shape, a.dtype)
    if a.ndim == 2:
        _small2d(a, b, out, start[0], start[1], a.dtype.type(0))
    elif a.shape[0] >= b.shape[0]:
        _small1d(a, b, out, start[0])
    else:
        _small1d(b, a, out, start[0])
    return out


def convolve(a, b, axes, shape, start, *, workers=1, separable=None):
    """Direct convolution of the kept region (engine contract, see ``convkit.engines``).

    Parameters
    ----------
    a, b : ndarray
        Same ndim and dtype (float32, float64, complex64, complex128, int64 or
        uint64); any strides; never written to.
    axes : tuple of int
        Sorted convolution axes; other axes are batch axes (size 1 broadcasts).
    shape, start : tuple of int
        Kept region of the full convolution on every axis.
    workers : int
        Threads for this call (>= 1; capped at numba's thread count).
    separable : bool or None
        ``None`` (default): a 2-D float kernel that is rank one within a
        strict tolerance runs as two 1-D passes when that saves work.
        ``False``: never.  ``True``: whenever the kernel is rank one.

    Returns
    -------
    ndarray
        Fresh C-contiguous array of dtype ``a.dtype`` and shape ``shape``.
    """
    dt = a.dtype
    # fast path first (tiny 1-D calls must cost only a few microseconds)
    if a.ndim == 1 and dt in _SMALL_KINDS and b.dtype == dt:
        na = a.shape[0]
        nbl = b.shape[0]
        L = shape[0]
        if na > 0 and nbl > 0 and (_plain_1d(na, nbl, L)
                                   or (dt.kind == "c" and na * nbl <= _SMALL_1D_COMPLEX)):
            return small(a, b, start, shape)
    if dt not in _SUPPORTED:
        raise TypeError(f"direct engine: unsupported dtype {dt}")
    if b.dtype != dt:
        raise TypeError("direct engine: operands must have the same dtype")
    if dt.kind == "u":
        res = convolve(a.view(np.int64), b.view(np.int64), axes, shape, start,
                       workers=workers, separable=separable)
        return res.view(dt)
    shape = tuple(int(s) for s in shape)
    start = tuple(int(s) for s in start)
    axes = tuple(int(ax) for ax in axes)

    if a.size == 0 or b.size == 0:
        return np.zeros(shape, dt)
    if not axes:
        return np.ascontiguousarray(np.broadcast_to(a * b, shape), dtype=dt)

    pa = _prod(a.shape[i] for i in axes)
    pb = _prod(b.shape[i] for i in axes)
    x, h = (a, b) if pb <= pa else (b, a)

    # Non-finite values: the tiled kernels multiply zero padding by kernel
    # taps (0 * inf = nan where scipy, summing only overlapping terms, gives
    # a finite value) and the complex path's three real products turn an
    # inf into nan in the other component.  Those cases take the exact
    # shift-and-add path (only overlapping products, complex multiply).
    if dt.kind == "f":
        if not all_finite(h):
            return _shift_add(x, h, axes, shape, start)
    elif dt.kind == "c":
        if not (all_finite(h) and all_finite(x)):
            return _shift_add(x, h, axes, shape, start)

    if dt.kind == "c":
        # Three real products (Gauss / "3M"): P1 = xr*hr, P2 = xi*hi,
        # P3 = (xr+xi)*(hr+hi); real = P1 - P2, imag = P3 - P1 - P2.
        # A quarter fewer multiply-adds than four products; the error stays
        # within a few eps * |x| * |h| (real-valued inputs give an exact 0 imag).
        rdt = np.float32 if dt == np.complex64 else np.float64
        # split planes from the scratch pool (see _buffers): fresh mmap'd
        # planes would page-fault on every call
        with scratch((3,) + x.shape, np.dtype(rdt), x) as xr:
            np.copyto(xr[0], x.real)
            np.copyto(xr[1], x.imag)
            np.add(xr[0], xr[1], out=xr[2])
            hr = np.empty((3,) + h.shape, rdt)
            np.copyto(hr[0], h.real)
            np.copyto(hr[1], h.imag)
            np.add(hr[0], hr[1], out=hr[2])
            ax2 = tuple(ax + 1 for ax in axes)
            o = _convolve_real(xr, hr, ax2, (3,) + shape, (0,) + start, workers, False)
        res = empty_apart(shape, dt, x)
        np.subtract(o[0], o[1], out=res.real)
        np.subtract(o[2], o[0], out=res.imag)
        res.imag -= o[1]
        return res
    return _convolve_real(x, h, axes, shape, start, workers, separable)


# --------------------------------------------------------------------------
# cost model and warm-up
# --------------------------------------------------------------------------

def _pairs(n_sig, n_ker, s, n):
    """Number of (output, tap) pairs with both indices in range on one axis."""
    # out index i in [s, s+n): taps j with 0 <= j < n_ker and 0 <= i - j < n_sig
    i = np.arange(s, s + n, dtype=np.int64)
    lo = np.maximum(0, i - n_sig + 1)
    hi = np.minimum(n_ker - 1, i)
    return float(np.maximum(hi - lo + 1, 0).sum())


def cost(a_shape, b_shape, axes, shape, start):
    """Multiply-adds the direct kernels perform for this call.

    Counts element multiply-adds (a complex one counts 1; the engine does 3
    real ones for it, Gauss's trick), assumes the non-separable path, and includes the zero
    taps the engine applies at the edges of the last convolution axis.
    Pure Python, no compilation.
    """
    axes = tuple(axes)
    if not axes:
        return float(_prod(shape))
    pa = _prod(a_shape[i] for i in axes)
    pb = _prod(b_shape[i] for i in axes)
    xs, hs = (a_shape, b_shape) if pb <= pa else (b_shape, a_shape)
    total = 1.0
    for i in range(len(shape)):
        if i not in axes:
            total *= shape[i]
    for i in axes[:-1]:
        total *= _pairs(xs[i], hs[i], start[i], shape[i])
    last = axes[-1]
    if len(shape) == 1 and _plain_1d(a_shape[0], b_shape[0], shape[0]):
        return total * _pairs(xs[last], hs[last], start[last], shape[last])
    total *= float(shape[last]) * hs[last]
    return total + fixed_cost(a_shape, b_shape, axes, shape, start)


def fixed_cost(a_shape, b_shape, axes, shape, start):
    """The part of :func:`cost` that is loop overhead, not arithmetic.

    Tile items and kernel passes cost the same time in every precision, while
    multiply-adds run twice as fast in float32; the dispatcher scales only the
    rest of ``cost`` by precision. Zero for the plain loop of tiny 1-D calls.
    """
    axes = tuple(axes)
    if not axes:
        return 0.0
    if len(shape) == 1 and _plain_1d(a_shape[0], b_shape[0], shape[0]):
        return 0.0
    pa = _prod(a_shape[i] for i in axes)
    pb = _prod(b_shape[i] for i in axes)
    hs = b_shape if pb <= pa else a_shape
    return _ITEM_MACS * _items_and_passes(hs, axes, shape)


# Fixed costs of the tile loop in multiply-add equivalents: every tile item
# (one output row segment) and every pass over it (one kernel call of up to 16
# taps) cost about 64 ns here, ~1300 multiply-adds at the loop's peak rate
# (fitted on 2-D float64 calls 32^2..1024^2 x 3..25, 'full' and 'same'). They
# dominate small images: 64^2 with a 5x5 kernel spends 7x its multiply-adds.
_ITEM_MACS = 1300.0


def _items_and_passes(hs, axes, shape):
    """Tile items plus kernel passes of the tiled loop, for the cost model."""
    L = shape[axes[-1]]
    T = _tile_width(L, 8, len(axes) == 1)
    rows = _prod(shape) // L
    items = rows * (1 if L <= T // 2 else -(-L // T) + 2)
    kw = hs[axes[-1]]
    kh = _prod(hs[i] for i in axes[:-1])
    passes = kh * -(-kw // 16) if kw >= _WIDE else -(-(kh * kw) // _POOL_MAX)
    if _BLOCK and len(axes) == 2 and kh == kw and kw in GR_ROWS:
        # _blocks: edge tiles apart; a block of RB rows is one item and one
        # kernel call (~200 ns of views and set-up: 3 passes); the rows above,
        # below and left over run as before (assumes 'same'-like regions)
        RB = GR_ROWS[kw]
        Ro = shape[axes[0]]
        nb = max(0, Ro - (kw - 1)) // RB
        tiles = -(-L // T) + 2
        lone = rows - nb * RB * (rows // Ro)
        return float(tiles) * (nb * (rows // Ro) * (1 + 3) + lone * (1 + passes))
    return float(items) * (1 + passes)


def warmup(dtypes=("float64",), ndims=(1, 2), workers=(1, 2)):
    """Compile (or load from the on-disk cache) the kernels for these dtypes,
    numbers of convolution axes and thread counts; small inputs, returns None.

    Covers the small 1-D loop, the tile kernels (serial and threaded), and for
    2-D the column kernels.  Takes well under a second per dtype once the
    cache is warm; the first compile of all kernels for one dtype takes tens
    of seconds.
    """
    rng = np.random.default_rng(0)
    sizes = {1: ((20000,), (9,)), 2: ((100, 100), (5, 5)), 3: ((24, 24, 24), (3, 3, 3))}
    for name in dtypes:
        dt = np.dtype(name)
        for nd in ndims:
            sa, sb = sizes[min(nd, 3)] if nd <= 3 else ((8,) * nd, (2,) * nd)
            a = (rng.standard_normal(sa) * 8).astype(dt)
            b = (rng.standard_normal(sb) * 8).astype(dt)
            axes = tuple(range(nd))
            full = tuple(p + q - 1 for p, q in zip(sa, sb))
            for w in workers:
                convolve(a, b, axes, full, (0,) * nd, workers=w)
                if nd == 2:
                    col = (rng.standard_normal((11, 1)) * 8).astype(dt)
                    convolve(a, col, axes, (110, 100), (0, 0), workers=w)
            if nd == 1:
                convolve(a[:20], b, (0,), (28,), (0,))
            if nd == 2 and dt.kind in "fc":
                small(np.ascontiguousarray(a[:8, :8]), np.ascontiguousarray(b[:3, :3]), (0, 0), (10, 10))
