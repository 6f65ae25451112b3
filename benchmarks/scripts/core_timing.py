"""convkit auto against scipy.signal.convolve(method='auto') on five large workloads, one thread.

The workloads: 1-D, a million samples with 16, 256 and 8192 taps; 2-D, a 2048x2048 image with
3x3 and 31x31 kernels (``--mode``, 'full' by default). Both contestants are interleaved in each
round (a fresh shuffled order per round), BLAS/OpenMP pools limited to one thread; the table
gives the medians of the rounds, scipy's time over convkit's and the engine convkit chose.
Run: ``python benchmarks/scripts/core_timing.py [--rounds 7] [--mode same]``.
"""

from __future__ import annotations

import argparse

import numpy as np
import scipy.signal as ss
from threadpoolctl import threadpool_limits

import convkit
from convkit._timing import median, time_interleaved

CASES = [
    ("1-D N=1e6, K=16", (10**6,), (16,)),
    ("1-D N=1e6, K=256", (10**6,), (256,)),
    ("1-D N=1e6, K=8192", (10**6,), (8192,)),
    ("2-D 2048x2048, 3x3", (2048, 2048), (3, 3)),
    ("2-D 2048x2048, 31x31", (2048, 2048), (31, 31)),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--mode", default="full")
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    print(f"{'workload':<24} {'scipy auto':>12} {'convkit auto':>13} {'speed-up':>9}  convkit engine")
    with threadpool_limits(1):
        for label, s1, s2 in CASES:
            x = rng.standard_normal(s1)
            h = rng.standard_normal(s2)
            times = time_interleaved(
                {"scipy": lambda: ss.convolve(x, h, args.mode),
                 "convkit": lambda: convkit.convolve(x, h, args.mode, workers=1)},
                repeats=args.rounds, min_time=0.05)
            t_scipy, t_ck = median(times["scipy"]), median(times["convkit"])
            method = convkit.choose_method(x, h, args.mode, workers=1).method
            print(f"{label:<24} {t_scipy * 1e3:10.2f}ms {t_ck * 1e3:11.2f}ms {t_scipy / t_ck:8.1f}x  {method}",
                  flush=True)


if __name__ == "__main__":
    main()
