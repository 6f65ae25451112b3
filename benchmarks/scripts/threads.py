"""Speed-up of workers=N over workers=1 per engine, measured side by side.

Each cell runs convkit with a forced engine at workers=1 and at each N in
``--workers`` (default: 2 and the core count), interleaved in shuffled rounds;
prints medians and the ratios. The cells are the compute-bound ones of
docs/scaling.md, scaled to fit a small machine.

Usage::

    python benchmarks/scripts/threads.py [--rounds 5] [--workers 2 4]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time

import numpy as np


def cells(rng):
    yield "direct 1-D 4e6 x 256", "direct", rng.standard_normal(4_000_000), rng.standard_normal(256), None
    yield "direct 2-D 2048^2 x 7x7", "direct", rng.standard_normal((2048, 2048)), rng.standard_normal((7, 7)), None
    yield "oa 1-D 4e6 x 8192", "oa", rng.standard_normal(4_000_000), rng.standard_normal(8192), None
    yield "fft 2-D 1024^2 x 255^2", "fft", rng.standard_normal((1024, 1024)), rng.standard_normal((255, 255)), None
    yield "oa batch 64 x 65536, K=513", "oa", rng.standard_normal((64, 65536)), rng.standard_normal((1, 513)), -1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, nargs="+", default=sorted({2, os.cpu_count() or 2}))
    args = parser.parse_args(argv)
    import convkit
    from convkit._timing import settle

    rng = np.random.default_rng(0)
    print(f"cores: {os.cpu_count()}")
    print("| cell | workers=1 | " + " | ".join(f"workers={w}" for w in args.workers) + " |")
    print("|---|---|" + "---|" * len(args.workers))
    for label, method, x, h, axes in cells(rng):
        def call(w, x=x, h=h, axes=axes, method=method):
            if axes is None:
                return convkit.convolve(x, h, "same", method=method, workers=w)
            return convkit.oaconvolve(x, h, "same", axes=axes, workers=w)
        ws = [1, *args.workers]
        for w in ws:
            # waits for a background compile of the direct kernels, so rounds time compiled kernels
            settle(lambda w=w: call(w))
        times = {w: [] for w in ws}
        for _ in range(args.rounds):
            random.shuffle(ws)
            for w in ws:
                t = time.perf_counter()
                call(w)
                times[w].append(time.perf_counter() - t)
        med = {w: statistics.median(v) for w, v in times.items()}
        row = " | ".join(f"{med[w] * 1e3:.1f} ms ({med[1] / med[w]:.2f}x)" for w in args.workers)
        print(f"| {label} | {med[1] * 1e3:.1f} ms | {row} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
