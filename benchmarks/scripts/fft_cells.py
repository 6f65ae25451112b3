"""The FFT cells of issue #13's cliff hunt against scipy, side by side.

    python benchmarks/scripts/fft_cells.py [CELLS] [ROUNDS] [IN1:IN2:DTYPE:MODE ...]
    python benchmarks/scripts/fft_cells.py 2d,oa,cx 21 230x230:31x31:float32:same

CELLS picks of ``2d`` ((466, 499) * (40, 40) float32 'same'), ``oa`` (1842436 * 2364 float32
'full') and ``cx`` (27495 * 27489 complex128 'full'); more cells as ``466x499:40x40:float32:full``.
``convkit.convolve`` (auto, ``workers=1``) against ``scipy.signal.fftconvolve`` and ``oaconvolve``,
one BLAS thread, CPU time of the calling thread, shuffled rounds, medians. Set
``MALLOC_MMAP_THRESHOLD_=33554432`` for the heap of a process that has freed large arrays (the
hunt's state after its big cells: scipy's fresh arrays then come without page faults).
"""
import os
import random
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

CELLS = {"2d": ((466, 499), (40, 40), "float32", "same"),
         "oa": ((1842436,), (2364,), "float32", "full"),
         "cx": ((27495,), (27489,), "complex128", "full")}


def _data(rng, shape, dtype):
    x = rng.standard_normal(shape)
    if np.dtype(dtype).kind == "c":
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dtype)


def _medians(contestants, rounds):
    for f in contestants.values():
        for _ in range(3):
            f()
    loops = {}
    for name, f in contestants.items():
        t = time.thread_time()
        f()
        loops[name] = max(1, int(5e-3 / max(time.thread_time() - t, 1e-7)))
    times = {name: [] for name in contestants}
    order = list(contestants)
    for _ in range(rounds):
        random.shuffle(order)
        for name in order:
            f, n = contestants[name], loops[name]
            t = time.thread_time()
            for _ in range(n):
                f()
            times[name].append((time.thread_time() - t) / n)
    return {name: statistics.median(v) for name, v in times.items()}


def main(argv):
    import scipy.signal as ss
    from threadpoolctl import threadpool_limits

    import convkit

    picks = argv[0].split(",") if argv else list(CELLS)
    rounds = int(argv[1]) if len(argv) > 1 else 15
    cells = {k: CELLS[k] for k in picks if k in CELLS}
    for extra in argv[2:]:
        s1, s2, dtype, mode = extra.split(":")
        cells[extra] = (tuple(map(int, s1.split("x"))), tuple(map(int, s2.split("x"))), dtype, mode)
    rng = np.random.default_rng(0)
    with threadpool_limits(1):
        for name, (s1, s2, dtype, mode) in cells.items():
            a, b = _data(rng, s1, dtype), _data(rng, s2, dtype)
            med = _medians({"convkit": lambda: convkit.convolve(a, b, mode, workers=1),
                            "fftconvolve": lambda: ss.fftconvolve(a, b, mode),
                            "oaconvolve": lambda: ss.oaconvolve(a, b, mode)}, rounds)
            best = min((v, k) for k, v in med.items() if k != "convkit")
            method = convkit.choose_method(a, b, mode, workers=1).method
            print(f"{name:32s} {method:6s} " + " ".join(f"{k}={v * 1e3:.3f}ms" for k, v in med.items())
                  + f"  ratio={med['convkit'] / best[0]:.3f} vs {best[1]}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
