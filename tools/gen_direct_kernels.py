"""Write ``convkit/_engines/direct/_kernels.py``, the direct engine's unrolled inner loops.

Usage (from the repository root, after changing this file or
``convkit._tuning.DIRECT_ROW_BLOCKS`` / ``DIRECT_ROW_KERNELS`` / ``DIRECT_ROW_LONG``)::

    python tools/gen_direct_kernels.py          # rewrite the file
    python tools/gen_direct_kernels.py --check  # exit 1 when the committed file is stale

The kernels are written out as source, not built with ``exec``, so that Numba's
``cache=True`` can find them. They are plain Python functions over raw
pointers (no Numba import): ``convkit._engines.direct._compiled`` compiles each
one on first use, as a cached ``numba.cfunc`` of the compute dtype, and the
tile drivers call it through its address. A call therefore compiles only the
tap counts its kernel shape needs.
"""
from __future__ import annotations

import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.path.join(ROOT, "convkit", "_engines", "direct", "_kernels.py")
MAX_TAPS = 16  # taps per pass: one register per coefficient and per pointer (x86-64 has 16 GPRs)
COLUMN_ROWS, COLUMN_TAPS = 4, 8

HEADER = '''"""Generated inner loops of the direct engine: do not edit by hand.

Regenerate with ``python tools/gen_direct_kernels.py`` (a test fails while this
file differs from the generator's output). Every kernel takes raw pointers
(``o``, ``xs``, ``S``, ``x``, ``w`` ...) of one compute dtype and element
counts, and runs a loop over ``i`` (the output column) with the taps unrolled
inside it, so LLVM turns it into packed FMAs with the coefficients broadcast
once into registers and the running sum kept in a register.

``row_taps_N(cnt, o, xs, ws, n, first)``
    ``N`` consecutive taps of one kernel row:
    ``o[i] (+)= sum_k ws[k] * xs[i + k]``, ``=`` when ``first`` is non-zero.
``row_taps_N_v{L}r{R}(cnt, o, xs, ws, n, first)``
    the same sums, ``R`` output vectors of ``L`` lanes per iteration: each signal
    vector is loaded once and feeds every output vector whose taps reach it.
``pooled_taps_N(cnt, o, S, stride, rows, cols, ws, base, n, first)``
    ``N`` taps from any rows of a C-contiguous plane ``S`` (row length ``stride``):
    ``o[i] (+)= sum_k ws[base + k] * S[rows[base + k] * stride + cols[base + k] + i]``.
``column_taps_{R}x{G}(o, ostride, x, xstride, cw, n)``
    ``G`` signal rows into ``R`` output rows (a column kernel):
    ``o[m * ostride + i] += sum_g cw[m * G + g] * x[g * xstride + i]``.
``row_block_{R}x{k}(o, ostride, x, xstride, w, n)``
    ``R`` output rows of a ``k x k`` kernel from the ``k + R - 1`` signal rows
    they read: ``o[m * ostride + i] = sum_(p, t) w[p * k + t] * x[(m + p) * xstride + i + t]``;
    each signal value is loaded once per tap-column group and fed to every
    output row whose window holds it (blocking from ``convkit._tuning.DIRECT_ROW_BLOCKS``);
    ``row_block_{R}x{k}_g{a}_{b}..`` runs the taps in column groups of ``a``, ``b`` .. taps.

``cnt`` is the tap count (the generic kernels need it; the unrolled ones ignore it).
"""
'''


def _sum(terms):
    return " + ".join(terms)


def _store(lines, indent, target, terms, first_flag):
    """``target = terms`` when first, else ``target += terms`` (two loops: no branch inside)."""
    if first_flag:
        lines += [f"{indent}if first:",
                  f"{indent}    for i in range(n):",
                  f"{indent}        {target} = {_sum(terms)}",
                  f"{indent}else:",
                  f"{indent}    for i in range(n):",
                  f"{indent}        {target} += {_sum(terms)}"]


def row_taps(n):
    """Kernel of ``n`` consecutive taps of one row."""
    lines = [f"def row_taps_{n}(cnt, o, xs, ws, n, first):"]
    lines += [f"    w{k} = ws[{k}]" for k in range(n)]
    _store(lines, "    ", "o[i]", [f"w{k} * xs[i + {k}]" for k in range(n)], True)
    return "\n".join(lines) + "\n"


def row_taps_shared(n, lanes, R, name):
    """Kernel of ``n`` consecutive taps of one row, ``R`` output vectors of ``lanes`` per iteration.

    The loop over ``l`` (``lanes`` iterations) is unrolled by LLVM and vectorised across
    ``l``: the signal values ``v{t}`` are then vector loads at offsets ``t`` and feed every
    output vector ``m`` whose taps reach them (``t = lanes * m + k``). Each output's sum
    keeps the order of ``row_taps_N`` (tap 0 first), so results are the same bits.
    """
    B = lanes * R
    used = sorted({lanes * m + k for m in range(R) for k in range(n)})
    lines = [f"def {name}(cnt, o, xs, ws, n, first):"]
    lines += [f"    w{k} = ws[{k}]" for k in range(n)]
    lines += [f"    nb = n // {B}",
              "    for j in range(nb):",
              f"        for l in range({lanes}):",
              f"            p = j * {B} + l"]
    lines += [f"            v{t} = xs[p + {t}]" for t in used]
    for flag, op in (("if first:", "="), ("else:", "+=")):
        lines.append(f"            {flag}")
        for m in range(R):
            terms = [f"w{k} * v{lanes * m + k}" for k in range(n)]
            lines.append(f"                o[p + {lanes * m}] {op} " + _sum(terms))
    _store(lines, "    ", "o[i]", [f"w{k} * xs[i + {k}]" for k in range(n)], True)
    # the tail: outputs nb * B .. n - 1, one at a time
    lines[-5] = f"        for i in range(nb * {B}, n):"
    lines[-2] = f"        for i in range(nb * {B}, n):"
    return "\n".join(lines) + "\n"


