"""Overlap-save block lengths: convkit's 'oa' engine at forced block lengths against its own pick
and scipy.signal.oaconvolve, on one 1-D 'full' problem (``OA_REAL_RADIX_PENALTY`` in
``convkit/_tuning.py``).

    N=1000000 K=1000 DT=float64 R=15 python benchmarks/scripts/oa_block_lengths.py 10240 16384 20480

One thread, CPU time of the calling thread, every contestant once per round in shuffled
rounds, medians. Run it with the heap settled (``MALLOC_MMAP_THRESHOLD_=33554432``) to time the
engines rather than the page faults of scipy's fresh arrays.
"""
import os
import random
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def main(lengths):
    import scipy.signal as ss
    from threadpoolctl import threadpool_limits

    from convkit._engines import _fft_sizes, overlap

    n, k = int(os.environ.get("N", 1842436)), int(os.environ.get("K", 2364))
    dt = np.dtype(os.environ.get("DT", "float32"))
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal(n).astype(dt), rng.standard_normal(k).astype(dt)
    if dt.kind == "c":
        a = a + 1j * rng.standard_normal(n).astype(dt)
        b = b + 1j * rng.standard_normal(k).astype(dt)
    m = n + k - 1
    pick = _fft_sizes._best_block_len

    def engine(L):
        def call():
            # a forced block length: the layout cache is cleared around the call so that the
            # next contestant plans its own
            _fft_sizes._best_block_len = (lambda *args, **kw: L) if L else pick
            overlap._layout.cache_clear()
            try:
                return overlap.convolve(a, b, (0,), (m,), (0,), workers=1)
            finally:
                _fft_sizes._best_block_len = pick
                overlap._layout.cache_clear()
        return call

    contestants = {f"L={L}": engine(L) for L in lengths}
    contestants["pick"] = engine(0)
    contestants["oaconvolve"] = lambda: ss.oaconvolve(a, b, "full")
    ref = ss.fftconvolve(a.astype(np.complex128 if dt.kind == "c" else np.float64), b, "full")
    for name, f in contestants.items():
        assert np.allclose(f(), ref, atol=1e-3 * np.abs(ref).max()), name
    rounds = int(os.environ.get("R", 15))
    times = {name: [] for name in contestants}
    with threadpool_limits(1):
        for f in contestants.values():
            f()
            f()
        order = list(contestants)
        for _ in range(rounds):
            random.shuffle(order)
            for name in order:
                t = time.thread_time()
                contestants[name]()
                times[name].append(time.thread_time() - t)
    med = {name: statistics.median(v) for name, v in times.items()}
    print(f"{n} x {k} {dt.name} 'full'; pick: {_fft_sizes.block_plan(n, k, real=dt.kind == 'f')}")
    for name, v in med.items():
        print(f"{name:12s} {v * 1e3:8.3f} ms  {v / med['oaconvolve']:.3f}x oaconvolve")


if __name__ == "__main__":
    main([int(x) for x in sys.argv[1:]])
