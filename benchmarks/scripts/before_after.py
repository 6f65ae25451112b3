"""Before and after: one fixed set of cells timed for two convkit checkouts side by side.

Each checkout runs in its own worker process (so both can be imported under
the name ``convkit``); this process sends the cells to the two workers in a
fresh shuffled order every round, one call at a time (the workers never run
at once), and prints each cell's median CPU time per call for both and the
ratio after/before. Every call uses ``workers=1`` and the public API that
both checkouts share (``convkit.convolve``/``correlate`` with ``method=``;
batched cells' transform engines ``fftconvolve``/``oaconvolve`` with
``axes``), and the two results are checked to agree before anything is
timed. CPU time of the worker's calling thread is used (``--clock process``:
the whole worker's) because the machine is shared; beside it, the minor page
faults per call (fresh pages a call touched). A worker's warm-up waits for a
background compile its calls started (``CONVKIT_COMPILE=background``), so no
timed call runs the plain loop meanwhile. ``--settle-heap``: each worker first
allocates and frees 24 MiB, so that whether a large array page-faults does not
depend on what that worker happened to do before (glibc's mmap threshold).

Grids (``--grid``):

* ``default``: a fixed set of tiny to large cells in mode 'same', auto and
  the engines it competes with;
* ``regret``: ``regret.py``'s grid (64 cells, mode 'full', float64), auto
  only: auto's time per regret cell in both trees;
* ``quick``: ``python -m convkit bench --quick``'s grid (taken from the
  *after* checkout's ``convkit._bench.cells``), convkit auto and each engine
  (``--methods``) that the after tree predicts under ``--skip`` seconds.

Usage::

    git worktree add --detach /tmp/before 7d43380
    python benchmarks/scripts/before_after.py /tmp/before . [--grid regret] [--rounds 7] [--only REGEX]
    python benchmarks/scripts/before_after.py /tmp/before . --cell 256x256*63x63:full:oa --cell 10000*16:full:direct

The first run compiles both checkouts' Numba kernels into their caches
(minutes); use ``NUMBA_CACHE_DIR`` as usual. To make a tree from before the
ESTIMATE-only FFT planning plan alike, run with ``CONVKIT_FFTW_MEASURE_AFTER=0
CONVKIT_FFTW_WISDOM=0`` (later trees ignore them).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import pickle
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from typing import NamedTuple

import numpy as np


class Spec(NamedTuple):
    """One timed call: ``func(in1, in2, mode, method=method)`` on seeded data (``axes``: batched)."""

    label: str
    func: str
    shape1: tuple
    shape2: tuple
    dtype: str
    method: str
    mode: str = "same"
    axes: tuple | None = None


# The default grid: mode 'same'.
CELLS = [Spec(*c) for c in [
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
]]

SAMPLE_SECONDS = 0.02   # each timed sample repeats the call for about this much CPU time


def regret_grid() -> list[Spec]:
    """``regret.py``'s cells (mode 'full', float64), auto only."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from regret import grid

    return [Spec(f"{len(s1)}-D {'x'.join(map(str, s1))} x {'x'.join(map(str, s2))}", "convolve", s1, s2,
                 "float64", "auto", "full") for s1, s2 in grid()]


def quick_grid(after: str, methods: list[str], skip: float) -> list[Spec]:
    """``bench --quick``'s cells from the ``after`` checkout, with each of ``methods`` that applies.

    An engine the after tree predicts slower than ``skip`` seconds is left
    out (auto and the engine auto chooses always run).
    """
    sys.path.insert(0, os.path.abspath(after))
    import convkit
    from convkit._bench.cells import quick_grid as cells

    specs = []
    for cell in cells():
        a, b = _data(Spec("", cell.op, cell.shape1, cell.shape2, cell.dtype, "auto", cell.mode, cell.axes))
        choice = convkit.choose_method(a, b, cell.mode, workers=1)
        for method in methods:
            predicted = choice.predicted.get(method, 0.0)
            if method not in ("auto", choice.method) and predicted > skip:
                continue
            specs.append(Spec(cell.id, cell.op, cell.shape1, cell.shape2, cell.dtype, method, cell.mode, cell.axes))
    del sys.path[0]
    return specs


