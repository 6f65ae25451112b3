"""Speed-up of workers=N over workers=1 per engine, measured side by side.

Each cell runs convkit with a forced engine at workers=1 and at each N in
``--workers`` (default: 2 and the core count), interleaved in shuffled rounds;
prints medians and the ratios. The cells are the compute-bound ones of
docs/scaling.md, scaled to fit a small machine.

``--split`` compares instead, per multi-axis fft cell, the chunked separable passes
(``convkit/_engines/_fft_split.py``, what the fft engine runs) with FFTW's own multi-axis plan
(what it ran before), interleaved in one process: thread CPU time at workers=1, wall time and
the threads' summed CPU time at each N (``_tuning.FFT_SPLIT_MIN`` and ``FFT_SPLIT_CHUNK``).

Usage::

    python benchmarks/scripts/threads.py [--rounds 5] [--workers 2 4]
    python benchmarks/scripts/threads.py --split [--rounds 9] [--chunk 32768] [--split-min 0]
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


def split_cells(rng):
    """Multi-axis fft cells: (label, a, b, axes, mode)."""
    yield "2-D 1024^2 x 255^2 same", rng.standard_normal((1024, 1024)), rng.standard_normal((255, 255)), "same"
    yield "2-D 2048^2 x 31^2 same", rng.standard_normal((2048, 2048)), rng.standard_normal((31, 31)), "same"
    yield "2-D 512^2 x 64^2 full", rng.standard_normal((512, 512)), rng.standard_normal((64, 64)), "full"
    yield "2-D 400^2 x 9^2 same", rng.standard_normal((400, 400)), rng.standard_normal((9, 9)), "same"
    yield "2-D 300^2 x 9^2 same", rng.standard_normal((300, 300)), rng.standard_normal((9, 9)), "same"
    yield "3-D 64^3 x 9^3 same", rng.standard_normal((64, 64, 64)), rng.standard_normal((9, 9, 9)), "same"
    yield "3-D 40^3 x 5^3 same", rng.standard_normal((40, 40, 40)), rng.standard_normal((5, 5, 5)), "same"
    yield "batch 4 x 512^2 x 15^2 same", rng.standard_normal((4, 512, 512)), rng.standard_normal((1, 15, 15)), "same"
    yield "batch 8 x 300^2 x 9^2 same", rng.standard_normal((8, 300, 300)), rng.standard_normal((1, 9, 9)), "same"


def _balance(call, split, rounds, threads=2) -> float:
    """The speed-up ``threads`` free cores would give the split path, from CPU times alone (for
    a loaded machine, where wall time says nothing): the call's CPU (all run on the calling
    thread) over its critical path, each phase's tasks dealt in order to whichever of
    ``threads`` simulated threads is free first, as the engine deals them; hand-offs cost
    nothing here, so this bounds the speed-up from above (median of ``rounds`` calls)."""
    run = split._run
    phases = []

    def timed(tasks, workers):
        spent = []

        def wrap(t):
            def go():
                c = time.thread_time()
                t()
                spent.append(time.thread_time() - c)
            return go
        run([wrap(t) for t in tasks], 1)
        phases.append(spent)
    split._run = timed
    try:
        ratios = []
        for _ in range(rounds):
            phases.clear()
            c = time.thread_time()
            call()
            total = time.thread_time() - c
            path = total
            for spent in phases:
                free = [0.0] * threads
                for d in spent:
                    free[free.index(min(free))] += d
                path += max(free) - sum(spent)
            ratios.append(total / path)
    finally:
        split._run = run
    return statistics.median(ratios)


def split_main(args) -> int:
    """``--split``: the chunked passes against FFTW's multi-axis plan (see the docstring)."""
    from convkit._engines import _fft_split, fft

    if args.chunk:
        _fft_split.CHUNK = args.chunk
    if args.split_min is not None:
        _fft_split.SPLIT_MIN = args.split_min
    if args.fuse_min is not None:
        _fft_split.FUSE_MIN = int(args.fuse_min)
    if args.batch_align:
        _fft_split._BATCH_ALIGN_BYTES = args.batch_align
    applies = _fft_split.applies
    rng = np.random.default_rng(0)
    print(f"cores: {os.cpu_count()}; chunk {_fft_split.CHUNK} elements; medians of {args.rounds} rounds")
    print("| cell | workers | split | FFTW plan | split / plan |")
    print("|---|---|---|---|---|")
    for label, a, b, mode in split_cells(rng):
        axes = tuple(range(a.ndim - 2, a.ndim)) if label.startswith("batch") else tuple(range(a.ndim))
        if mode == "same":
            shape, start = a.shape, tuple((b.shape[i] - 1) // 2 if i in axes else 0 for i in range(a.ndim))
        else:
            shape, start = tuple(a.shape[i] + b.shape[i] - 1 for i in range(a.ndim)), (0,) * a.ndim

        def call(split, w, a=a, b=b, axes=axes, shape=shape, start=start):
            _fft_split.applies = applies if split else (lambda *_: False)
            try:
                return fft.convolve(a, b, axes, shape, start, workers=w)
            finally:
                _fft_split.applies = applies
        counts = sorted({2, *args.workers, *args.bound} - {1})
        balance = {n: _balance(lambda: call(True, n), _fft_split, args.rounds, n) for n in counts}
        for w in sorted({1, *args.workers}):
            keys = [(s, w) for s in (True, False)]
            for k in keys:
                call(*k)
            wall, cpu = {k: [] for k in keys}, {k: [] for k in keys}
            for _ in range(args.rounds):
                random.shuffle(keys)
                for k in keys:
                    # the process's CPU time sums every thread's (this script runs nothing else)
                    c, t = time.process_time() if w > 1 else time.thread_time(), time.perf_counter()
                    call(*k)
                    wall[k].append(time.perf_counter() - t)
                    cpu[k].append((time.process_time() if w > 1 else time.thread_time()) - c)
            for what, d in (("thread CPU" if w == 1 else "wall", cpu if w == 1 else wall),
                            *((("CPU, all threads", cpu),) if w > 1 else ())):
                m = {k: statistics.median(v) for k, v in d.items()}
                print(f"| {label} | {w} ({what}) | {m[True, w] * 1e3:.2f} ms | {m[False, w] * 1e3:.2f} ms "
                      f"| {m[True, w] / m[False, w]:.3f} |", flush=True)
        for n, bound in balance.items():
            print(f"| {label} | {n} (CPU critical path) | bound {bound:.2f}x | | |", flush=True)
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, nargs="+", default=sorted({2, os.cpu_count() or 2}))
    parser.add_argument("--split", action="store_true", help="chunked passes against FFTW's multi-axis plan")
    parser.add_argument("--chunk", type=int, default=0, help="with --split: elements per chunk")
    parser.add_argument("--split-min", type=int, default=None, help="with --split: the size floor")
    parser.add_argument("--fuse-min", type=float, default=None,
                        help="with --split: spectra of at least this many bytes run fused (0: all)")
    parser.add_argument("--batch-align", type=int, default=0,
                        help="with --split: column chunk cuts with batch axes at multiples of these bytes")
    parser.add_argument("--bound", type=int, nargs="*", default=[],
                        help="with --split: also bound the speed-up at these thread counts")
    args = parser.parse_args(argv)
    if args.split:
        return split_main(args)
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
