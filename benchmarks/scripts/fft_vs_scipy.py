"""convkit's FFT engines against scipy.signal's, side by side, with the engines' predictions.

    python benchmarks/scripts/fft_vs_scipy.py [--rounds 5] [--dtypes float64,float32,complex128]
                                              [--only 1d,2d,3d] [--json out.json]

For each cell (shapes, mode, dtype) four contestants run interleaved in shuffled
rounds (``convkit._timing.time_interleaved``), one thread (``workers=1`` and
``threadpool_limits(1)``), timed in the calling thread's CPU time:
convkit ``method='fft'``, ``convkit.oaconvolve``, ``scipy.signal.fftconvolve``
and ``scipy.signal.oaconvolve``. Columns: scipy's best (ms), then each contestant
over scipy's best (lower is faster), ``best`` = convkit's faster engine over
scipy's faster one, and convkit's predicted over measured time for 'fft' and 'oa'
(``choose_method(...).predicted``). The cells are the ones #13 / #14.3 name
(2-D float32 466x499 * 40x40 'same', a length with the factor 3^12, ...),
1-D lengths that are prime-ish, powers of 2 and 3 and 5-smooth, and 2-D / 3-D
shapes drawn once with a fixed seed.

Before timing, one 24 MiB array is allocated and freed. glibc then serves later
allocations up to that size from its heap instead of fresh mmap'd pages (its
dynamic mmap threshold), the state of any process that has freed a large array
before. Without it, each contestant's fresh large arrays cost page faults or not
depending on what the process did earlier: scipy's fftconvolve of 199x342 *
10x30 took 1.1 ms in one process and 3.0 ms in another, convkit's 1.6 and 2.2 ms.
``--no-heap`` leaves the allocator as it is.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

import numpy as np  # noqa: E402
import scipy.signal as ss  # noqa: E402

import convkit  # noqa: E402
from convkit._timing import median, time_interleaved  # noqa: E402

#: (a_shape, b_shape, mode): the cells of #13 / #14.3 and lengths of every factor class
CELLS = {
    "1d": [((1000,), (100,), "full"), ((20000,), (1000,), "full"), ((50000,), (3000,), "same"),
           ((100000,), (3000,), "full"), ((262144,), (8192,), "valid"),
           ((500000,), (30000,), "full"),                # 'full' length 529999: 3^12 = 531441 is 7-smooth
           ((10007,), (997,), "full"),                   # prime lengths
           ((58049,), (1001,), "full"),                  # full length 3^10
           ((130049,), (1024,), "full"),                 # full length 2^17
           ((77125,), (1001,), "full")],                 # full length 5^7
    "2d": [((466, 499), (40, 40), "same"), ((512, 512), (31, 31), "same"), ((678, 674), (40, 40), "full"),
           ((1024, 1024), (63, 63), "same"), ((300, 300), (300, 300), "full"), ((127, 215), (53, 60), "full"),
           ((823, 262), (33, 19), "same"), ((199, 342), (10, 30), "full")],
    "3d": [((48, 48, 48), (9, 9, 9), "same"), ((42, 87, 49), (7, 5, 4), "full")],
}


def _operands(a_shape, b_shape, dtype, rng):
    def one(shape):
        x = rng.standard_normal(shape)
        if np.dtype(dtype).kind == "c":
            x = x + 1j * rng.standard_normal(shape)
        return x.astype(dtype)
    return one(a_shape), one(b_shape)


def measure(a_shape, b_shape, mode, dtype, rounds, rng):
    """Median seconds per contestant and convkit's predictions for one cell."""
    a, b = _operands(a_shape, b_shape, dtype, rng)
    funcs = {"ck_fft": lambda: convkit.convolve(a, b, mode, method="fft", workers=1),
             "ck_oa": lambda: convkit.oaconvolve(a, b, mode, workers=1),
             "sp_fft": lambda: ss.fftconvolve(a, b, mode),
             "sp_oa": lambda: ss.oaconvolve(a, b, mode)}
    times = time_interleaved(funcs, repeats=rounds, min_time=0.02, clock=time.thread_time)
    med = {k: median(v) for k, v in times.items()}
    pred = convkit.choose_method(a, b, mode, axes=tuple(range(a.ndim)), workers=1).predicted
    return med, {"fft": pred.get("fft"), "oa": pred.get("oa")}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--dtypes", default="float64,float32,complex128")
    ap.add_argument("--only", default="1d,2d,3d")
    ap.add_argument("--json", default=None, help="write every cell's medians and predictions here")
    ap.add_argument("--no-heap", action="store_true", help="do not raise glibc's mmap threshold first")
    args = ap.parse_args(argv)
    if not args.no_heap:
        np.ones(3 << 20).sum()          # 24 MiB allocated and freed: see the module docstring
    from threadpoolctl import threadpool_limits

    rng = np.random.default_rng(20261207)
    rows = []
    print(f"convkit {convkit.__file__}; load average {os.getloadavg()[0]:.2f}", flush=True)
    print("| cell | dtype | scipy best ms | ck fft | ck oa | sp fft | sp oa | best | pred/meas fft | pred/meas oa |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    with threadpool_limits(1):
        for cls in args.only.split(","):
            for a_shape, b_shape, mode in CELLS[cls]:
                for dtype in args.dtypes.split(","):
                    med, pred = measure(a_shape, b_shape, mode, dtype, args.rounds, rng)
                    sp = min(med["sp_fft"], med["sp_oa"])
                    best = min(med["ck_fft"], med["ck_oa"]) / sp
                    pf = pred["fft"] / med["ck_fft"] if pred["fft"] else float("nan")
                    po = pred["oa"] / med["ck_oa"] if pred["oa"] else float("nan")
                    cell = f"{a_shape}*{b_shape} {mode}".replace(",)", ")")
                    print(f"| {cell} | {dtype} | {sp * 1e3:.3f} | " +
                          " | ".join(f"{med[k] / sp:.2f}" for k in ("ck_fft", "ck_oa", "sp_fft", "sp_oa")) +
                          f" | {best:.2f} | {pf:.2f} | {po:.2f} |", flush=True)
                    rows.append({"a": a_shape, "b": b_shape, "mode": mode, "dtype": dtype, "median_s": med,
                                 "predicted_s": pred})
    ratios = sorted(min(r["median_s"]["ck_fft"], r["median_s"]["ck_oa"])
                    / min(r["median_s"]["sp_fft"], r["median_s"]["sp_oa"]) for r in rows)
    preds = [p / r["median_s"][f"ck_{e}"] for r in rows for e, p in r["predicted_s"].items() if p]
    within = sum(0.5 <= x <= 2.0 for x in preds)
    print(f"\nconvkit best / scipy best: median {ratios[len(ratios) // 2]:.2f}, worst {ratios[-1]:.2f}, "
          f"{sum(x <= 1.0 for x in ratios)}/{len(ratios)} cells <= 1.0; "
          f"predictions within 2x: {within}/{len(preds)}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
