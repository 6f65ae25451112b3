"""How much the dispatcher's choice costs: convkit auto's time / the fastest convkit engine's time, per cell.

Grid: 1-D N in {1e3, 1e4, 1e5, 1e6} x K in {3, 8, 16, 32, ..., 65536} (K <= N) and 2-D
256x256 and 1024x1024 images x k in {3, 5, 9, 15, 25, 41, 63}, mode 'full'. In every cell
auto and each engine (forced with method=) are interleaved in shuffled order each round;
the table shows medians. Engines predicted slower than --skip seconds are not run (they
cannot be the fastest). The summary gives the share of cells where auto is within 1.1x of the
fastest engine, the median, worst and geometric-mean ratio, and how much the cells where auto
chose another engine than the fastest lost. ``python -m convkit bench`` reports the same ratio
on its own grid; this script's grid is wider in kernel length. Run::

    python benchmarks/scripts/regret.py [--dtype float32] [--workers 2] [--rounds 7] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import math
import time

import numpy as np

ENGINES = ("direct", "fft", "oa")


def grid():
    kernels = [3, 8] + [2**p for p in range(4, 17)]
    cells = [((n,), (k,)) for n in (10**3, 10**4, 10**5, 10**6) for k in kernels if k <= n]
    cells += [((n, n), (k, k)) for n in (256, 1024) for k in (3, 5, 9, 15, 25, 41, 63)]
    return cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dtype", default="float64")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--skip", type=float, default=1.0, help="don't run an engine predicted slower (s)")
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    # imported here, so before_after.py can take grid() without a convkit on the path
    import convkit
    from convkit._timing import median, time_interleaved

    dtype = np.dtype(args.dtype)
    rng = np.random.default_rng(0)
    rows = []
    print(f"{'cell':<22} {'auto':>10} {'direct':>10} {'fft':>10} {'oa':>10}  chose  best  regret", flush=True)
    for s1, s2 in grid():
        a = rng.standard_normal(s1).astype(dtype)
        b = rng.standard_normal(s2).astype(dtype)
        choice = convkit.choose_method(a, b, "full", workers=args.workers)
        chose = choice.method
        funcs = {"auto": lambda: convkit.convolve(a, b, workers=args.workers)}
        for name in ENGINES:
            # Tiny calls come back without predictions (forced direct): every engine runs there.
            if name == chose or choice.predicted.get(name, 0.0) <= args.skip:
                funcs[name] = (lambda m=name: convkit.convolve(a, b, method=m, workers=args.workers))
        # one thread: CPU time of this thread (a loaded machine disturbs it far less than wall time)
        clock = time.thread_time if args.workers == 1 else time.perf_counter
        samples = time_interleaved(funcs, repeats=args.rounds, min_time=0.01, max_time=3.0, clock=clock)
        times = {name: median(v) for name, v in samples.items()}
        best = min((n for n in ENGINES if n in times), key=times.get)
        regret = times["auto"] / times[best]
        rows.append({"shape1": s1, "shape2": s2, "times": times, "chose": chose, "best": best, "regret": regret})
        cols = " ".join(f"{times[n] * 1e3:9.3f}m" if n in times else f"{'-':>10}" for n in ("auto",) + ENGINES)
        label = f"{'x'.join(map(str, s1))} * {'x'.join(map(str, s2))}"
        print(f"{label:<22} {cols}  {chose:<6} {best:<5} {regret:5.2f}x", flush=True)
    regrets = [r["regret"] for r in rows]
    within = sum(r <= 1.1 for r in regrets) / len(regrets)
    # The same with auto compared to the engine it chose: the dispatcher's wrong choices alone.
    wrong = [r for r in rows if r["chose"] != r["best"]]
    wrong_cost = [r["times"][r["chose"]] / r["times"][r["best"]] for r in wrong]
    print(f"\n{len(rows)} cells, {args.dtype}, workers={args.workers}: auto within 1.1x of the fastest engine in "
          f"{within:.0%}; median {median(regrets):.2f}x, worst {max(regrets):.2f}x, geometric mean "
          f"{math.exp(sum(map(math.log, regrets)) / len(regrets)):.3f}x")
    lost = f" (that engine / fastest: median {median(wrong_cost):.2f}x, worst {max(wrong_cost):.2f}x)" if wrong else ""
    print(f"cells where auto chose another engine than the fastest: {len(wrong)}{lost}")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(rows, fh, indent=1)


if __name__ == "__main__":
    main()
