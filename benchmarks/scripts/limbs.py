"""Exact integer convolution by limbs against the float64 FFT of the same shapes.

Times ``convkit.convolve`` on integer inputs beyond a plain FFT's exact range
(they run as limb products, see ``convkit._execute_limbs``) beside the same
call on float64 copies, interleaved in shuffled rounds, one thread; prints
CPU-time medians (``time.process_time``: steadier than wall time on a shared
machine), the ratio, and the engine and limb plan auto chose. Also checks the
integer result against direct convolution on a slice where that is cheap.

Usage::

    python benchmarks/scripts/limbs.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

import numpy as np


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    from threadpoolctl import threadpool_limits

    import convkit

    rng = np.random.default_rng(3)

    def extremes(n):  # a quarter at each end of the 24-bit range, the rest uniform (adversarial)
        x = rng.integers(-2**23, 2**23, n, endpoint=True)
        x[: n // 4], x[n // 4: n // 2] = -2**23, 2**23
        rng.shuffle(x)
        return x.astype(np.int32)

    cases = [
        ("int32 24-bit audio, 60 s x 2 s at 48 kHz", rng.integers(-2**23, 2**23, 2_880_000).astype(np.int32),
         rng.integers(-2**23, 2**23, 96_000).astype(np.int32)),
        ("int32 24-bit extremes, 60 s x 2 s", extremes(2_880_000), extremes(96_000)),
        ("int16 full range, 1e6 x 1e5", rng.integers(-2**15, 2**15, 1_000_000).astype(np.int16),
         rng.integers(-2**15, 2**15, 100_000).astype(np.int16)),
        ("int32 full range, 1e6 x 2e4", rng.integers(-2**31, 2**31, 1_000_000).astype(np.int32),
         rng.integers(-2**31, 2**31, 20_000).astype(np.int32)),
        ("int32 full range 2-D, 1000^2 x 50^2", rng.integers(-2**31, 2**31, (1000, 1000)).astype(np.int32),
         rng.integers(-2**31, 2**31, (50, 50)).astype(np.int32)),
    ]
    print("| case | auto's choice | integer | float64 | ratio |")
    print("|---|---|---|---|---|")
    with threadpool_limits(1):
        for name, a, b in cases:
            af, bf = a.astype(np.float64), b.astype(np.float64)
            calls = {"int": lambda: convkit.convolve(a, b, workers=1),
                     "f64": lambda: convkit.convolve(af, bf, workers=1)}
            for f in calls.values():
                f()
            times = {k: [] for k in calls}
            for _ in range(args.rounds):
                order = list(calls)
                random.shuffle(order)
                for k in order:
                    t = time.process_time()
                    calls[k]()
                    times[k].append(time.process_time() - t)
            m = {k: statistics.median(v) for k, v in times.items()}
            choice = convkit.choose_method(a, b)
            out = convkit.convolve(a, b)
            sa, sb = (slice(20_000), slice(2_000)) if a.ndim == 1 else (slice(200), slice(20))
            ref = convkit.convolve(a[(sa,) * a.ndim], b[(sb,) * b.ndim], method="direct")
            check = convkit.convolve(a[(sa,) * a.ndim], b[(sb,) * b.ndim])
            assert np.array_equal(ref, check), "limb result differs from direct"
            split = choice.reason.split("engines run ")[-1] if "limbs" in choice.reason else "plain FFT"
            print(f"| {name} | {choice.method}, {split} | {m['int'] * 1e3:.0f} ms | {m['f64'] * 1e3:.0f} ms | "
                  f"{m['int'] / m['f64']:.2f} |")
            del out
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
