"""Measure the direct engine against the issue #7 targets (not an asv suite).

    python benchmarks/scripts/targets_direct.py [--reps 7] [--only 1d,2d,cplx,thr,tiny,sep] [--dtype float32]

Contestants of one target run interleaved (A B C A B C ...), medians reported.
Peak: 2048x2048 matmul of ``--dtype`` (float64: dgemm, float32: sgemm) on one
thread (threadpoolctl), measured in the same run; the 1-D and 2-D cells run in
that dtype and report their share of its peak (the other sections: float64 /
complex128); memory floor: bytes read + written at the copy bandwidth of a
same size np.copyto.
"""
import argparse
import time

import numpy as np
import scipy.ndimage as ndi
import scipy.signal as ss
from threadpoolctl import threadpool_limits

import convkit
from convkit._engines import direct as D

CLOCK = time.thread_time


def interleave(fns, reps, inner=1, clock=None):
    """Median seconds per call; single-thread contestants use this thread's CPU
    time (robust to other processes on the shared cores), threaded ones wall time."""
    clock = clock or CLOCK
    for f in fns.values():   # compile or load what each contestant runs, outside the timing
        f()
    ts = {k: [] for k in fns}
    for _ in range(reps):
        for k, f in fns.items():
            t = clock()
            for _ in range(inner):
                f()
            ts[k].append((clock() - t) / inner)
    return {k: float(np.median(v)) for k, v in ts.items()}