def parse_cell(text: str) -> Spec:
    """``--cell`` text ``"256x256*63x63:full:oa[:float64[:correlate]]"`` as a Spec."""
    shapes, mode, method, *rest = text.split(":")
    s1, s2 = (tuple(int(n) for n in part.split("x")) for part in shapes.split("*"))
    dtype = rest[0] if rest else "float64"
    func = rest[1] if len(rest) > 1 else "convolve"
    return Spec(text, func, s1, s2, dtype, method, mode)


def _data(spec: Spec):
    """The operands of ``spec``: seeded by its shapes, the same in both workers."""
    rng = np.random.default_rng([*spec.shape1, *spec.shape2])
    dt = np.dtype(spec.dtype)
    if dt.kind == "c":
        return tuple((rng.standard_normal(s) + 1j * rng.standard_normal(s)).astype(dt)
                     for s in (spec.shape1, spec.shape2))
    return tuple(rng.standard_normal(s).astype(dt) for s in (spec.shape1, spec.shape2))


def _call(convkit, spec: Spec, a, b):
    """The zero-argument call ``spec`` times (batched transform engines: ``fftconvolve``/``oaconvolve``)."""
    if spec.axes is not None and spec.method in ("fft", "oa"):
        func = convkit.fftconvolve if spec.method == "fft" else convkit.oaconvolve
        return lambda: func(a, b, spec.mode, spec.axes, workers=1)
    func = getattr(convkit, spec.func)
    return lambda: func(a, b, spec.mode, method=spec.method, workers=1)


