"""Same-process A/B of row-block shapes for one square kernel size, on this CPU's table.

    python tools/ab_direct_blocks.py K "R:g;R:g;..." [REPS]

Each candidate is ``R`` output rows per block and ``g`` the tap-column group
widths (``3-2``) or ``-`` for one group. Candidates are generated with
``tools/gen_direct_kernels.py``'s ``row_block`` into a scratch module, put in
this CPU's ``_tuning.DIRECT_ROW_BLOCKS`` entry in turn, and timed on a
2048^2 float64 'same' convolution in shuffled order per repetition (this
thread's CPU time, medians). Shares are of the 1-thread dgemm peak measured in
the same run. To measure the 16-register (AVX2) table on an AVX-512 machine,
make Numba compile for AVX2: ``NUMBA_CPU_NAME=znver3 NUMBA_CPU_FEATURES=+avx,+avx2,+fma,...``
(the host's features without the ``avx512*`` ones); the engine reads the same variable.
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "tools"))
import numpy as np  # noqa: E402
from _ab_kernels import generator, install, medians_and_peak  # noqa: E402

from convkit import _tuning  # noqa: E402
from convkit._engines import direct as D  # noqa: E402
from convkit._engines.direct import _compiled, _cpu, _tiling  # noqa: E402


def parse(text):
    out = []
    for c in text.split(";"):
        R, g = c.split(":")
        groups, t = [], 0
        for w in ([] if g == "-" else map(int, g.split("-"))):
            groups.append((t, t + w))
            t += w
        out.append((int(R), tuple(groups) or None))
    return out


def main():
    k = int(sys.argv[1])
    cands = parse(sys.argv[2])
    reps = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    gen = generator()
    names = {c: _tiling.row_block_name(k, *c) for c in cands}
    install(f"blocks_{k}", {names[(R, g)]: gen.row_block(k, R, g, names[(R, g)]) for R, g in cands})
    regs = _cpu.registers()
    rng = np.random.default_rng(0)
    x = rng.standard_normal((2048, 2048))
    h = rng.standard_normal((k, k))

    def run(c):
        _tuning.DIRECT_ROW_BLOCKS[regs] = {**_tuning.DIRECT_ROW_BLOCKS[regs], k: c}
        _compiled._tables.clear()   # the address tables hold the previous block kernel
        return D.convolve(x, h, (0, 1), x.shape, (k // 2, k // 2))

    fns = {c: (lambda c=c: run(c)) for c in cands}
    ref = run(cands[0])
    for c in cands:
        np.testing.assert_allclose(run(c), ref, rtol=1e-9, atol=1e-9 * np.abs(ref).max())
    med, pk = medians_and_peak(fns, reps)
    flops = 2 * x.size * k * k
    print(f"{regs} vector registers, k={k}, 2048^2 float64 'same', peak {pk / 1e9:.1f} GF/s, {reps} reps")
    for c in cands:
        print(f"  R={c[0]} groups={c[1]}: {med[c] * 1e3:7.2f} ms  {flops / med[c] / pk:5.1%} of peak")


if __name__ == "__main__":
    main()
