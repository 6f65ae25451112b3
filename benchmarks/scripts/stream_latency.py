"""Feed latency of convkit.StreamConvolver: median, p99 and max over many blocks.

Each case builds a StreamConvolver (construction is timed separately: it
prepares kernels, plans and buffers), then feeds ``--blocks`` chunks of ``B``
samples of 48 kHz mono noise, one block per ``feed`` as an audio callback
would, and times every call (``time.perf_counter``, wall clock). A real-time
stream needs every feed under its block's duration ``B / 48 kHz``; issue 12
asks for max <= 2x the median from the first feed on.

    python benchmarks/scripts/stream_latency.py              # default: ~1 minute
    python benchmarks/scripts/stream_latency.py --full       # B = 64..4096 x K up to 2 s
    python benchmarks/scripts/stream_latency.py --B 256 --K 96000 --blocks 10000
    python benchmarks/scripts/stream_latency.py --B 1024 --K 96000 --steps   # tail-level steps
    python benchmarks/scripts/stream_latency.py --B 1024 --K 96000 --trace   # CPU per step kind
    python benchmarks/scripts/stream_latency.py --root ../other-worktree     # another version

The default run is a subset (B = 64, 256, 1024, 4096 against K = 2 s, plus
short kernels). On a shared machine the max is dominated by preemption: the
script also prints the max of the per-block thread CPU time
(``time.thread_time``), which preemption does not inflate.
"""
from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

import numpy as np  # noqa: E402

FS = 48_000


def run_case(B, K, blocks, partition, dtype="float64", seed=0):
    from convkit._stream import StreamConvolver

    rng = np.random.default_rng(seed)
    h = (rng.standard_normal(K) * np.exp(-np.arange(K) / (K / 4 + 1))).astype(dtype)
    x = rng.standard_normal(B * blocks).astype(dtype)
    t0 = time.perf_counter()
    sc = StreamConvolver(h, block_size=B, partition=partition)
    t_build = time.perf_counter() - t0
    wall = np.empty(blocks)
    cpu = np.empty(blocks)
    for i in range(blocks):
        chunk = x[i * B:(i + 1) * B]
        c0 = time.thread_time()
        t = time.perf_counter()
        sc.feed(chunk)
        wall[i] = time.perf_counter() - t
        cpu[i] = time.thread_time() - c0
    med = statistics.median(wall)
    cmed = max(statistics.median(cpu), 1e-9)
    # work imbalance: the median feed of each block phase (index modulo the tail level's
    # steps) over the median; scheduler noise falls on every phase alike
    period = getattr(getattr(sc, "_tail_level", None), "steps", 1)
    phase_max = max(float(np.median(cpu[p::period])) for p in range(period)) / cmed
    floor = matched_floor(cmed, blocks)
    return {"B": B, "K": K, "method": sc.method, "two_level": getattr(sc, "_two_level", False),
            "build_ms": t_build * 1e3, "median_us": med * 1e6,
            "p99_us": float(np.percentile(wall, 99)) * 1e6, "max_us": wall.max() * 1e6,
            "max_over_median": wall.max() / med, "first_over_median": wall[0] / med,
            "cpu_first_over_median": cpu[0] / cmed, "cpu_p99_over_median": float(np.percentile(cpu, 99)) / cmed,
            "cpu_max_over_median": cpu.max() / cmed, "cpu_median_us": cmed * 1e6,
            "cpu_phase_max_over_median": phase_max, "floor_cpu_p99_over_median": floor[0],
            "floor_cpu_max_over_median": floor[1], "budget_us": B / FS * 1e6}


