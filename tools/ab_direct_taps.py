"""Same-process A/B of the taps per pass of the direct engine's row and pooled kernels.

    python tools/ab_direct_taps.py [TAPS,TAPS,...] [REPS]     (default 8,16 and 7)

Runs 1-D and 2-D cells with each limit in turn (the engine's ``max_taps``
replaced), shuffled per repetition, this thread's CPU time, medians, and the
share of the 1-thread dgemm peak measured in the same run.
For the 16-register (AVX2) table on an AVX-512 machine set Numba's
``NUMBA_CPU_NAME``/``NUMBA_CPU_FEATURES`` (see ``tools/ab_direct_blocks.py``).
"""
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import numpy as np  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from convkit._engines import direct as D  # noqa: E402
from convkit._engines.direct import _engine, _tiling  # noqa: E402


def main():
    limits = [int(t) for t in (sys.argv[1] if len(sys.argv) > 1 else "8,16").split(",")]
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    rng = np.random.default_rng(0)
    A = rng.random((2048, 2048))
    cells = []
    for K in (16, 64, 256):
        x, h = rng.standard_normal(10**6), rng.standard_normal(K)
        cells.append((f"1-D 1e6 K={K}", x, h, (0,), x.shape, ((K - 1) // 2,), 2 * x.size * K))
    X = rng.standard_normal((2048, 2048))
    for k in (4, 9, 15):
        h = rng.standard_normal((k, k))
        cells.append((f"2-D 2048^2 k={k}", X, h, (0, 1), X.shape, (k // 2, k // 2), 2 * X.size * k * k))

    def peak():
        with threadpool_limits(1):
            A @ A

    for name, x, h, axes, shape, start, flops in cells:
        def run(mt, x=x, h=h, axes=axes, shape=shape, start=start):
            _engine.max_taps = _tiling.max_taps = lambda: mt
            return D.convolve(x, h, axes, shape, start)
        fns = {mt: (lambda mt=mt: run(mt)) for mt in limits}
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
        print(f"{name}: " + ", ".join(f"{mt} taps {med[mt] * 1e3:.2f} ms ({flops / med[mt] / pk:.0%})"
                                      for mt in limits))


if __name__ == "__main__":
    main()
