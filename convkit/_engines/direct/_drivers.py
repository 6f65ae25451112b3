"""The direct engine's compiled loops: tile drivers, row-blocked and column drivers, tiny-call loops.

Operands arrive as ``x`` (Bx, Rx, W) signal, ``h`` (Bh, Rh, kw) reversed
kernel and ``out`` (R, Ro, L), all C-contiguous; ``ix``/``ih`` map an output
batch row to its signal/kernel batch row. ``xlead``/``hlead``/``olead`` are
the shapes of the leading convolution axes (flattened into the rows
dimension, C order); ``slead`` per leading axis and ``s_last`` on the last
axis give the signal index read by output 0 and kernel tap 0. ``tb`` holds
the tile boundaries along the last axis (tiles are wholly interior or wholly
at an edge). ``tab`` is the kernel address table of ``_compiled``.

Every driver computes work items ``it0 .. it1 - 1`` on the calling thread
and holds no GIL; ``_engine`` splits the items over threads. Each output is
computed by one item in a fixed order, so results do not depend on the split.
"""

from __future__ import annotations

from ... import _config
from .._jit import njit
from ._compiled import (
    BLOCK,
    COLUMN,
    POOLED,
    ROW,
    call6,
    call10,
    prefetch_r,
    prefetch_w,
    ptr,
)
from ._tiling import MAX_TAPS, WIDE

FM = set(_config.DIRECT_FASTMATH)


@njit(cache=True, nogil=True, fastmath=FM, inline="always")
def _tile_item(x, h, out, ix, ih, xlead, hlead, olead, slead, s_last, tb, tab, mt, r, orow, tile,
               scratch, rows, cols, ws, omi):
    """Output row ``orow``, tile ``tile`` of batch row ``r``; scratch, rows, cols, ws and omi are work arrays;
    ``mt`` taps at most per row pass (pooled passes: MAX_TAPS)."""
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
    S = xb if interior else scratch
    Sw = S.shape[1]
    npool = 0
    nslot = 0
    first = 1
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
        hoff = (bh * Rh + prow) * kw
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
        if kw >= WIDE:
            # single-row passes of consecutive taps, balanced, <= mt each
            npass = (kw + mt - 1) // mt
            t = 0
            for ps in range(npass):
                cnt = (kw - t) // (npass - ps)
                call6(tab[ROW, cnt], cnt, ptr(o, 0), ptr(S, srow * Sw + scol + t), ptr(h, hoff + t), n, first)
                first = 0
                t += cnt
        else:
            # narrow rows: pool the taps of several rows into one pass
            for t in range(kw):
                rows[npool] = srow
                cols[npool] = scol + t
                ws[npool] = h[bh, prow, t]
                npool += 1
    if npool > 0:
        npass = (npool + MAX_TAPS - 1) // MAX_TAPS
        base = 0
        for ps in range(npass):
            cnt = (npool - base) // (npass - ps)
            call10(tab[POOLED, cnt], cnt, ptr(o, 0), ptr(S, 0), Sw, ptr(rows, 0), ptr(cols, 0), ptr(ws, 0),
                   base, n, first)
            first = 0
            base += cnt
    if first:
        for i in range(n):
            o[i] = 0