def same(x, h):
    return D.convolve(x, h, tuple(range(x.ndim)), x.shape, tuple((k - 1) // 2 for k in h.shape))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--only", default="1d,2d,cplx,thr,tiny,sep")
    ap.add_argument("--dtype", default="float64", choices=("float64", "float32"),
                    help="dtype of the 1-D and 2-D cells and of the matmul peak they are shares of")
    ap.add_argument("--wall", action="store_true", help="wall time everywhere (default: thread CPU time "
                    "for single-thread contestants)")
    args = ap.parse_args()
    global CLOCK
    if args.wall:
        CLOCK = time.perf_counter
    only = set(args.only.split(","))
    reps = args.reps
    rng = np.random.default_rng(0)
    dt = np.dtype(args.dtype)
    other = np.dtype(np.float32 if dt == np.float64 else np.float64)

    A = rng.random((2048, 2048)).astype(dt)
    B = rng.random((2048, 2048)).astype(dt)
    big = rng.random(2048 * 2048).astype(dt)   # the 2-D image's bytes: its memory floor
    dst = np.empty_like(big)

    def peak():
        with threadpool_limits(1):
            A @ B

    base = interleave({"matmul": peak, "copy": lambda: np.copyto(dst, big)}, reps)
    peak_gf = 2 * 2048 ** 3 / base["matmul"] / 1e9
    bw = 2 * big.nbytes / base["copy"] / 1e9
    gemm = "dgemm" if dt == np.float64 else "sgemm"
    print(f"peak (1-thread {gemm} 2048^2): {peak_gf:.1f} GF/s   copy bandwidth {big.nbytes >> 20} MiB: {bw:.1f} GB/s")

    if "1d" in only:
        N = 10 ** 6
        for K in (16, 64, 256):
            x = rng.standard_normal(N).astype(dt)
            h = rng.standard_normal(K).astype(dt)
            xo, ho = x.astype(other), h.astype(other)
            fns = {
                "peak": peak,
                "direct": lambda: D.convolve(x, h, (0,), (N,), ((K - 1) // 2,)),
                "other": lambda: D.convolve(xo, ho, (0,), (N,), ((K - 1) // 2,)),
                "np.convolve": lambda: np.convolve(x, h, "same"),
            }
            t = interleave(fns, reps)
            pk = 2 * 2048 ** 3 / t["peak"] / 1e9
            gf = 2 * N * K / t["direct"] / 1e9
            gfo = 2 * N * K / t["other"] / 1e9
            print(f"1-D N=1e6 K={K:3d} {dt}: {t['direct']*1e3:7.2f} ms {gf:5.1f} GF/s = {gf/pk:5.1%} of peak "
                  f"{pk:.1f}; {other} {gfo:5.1f} GF/s = {gfo/gf:.2f}x; np.convolve {t['np.convolve']*1e3:.2f} ms "
                  f"({t['np.convolve']/t['direct']:.1f}x slower)")

    if "2d" in only:
        x = rng.standard_normal((2048, 2048)).astype(dt)
        for k in (3, 5, 7, 15):
            h = rng.standard_normal((k, k)).astype(dt)
            fns = {
                "peak": peak,
                "copy": lambda: np.copyto(dst, big),
                "direct": lambda: same(x, h),
                "ndimage": lambda: ndi.convolve(x, h, mode="constant"),
            }
            t = interleave(fns, max(3, reps // 2) if k == 15 else reps)
            pk = 2 * 2048 ** 3 / t["peak"] / 1e9
            gf = 2 * x.size * k * k / t["direct"] / 1e9
            print(f"2-D 2048^2 same k={k:2d} {dt}: {t['direct']*1e3:7.2f} ms = {t['direct']/t['copy']:.2f}x memory "
                  f"floor ({t['copy']*1e3:.2f} ms), {gf:5.1f} GF/s = {gf/pk:5.1%} of peak; ndimage "
                  f"{t['ndimage']*1e3:.1f} ms ({t['ndimage']/t['direct']:.1f}x slower)")

    if "cplx" in only:
        for sa, sb in [((100000,), (64,)), ((512, 512), (7, 7)), ((2000,), (5,))]:
            a = rng.standard_normal(sa) + 1j * rng.standard_normal(sa)
            b = rng.standard_normal(sb) + 1j * rng.standard_normal(sb)
            nd = len(sa)
            full = tuple(p + q - 1 for p, q in zip(sa, sb))
            t = interleave({
                "direct": lambda: D.convolve(a, b, tuple(range(nd)), full, (0,) * nd),
                "scipy": lambda: ss.convolve(a, b, method="direct"),
            }, reps)
            print(f"complex128 {sa}*{sb} full: {t['direct']*1e3:.3f} ms vs scipy direct {t['scipy']*1e3:.3f} ms "
                  f"({t['scipy']/t['direct']:.1f}x)")

    if "thr" in only:
        x = rng.standard_normal(4 * 10 ** 6)
        h = rng.standard_normal(256)
        t = interleave({
            "w1": lambda: D.convolve(x, h, (0,), x.shape, (127,), workers=1),
            "w2": lambda: D.convolve(x, h, (0,), x.shape, (127,), workers=2),
        }, reps, clock=time.perf_counter)
        print(f"threads 1-D N=4e6 K=256: w1 {t['w1']*1e3:.1f} ms, w2 {t['w2']*1e3:.1f} ms: {t['w1']/t['w2']:.2f}x")
        x = rng.standard_normal((2048, 2048))
        for k in (7, 15):
            h = rng.standard_normal((k, k))
            t = interleave({
                "w1": lambda: D.convolve(x, h, (0, 1), x.shape, (k // 2, k // 2), workers=1),
                "w2": lambda: D.convolve(x, h, (0, 1), x.shape, (k // 2, k // 2), workers=2),
            }, max(3, reps // 2), clock=time.perf_counter)
            print(f"threads 2-D 2048^2 k={k}: w1 {t['w1']*1e3:.1f} ms, w2 {t['w2']*1e3:.1f} ms: "
                  f"{t['w1']/t['w2']:.2f}x")

    if "tiny" in only:
        x = rng.standard_normal(100)
        h = rng.standard_normal(5)
        t = interleave({
            "convkit": lambda: convkit.convolve(x, h),
            "engine": lambda: D.convolve(x, h, (0,), (104,), (0,)),
            "np.convolve": lambda: np.convolve(x, h),
        }, 15, inner=2000)
        print(f"tiny N=100 K=5 full: convkit.convolve {t['convkit']*1e6:.2f} us "
              f"({t['convkit']/t['np.convolve']:.2f}x np.convolve), engine alone {t['engine']*1e6:.2f} us, "
              f"np.convolve {t['np.convolve']*1e6:.2f} us")

    if "sep" in only:
        x = rng.standard_normal((2048, 2048))
        g = np.exp(-0.5 * (np.arange(31) - 15) ** 2 / 25.0)
        G = np.outer(g, g)
        t = interleave({
            "sep": lambda: same(x, G),
            "nosep": lambda: D.convolve(x, G, (0, 1), x.shape, (15, 15), separable=False),
        }, 3)
        r1 = same(x, G)
        r2 = D.convolve(x, G, (0, 1), x.shape, (15, 15), separable=False)
        err = np.linalg.norm(r1 - r2) / np.linalg.norm(r2)
        print(f"separable 2048^2 31x31 gaussian: sep {t['sep']*1e3:.1f} ms, loop {t['nosep']*1e3:.1f} ms: "
              f"{t['nosep']/t['sep']:.1f}x; rel L2 diff {err:.1e}")


if __name__ == "__main__":
    main()
