"""Before and after: one fixed set of cells timed for two convkit checkouts side by side.

Each checkout runs in its own worker process (so both can be imported under
the name ``convkit``); this process sends the cells to the two workers in a
fresh shuffled order every round, one call at a time (the workers never run
at once), and prints each cell's median CPU time per call for both and the
ratio after/before. Every call uses ``workers=1`` and the public API that
both checkouts share (``convkit.convolve``/``correlate`` with ``method=``), and
the two results are checked to agree before anything is timed. CPU time
(``time.process_time`` of the worker) is used because the machine is shared.

Usage::

    git worktree add /tmp/before 7d43380
    python benchmarks/scripts/before_after.py /tmp/before . [--rounds 7] [--only 1-D]

The first run compiles both checkouts' Numba kernels into their caches
(minutes); use ``NUMBA_CACHE_DIR`` as usual.
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import statistics
import subprocess
import sys
import time

import numpy as np

# (label, function, in1 shape, in2 shape, dtype, method); mode is always 'same'.
CELLS = [
    ("tiny 1-D 16 x 3", "convolve", (16,), (3,), "float64", "auto"),
    ("tiny 2-D 8^2 x 3^2", "convolve", (8, 8), (3, 3), "float64", "auto"),
    ("small 1-D 1000 x 16", "convolve", (1000,), (16,), "float64", "auto"),
    ("small 1-D 1000 x 16", "convolve", (1000,), (16,), "float64", "direct"),
    ("small 2-D 64^2 x 5^2", "convolve", (64, 64), (5, 5), "float64", "auto"),
    ("corr 1-D 1e4 x 32", "correlate", (10_000,), (32,), "float64", "auto"),
    ("mid 1-D 1e5 x 64", "convolve", (100_000,), (64,), "float64", "auto"),
    ("mid 1-D 1e5 x 64", "convolve", (100_000,), (64,), "float64", "direct"),
    ("mid 1-D 1e5 x 1024", "convolve", (100_000,), (1024,), "float64", "auto"),
    ("mid 1-D 1e5 x 1024", "convolve", (100_000,), (1024,), "float64", "fft"),
    ("mid 1-D 1e5 x 1024", "convolve", (100_000,), (1024,), "float64", "oa"),
    ("mid 2-D 256^2 x 7^2", "convolve", (256, 256), (7, 7), "float64", "auto"),
    ("mid 2-D 256^2 x 7^2", "convolve", (256, 256), (7, 7), "float64", "direct"),
    ("mid 2-D c128 256^2 x 5^2", "convolve", (256, 256), (5, 5), "complex128", "auto"),
    ("large 1-D 1e6 x 64", "convolve", (1_000_000,), (64,), "float64", "auto"),
    ("large 1-D 1e6 x 64", "convolve", (1_000_000,), (64,), "float64", "direct"),
    ("large 1-D f32 1e6 x 64", "convolve", (1_000_000,), (64,), "float32", "auto"),
    ("large 1-D 1e6 x 8192", "convolve", (1_000_000,), (8192,), "float64", "auto"),
    ("large 1-D 1e6 x 8192", "convolve", (1_000_000,), (8192,), "float64", "fft"),
    ("large 1-D 1e6 x 8192", "convolve", (1_000_000,), (8192,), "float64", "oa"),
    ("large 2-D 1024^2 x 15^2", "convolve", (1024, 1024), (15, 15), "float64", "auto"),
    ("large 2-D 1024^2 x 15^2", "convolve", (1024, 1024), (15, 15), "float64", "direct"),
    ("large 2-D f32 1024^2 x 7^2", "convolve", (1024, 1024), (7, 7), "float32", "direct"),
    ("large 2-D 1024^2 x 63^2", "convolve", (1024, 1024), (63, 63), "float64", "auto"),
    ("large 2-D 1024^2 x 63^2", "convolve", (1024, 1024), (63, 63), "float64", "fft"),
    ("large 2-D 1024^2 x 63^2", "convolve", (1024, 1024), (63, 63), "float64", "oa"),
]

SAMPLE_SECONDS = 0.02   # each timed sample repeats the call for about this much CPU time


def _data(index):
    _, _, s1, s2, dtype, _ = CELLS[index]
    rng = np.random.default_rng(index)
    dt = np.dtype(dtype)
    if dt.kind == "c":
        return tuple((rng.standard_normal(s) + 1j * rng.standard_normal(s)).astype(dt) for s in (s1, s2))
    return tuple(rng.standard_normal(s).astype(dt) for s in (s1, s2))


def serve(checkout: str) -> None:
    """Worker: import ``convkit`` from ``checkout``, answer (index, repeats) requests on stdin."""
    sys.path.insert(0, os.path.abspath(checkout))
    import convkit

    inp, out = sys.stdin.buffer, sys.stdout.buffer
    data = {}
    while True:
        try:
            index, repeats = pickle.load(inp)
        except EOFError:
            return
        label, func, _, _, _, method = CELLS[index]
        if index not in data:
            data[index] = _data(index)
        a, b = data[index]
        call = getattr(convkit, func)
        t = time.process_time()
        for _ in range(repeats):
            res = call(a, b, "same", method=method, workers=1)
        seconds = (time.process_time() - t) / repeats
        # a thin sample of the result, for the agreement check
        sample = np.asarray(res).ravel()[:: max(1, res.size // 2000)].astype(np.complex128)
        pickle.dump((seconds, sample if repeats == 1 else None), out)
        out.flush()


class Worker:
    """One checkout's worker process."""

    def __init__(self, checkout: str):
        self.proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--serve", checkout],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def run(self, index: int, repeats: int):
        pickle.dump((index, repeats), self.proc.stdin)
        self.proc.stdin.flush()
        return pickle.load(self.proc.stdout)

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", help="checkout directory of the 'before' tree (holds convkit/)")
    parser.add_argument("after", help="checkout directory of the 'after' tree")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--only", default="", help="run only cells whose label contains this")
    args = parser.parse_args(argv)
    chosen = [i for i, c in enumerate(CELLS) if args.only in c[0]]
    workers = {"before": Worker(args.before), "after": Worker(args.after)}
    try:
        repeats = {}
        for i in chosen:   # warm (compile, plan) and check that both give the same values
            first = {side: w.run(i, 1) for side, w in workers.items()}
            for side, w in workers.items():
                first[side] = min(first[side][0], w.run(i, 1)[0]), first[side][1]
            x, y = first["before"][1], first["after"][1]
            scale = max(np.abs(x).max(), 1e-300)
            if not np.allclose(x, y, rtol=1e-6, atol=1e-9 * scale):
                raise SystemExit(f"{CELLS[i][0]} ({CELLS[i][5]}): before and after disagree")
            repeats[i] = max(1, int(SAMPLE_SECONDS / max(1e-7, min(first["before"][0], first["after"][0]))))
        times = {(i, side): [] for i in chosen for side in workers}
        tasks = list(times)
        for _ in range(args.rounds):
            random.shuffle(tasks)
            for i, side in tasks:
                times[i, side].append(workers[side].run(i, repeats[i])[0])
    finally:
        for w in workers.values():
            w.close()
    print(f"before: {args.before}   after: {args.after}   rounds: {args.rounds}   "
          f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("median CPU time per call, workers=1, mode='same', float64 unless named")
    print()
    print("| cell | method | before | after | after/before |")
    print("|---|---|---|---|---|")
    for i in chosen:
        b = statistics.median(times[i, "before"])
        a = statistics.median(times[i, "after"])
        flag = " **slower**" if a > 1.1 * b else ""
        print(f"| {CELLS[i][0]} | {CELLS[i][5]} | {_fmt(b)} | {_fmt(a)} | {a / b:.2f}{flag} |", flush=True)
    return 0


def _fmt(seconds: float) -> str:
    return f"{seconds * 1e6:.1f} us" if seconds < 1e-3 else f"{seconds * 1e3:.2f} ms"


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--serve":
        serve(sys.argv[2])
    else:
        sys.exit(main())