@njit(cache=True, nogil=True, fastmath=FM)
def tiles(x, h, out, ix, ih, xlead, hlead, olead, slead, s_last, tb, tab, mt, it0, it1,
          scratch, rows, cols, ws, omi):
    """Work items ``it0 .. it1 - 1`` of the tiled loop (one item = one output row of one tile).

    Items run output rows fastest, so consecutive items of a column stripe
    reuse the signal rows already in L1. On 2-D calls, while an item computes,
    the next one's output segment and its new signal row are prefetched: the
    hardware prefetchers restart at every 4 KiB page. 1-D calls (no leading
    axis) prefetch nothing: their tiles are long runs the hardware prefetchers
    follow, and issuing a whole next tile's lines at once stalled the loop
    (without it, shares of the 1-thread dgemm peak, 1-D 1e6 'same' float64 K=16/64/256:
    AVX-512 50/75/87% -> 68/83/91%, compiled for AVX2 42/67/74% -> 48/73/75%; 256 rows of
    4096, K=16/64: AVX-512 41/69% -> 58/78%, AVX2 34/61% -> 47/68%; epyc-zen4-2c, thread CPU
    time, medians of 9, loaded machine: python tools/ab_direct_prefetch.py 9).

    Work arrays (any contents; ``_engine.work_arrays`` allocates them, so no driver compiles
    numpy's allocation code): ``scratch`` (kernel rows, widest tile + kw - 1), ``rows``,
    ``cols``, ``ws`` (kernel rows * kw) and ``omi`` (leading axes).
    """
    kw = h.shape[2]
    W = x.shape[2]
    Ro = out.shape[1]
    nlead = xlead.shape[0]
    ntiles = tb.shape[0] - 1
    per_r = Ro * ntiles
    pstep = max(1, 64 // x.itemsize)
    for item in range(it0, it1):
        r = item // per_r
        rem = item - r * per_r
        tile = rem // Ro
        orow = rem - tile * Ro
        if item + 1 < it1 and nlead > 0:
            r2 = (item + 1) // per_r
            rem2 = item + 1 - r2 * per_r
            tile2 = rem2 // Ro
            orow2 = rem2 - tile2 * Ro
            ca = tb[tile2]
            cb = tb[tile2 + 1]
            po = out[r2, orow2]
            for c in range(ca, cb, pstep):
                prefetch_w(po, c)
            if nlead == 1:
                q2 = orow2 + slead[0] + hlead[0] - 1
                if q2 >= 0 and q2 < x.shape[1]:
                    px = x[ix[r2], q2]
                    ca = max(0, ca + s_last)
                    cb = min(W, cb + s_last + kw - 1)
                    for c in range(ca, cb, pstep):
                        prefetch_r(px, c)
        _tile_item(x, h, out, ix, ih, xlead, hlead, olead, slead, s_last, tb, tab, mt, r, orow, tile,
                   scratch, rows, cols, ws, omi)


@njit(cache=True, nogil=True, fastmath=FM)
def blocks(x, h, out, ix, ih, xlead, hlead, olead, slead, s_last, tb, tab, mt, RB, oa, nblk, umaj, it0, it1,
           scratch, sblk, rows, cols, ws, omi):
    """2-D square kernels with a row-block kernel: work items ``it0 .. it1 - 1``.

    Same arguments as :func:`tiles` (one leading axis), plus the row blocking:
    output rows ``oa + RB * j .. oa + RB * j + RB - 1`` (``j < nblk``) read only
    signal rows inside the image and run as one row-block kernel call per tile
    (each signal load feeds up to RB outputs; edge tiles through a zero-padded
    scratch copy of the k + RB - 1 rows). The other rows run one by one as in
    :func:`tiles`. Items are (batch row, tile, unit), units fastest; with
    ``umaj`` (rows of at most one interior tile) (batch row, unit, tile)
    instead, tiles fastest, so an edge tile reads signal rows its neighbour
    brought into cache. Work arrays as in :func:`tiles`, plus ``sblk`` (k + RB - 1
    rows as wide as ``scratch``).
    """
    Rh = h.shape[1]
    kw = h.shape[2]
    W = x.shape[2]
    Ro = out.shape[1]
    L = out.shape[2]
    ntiles = tb.shape[0] - 1
    s0 = slead[0]
    sw = sblk.shape[1]
    U = Ro - nblk * (RB - 1)
    per_r = U * ntiles
    block = tab[BLOCK, kw]
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
            _tile_item(x, h, out, ix, ih, xlead, hlead, olead, slead, s_last, tb, tab, mt, r, orow, tile,
                       scratch, rows, cols, ws, omi)
            continue
        o0 = oa + (u - oa) * RB
        q0 = o0 + s0
        c0 = tb[tile]
        n = tb[tile + 1] - c0
        lo = c0 + s_last
        bx = ix[r]
        optr = ptr(out, (r * Ro + o0) * L + c0)
        wptr = ptr(h, ih[r] * Rh * kw)
        if lo >= 0 and lo + n + kw - 1 <= W:
            call6(block, optr, L, ptr(x, (bx * x.shape[1] + q0) * W + lo), W, wptr, n)
        else:
            # columns ca .. cb - 1 of the copy are inside the signal
            xb = x[bx]
            ca = -lo if lo < 0 else 0
            cb = min(W - lo, n + kw - 1)
            cb = max(cb, ca)
            for j in range(kw + RB - 1):
                sr = sblk[j]
                xr = xb[q0 + j]
                for c in range(ca):
                    sr[c] = 0
                for c in range(ca, cb):
                    sr[c] = xr[lo + c]
                for c in range(cb, n + kw - 1):
                    sr[c] = 0
            call6(block, optr, L, ptr(sblk, 0), sw, wptr, n)


@njit(cache=True, nogil=True, fastmath=FM)
def columns(x, h, out, ix, ih, s0, s_last, T, tab, it0, it1, rows, cols, ws, cw):
    """Column kernels (kw == 1), blocks of 4 output rows: work items ``it0 .. it1 - 1``.

    x: (Bx, H, W), h: (Bh, kh, 1) reversed, out: (R, Ho, L); output row o,
    column c reads x[o + s0 + p, c + s_last] (all columns inside x). The
    signal rows inside all four windows of a block go 8 at a time through the
    column kernel (each load feeds four outputs); each output's other rows
    through pooled passes of its own. Items are (batch row, column tile, row
    block), row blocks fastest. Work arrays: ``rows``, ``cols``, ``ws`` (kh) and ``cw`` (4 x 8).
    """
    kh = h.shape[1]
    H = x.shape[1]
    W = x.shape[2]
    Ho = out.shape[1]
    L = out.shape[2]
    nblk = (Ho + 3) // 4
    ntl = (L + T - 1) // T
    per_r = nblk * ntl
    column = tab[COLUMN, 0]
    for item in range(it0, it1):
        r = item // per_r
        rem = item - r * per_r
        tile = rem // nblk
        blk = rem - tile * nblk
        bx = ix[r]
        hb = h[ih[r]]
        c0 = tile * T
        n = min(T, L - c0)
        cs = c0 + s_last
        xbase = bx * H * W
        o0 = 4 * blk
        nout = min(4, Ho - o0)
        # rows shared by all four windows
        ma = 0
        ng = 0
        if nout == 4:
            ma = max(0, o0 + 3 + s0)
            mb = min(H, o0 + s0 + kh)
            ng = (mb - ma) // 8 if mb > ma else 0
        g_end = ma + 8 * ng
        for m in range(nout):
            o = out[r, o0 + m, c0:c0 + n]
            qa = max(0, o0 + m + s0)
            qb = min(H, o0 + m + s0 + kh)
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
                npass = (cnt + MAX_TAPS - 1) // MAX_TAPS
                base = 0
                for ps in range(npass):
                    c = (cnt - base) // (npass - ps)
                    call10(tab[POOLED, c], c, ptr(o, 0), ptr(x, xbase), W, ptr(rows, 0), ptr(cols, 0),
                           ptr(ws, 0), base, n, 1 if ps == 0 else 0)
                    base += c
        if ng > 0:
            for gi in range(ng):
                q0 = ma + 8 * gi
                for m in range(4):
                    for g in range(8):
                        cw[m, g] = hb[q0 + g - (o0 + m + s0), 0]
                call6(column, ptr(out, (r * Ho + o0) * L + c0), L, ptr(x, xbase + q0 * W + cs), W,
                      ptr(cw, 0), n)


@njit(cache=True, nogil=True, fastmath=FM)
def small_1d(x, h, out, s):
    """out[o] = sum_j x[o + s - j] * h[j] for small 1-D calls (x the longer), no tiling set-up.

    Edge outputs: bounds-checked loops. Interior outputs: one vectorised axpy
    per tap, taps in increasing j (the same order, hence the same rounding,
    as the edge loop).
    """
    nx = x.shape[0]
    nh = h.shape[0]
    L = out.shape[0]
    olo = min(max(nh - 1 - s, 0), L)
    ohi = max(min(nx - s, L), olo)
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
        jlo = max(i - nx + 1, 0)
        jhi = min(i, nh - 1)
        acc = x[i - jlo] * h[jlo]
        for j in range(jlo + 1, jhi + 1):
            acc += x[i - j] * h[j]
        out[o] = acc


@njit(cache=True, nogil=True, fastmath=FM)
def small_2d(x, h, out, s0, s1, zero):
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
