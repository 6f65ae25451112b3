"""What NaN/inf inputs cost convkit auto: the same long convolution with and without a few non-finite samples.

For each workload (signal length, kernel length, number of non-finite samples) the clean and the
sprinkled signal are convolved with ``convkit.convolve`` (method 'auto', which picks an FFT engine
here, then repairs the poisoned outputs so they match a direct convolution); the table gives the
best of ``--repeat`` calls of each, and their ratio. Run::

    python benchmarks/scripts/nonfinite_overhead.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

import convkit

WORKLOADS = [(1_000_000, 2001, 5), (1_000_000, 2001, 100), (4_000_000, 501, 10), (200_000, 20001, 5)]


def _best(call, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    for n, k, bad in WORKLOADS:
        x = rng.standard_normal(n)
        h = rng.standard_normal(k)
        xb = x.copy()
        xb[rng.choice(n, size=bad, replace=False)] = rng.choice([np.nan, np.inf, -np.inf], size=bad)
        convkit.convolve(x, h), convkit.convolve(xb, h)  # JIT, plans
        clean = _best(lambda: convkit.convolve(x, h), args.repeat)
        dirty = _best(lambda: convkit.convolve(xb, h), args.repeat)
        print(f"n={n} k={k} nonfinite={bad} method={convkit.choose_method(x, h).method}: "
              f"clean {clean * 1e3:.1f} ms, NaN/inf {dirty * 1e3:.1f} ms, ratio {dirty / clean:.2f}", flush=True)


if __name__ == "__main__":
    main()