def serve(checkout: str, clock_name: str, settle_heap: bool) -> None:
    """Worker: import ``convkit`` from ``checkout``, answer (spec, repeats) requests on stdin."""
    if settle_heap:
        # allocate and free 24 MiB: glibc's mmap threshold rises to that size, so every later
        # large array comes from its heap in both workers, whatever each did before
        np.ones(3 << 20)
    sys.path.insert(0, os.path.abspath(checkout))
    import convkit

    try:  # trees with never-wait compilation: wait for what a warm-up call started compiling
        from convkit._execute_compile import wait
    except ImportError:
        def wait():
            return True
    clock = time.thread_time if clock_name == "thread" else time.process_time
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    calls = {}
    while True:
        try:
            fields, repeats = pickle.load(inp)
            spec = Spec(*fields)
        except EOFError:
            return
        if spec not in calls:
            calls[spec] = _call(convkit, spec, *_data(spec))
            for _ in range(2):  # compile, plan, and let a background compile finish (it may start one per call)
                calls[spec]()
                wait()
        call = calls[spec]
        faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        t = clock()
        for _ in range(repeats):
            res = call()
        seconds = (clock() - t) / repeats
        faults = (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults) / repeats
        # a thin sample of the result, for the agreement check
        sample = np.asarray(res).ravel()[:: max(1, res.size // 2000)].astype(np.complex128)
        pickle.dump((seconds, faults, sample if repeats == 1 else None), out)
        out.flush()


class Worker:
    """One checkout's worker process."""

    def __init__(self, checkout: str, clock: str, settle_heap: bool):
        self.proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--serve", checkout, clock,
                                      "1" if settle_heap else "0"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def run(self, spec: Spec, repeats: int):
        pickle.dump((tuple(spec), repeats), self.proc.stdin)
        self.proc.stdin.flush()
        return pickle.load(self.proc.stdout)

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", help="checkout directory of the 'before' tree (holds convkit/)")
    parser.add_argument("after", help="checkout directory of the 'after' tree")
    parser.add_argument("--grid", choices=("default", "regret", "quick"), default="default")
    parser.add_argument("--cell", action="append", default=[],
                        help="time this cell instead of a grid: 'SHAPE1*SHAPE2:MODE:METHOD[:DTYPE[:correlate]]', "
                             "shapes like 256x256 (repeatable)")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--only", default="", help="run only cells whose label matches this regular expression")
    parser.add_argument("--methods", default="auto,direct,fft,oa", help="--grid quick: the contestants")
    parser.add_argument("--skip", type=float, default=0.05, help="--grid quick: skip engines predicted slower (s)")
    parser.add_argument("--clock", choices=("thread", "process"), default="thread")
    parser.add_argument("--json", default=None, help="write every sample here")
    parser.add_argument("--settle-heap", action="store_true",
                        help="each worker first allocates and frees 24 MiB, so neither tree's large arrays "
                             "page-fault by the luck of what its process did before (see fft_memo_replay.py)")
    args = parser.parse_args(argv)
    if args.cell:
        specs = [parse_cell(text) for text in args.cell]
    elif args.grid == "regret":
        specs = regret_grid()
    elif args.grid == "quick":
        specs = quick_grid(args.after, args.methods.split(","), args.skip)
    else:
        specs = CELLS
    specs = [s for s in specs if re.search(args.only, s.label)]
    workers = {side: Worker(path, args.clock, args.settle_heap)
               for side, path in (("before", args.before), ("after", args.after))}
    try:
        repeats = {}
        for spec in specs:   # warm (compile, plan) and check that both give the same values
            first = {side: w.run(spec, 1) for side, w in workers.items()}
            for side, w in workers.items():
                first[side] = min(first[side][0], w.run(spec, 1)[0]), first[side][2]
            x, y = first["before"][1], first["after"][1]
            scale = max(np.abs(x).max(), 1e-300)
            # single precision: the trees may transform in different precisions (float64 FFTs for
            # float32 results in later trees), so the results agree only to float32's accuracy
            rtol, atol = (1e-4, 1e-5) if np.dtype(spec.dtype) in (np.float32, np.complex64) else (1e-6, 1e-9)
            if not np.allclose(x, y, rtol=rtol, atol=atol * scale):
                raise SystemExit(f"{spec.label} ({spec.method}): before and after disagree")
            repeats[spec] = max(1, int(SAMPLE_SECONDS / max(1e-7, min(first["before"][0], first["after"][0]))))
        times = {(spec, side): [] for spec in specs for side in workers}
        faults = {key: [] for key in times}   # minor page faults per call (fresh pages touched)
        tasks = list(times)
        for _ in range(args.rounds):
            random.shuffle(tasks)
            for spec, side in tasks:
                seconds, per_call, _ = workers[side].run(spec, repeats[spec])
                times[spec, side].append(seconds)
                faults[spec, side].append(per_call)
    finally:
        for w in workers.values():
            w.close()
    print(f"before: {args.before}   after: {args.after}   grid: {args.grid}   rounds: {args.rounds}   "
          f"settled heap: {'yes' if args.settle_heap else 'no'}   "
          f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"median {args.clock} CPU time per call, workers=1; faults: median minor page faults per call")
    print()
    print("| cell | mode | dtype | method | before | after | after/before | faults before/after |")
    print("|---|---|---|---|---|---|---|---|")
    ratios = []
    for spec in specs:
        b = statistics.median(times[spec, "before"])
        a = statistics.median(times[spec, "after"])
        ratios.append(a / b)
        flag = " **slower**" if a > 1.05 * b else ""
        fb, fa = (statistics.median(faults[spec, side]) for side in ("before", "after"))
        print(f"| {spec.label} | {spec.mode} | {spec.dtype} | {spec.method} | {_fmt(b)} | {_fmt(a)} | "
              f"{a / b:.2f}{flag} | {fb:.3g} / {fa:.3g} |", flush=True)
    print(f"\n{len(ratios)} cells: after/before median {statistics.median(ratios):.2f}, geometric mean "
          f"{math.exp(sum(map(math.log, ratios)) / len(ratios)):.3f}, worst {max(ratios):.2f}, "
          f"above 1.05: {sum(r > 1.05 for r in ratios)}")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump([{**spec._asdict(), "before": times[spec, "before"], "after": times[spec, "after"],
                        "faults_before": faults[spec, "before"], "faults_after": faults[spec, "after"]}
                       for spec in specs], fh, indent=1)
    return 0


def _fmt(seconds: float) -> str:
    return f"{seconds * 1e6:.1f} us" if seconds < 1e-3 else f"{seconds * 1e3:.2f} ms"


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--serve":
        serve(sys.argv[2], sys.argv[3], sys.argv[4] == "1")
    else:
        sys.exit(main())
