"""Latency as a new user meets it: first calls in fresh processes, new sizes, varied lengths, stream feeds.

Every figure is printed beside scipy.signal's for the same call:

1. first call in a fresh process, imports included, with an empty Numba
   cache (``NUMBA_CACHE_DIR`` a new folder) and again with that cache warm;
   convkit and scipy each in their own fresh process;
2. calls 1..5 of a new FFT size in one process (planning must never stall
   a call: each within 3x of their median);
3. a loop over clips of varied lengths against a 20,000-tap kernel, passes
   1..3 (the old planner re-planned on the third pass);
4. ``StreamConvolver.feed`` latency: median, 99th percentile and maximum.

Usage::

    python benchmarks/scripts/latency.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

FIRST_CALLS = {
    "1-D float64 1e5 x 64": ("np.random.default_rng(0).standard_normal(100_000), "
                             "np.random.default_rng(1).standard_normal(64)"),
    "1-D float32 1e5 x 64": ("np.random.default_rng(0).standard_normal(100_000).astype(np.float32), "
                             "np.random.default_rng(1).standard_normal(64).astype(np.float32)"),
    "2-D float64 512^2 x 7x7": "np.random.default_rng(0).standard_normal((512, 512)), np.ones((7, 7)) / 49",
    "1-D float64 1e3 x 5 (small)": "np.random.default_rng(0).standard_normal(1000), np.ones(5) / 5",
}

_SCRIPT = """
import time
t0 = time.perf_counter()
import numpy as np
{imp}
a, b = {args}
t1 = time.perf_counter()
f(a, b)
t2 = time.perf_counter()
print(t1 - t0, t2 - t1, t2 - t0)
"""


def _fresh(lib: str, args: str, cache: str) -> tuple[float, float, float]:
    imp = ("import convkit; f = convkit.convolve" if lib == "convkit"
           else "import scipy.signal; f = scipy.signal.convolve")
    env = dict(os.environ, NUMBA_CACHE_DIR=cache, PYTHONDONTWRITEBYTECODE="1")
    out = subprocess.run([sys.executable, "-c", _SCRIPT.format(imp=imp, args=args)], capture_output=True,
                         text=True, env=env, timeout=900, check=True)
    return tuple(float(v) for v in out.stdout.split())


def first_calls(quick: bool) -> list[dict]:
    rows = []
    for label, args in list(FIRST_CALLS.items())[: 2 if quick else None]:
        with tempfile.TemporaryDirectory(prefix="convkit-numba-") as cache:
            cold = _fresh("convkit", args, cache)
            warm = _fresh("convkit", args, cache)
        scipy_t = _fresh("scipy", args, tempfile.gettempdir())
        rows.append({"call": label, "convkit_cold_s": cold[2], "convkit_warm_s": warm[2], "scipy_s": scipy_t[2],
                     "convkit_cold_call_s": cold[1], "convkit_warm_call_s": warm[1], "scipy_call_s": scipy_t[1]})
        print(f"  {label}: convkit cold {cold[2]:.2f} s (call {cold[1]:.2f}), warm {warm[2]:.2f} s "
              f"(call {warm[1]:.3f}); scipy {scipy_t[2]:.2f} s (call {scipy_t[1]:.3f})", flush=True)
    return rows


def new_sizes(quick: bool) -> list[dict]:
    import numpy as np
    import scipy.signal as ss

    import convkit

    rng = np.random.default_rng(0)
    rows = []
    for n, k in [(50_000, 3_000), (77_777, 5_001)][: 1 if quick else None]:
        x, h = rng.standard_normal(n), rng.standard_normal(k)
        for name, f in (("convkit.fftconvolve", convkit.fftconvolve), ("scipy.fftconvolve", ss.fftconvolve)):
            times = []
            for _ in range(5):
                t = time.perf_counter()
                f(x, h)
                times.append(time.perf_counter() - t)
            med = statistics.median(times)
            rows.append({"call": f"{name} {n}x{k}", "calls_ms": [round(t * 1e3, 2) for t in times],
                         "worst_over_median": max(times) / med})
            print(f"  {name} {n}x{k}: calls 1..5 = {', '.join(f'{t * 1e3:.1f}' for t in times)} ms "
                  f"(worst/median {max(times) / med:.1f})", flush=True)
    return rows


def varied_lengths(quick: bool) -> list[dict]:
    import numpy as np
    import scipy.signal as ss

    import convkit

    rng = np.random.default_rng(1)
    h = rng.standard_normal(20_000)
    clips = [rng.standard_normal(int(n)) for n in rng.integers(30_000, 300_000, 20 if quick else 60)]
    rows = []
    for name, f in (("convkit.convolve", convkit.convolve), ("scipy.convolve", ss.convolve)):
        passes = []
        for _ in range(3):
            t = time.perf_counter()
            for c in clips:
                f(c, h)
            passes.append(time.perf_counter() - t)
        rows.append({"call": name, "passes_s": passes})
        print(f"  {name}: {len(clips)} clips x 20000 taps, passes 1..3 = "
              f"{', '.join(f'{p:.2f}' for p in passes)} s", flush=True)
    return rows


def stream_feeds(quick: bool) -> list[dict]:
    import numpy as np

    import convkit

    rng = np.random.default_rng(2)
    rows = []
    for block, taps in [(256, 96_000), (1024, 96_000)] + ([] if quick else [(64, 4_800), (4096, 96_000)]):
        ir = rng.standard_normal(taps)
        t = time.perf_counter()
        stream = convkit.StreamConvolver(ir, block_size=block)
        build = time.perf_counter() - t
        blocks = 2_000 if quick else 10_000
        x = rng.standard_normal(block)
        lat = []
        for _ in range(blocks):
            t = time.perf_counter()
            stream.feed(x)
            lat.append(time.perf_counter() - t)
        lat_sorted = sorted(lat)
        med = statistics.median(lat)
        row = {"block": block, "taps": taps, "construct_s": build, "median_ms": med * 1e3,
               "p99_ms": lat_sorted[int(0.99 * len(lat)) - 1] * 1e3, "max_ms": max(lat) * 1e3,
               "first_feeds_ms": [round(v * 1e3, 3) for v in lat[:3]], "budget_ms": block / 48.0}
        rows.append(row)
        print(f"  B={block} K={taps}: construct {build * 1e3:.0f} ms; feed median {row['median_ms']:.3f} ms, "
              f"p99 {row['p99_ms']:.3f}, max {row['max_ms']:.3f}, first {row['first_feeds_ms']} "
              f"(real-time budget {row['budget_ms']:.2f} ms)", flush=True)
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", help="write all rows here")
    args = parser.parse_args(argv)
    result = {}
    for name, fn in (("first calls in fresh processes (imports included)", first_calls),
                     ("calls 1..5 of a new size", new_sizes), ("varied-length loop", varied_lengths),
                     ("stream feeds (48 kHz)", stream_feeds)):
        print(name + ":", flush=True)
        result[name] = fn(args.quick)
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(result, fh, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