def tail_steps(B, K, blocks, dtype="float64"):
    """Median thread CPU time of each step of a two-level stream's tail-level job (the
    long block's work spread over the short blocks), beside the median feed."""
    from convkit._stream import StreamConvolver

    rng = np.random.default_rng(0)
    sc = StreamConvolver(rng.standard_normal(K).astype(dtype), block_size=B)
    lv1 = getattr(sc, "_tail_level", None)
    if lv1 is None:
        return None
    per_step = {}
    real_step = lv1.step

    def timed():
        k, t = lv1.job, time.thread_time()
        out = real_step()
        per_step.setdefault(k, []).append(time.thread_time() - t)
        return out
    lv1.step = timed
    x = rng.standard_normal(B * blocks).astype(dtype)
    feeds = np.empty(blocks)
    for i in range(blocks):
        t = time.thread_time()
        sc.feed(x[i * B:(i + 1) * B])
        feeds[i] = time.thread_time() - t
    steps = {k: statistics.median(v) * 1e6 for k, v in per_step.items() if k is not None}
    return {"parts": getattr(lv1, "parts", 1), "L": lv1.L, "median_feed_us": float(np.median(feeds)) * 1e6,
            "steps_us": [round(steps[k], 1) for k in sorted(steps)]}


class _Timed:
    """Stands in for an FFTW plan (or a compiled kernel): adds each call's thread CPU time to
    ``acc[kind]`` at the current block."""

    def __init__(self, fn, kind, acc, cur):
        self.fn, self.kind, self.acc, self.cur = fn, kind, acc, cur

    def execute(self):
        t = time.thread_time()
        self.fn.execute()
        self.acc[self.kind][self.cur[0]] += time.thread_time() - t

    def __call__(self, *args):
        t = time.thread_time()
        out = self.fn(*args)
        self.acc[self.kind][self.cur[0]] += time.thread_time() - t
        return out


def trace_case(B, K, blocks, dtype="float64", seed=0):
    """Where each feed's thread CPU time goes, per step kind: the levels' forward and inverse
    transforms, the MAC (head and tail level), the sub-transform assembly (combine, gather),
    and the rest (copies, the output array, Python). Returns the mean us per block of each
    kind, the median feed, and the median feed of each block phase (block index modulo the
    tail level's steps): a phase that costs more than the others is work imbalance, which
    scheduler noise (random in phase) does not make."""
    from convkit import _stream_levels as lv
    from convkit._stream import StreamConvolver

    rng = np.random.default_rng(seed)
    h = (rng.standard_normal(K) * np.exp(-np.arange(K) / (K / 4 + 1))).astype(dtype)
    sc = StreamConvolver(h, block_size=B)
    acc = {}
    cur = [0]
    levels = [("head", getattr(sc, "_head_level", None)), ("tail", getattr(sc, "_tail_level", None))]
    levels = [(name, level) for name, level in levels if level is not None]
    kinds = []
    for name, level in levels:
        for attr in ("fwd", "inv"):
            plans = getattr(level, attr + "s", None) or [getattr(level, attr)]
            wrapped = [_Timed(p, f"{name} {attr} FFT (L={level.M if level.parts > 1 else level.L})",
                              acc, cur) for p in plans]
            kinds.append(wrapped[0].kind)
            if hasattr(level, attr + "s"):
                setattr(level, attr + "s", wrapped)
            setattr(level, attr, wrapped[0])
    mac = lv._mac()
    head_H = levels[0][1].H

    def timed_mac(ring, H, *args):
        kind = "head MAC" if H is head_H else "tail MAC"
        t = time.thread_time()
        mac(ring, H, *args)
        acc[kind][cur[0]] += time.thread_time() - t
    kinds += ["head MAC", "tail MAC"]
    slices = "_slice_kernels" if hasattr(lv, "_slices") else "_split_kernels"   # (older versions: _split)
    old_slices = getattr(lv, slices)
    lv._mac_kernel = timed_mac
    if len(levels) > 1 and slices == "_slice_kernels":
        combine, slice_mac, gather = lv._slices()
        lv._slice_kernels = (_Timed(combine, "tail combine", acc, cur), _Timed(slice_mac, "tail MAC", acc, cur),
                             _Timed(gather, "tail gather", acc, cur))
        kinds += ["tail combine", "tail gather"]
    elif len(levels) > 1 and levels[1][1].parts > 1:
        combine, gather = lv._split()
        lv._split_kernels = (_Timed(combine, "tail combine", acc, cur), _Timed(gather, "tail gather", acc, cur))
        kinds += ["tail combine", "tail gather"]
    for k in kinds + ["feed"]:
        acc[k] = np.zeros(blocks)
    x = rng.standard_normal(B * blocks).astype(dtype)
    try:
        for i in range(blocks):
            cur[0] = i
            chunk = x[i * B:(i + 1) * B]
            t = time.thread_time()
            sc.feed(chunk)
            acc["feed"][i] = time.thread_time() - t
    finally:
        lv._mac_kernel = mac
        setattr(lv, slices, old_slices)
    feed = acc.pop("feed")
    rest = feed - sum(acc.values())
    period = getattr(levels[-1][1], "steps", 1) if len(levels) > 1 else 1
    phase = [float(np.median(feed[p::period])) * 1e6 for p in range(period)]
    mean = {k: float(v.mean()) * 1e6 for k, v in acc.items()}
    mean["rest (copies, output, Python)"] = float(rest.mean()) * 1e6
    phase_max = {k: max(float(np.median(v[p::period])) for p in range(period)) * 1e6 for k, v in acc.items()}
    phase_max["rest (copies, output, Python)"] = max(float(np.median(rest[p::period]))
                                                     for p in range(period)) * 1e6
    return {"median_feed_us": float(np.median(feed)) * 1e6, "mean_us": mean, "phase_max_us": phase_max,
            "phase_us": phase}


