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

import functools

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

    Built with numpy over whole rows and tap lists: the plain loop runs while the tiled
    kernels compile, on calls of every new shape, and a tap-by-tap Python build took
    107 ms of a 477 ms (300, 300) x (31, 31) 'same' call (thread CPU, epyc-zen4-2c).
    """
    nlead = len(xlead)
    xl = np.array(xlead, np.int64).reshape(nlead)
    hl = np.array(hlead, np.int64).reshape(nlead)
    ol = np.array(olead, np.int64).reshape(nlead)
    sl = np.array(slead, np.int64).reshape(nlead)
    xstride = np.array([int(np.prod(xl[d + 1:])) for d in range(nlead)], np.int64)
    Rh = int(np.prod(hl)) if nlead else 1
    Ro = int(np.prod(ol)) if nlead else 1
    digits = (np.array(np.unravel_index(np.arange(Rh), tuple(int(v) for v in hl))) if nlead else
              np.zeros((0, 1), np.int64)).reshape(nlead, Rh)
    qdelta = (digits * xstride[:, None]).sum(axis=0) if nlead else np.zeros(1, np.int64)
    # per output row: its index digits, the signal row its kernel row 0 reads, the kernel rows it overlaps
    omi = (np.array(np.unravel_index(np.arange(Ro), tuple(int(v) for v in ol))) if nlead else
           np.zeros((0, 1), np.int64)).reshape(nlead, Ro)
    base = omi + sl[:, None]
    lo, hi = np.maximum(0, -base), np.minimum(hl[:, None], xl[:, None] - base)
    qbase = (base * xstride[:, None]).sum(axis=0).astype(np.intp) if nlead else np.zeros(1, np.intp)
    sa, sz = np.zeros(Ro, np.int64), np.zeros(Ro, np.int64)
    if col:  # the column driver's shared groups of 8 kernel rows, for whole quads of output rows
        orow = np.arange(Ro)
        o0 = orow - orow % 4
        ma = np.maximum(0, o0 + 3 + int(sl[0]))
        mb = np.minimum(int(xl[0]), o0 + int(sl[0]) + Rh)
        shared = (Ro - o0 >= 4) & (mb > ma)
        sa = np.where(shared, ma - (orow + int(sl[0])), 0)
        sz = np.where(shared, sa + 8 * ((mb - ma) // 8), 0)
    grouped = (np.arange(Ro) >= ga) & (np.arange(Ro) < gz)
    keys = np.concatenate([lo, hi, grouped[None], sa[None], sz[None]]).T.tolist()
    memo: dict = {}  # pattern key -> its number, in order of the first row that has it
    pattern = np.array([memo.setdefault(tuple(key), len(memo)) for key in keys], np.intp)
    parts = [_passes(digits, np.array(key[:nlead], np.int64), np.array(key[nlead:2 * nlead], np.int64), Rh, kw,
                     mt, groups if key[2 * nlead] else None, key[2 * nlead + 1], key[2 * nlead + 2]) for key in memo]
    tp = np.concatenate([q[0] for q in parts]).astype(np.intp)
    tt = np.concatenate([q[1] for q in parts]).astype(np.intp)
    lens = np.concatenate([q[2] for q in parts]).astype(np.intp)
    padd = np.concatenate([q[3] for q in parts]).astype(np.bool_)
    pb = np.cumsum(lens).astype(np.intp)
    poff = np.concatenate([[0], np.cumsum([len(q[2]) for q in parts])]).astype(np.intp)
    return (qbase, pattern, poff, (pb - lens).astype(np.intp), pb, padd, tp, tt,
            qdelta[tp].astype(np.intp))


def _passes(digits, lo, hi, Rh, kw, mt, groups, sa, sz) -> tuple:
    """The passes of an output row pattern whose kernel rows overlap the signal where each index digit
    ``d`` lies in ``lo[d] .. hi[d] - 1``: (kernel row, tap) per tap in order, taps per pass, and
    whether each pass is added even when first."""
    valid = np.flatnonzero(np.all((digits >= lo[:, None]) & (digits < hi[:, None]), axis=0))
    if groups:   # row-blocked: one pass per tap-column group, (row, tap) order
        tp = np.concatenate([np.repeat(valid, t1 - t0) for t0, t1 in groups])
        tt = np.concatenate([_cycles(t0, t1, valid.size) for t0, t1 in groups])
        lens = np.array([valid.size * (t1 - t0) for t0, t1 in groups], np.intp)
        return tp, tt, lens, np.zeros(lens.size, np.bool_)
    own = valid[(valid < sa) | (valid >= sz)]
    tp, tt = np.repeat(own, kw), _cycles(0, kw, own.size)
    if kw >= WIDE:   # per row, balanced passes of consecutive taps
        lens = np.array(_pass_lengths(kw, mt) * own.size, np.intp)
        return tp, tt, lens, np.zeros(lens.size, np.bool_)
    lens = np.array(_pass_lengths(tp.size, MAX_TAPS) if tp.size else (), np.intp)
    add = np.zeros(lens.size, np.bool_)
    if sz > sa:  # the column driver's shared groups: 8 kernel rows, tap 0, each pass added
        groups8 = np.arange(sa, sz, 8)
        tp = np.concatenate([tp, np.arange(sa, sa + 8 * groups8.size)])
        tt = np.concatenate([tt, np.zeros(8 * groups8.size, np.intp)])
        lens = np.concatenate([lens, np.full(groups8.size, 8, np.intp)])
        add = np.concatenate([add, np.ones(groups8.size, np.bool_)])
    return tp, tt, lens, add


def _cycles(t0: int, t1: int, n: int) -> np.ndarray:
    """``t0 .. t1 - 1``, ``n`` times over."""
    return np.arange(n * (t1 - t0), dtype=np.intp) % max(t1 - t0, 1) + t0


@functools.lru_cache(maxsize=256)
def _pass_lengths(n: int, most: int) -> tuple:
    """Taps per pass of :func:`_balanced`'s passes over ``n`` taps."""
    s = _balanced(n, most) + [n]
    return tuple(b - a for a, b in zip(s, s[1:]))


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
