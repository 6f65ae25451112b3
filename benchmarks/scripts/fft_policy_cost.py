"""What the FFT engines' deterministic defaults cost, side by side (interleaved medians).

    python benchmarks/scripts/fft_policy_cost.py [--reps 9] [--planner] [--single] [--first]

--planner: execution time with the default ESTIMATE plans against FFTW_MEASURE
           plans (CONVKIT_FFTW_PLANNER=measure after fft.warmup(measure=True)),
           same engine, same inputs; plus the planning time of each.
--single:  float32/complex64 transformed in double (default) against native
           single precision (CONVKIT_FFT_SINGLE=native).
--first:   calls 1..5 of new sizes (the first includes its ESTIMATE planning):
           each call against the median of the five.
With no flag all run. Results are medians of interleaved rounds.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

import numpy as np  # noqa: E402

from convkit._engines import _fft_plans as plans  # noqa: E402
from convkit._engines import fft, overlap

CASES = [  # label, engine, a_shape, b_shape, axes
    ("1d 5000x700", fft, (5000,), (700,), (0,)),
    ("1d 50000x3000", fft, (50_000,), (3000,), (0,)),
    ("1d 200000x20000", fft, (200_000,), (20_000,), (0,)),
    ("2d 512^2x31^2", fft, (512, 512), (31, 31), (0, 1)),
    ("oa 1e6x1024", overlap, (1_000_000,), (1024,), (0,)),
    ("batch 64x20000x257", overlap, (64, 20_000), (1, 257), (1,)),
]


# MEASURE planning of transforms above ~2^17 points takes 30-110 s: left out of --planner
PLANNER_CASES = [c for c in CASES if c[0] not in ("1d 200000x20000", "2d 512^2x31^2")] + [
    ("2d 256^2x15^2", fft, (256, 256), (15, 15), (0, 1))]


def _full(sa, sb, axes):
    return tuple(sa[i] + sb[i] - 1 if i in axes else max(sa[i], sb[i]) for i in range(len(sa)))


def _time(fn, reps_inner=1):
    t = time.perf_counter()
    for _ in range(reps_inner):
        fn()
    return (time.perf_counter() - t) / reps_inner


def planner(reps):
    print("ESTIMATE (default, deterministic) vs MEASURE plans: execution medians, planning time")
    plans.set_wisdom_persistence(False)
    for label, eng, sa, sb, axes in PLANNER_CASES:
        rng = np.random.default_rng(0)
        a, b = rng.standard_normal(sa), rng.standard_normal(sb)
        shape, start = _full(sa, sb, axes), (0,) * len(sa)
        call = lambda: eng.convolve(a, b, axes, shape, start)  # noqa: E731
        plans.set_planner_policy("estimate")
        plans.clear_plans()
        t_est_plan = _time(call)
        t0 = time.perf_counter()
        with plans.force_measure():
            call()
        t_meas_plan = time.perf_counter() - t0
        times = {"estimate": [], "measure": []}
        for _ in range(reps):
            for pol in ("estimate", "measure"):
                plans.set_planner_policy(pol)
                call()
                times[pol].append(_time(call))
        e, m = statistics.median(times["estimate"]), statistics.median(times["measure"])
        print(f"  {label:22s} estimate {e * 1e3:8.2f} ms  measure {m * 1e3:8.2f} ms  "
              f"estimate/measure {e / m:5.2f}   first call {t_est_plan * 1e3:7.1f} ms, "
              f"MEASURE planning {t_meas_plan:6.1f} s", flush=True)
    plans.set_planner_policy("estimate")
    plans.clear_plans()


def single(reps):
    print("float32 / complex64: transforms in double (default) vs native single precision")
    for label, eng, sa, sb, axes in CASES:
        for dt in ("float32", "complex64"):
            rng = np.random.default_rng(0)
            a, b = rng.standard_normal(sa).astype(dt), rng.standard_normal(sb).astype(dt)
            shape, start = _full(sa, sb, axes), (0,) * len(sa)
            call = lambda: eng.convolve(a, b, axes, shape, start)  # noqa: E731
            times = {"double": [], "native": []}
            for mode in ("double", "native"):
                os.environ["CONVKIT_FFT_SINGLE"] = mode
                call()
            for _ in range(reps):
                for mode in ("double", "native"):
                    os.environ["CONVKIT_FFT_SINGLE"] = mode
                    times[mode].append(_time(call))
            d, n = statistics.median(times["double"]), statistics.median(times["native"])
            print(f"  {label:22s} {dt:9s} double {d * 1e3:8.2f} ms  native {n * 1e3:8.2f} ms  "
                  f"double/native {d / n:5.2f}", flush=True)
    os.environ.pop("CONVKIT_FFT_SINGLE", None)


def first(reps):
    print("calls 1..5 of new sizes (default policy): ms per call, and max / median of the five")
    rng = np.random.default_rng(0)
    fft.warmup()                                     # pyFFTW loaded, as after any first call
    sizes = [(50_000, 3000), (70_001, 20_000), (5000, 700), (123_457, 999), (4097, 4097),
             (1_000_000, 100_000)]
    for n, k in sizes:
        for dt in ("float64", "float32"):
            a, b = rng.standard_normal(n).astype(dt), rng.standard_normal(k).astype(dt)
            ts = [_time(lambda: fft.convolve(a, b, (0,), (n + k - 1,), (0,))) for _ in range(5)]
            med = statistics.median(ts)
            print(f"  fft {n}x{k} {dt:8s} " + " ".join(f"{t * 1e3:7.2f}" for t in ts)
                  + f"   max/median {max(ts) / med:5.2f}", flush=True)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=9)
    ap.add_argument("--planner", action="store_true")
    ap.add_argument("--single", action="store_true")
    ap.add_argument("--first", action="store_true")
    args = ap.parse_args(argv)
    both = not (args.planner or args.single or args.first)
    if args.first or both:
        first(args.reps)
    if args.single or both:
        single(args.reps)
    if args.planner or both:
        planner(args.reps)


if __name__ == "__main__":
    main()