def pooled_taps(n):
    """Kernel of ``n`` taps read from any rows of a plane."""
    lines = [f"def pooled_taps_{n}(cnt, o, S, stride, rows, cols, ws, base, n, first):"]
    for k in range(n):
        lines.append(f"    p{k} = rows[base + {k}] * stride + cols[base + {k}]")
        lines.append(f"    w{k} = ws[base + {k}]")
    _store(lines, "    ", "o[i]", [f"w{k} * S[p{k} + i]" for k in range(n)], True)
    return "\n".join(lines) + "\n"


def column_taps(R=COLUMN_ROWS, G=COLUMN_TAPS):
    """Kernel of ``G`` signal rows into ``R`` output rows (column kernels)."""
    lines = [f"def column_taps_{R}x{G}(o, ostride, x, xstride, cw, n):"]
    lines += [f"    m{m} = {m} * ostride" for m in range(R)]
    lines += [f"    r{g} = {g} * xstride" for g in range(G)]
    for m in range(R):
        lines += [f"    c{m}_{g} = cw[{m * G + g}]" for g in range(G)]
    lines.append("    for i in range(n):")
    lines += [f"        v{g} = x[r{g} + i]" for g in range(G)]
    for m in range(R):
        lines.append(f"        o[m{m} + i] += " + _sum(f"c{m}_{g} * v{g}" for g in range(G)))
    return "\n".join(lines) + "\n"


def row_block(k, R, groups, name):
    """Kernel ``name`` of ``R`` output rows of a ``k x k`` kernel."""
    groups = groups or [(0, k)]
    nq = k + R - 1
    lines = [f"def {name}(o, ostride, x, xstride, w, n):"]
    lines += [f"    m{m} = {m} * ostride" for m in range(R)]
    lines += [f"    r{q} = {q} * xstride" for q in range(nq)]
    for gi, (t0, t1) in enumerate(groups):
        for p in range(k):
            lines += [f"    w{p}_{t} = w[{p * k + t}]" for t in range(t0, t1)]
        lines.append("    for i in range(n):")
        terms = {m: [] for m in range(R)}
        for q in range(nq):
            for t in range(t0, t1):
                lines.append(f"        v{q}_{t} = x[r{q} + i + {t}]")
                for m in range(R):
                    if 0 <= q - m < k:
                        terms[m].append(f"w{q - m}_{t} * v{q}_{t}")
        op = "=" if gi == 0 else "+="
        for m in range(R):
            lines.append(f"        o[m{m} + i] {op} " + _sum(terms[m]))
    return "\n".join(lines) + "\n"


def source() -> str:
    """The text of ``_kernels.py``."""
    sys.path.insert(0, ROOT)
    try:
        from convkit._engines.direct._tiling import ROW_LANES, row_block_name, row_taps_name
        from convkit._tuning import DIRECT_ROW_BLOCKS, DIRECT_ROW_KERNELS, DIRECT_ROW_LONG
    finally:
        sys.path.pop(0)
    parts = [HEADER]
    parts += [row_taps(n) for n in range(1, MAX_TAPS + 1)]
    # (kernel lanes, R) of every entry: (taps, R) or (taps, R, kernel lanes); a long-row entry
    # (row taps from, taps, R) keeps its register entry's kernel lanes
    shared = {(e[2] if len(e) > 2 else lanes, e[1]) for table in DIRECT_ROW_KERNELS.values()
              for lanes, e in table.items()}
    for regs, table in DIRECT_ROW_LONG.items():
        for lanes, (_, _, R) in table.items():
            e = DIRECT_ROW_KERNELS.get(regs, {}).get(lanes, ())
            shared.add((e[2] if len(e) > 2 else lanes, R))
    shared = sorted(shared)
    shared = [(lanes, R) for lanes, R in shared if R and lanes in ROW_LANES]
    for lanes, R in shared:
        parts += [row_taps_shared(n, lanes, R, row_taps_name(n, lanes, R)) for n in range(1, MAX_TAPS + 1)]
    parts += [pooled_taps(n) for n in range(1, MAX_TAPS + 1)]
    parts.append(column_taps())
    # every CPU table's blocks (one kernel per distinct blocking; each compiles only when used)
    blocks = {row_block_name(k, R, g): (k, R, g) for table in DIRECT_ROW_BLOCKS.values()
              for k, (R, g) in table.items()}
    parts += [row_block(k, R, g, name) for name, (k, R, g) in sorted(blocks.items(), key=lambda e: e[1][:2])]
    return "\n\n".join(parts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 when the committed file differs")
    args = ap.parse_args()
    text = source()
    if args.check:
        with open(TARGET) as f:
            stale = f.read() != text
        if stale:
            print(f"{TARGET} is stale: run python tools/gen_direct_kernels.py", file=sys.stderr)
        return int(stale)
    with open(TARGET, "w") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
