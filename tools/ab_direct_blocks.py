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
import importlib.util
import os
import random
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
import numpy as np  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from convkit import _tuning  # noqa: E402
from convkit._engines import direct as D  # noqa: E402
from convkit._engines.direct import _compiled, _cpu, _kernels, _tiling  # noqa: E402


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


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
    gen = _load("gen_direct_kernels", os.path.join(ROOT, "tools", "gen_direct_kernels.py"))
    names = {c: _tiling.row_block_name(k, *c) for c in cands}
    path = os.path.join(tempfile.mkdtemp(), f"blocks_{k}.py")   # a file: Numba caches by file
    with open(path, "w") as f:
        f.write("\n\n".join(gen.row_block(k, R, g, names[(R, g)]) for R, g in cands))
    mod = _load("blocks", path)
    for c in cands:
        setattr(_kernels, names[c], getattr(mod, names[c]))
    regs = _cpu.registers()
    rng = np.random.default_rng(0)
    x = rng.standard_normal((2048, 2048))
    h = rng.standard_normal((k, k))
    A = rng.random((2048, 2048))

    def peak():
        with threadpool_limits(1):
            A @ A

    def run(c):
        _tuning.DIRECT_ROW_BLOCKS[regs] = {**_tuning.DIRECT_ROW_BLOCKS[regs], k: c}
        _compiled._tables.clear()   # the address tables hold the previous block kernel
        return D.convolve(x, h, (0, 1), x.shape, (k // 2, k // 2))

    fns = {c: (lambda c=c: run(c)) for c in cands}
    fns["peak"] = peak
    ref = run(cands[0])
    for c in cands:
        np.testing.assert_allclose(run(c), ref, rtol=1e-9, atol=1e-9 * np.abs(ref).max())
    ts = {c: [] for c in fns}
    for _ in range(reps):
        order = list(fns)
        random.shuffle(order)
        for c in order:
            t = time.thread_time()
            fns[c]()
            ts[c].append(time.thread_time() - t)
    med = {c: float(np.median(v)) for c, v in ts.items()}
    pk = 2 * 2048 ** 3 / med["peak"]
    flops = 2 * x.size * k * k
    print(f"{regs} vector registers, k={k}, 2048^2 float64 'same', peak {pk / 1e9:.1f} GF/s, {reps} reps")
    for c in cands:
        print(f"  R={c[0]} groups={c[1]}: {med[c] * 1e3:7.2f} ms  {flops / med[c] / pk:5.1%} of peak")


if __name__ == "__main__":
    main()
