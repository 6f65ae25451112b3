"""The plain loop: the tiled drivers' results, bit for bit, from one quick-to-compile loop.

How the tiled drivers (``_drivers``, ``_kernels``) round
--------------------------------------------------------
Each output is a series of *passes*, each one kernel call summing some taps
as one written expression ``w0 * x0 + w1 * x1 + ... + wn * xn`` (taps in a
fixed order), then storing it (the output's first pass) or adding it to the
output (``o += ...``). The kernels are compiled with FMA contraction only (no
reassociation, ``_config.DIRECT_FASTMATH``), and LLVM contracts each
``a + w * x`` where exactly one side is a product into ``fma(w, x, a)``, and
``w0 * x0 + w1 * x1`` into ``fma(w0, x0, w1 * x1)`` (the left product fused,
the right one rounded). So a pass of taps ``0 .. n`` is

* one tap: ``w0 * x0`` rounded; added to the output: ``fma(w0, x0, o)``;
* more: ``p = fma(w0, x0, w1 * x1)``, then ``p = fma(wk, xk, p)`` for k >= 2;
  stored, or added: ``o + p``, rounded once more.

Which taps make a pass: the kernel rows that reach the signal (the others are
skipped), ascending, and in each row its taps ascending, the signal read as
+0 outside its columns; an output no tap reaches is +0. Then

* rows of at least ``WIDE`` taps: per row, balanced passes of at most ``mt``
  consecutive taps (``_tiling.row_taps``);
* narrower rows: all taps pooled, balanced passes of at most ``MAX_TAPS``;
* row-blocked output rows (``_tiling.block_plan``): one pass per tap-column
  group of the row-block kernel, taps in (row, tap) order inside it;
* the column driver: pooled passes over each output's rows outside the rows
  its block of four shares, then one pass added per eight shared rows.

:func:`schedule` writes those passes down once per output row pattern (numpy);
:func:`plain` computes them with explicit fused multiply-adds (``_fma``): a
short scalar loop, no tiles, no unrolled kernels, no threads. It compiles in
a fraction of the drivers' and kernels' time, so a call can run on it while
those compile elsewhere (``convkit._execute_compile``), and give the same bits.
``tests/test_direct_plain.py`` compares the two bit for bit.
"""

from __future__ import annotations

import numpy as np

from .._jit import njit
from ._fma import fma
from ._tiling import MAX_TAPS, WIDE

__all__ = ["plain", "schedule"]


