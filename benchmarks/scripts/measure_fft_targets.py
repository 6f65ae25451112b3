"""Measure the fft/overlap engine targets side by side (interleaved, medians).

    python benchmarks/scripts/measure_fft_targets.py [floor|oa|grid|f32|threads|mem|all] [--reps N] [--cpu]

Each case times its contenders in interleaved rounds (A B C A B C ...) after
a warm-up, and prints medians and ratios.  Machine noise: 2 shared cores, so
use medians of >= 7 rounds.  ``--cpu`` times single-threaded cases with the
calling thread's CPU time (``time.thread_time``), which ignores preemption by
other processes; the ``threads`` cases always use wall time.

The fft-engine floor uses FFTW_MEASURE plans; the engine is warmed with
``fft.warmup(..., measure=True)`` first and CONVKIT_FFTW_PLANNER=measure is set,
so both run the same measured plans
(the first run of this script on a machine can take minutes of planning; the
wisdom is persisted in the user cache dir).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

import numpy as np

CLOCK = time.perf_counter


def interleaved(fns: dict, reps: int, clock=None) -> dict:
    clock = clock or CLOCK
    times = {k: [] for k in fns}
    for _ in range(reps):
        for k, f in fns.items():
            t = clock()
            f()
            times[k].append(clock() - t)
    return {k: statistics.median(v) for k, v in times.items()}


def warm(fns, n=4):
    for f in fns.values():
        for _ in range(n):
            f()


def show(title, med, base=None):
    base = base or next(iter(med))
    parts = [f"{k}={v * 1e3:.2f}ms" for k, v in med.items()]
    ratios = [f"{k}/{base}={med[k] / med[base]:.2f}" for k in med if k != base]
    print(f"{title:38s} " + "  ".join(parts) + "   " + "  ".join(ratios), flush=True)


def rand(n, dtype, seed=0):
    return np.random.default_rng(seed).standard_normal(n).astype(dtype)


# ---------------------------------------------------------------------------

def floor_cases(reps):
    import pyfftw

    from convkit._engines import fft
    from convkit._engines._fft_sizes import fft_lengths
    print("== fft engine vs its floor (two planned r2c + one c2r at the padded size), 1 thread")
    cases = [((10**6,), (10**5,)), ((10**6,), (10**6,)), ((1024, 1024), (255, 255))]
    for dt in ("float64", "float32"):
        for sa, sb in cases:
            a = rand(sa, dt, 1)
            b = rand(sb, dt, 2)
            axes = tuple(range(len(sa)))
            shape = tuple(n + k - 1 for n, k in zip(sa, sb))
            start = (0,) * len(sa)
            fft.warmup([(sa, sb, axes, shape, start, dt)], measure=True)
            lens = fft_lengths(sa, sb, axes, shape, start, True)
            cdt = np.complex64 if dt == "float32" else np.complex128
            ra = pyfftw.empty_aligned(lens, dt)
            rb = pyfftw.empty_aligned(lens, dt)
            spec = lens[:-1] + (lens[-1] // 2 + 1,)
            A = pyfftw.empty_aligned(spec, cdt)
            B = pyfftw.empty_aligned(spec, cdt)
            ro = pyfftw.empty_aligned(lens, dt)
            fa = pyfftw.FFTW(ra, A, axes=axes, flags=("FFTW_MEASURE",))
            fb = pyfftw.FFTW(rb, B, axes=axes, flags=("FFTW_MEASURE",))
            fi = pyfftw.FFTW(A, ro, axes=axes, direction="FFTW_BACKWARD",
                             flags=("FFTW_MEASURE", "FFTW_DESTROY_INPUT"))
            ra[:] = 0
            rb[:] = 0

            def floor():
                fa.execute()
                fb.execute()
                fi.execute()

            fns = {"floor": floor,
                   "engine": lambda: fft.convolve(a, b, axes, shape, start)}
            import scipy.signal as ss
            fns["scipy_fft"] = lambda: ss.fftconvolve(a, b)
            warm(fns)
            show(f"{dt} {sa}x{sb} full L={lens}", interleaved(fns, reps))


def oa_cases(reps):
    import scipy.signal as ss

    from convkit._engines import overlap
    print("== oa engine vs scipy.signal.oaconvolve / fftconvolve, N=4e6, full, 1 thread")
    for dt in ("float64", "float32"):
        a = rand(4 * 10**6, dt, 1)
        for K in (1024, 8192):
            b = rand(K, dt, 2)
            F = a.size + K - 1
            fns = {"oa": lambda: overlap.convolve(a, b, (0,), (F,), (0,)),
                   "scipy_oa": lambda: ss.oaconvolve(a, b),
                   "scipy_fft": lambda: ss.fftconvolve(a, b)}
            warm(fns, 3)
            show(f"{dt} N=4e6 K={K} plan={tuple(overlap.block_plan(a.size, K))[:2]}",
                 interleaved(fns, reps))


def grid_cases(reps):
    import scipy.signal as ss

    from convkit._engines import fft, overlap
    print("== long signal, medium kernel grid (N >= 1e5, 256 <= K <= N/8), float64, full/same/valid")
    for N in (10**5, 10**6, 4 * 10**6):
        a = rand(N, "float64", 1)
        for K in sorted({256, 1024, 8192, N // 8}):
            b = rand(K, "float64", 2)
            for mode in ("full", "same", "valid"):
                F = N + K - 1
                start, m = {"full": (0, F), "same": ((K - 1) // 2, N), "valid": (K - 1, N - K + 1)}[mode]
                fns = {"oa": lambda: overlap.convolve(a, b, (0,), (m,), (start,)),
                       "fft": lambda: fft.convolve(a, b, (0,), (m,), (start,)),
                       "scipy_oa": lambda: ss.oaconvolve(a, b, mode),
                       "scipy_fft": lambda: ss.fftconvolve(a, b, mode)}
                warm(fns, 3)
                med = interleaved(fns, reps)
                best_ck = min(med["oa"], med["fft"])
                best_sp = min(med["scipy_oa"], med["scipy_fft"])
                show(f"N={N} K={K} {mode}", med)
                print(f"{'':38s} best convkit / best scipy = {best_ck / best_sp:.2f}")


def f32_cases(reps):
    from convkit._engines import fft, overlap
    print("== float32 vs float64 (same engine), 1 thread")
    for name, eng, N, K in [("oa", overlap, 4 * 10**6, 1024), ("oa", overlap, 4 * 10**6, 8192),
                            ("fft", fft, 10**6, 10**5), ("fft", fft, 10**6, 10**6)]:
        a64, b64 = rand(N, "float64", 1), rand(K, "float64", 2)
        a32, b32 = a64.astype("float32"), b64.astype("float32")
        F = N + K - 1
        fns = {"f64": lambda: eng.convolve(a64, b64, (0,), (F,), (0,)),
               "f32": lambda: eng.convolve(a32, b32, (0,), (F,), (0,))}
        warm(fns, 3)
        med = interleaved(fns, reps)
        show(f"{name} N={N} K={K}", med)
        print(f"{'':38s} f64/f32 = {med['f64'] / med['f32']:.2f}")


def ceiling(reps=5):
    """Two-thread speed-up of two independent planned FFTW loops right now:
    what this (shared) machine can give at the moment."""
    import threading

    import pyfftw
    plans = []
    for _ in range(2):
        c = pyfftw.empty_aligned((2, 8193), "complex128")
        r = c.view(np.float64)[:, :16384]
        f = pyfftw.FFTW(r, c, axes=(1,), flags=("FFTW_ESTIMATE",))
        r[:] = 1
        plans.append(f)

    def loop(f, n=150):
        for _ in range(n):
            f.execute()
    ratios = []
    for _ in range(reps):
        t = time.perf_counter()
        loop(plans[0])
        loop(plans[1])
        serial = time.perf_counter() - t
        t = time.perf_counter()
        th = threading.Thread(target=loop, args=(plans[1],))
        th.start()
        loop(plans[0])
        th.join()
        ratios.append(serial / (time.perf_counter() - t))
    return statistics.median(ratios)


def thread_cases(reps):
    from convkit._engines import fft, overlap
    print("== workers=2 vs workers=1")
    print(f"{'':38s} machine ceiling now (2 independent FFTW loops) = {ceiling():.2f}")
    for name, eng, N, K in [("oa", overlap, 4 * 10**6, 8192), ("oa", overlap, 4 * 10**6, 1024),
                            ("fft", fft, 10**6, 10**5)]:
        a, b = rand(N, "float64", 1), rand(K, "float64", 2)
        F = N + K - 1
        fns = {"w1": lambda: eng.convolve(a, b, (0,), (F,), (0,), workers=1),
               "w2": lambda: eng.convolve(a, b, (0,), (F,), (0,), workers=2)}
        warm(fns, 3)
        med = interleaved(fns, reps, time.perf_counter)
        cpu = interleaved(fns, max(3, reps // 2), time.process_time)
        show(f"{name} N={N} K={K}", med)
        print(f"{'':38s} speed-up = {med['w1'] / med['w2']:.2f}   total CPU (all threads): "
              f"w1={cpu['w1'] * 1e3:.1f}ms w2={cpu['w2'] * 1e3:.1f}ms")
    print(f"{'':38s} machine ceiling now (2 independent FFTW loops) = {ceiling():.2f}")


MEM_CHILD = r"""
import resource, sys, numpy as np
from convkit._engines import overlap
N, K = 50_000_000, 2001
a = np.random.default_rng(0).standard_normal(N)
b = np.random.default_rng(1).standard_normal(K)
overlap.convolve(a[:200000], b, (0,), (200000 + K - 1,), (0,))   # plans, libraries
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
out = overlap.convolve(a, b, (0,), (N + K - 1,), (0,))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(f"out={out.nbytes / 2**20:.0f} MiB  growth of peak RSS={(peak - base) / 2**20:.0f} MiB  "
      f"ratio={(peak - base) / out.nbytes:.3f}")
"""


def mem_case(reps):
    print("== peak memory, 50M float64, K=2001, full (fresh process, ru_maxrss)")
    subprocess.run([sys.executable, "-c", MEM_CHILD], check=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("what", nargs="?", default="all")
    p.add_argument("--reps", type=int, default=9)
    p.add_argument("--cpu", action="store_true")
    args = p.parse_args()
    global CLOCK
    if args.cpu:
        CLOCK = time.thread_time
    os.environ.setdefault("CONVKIT_FFTW_WISDOM", "1")
    # the floor comparison runs the engine on the MEASURE plans warmup(measure=True) makes:
    # the opt-in policy (the default is deterministic ESTIMATE plans; fft_policy_cost.py
    # compares the two)
    os.environ.setdefault("CONVKIT_FFTW_PLANNER", "measure")
    table = {"floor": floor_cases, "oa": oa_cases, "grid": grid_cases, "f32": f32_cases,
             "threads": thread_cases, "mem": mem_case}
    todo = table if args.what == "all" else {args.what: table[args.what]}
    for f in todo.values():
        f(args.reps)


if __name__ == "__main__":
    main()
