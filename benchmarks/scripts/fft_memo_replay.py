"""Plan-memo replay: does a plan rebuilt from recorded ESTIMATE wisdom run as fast as the plan it records?

For each cell, one fresh process plans it from nothing with an empty plan memo
(``CONVKIT_FFTW_PLAN_MEMO_DIR``, recording the wisdom) and a second fresh process
replays that record. Each prints the result's hash (the bits must match) and the
thread CPU time per call (median of 9 runs of 5 calls). ``--in-place-from N`` also
runs each cell with power-of-two innermost lengths from N points planned in
place (``convkit._engines._spectral.SEPARATE_MAX`` lowered for them; the default
since ``FFT_INPLACE_POW2_MIN``). ``--settle-heap``: each process first allocates
and frees 24 MiB. Without it, whether a call's large arrays (its output, a
kernel spectrum) come from glibc's heap or from fresh pages depends on what the
process did before: on epyc-zen4-2c (2026-12-07) that alone made one replay run
2.27x its recorded time with the same plan and the same bits.

    python benchmarks/scripts/fft_memo_replay.py [--in-place-from 16384] [--settle-heap]
    python benchmarks/scripts/fft_memo_replay.py --record-cost
    python benchmarks/scripts/fft_memo_replay.py --replan-parts

``--record-cost`` prints what recording a bundle costs against planning it from nothing
(``_tuning.FFTW_RECORD_MIN_S``); ``--replan-parts`` where re-planning a recorded 1-D
convolution goes (importing the record, and its header line alone, each plan's twiddle tables).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile

CELLS = [(100_000, 8192, "full", "oa"), (100_000, 1024, "same", "oa"), (1_000_000, 8192, "same", "oa"),
         (200_000, 30_000, "same", "fft")]

_CHILD = r"""
import hashlib, statistics, sys, time
import numpy as np
if sys.argv[6] == "1":
    # allocate and free 24 MiB first: glibc then serves every later large array from its heap
    # (its mmap threshold rises), so no call pays fresh pages, whatever the process did before
    np.ones(3 << 20)
from convkit._engines import _spectral
pow2_min = int(sys.argv[5])
if pow2_min:
    make = _spectral.transform_buffers
    def in_place_pow2(bundle, fshape, axes, dtype, real):
        n = fshape[axes[-1]] if axes else 0
        saved = _spectral.SEPARATE_MAX
        if n >= pow2_min and n & (n - 1) == 0:
            _spectral.SEPARATE_MAX = 0
        try:
            return make(bundle, fshape, axes, dtype, real)
        finally:
            _spectral.SEPARATE_MAX = saved
    _spectral.transform_buffers = in_place_pow2
import convkit
n, k, mode, method = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
rng = np.random.default_rng(0)
a, b = rng.standard_normal(n), rng.standard_normal(k)
out = convkit.convolve(a, b, mode, method=method)
runs = []
for _ in range(9):
    t = time.thread_time()
    for _ in range(5):
        convkit.convolve(a, b, mode, method=method)
    runs.append((time.thread_time() - t) / 5)