def _balanced(n: int, most: int) -> list:
    """Starts of the balanced passes (at most ``most`` taps each) over ``n`` taps (the drivers' split)."""
    npass = -(-n // most)
    starts, base = [], 0
    for ps in range(npass):
        starts.append(base)
        base += (n - base) // (npass - ps)
    return starts


def schedule(xlead, hlead, olead, slead, kw, mt, groups, ga, gz, col):
    """The passes of every output row, as :func:`plain` takes them.

    ``groups``: tap-column groups ``[(t0, t1), ..]`` of the row-block kernel of output
    rows ``ga .. gz - 1``; ``col``: the column driver's call; ``mt``: most taps per row pass.
    Returns (qbase, pattern, poff, pa, pb, padd, tp, tt, tq): per output row the signal row
    its kernel row 0 reads and its pattern; per pattern its passes ``poff[i] .. poff[i + 1] - 1``;
    per pass its taps ``pa .. pb - 1`` and whether it is added even when first (column
    groups); per tap its kernel row, column and signal-row offset.
    """
    nlead = len(xlead)
    xstride = [int(np.prod(xlead[d + 1:], dtype=np.int64)) for d in range(nlead)]
    Rh = int(np.prod(hlead, dtype=np.int64)) if nlead else 1
    Ro = int(np.prod(olead, dtype=np.int64)) if nlead else 1
    digits = np.array(np.unravel_index(np.arange(Rh), tuple(int(v) for v in hlead)) if nlead else
                      np.zeros((0, 1), np.int64)).reshape(nlead, Rh)
    qdelta = (digits * np.array(xstride, np.int64)[:, None]).sum(axis=0) if nlead else np.zeros(1, np.int64)
    qbase = np.zeros(Ro, np.intp)
    pattern = np.zeros(Ro, np.intp)
    memo: dict = {}
    pats: list = []
    for orow in range(Ro):
        omi = np.unravel_index(orow, tuple(int(v) for v in olead)) if nlead else ()
        base = [int(omi[d]) + int(slead[d]) for d in range(nlead)]
        ranges = tuple((max(0, -b), min(int(hlead[d]), int(xlead[d]) - b)) for d, b in enumerate(base))
        grouped = ga <= orow < gz
        sa = sz = 0
        if col:
            o0 = orow - orow % 4
            if Ro - o0 >= 4:
                ma = max(0, o0 + 3 + int(slead[0]))
                mb = min(int(xlead[0]), o0 + int(slead[0]) + Rh)
                if mb > ma:
                    sa = ma - (orow + int(slead[0]))
                    sz = sa + 8 * ((mb - ma) // 8)
        key = (ranges, grouped, sa, sz)
        if key not in memo:
            memo[key] = len(pats)
            pats.append(_passes(digits, ranges, Rh, kw, mt, groups if grouped else None, sa, sz))
        qbase[orow] = sum(b * s for b, s in zip(base, xstride))
        pattern[orow] = memo[key]
    poff, pa, pb, padd, tp, tt = [0], [], [], [], [], []
    for passes in pats:
        for taps, add in passes:
            pa.append(len(tp))
            tp += [p for p, _ in taps]
            tt += [t for _, t in taps]
            pb.append(len(tp))
            padd.append(add)
        poff.append(len(pa))
    tp = np.array(tp, np.intp)
    ip = lambda v: np.array(v, np.intp)  # noqa: E731
    return qbase, pattern, ip(poff), ip(pa), ip(pb), np.array(padd, np.bool_), tp, ip(tt), qdelta[tp].astype(np.intp)


def _passes(digits, ranges, Rh, kw, mt, groups, sa, sz) -> list:
    """[(taps [(kernel row, tap)], added even when first)] of an output row pattern."""
    valid = [p for p in range(Rh) if all(lo <= digits[d, p] < hi for d, (lo, hi) in enumerate(ranges))]
    if groups:   # row-blocked: one pass per tap-column group, (row, tap) order
        return [([(p, t) for p in valid for t in range(t0, t1)], False) for t0, t1 in groups]
    own = [p for p in valid if not sa <= p < sz]
    if kw >= WIDE:   # per row, balanced passes of consecutive taps
        out = []
        for p in own:
            s = _balanced(kw, mt) + [kw]
            out += [([(p, t) for t in range(a, b)], False) for a, b in zip(s, s[1:])]
        return out
    taps = [(p, t) for p in own for t in range(kw)]
    s = _balanced(len(taps), MAX_TAPS) + [len(taps)] if taps else []
    out = [(taps[a:b], False) for a, b in zip(s, s[1:])]
    return out + [([(p, 0) for p in range(g, g + 8)], True) for g in range(sa, sz, 8)]


@njit(cache=True, nogil=True)
def plain(x, h, out, ix, ih, s_last, qbase, pattern, poff, pa, pb, padd, tp, tt, tq, zero):
    """The tiled drivers' output ``out`` (R, Ro, L) of signal ``x`` (Bx, Rx, W) and reversed kernel
    ``h`` (Bh, Rh, kw) (``ix``/``ih``, ``s_last`` as in ``_drivers.tiles``), by the passes of
    :func:`schedule`. ``zero``: 0 of the compute dtype."""
    W = x.shape[2]
    for r in range(out.shape[0]):
        xb = x[ix[r]]
        hb = h[ih[r]]
        for orow in range(out.shape[1]):
            o = out[r, orow]
            q0 = qbase[orow]
            i0 = poff[pattern[orow]]
            i1 = poff[pattern[orow] + 1]
            for c in range(out.shape[2]):
                acc = zero
                for i in range(i0, i1):
                    a = pa[i]
                    b = pb[i]
                    # the pass: fma(w0, x0, w1 * x1), then fma(wk, xk, part); one tap: w0 * x0
                    k = a + 1 if b - a > 1 else a
                    src = c + s_last + tt[k]
                    part = hb[tp[k], tt[k]] * (xb[q0 + tq[k], src] if src >= 0 and src < W else zero)
                    if b - a > 1:
                        src = c + s_last + tt[a]
                        part = fma(hb[tp[a], tt[a]], xb[q0 + tq[a], src] if src >= 0 and src < W else zero, part)
                        for k in range(a + 2, b):
                            src = c + s_last + tt[k]
                            part = fma(hb[tp[k], tt[k]], xb[q0 + tq[k], src] if src >= 0 and src < W else zero,
                                       part)
                    if padd[i]:
                        acc = acc + part
                    elif i == i0:
                        acc = part
                    elif b - a == 1:   # one tap added: fma(w0, x0, o)
                        src = c + s_last + tt[a]
                        acc = fma(hb[tp[a], tt[a]], xb[q0 + tq[a], src] if src >= 0 and src < W else zero, acc)
                    else:
                        acc = acc + part
                o[c] = acc