def matched_floor(target_s, blocks):
    """Thread CPU p99/median and max/median of constant work (np.sort) sized to take about
    ``target_s``, run as many times as the feeds: what this machine does to any task of
    that length (cache and TLB refills after preemption, interrupts), beside the feeds."""
    a = np.random.default_rng(0).standard_normal(200_000)
    n = 1000
    for _ in range(3):                      # size it: np.sort is about linear at these sizes
        t = time.thread_time()
        for _ in range(20):
            np.sort(a[:n])
        n = max(64, min(a.size, int(n * target_s / max((time.thread_time() - t) / 20, 1e-9))))
    cpu = np.empty(blocks)
    part = a[:n]
    for i in range(blocks):
        c = time.thread_time()
        np.sort(part)
        cpu[i] = time.thread_time() - c
    med = max(float(np.median(cpu)), 1e-9)
    return float(np.percentile(cpu, 99)) / med, float(cpu.max()) / med


def noise_floor(blocks):
    """The same statistics for constant single-threaded work (np.sort of 6000 floats):
    what this machine does to any ~50 us task, for comparison: wall median, p99/median,
    max/median, then the same three for thread CPU time."""
    a = np.random.default_rng(0).standard_normal(6000)
    wall = np.empty(blocks)
    cpu = np.empty(blocks)
    for i in range(blocks):
        c = time.thread_time()
        t = time.perf_counter()
        np.sort(a)
        wall[i] = time.perf_counter() - t
        cpu[i] = time.thread_time() - c
    med, cmed = statistics.median(wall), statistics.median(cpu)
    return (med, np.percentile(wall, 99) / med, wall.max() / med,
            cmed, np.percentile(cpu, 99) / cmed, cpu.max() / cmed)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--full", action="store_true", help="B = 64..4096 x K = 0.01..2 s (several minutes)")
    ap.add_argument("--blocks", type=int, default=None, help="feeds per case (default 10000; 3000 in the default run)")
    ap.add_argument("--B", type=int, nargs="*", default=None)
    ap.add_argument("--K", type=int, nargs="*", default=None)
    ap.add_argument("--partition", default="auto", choices=["auto", "uniform"])
    ap.add_argument("--gc-off", action="store_true",
                    help="disable Python's cyclic garbage collector while feeding (as audio callbacks do)")
    ap.add_argument("--trace", action="store_true",
                    help="print where each feed's CPU time goes (per step kind) and the median feed per "
                         "block phase instead")
    ap.add_argument("--steps", action="store_true",
                    help="print the CPU time of each tail-level step of two-level streams instead")
    ap.add_argument("--root", default=None,
                    help="import convkit from this source tree instead (a worktree of another version, "
                         "to compare in alternating runs)")
    args = ap.parse_args(argv)
    if args.root:
        sys.path.insert(0, os.path.abspath(args.root))
    if args.steps:
        for K in args.K or [96000]:
            for B in args.B or [256, 512, 1024]:
                r = tail_steps(B, K, args.blocks or 3000)
                if r is None:
                    print(f"B={B} K={K}: one level")
                    continue
                print(f"B={B} K={K}: tail level L={r['L']} in {r['parts']} part(s); median feed "
                      f"{r['median_feed_us']:.1f} us CPU; steps (us CPU): {r['steps_us']}")
        return
    if args.trace:
        print(f"thread CPU per feed by step kind, {args.blocks or 3000} blocks per case")
        for K in args.K or [4800, 24000, 96000]:
            for B in args.B or [64, 256, 1024, 4096]:
                r = trace_case(B, K, args.blocks or 3000)
                print(f"B={B} K={K}: median feed {r['median_feed_us']:.1f} us CPU; per block phase (us): "
                      f"{[round(v, 1) for v in r['phase_us']]}")
                for kind, us in r["mean_us"].items():
                    print(f"    {kind:<32} mean {us:7.1f} us/block, worst phase median {r['phase_max_us'][kind]:7.1f}")
        return
    if args.full:
        Bs = args.B or [64, 128, 256, 512, 1024, 2048, 4096]
        Ks = args.K or [32, 480, 4800, 24000, 96000]
        blocks = args.blocks or 10_000
    else:
        Bs = args.B or [64, 256, 1024, 4096]
        Ks = args.K or [32, 96000]
        blocks = args.blocks or 3000
    med, p99, mx, cmed, cp99, cmx = noise_floor(blocks)
    print(f"machine noise floor (constant np.sort work): wall median {med * 1e6:.1f} us, p99/median "
          f"{p99:.2f}, max/median {mx:.2f}; cpu median {cmed * 1e6:.1f} us, p99/median {cp99:.2f}, "
          f"max/median {cmx:.2f}")
    print("wall: perf_counter per feed; cpu: thread_time per feed (not inflated by preemption); "
          "phase: worst median feed of a block phase / median (work imbalance); floor: cpu p99/median "
          "and max/median of constant work of the feeds' median length (np.sort), run as often")
    print(f"{'B':>5} {'K':>6} {'engine':>10} {'build ms':>9} {'median us':>10} {'p99 us':>8} {'max us':>9} "
          f"{'max/med':>8} {'1st/med':>8} {'cpu med us':>10} {'cpu 1st/med':>11} {'cpu p99/med':>11} "
          f"{'cpu max/med':>11} {'phase/med':>9} {'floor p99':>9} {'floor max':>9} {'budget us':>10}")
    for K in Ks:
        for B in Bs:
            if args.gc_off:
                gc.collect()
                gc.disable()
            try:
                r = run_case(B, K, blocks, args.partition)
            finally:
                gc.enable()
            eng = r["method"] + ("-2lvl" if r["two_level"] else "")
            print(f"{B:5d} {K:6d} {eng:>10} {r['build_ms']:9.1f} {r['median_us']:10.1f} {r['p99_us']:8.1f} "
                  f"{r['max_us']:9.1f} {r['max_over_median']:8.2f} {r['first_over_median']:8.2f} "
                  f"{r['cpu_median_us']:10.1f} {r['cpu_first_over_median']:11.2f} {r['cpu_p99_over_median']:11.2f} "
                  f"{r['cpu_max_over_median']:11.2f} {r['cpu_phase_max_over_median']:9.2f} "
                  f"{r['floor_cpu_p99_over_median']:9.2f} {r['floor_cpu_max_over_median']:9.2f} "
                  f"{r['budget_us']:10.0f}", flush=True)


if __name__ == "__main__":
    main()
