"""Generator of ``_direct_kernels.py``: ``python -m convkit.engines._direct_gen``."""
import os
HDR = '''"""Generated inner loops of the direct engine.

Each ``_gmN`` adds ``N`` taps to an output tile in one pass::

    out[i] (+)= sum_k ws[base+k] * S[rows[base+k], cols[base+k] + i],  i < n

with ``=`` when ``first`` is true.  The loop over ``i`` is the innermost loop
and the taps are unrolled inside it, so LLVM's loop vectoriser turns it into
packed FMAs with the coefficients broadcast once into registers and the
running sum kept in a register (one load per tap, one store per output
vector).  ``_gsN`` is the same for ``N`` consecutive taps of one row (a
single base pointer with constant displacements: fewer registers, no spills;
it runs at the FMA peak when the row is in L1).

Do not edit by hand: regenerate with ``python -m convkit.engines._direct_gen``
(the code is written out, not built with exec, so that ``cache=True`` works).
"""
from ._jit import njit

FM = {"contract"}
'''

def gm(n):
    L = []
    L.append("@njit(cache=True, nogil=True, fastmath=FM)")
    L.append(f"def _gm{n}(o, S, rows, cols, ws, base, n, first):")
    for k in range(n):
        L.append(f"    v{k} = S[rows[base + {k}], cols[base + {k}]:]")
        L.append(f"    w{k} = ws[base + {k}]")
    terms = " + ".join(f"w{k} * v{k}[i]" for k in range(n))
    L.append("    if first:")
    L.append("        for i in range(n):")
    L.append(f"            o[i] = {terms}")
    L.append("    else:")
    L.append("        for i in range(n):")
    L.append(f"            o[i] += {terms}")
    return "\n".join(L) + "\n"

def gs(n):
    L = ["@njit(cache=True, nogil=True, fastmath=FM)",
         f"def _gs{n}(o, xs, ws, n, first):",
         f"    \"\"\"{n} consecutive taps of one row: o[i] (+)= sum_k ws[k] * xs[i + k].\"\"\""]
    for k in range(n):
        L.append(f"    w{k} = ws[{k}]")
    terms = " + ".join(f"w{k} * xs[i + {k}]" for k in range(n))
    L.append("    if first:")
    L.append("        for i in range(n):")
    L.append(f"            o[i] = {terms}")
    L.append("    else:")
    L.append("        for i in range(n):")
    L.append(f"            o[i] += {terms}")
    return "\n".join(L) + "\n"


def disp_gs():
    L = ["@njit(cache=True, nogil=True, fastmath=FM)",
         "def _gs(cnt, o, xs, ws, n, first):",
         "    \"\"\"Dispatch a single-row pass of ``cnt`` (1..16) consecutive taps.\"\"\""]
    for k in range(1, 17):
        kw = "if" if k == 1 else "elif"
        L.append(f"    {kw} cnt == {k}:")
        L.append(f"        _gs{k}(o, xs, ws, n, first)")
    return "\n".join(L) + "\n"


def gv(M=4, G=8):
    L = ["@njit(cache=True, nogil=True, fastmath=FM)",
         f"def _gv{M}x{G}(" + ", ".join(f"o{m}" for m in range(M)) + ", "
         + ", ".join(f"x{g}" for g in range(G)) + ", cw, n):",
         f"    \"\"\"Column taps: {G} signal rows into {M} output rows, o_m[i] += sum_g cw[m, g] * x_g[i].",
         "",
         "    Each signal-row load feeds M FMAs (register blocking over output rows).",
         "    Used only where every one of the G rows is inside every output's window,",
         "    so no zero coefficient ever multiplies data (0 * inf would be nan).",
         "    \"\"\""]
    for m in range(M):
        for g in range(G):
            L.append(f"    c{m}_{g} = cw[{m}, {g}]")
    L.append("    for i in range(n):")
    for g in range(G):
        L.append(f"        v{g} = x{g}[i]")
    for m in range(M):
        L.append(f"        o{m}[i] += " + " + ".join(f"c{m}_{g} * v{g}" for g in range(G)))
    return "\n".join(L) + "\n"