print(hashlib.sha256(out.tobytes()).hexdigest()[:12], f"{statistics.median(runs) * 1e3:.3f}")
"""


def _run(cell, memo_dir, pow2_min, settle_heap):
    env = dict(os.environ, CONVKIT_FFTW_PLAN_MEMO="1", CONVKIT_FFTW_PLAN_MEMO_DIR=memo_dir)
    args = [sys.executable, "-c", _CHILD, *map(str, cell), str(pow2_min), "1" if settle_heap else "0"]
    digest, ms = subprocess.run(args, env=env, capture_output=True, text=True, check=True).stdout.split()
    return digest, float(ms)


def record_cost() -> None:
    """What a memo record costs against planning from nothing (``_tuning.FFTW_RECORD_MIN_S``):
    FFTW_ESTIMATE forward + backward plans from empty wisdom, then exporting and importing
    their wisdom, thread CPU time, for c2c and r2c/c2r transforms in and out of place."""
    import time

    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    from convkit._engines import _fft_plans

    pf = _fft_plans.lib()
    print("| length | kind | layout | plan ms | export ms | import ms |")
    print("|---|---|---|---|---|---|")
    for n in (1120, 21000, 53760, 322560):
        for kind in ("c2c", "r2c"):
            for inplace in (False, True):
                pf.forget_wisdom()
                if kind == "c2c":
                    x = pf.empty_aligned(n, "complex128")
                    y = x if inplace else pf.empty_aligned(n, "complex128")
                else:
                    y = pf.empty_aligned(n // 2 + 1, "complex128")
                    x = y.view("float64")[:n] if inplace else pf.empty_aligned(n, "float64")
                t = time.thread_time()
                plans = (pf.FFTW(x, y, flags=("FFTW_ESTIMATE",)),
                         pf.FFTW(y, x, direction="FFTW_BACKWARD", flags=("FFTW_ESTIMATE", "FFTW_DESTROY_INPUT")))
                planned = time.thread_time() - t
                t = time.thread_time()
                wisdom = pf.export_wisdom()
                exported = time.thread_time() - t
                pf.forget_wisdom()
                t = time.thread_time()
                pf.import_wisdom(wisdom)
                imported = time.thread_time() - t
                del plans
                print(f"| {n} | {kind} | {'in place' if inplace else 'out of place'} | {planned * 1e3:.2f} | "
                      f"{exported * 1e3:.2f} | {imported * 1e3:.2f} |", flush=True)
    pf.forget_wisdom()


def replan_parts() -> None:
    """Where a recorded 1-D real convolution's re-planning goes (what the first call of a length
    found in the plan memo or the filled plan store pays besides executing): importing its
    record, then each of its three FFTW plans (their twiddle tables), thread CPU time and page
    faults, three repetitions per length."""
    import resource
    import time
    from functools import partial

    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    import numpy as np

    from convkit._engines import _fft_plans, _spectral

    pf, dt = _fft_plans.lib(), np.dtype(np.float64)

    def faults():
        return resource.getrusage(resource.RUSAGE_THREAD).ru_minflt

    print("| length | import ms | header alone ms | forward ms (faults) | second forward ms | inverse ms (faults) |")
    print("|---|---|---|---|---|---|")
    for n in (21000, 53760, 82944):
        f = (n,)
        key = _spectral._conv_key(f, f, f, dt, (0,), 1)
        _fft_plans.plan_estimate(partial(_spectral._plan_conv, f, f, f, dt, (0,), 1),
                                 _fft_plans.Bundle(key, "FFTW_ESTIMATE"), disk=False)
        record = _fft_plans._known[repr(key)]
        # the record's first line alone: FFTW checks its solver configuration (an MD5 over every
        # solver's name) on each import, whatever the record holds
        header = (record[0].split(b"\n")[0] + b"\n)\n", b"", b"")
        for _ in range(3):
            pf.forget_wisdom()
            h0 = time.thread_time()
            pf.import_wisdom(header)
            h1 = time.thread_time()
            pf.forget_wisdom()
            t0 = time.thread_time()
            pf.import_wisdom(record)
            t1 = time.thread_time()
            bundle = _fft_plans.Bundle(key, "FFTW_ESTIMATE")
            A, a = _spectral.transform_buffers(bundle, f, (0,), dt, True)
            B, b = _spectral.transform_buffers(bundle, f, (0,), dt, True)
            parts, plans = [], []        # the plans stay alive together, as in a bundle (shared twiddles)
            for x, y, direction in ((a, A, "FFTW_FORWARD"), (b, B, "FFTW_FORWARD"), (A, a, "FFTW_BACKWARD")):
                f0, t = faults(), time.thread_time()
                plans.append(_fft_plans.make_fftw(x, y, (0,), direction, "FFTW_ESTIMATE", 1))
                parts.append(((time.thread_time() - t) * 1e3, faults() - f0))
            pf.forget_wisdom()
            del plans
            print(f"| {n} | {(t1 - t0) * 1e3:.3f} | {(h1 - h0) * 1e3:.3f} | {parts[0][0]:.3f} ({parts[0][1]}) | "
                  f"{parts[1][0]:.3f} | "
                  f"{parts[2][0]:.3f} ({parts[2][1]}) |", flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--in-place-from", type=int, default=0,
                        help="also plan power-of-two innermost lengths from this many points in place")
    parser.add_argument("--settle-heap", action="store_true",
                        help="each process first allocates and frees 24 MiB (large arrays then come from the heap)")
    parser.add_argument("--record-cost", action="store_true",
                        help="only print what a memo record costs against planning from nothing")
    parser.add_argument("--replan-parts", action="store_true",
                        help="only print where re-planning a recorded 1-D convolution goes")
    args = parser.parse_args(argv)
    if args.record_cost:
        record_cost()
        return 0
    if args.replan_parts:
        replan_parts()
        return 0
    layouts = [("default", 0)] + ([(f"in place from {args.in_place_from}", args.in_place_from)]
                                  if args.in_place_from else [])
    print("| cell | layout | recorded ms | replayed ms | replayed/recorded | same bits |")
    print("|---|---|---|---|---|---|")
    for cell in CELLS:
        for name, pow2_min in layouts:
            with tempfile.TemporaryDirectory() as memo_dir:
                rec_hash, rec_ms = _run(cell, memo_dir, pow2_min, args.settle_heap)
                rep_hash, rep_ms = _run(cell, memo_dir, pow2_min, args.settle_heap)
            label = f"{cell[0]} x {cell[1]} '{cell[2]}' {cell[3]}"
            print(f"| {label} | {name} | {rec_ms:.3f} | {rep_ms:.3f} | {rep_ms / rec_ms:.2f} | "
                  f"{'yes' if rec_hash == rep_hash else 'NO'} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
