"""The plain loop: the tiled drivers' results, bit for bit, from one quick-to-compile loop.

How the tiled drivers (``_drivers``, ``_kernels``) round
--------------------------------------------------------
Each output is a series of *passes*, each one kernel call summing some taps
as one written expression ``w0 * x0 + w1 * x1 + ... + wn * xn`` (taps in a
fixed order), then storing it (the output's first pass) or adding it to the
output (``o += ...``). The kernels are compiled with FMA contraction only (no
reassociation, ``_tuning.DIRECT_FASTMATH``), and LLVM contracts each
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
  its block of four shares, then one added pass per eight shared rows.

This loop computes those same passes with explicit fused multiply-adds
(``_fma``), in plain scalar loops: no tiles, no unrolled kernels, no threads.
It compiles in a fraction of the drivers' and kernels' time, so a call can run
on it while those compile elsewhere (``convkit._execute_compile``) and give
the same bits. ``tests/test_direct_plain.py`` compares the two bit for bit.
"""

from __future__ import annotations

from .._jit import njit
from ._fma import fma
from ._tiling import MAX_TAPS, WIDE

__all__ = ["plain"]


@njit(cache=True, nogil=True, inline="always")
def _pass(ws, vs, a, b):
    """Taps ``a .. b - 1`` (more than one) of ``ws``/``vs`` as one kernel pass sums them."""
    p = fma(ws[a], vs[a], ws[a + 1] * vs[a + 1])
    for k in range(a + 2, b):
        p = fma(ws[k], vs[k], p)
    return p


@njit(cache=True, nogil=True, inline="always")
def _passes(ws, vs, starts, npass, acc, first):
    """Passes ``starts[i] .. starts[i + 1] - 1`` (i < npass) stored (the first, when ``first``)
    or added to ``acc``."""
    for i in range(npass):
        a = starts[i]
        b = starts[i + 1]
        if first and i == 0:
            acc = ws[a] * vs[a] if b - a == 1 else _pass(ws, vs, a, b)
        elif b - a == 1:
            acc = fma(ws[a], vs[a], acc)
        else:
            acc = acc + _pass(ws, vs, a, b)
    return acc


@njit(cache=True, nogil=True)
def plain(x, h, out, ix, ih, xlead, hlead, olead, slead, s_last, gb, ga, gz, col, mt, ws, vs, starts, omi, zero):
    """The tiled drivers' output (same arguments as ``_drivers.tiles`` up to ``s_last``).

    ``gb``: tap-column group bounds of the row-block kernel of output rows
    ``ga .. gz - 1`` (the row-blocked rows, if any). ``col``: the column
    driver's call. ``mt``: most taps per row pass. Work arrays: ``ws``/``vs``
    (kernel rows * kw, the compute dtype), ``starts`` (as many + 1, intp),
    ``omi`` (leading axes). ``zero``: 0 of the compute dtype.
    """
    Rh = h.shape[1]
    kw = h.shape[2]
    W = x.shape[2]
    Ro = out.shape[1]
    nlead = xlead.shape[0]
    for r in range(out.shape[0]):
        xb = x[ix[r]]
        hb = h[ih[r]]
        for orow in range(Ro):
            rr = orow
            for d in range(nlead - 1, -1, -1):
                omi[d] = rr % olead[d]
                rr //= olead[d]
            grouped = orow >= ga and orow < gz
            # the column driver's shared kernel rows sa .. sz - 1 (eight at a time), added last
            sa = 0
            sz = 0
            if col:
                o0 = orow - orow % 4
                if Ro - o0 >= 4:
                    ma = max(0, o0 + 3 + slead[0])
                    mb = min(xlead[0], o0 + slead[0] + Rh)
                    if mb > ma:
                        sa = ma - (orow + slead[0])
                        sz = sa + 8 * ((mb - ma) // 8)
            o = out[r, orow]
            for c in range(out.shape[2]):
                # the taps in order, and where each pass starts
                n = 0
                npass = 0
                for g in range(gb.shape[0] - 1 if grouped else 1):
                    t0 = gb[g] if grouped else 0
                    t1 = gb[g + 1] if grouped else kw
                    if grouped:   # one pass per tap-column group
                        starts[npass] = n
                        npass += 1
                    for prow in range(Rh):
                        if prow >= sa and prow < sz:
                            continue
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
                        if not grouped and kw >= WIDE:   # this row's balanced passes of <= mt taps
                            rp = (kw + mt - 1) // mt
                            t = 0
                            for ps in range(rp):
                                starts[npass] = n + t
                                npass += 1
                                t += (kw - t) // (rp - ps)
                        for t in range(t0, t1):
                            src = c + s_last + t
                            ws[n] = hb[prow, t]
                            vs[n] = xb[q, src] if src >= 0 and src < W else zero
                            n += 1
                if not grouped and kw < WIDE and n > 0:   # pooled: balanced passes of <= MAX_TAPS
                    pp = (n + MAX_TAPS - 1) // MAX_TAPS
                    base = 0
                    for ps in range(pp):
                        starts[npass] = base
                        npass += 1
                        base += (n - base) // (pp - ps)
                starts[npass] = n
                acc = _passes(ws, vs, starts, npass, zero, True) if npass > 0 else zero
                for p0 in range(sa, sz, 8):
                    v = orow + slead[0] + p0
                    part = fma(hb[p0, 0], xb[v, c + s_last], hb[p0 + 1, 0] * xb[v + 1, c + s_last])
                    for k in range(2, 8):
                        part = fma(hb[p0 + k, 0], xb[v + k, c + s_last], part)
                    acc = acc + part
                o[c] = acc