def disp():
    L = ["@njit(cache=True, nogil=True, fastmath=FM)",
         "def _gm(cnt, o, S, rows, cols, ws, base, n, first):",
         "    \"\"\"Dispatch a pass of ``cnt`` (1..16) taps.\"\"\""]
    for k in range(1, 17):
        kw = "if" if k == 1 else "elif"
        L.append(f"    {kw} cnt == {k}:")
        L.append(f"        _gm{k}(o, S, rows, cols, ws, base, n, first)")
    return "\n".join(L) + "\n"


# Register-blocked 2-D kernels: output rows per block and tap-column groups
# (one loop per group; later groups accumulate) per square kernel size,
# measured on 2048^2 float64 (Zen 5): wider blocks or other groupings spill
# more and run up to 2x slower.
GR = {3: (8, None), 5: (4, [(0, 3), (3, 5)]), 7: (2, None)}


def gr(k, R, groups):
    """R output rows of a k x k kernel from the k + R - 1 signal rows they read."""
    groups = groups or [(0, k)]
    nq = k + R - 1
    L = ["@njit(cache=True, nogil=True, fastmath=FM)",
         f"def _gr{R}_{k}(" + ", ".join(f"o{m}" for m in range(R)) + ", "
         + ", ".join(f"x{q}" for q in range(nq)) + ", w, n):",
         f"    \"\"\"{R} output rows of a {k}x{k} kernel: o_m[i] = sum_(p,t) w[p, t] * x_(m+p)[i + t].",
         "",
         "    Each signal value is loaded once per group and fed to every output row whose",
         "    window holds its row; only those (row, output) pairs exist (no zero weights).",
         "    \"\"\""]
    for gi, (t0, t1) in enumerate(groups):
        for p in range(k):
            for t in range(t0, t1):
                L.append(f"    w{p}_{t} = w[{p}, {t}]")
        L.append("    for i in range(n):")
        terms = {m: [] for m in range(R)}
        for q in range(nq):
            for t in range(t0, t1):
                L.append(f"        v{q}_{t} = x{q}[i + {t}]")
                for m in range(R):
                    if 0 <= q - m < k:
                        terms[m].append(f"w{q - m}_{t} * v{q}_{t}")
        op = "=" if gi == 0 else "+="
        for m in range(R):
            L.append(f"        o{m}[i] {op} " + " + ".join(terms[m]))
    return "\n".join(L) + "\n"


def disp_gr():
    L = ["@njit(cache=True, nogil=True, fastmath=FM)",
         "def _grb(ob, o0, c0, S, q0, cs, w, n):",
         "    \"\"\"Block of output rows ``ob[o0 .. o0 + R - 1, c0 .. c0 + n - 1]`` from signal rows",
         "    ``S[q0 ..]`` starting at column ``cs``; R and the kernel by ``w.shape[0]`` (see GR).\"\"\"",
         "    k = w.shape[0]"]
    for j, (k, (R, _)) in enumerate(sorted(GR.items())):
        L.append(f"    {'if' if j == 0 else 'elif'} k == {k}:")
        args = ([f"ob[o0 + {m}, c0:]" for m in range(R)]
                + [f"S[q0 + {q}, cs:]" for q in range(k + R - 1)] + ["w", "n"])
        L.append(f"        _gr{R}_{k}(" + ", ".join(args) + ")")
    return "\n".join(L) + "\n"


def gr_all():
    rows = ", ".join(f"{k}: {R}" for k, (R, _) in sorted(GR.items()))
    return ("\n\n".join(gr(k, R, g) for k, (R, g) in sorted(GR.items())) + "\n\n" + disp_gr()
            + f"\n\n# output rows per block of _grb, by kernel size\nGR_ROWS = {{{rows}}}\n")


src = (HDR + "\n\n" + "\n\n".join(gs(k) for k in range(1, 17)) + "\n\n" + disp_gs() + "\n\n"
       + "\n\n".join(gm(k) for k in range(1, 17)) + "\n\n" + disp() + "\n\n" + gv()
       + "\n\n" + gr_all())
if __name__ == '__main__':
    with open(os.path.join(os.path.dirname(__file__), '_direct_kernels.py'), 'w') as f:
        f.write(src)
