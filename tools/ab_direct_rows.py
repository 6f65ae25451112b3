"""Same-process A/B of the row kernels' blocking: taps per pass x output vectors per iteration.

    python tools/ab_direct_rows.py TAPS,TAPS,... R,R,... [REPS]
    (cells: KS=16,64,256 for 1-D N=1e6, KK=9,15 for 2-D 2048^2 k x k, 'same', DT=float64)

Row kernels of every ``R`` are generated with ``tools/gen_direct_kernels.py``'s
``row_taps_shared`` into a scratch module, then each (taps, R) runs in turn
(this CPU's ``DIRECT_ROW_KERNELS`` entry replaced; R = 0: the plain kernels),
shuffled per repetition, this thread's CPU time, medians, as shares
of the 1-thread dgemm peak measured in the same run. For the 16-register
(AVX2) entries on an AVX-512 machine set Numba's ``NUMBA_CPU_NAME``/``NUMBA_CPU_FEATURES``
(see ``tools/ab_direct_blocks.py``).
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


def main():
    mts = [int(v) for v in sys.argv[1].split(",")]
    Rs = [int(v) for v in sys.argv[2].split(",")]
    reps = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    gen = _load("gen_direct_kernels", os.path.join(ROOT, "tools", "gen_direct_kernels.py"))
    names = [(n, lanes, R) for R in Rs if R for lanes in _tiling.ROW_LANES for n in range(1, _tiling.MAX_TAPS + 1)]
    path = os.path.join(tempfile.mkdtemp(), "rows.py")   # a file: Numba caches by file
    with open(path, "w") as f:
        f.write("\n\n".join(gen.row_taps_shared(n, lanes, R, _tiling.row_taps_name(n, lanes, R))
                            for n, lanes, R in names))
    mod = _load("rows", path)
    for n, lanes, R in names:
        nm = _tiling.row_taps_name(n, lanes, R)
        setattr(_kernels, nm, getattr(mod, nm))
    regs = _cpu.registers()
    rng = np.random.default_rng(0)
    A = rng.random((2048, 2048))
    dt = np.dtype(os.environ.get("DT", "float64"))
    cells = []
    for K in map(int, os.environ.get("KS", "16,64,256").split(",")):
        x, h = rng.standard_normal(10**6).astype(dt), rng.standard_normal(K).astype(dt)
        cells.append((f"1-D 1e6 K={K}", x, h, (0,), x.shape, ((K - 1) // 2,), 2 * x.size * K))
    X = rng.standard_normal((2048, 2048)).astype(dt)
    for k in map(int, os.environ.get("KK", "9,15").split(",")):
        h = rng.standard_normal((k, k)).astype(dt)
        cells.append((f"2-D 2048^2 k={k}", X, h, (0, 1), X.shape, (k // 2, k // 2), 2 * X.size * k * k))

    def peak():
        with threadpool_limits(1):
            A @ A

    print(f"{regs} vector registers, {_cpu.vector_bytes()}-byte vectors, {dt}, {reps} reps "
          "(shares of the float64 peak)")
    for name, x, h, axes, shape, start, flops in cells:
        lanes = _cpu.vector_bytes() // dt.itemsize

        def run(mt, R, x=x, h=h, axes=axes, shape=shape, start=start, lanes=lanes):
            _tuning.DIRECT_ROW_KERNELS[regs] = {**_tuning.DIRECT_ROW_KERNELS[regs], lanes: (mt, R)}
            _compiled._tables.clear()   # the address tables hold the previous row kernels
            return D.convolve(x, h, axes, shape, start)
        fns = {(mt, R): (lambda mt=mt, R=R: run(mt, R)) for mt in mts for R in Rs}
        fns["peak"] = peak
        for f in fns.values():
            f()
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
        print(f"{name}: " + ", ".join(f"{c[0]} taps R={c[1]} {flops / med[c] / pk:.0%}" for c in fns if c != "peak"))


if __name__ == "__main__":
    main()
