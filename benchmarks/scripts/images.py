"""Image filters and template matching, side by side: convkit against scipy.ndimage, OpenCV and scikit-image.

The cells and contestant calls are ``convkit._bench.images``' (those of ``python -m convkit
bench --group images``); this script times them in CPU time of the calling thread
(``time.thread_time``: every contestant runs on one thread, and other processes' load
does not count), in shuffled interleaved rounds, medians. One thread for everyone
(``workers=1``, ``cv2.setNumThreads(1)``, threadpoolctl for BLAS pools). Missing optional
packages (cv2, skimage) leave their columns empty.

Run::

    python benchmarks/scripts/images.py                        # the quick grid
    python benchmarks/scripts/images.py --grid full --only match --rounds 9
    python benchmarks/scripts/images.py --sweep                # tiny/small arrays, every function
    python benchmarks/scripts/images.py --sweep --only float64 --peers ndimage
    python benchmarks/scripts/images.py --fir2d 1024 --rounds 9 --repeat 10   # fir_2d's size limit

``--fir2d N,..`` times ``convkit.ndimage.correlate`` (``--mode``, random k x k weights, k = 3,
5, 7, 8) on N x N images of each dtype (``--only`` filters ``float32,float64,uint8``) both ways:
the engine road and one ``fir_2d`` call, by setting ``_ndimage_passes``' limits, ``--repeat``
back-to-back calls a sample (the measurement behind
``convkit._tuning.NDIMAGE_FIR_2D_LARGE_SAMPLES``).

``--sweep`` runs ``images.sweep_grid()`` (1-D arrays of 1..1000 samples, 2-D up to 64x64,
every ndimage function, uint8/float32/float64) and lists every cell where convkit is
slower than a peer.

Columns: time per call; ``vs X`` is X's time over convkit's (above 1: convkit is faster).
"""

from __future__ import annotations

import argparse
import functools
import time

from threadpoolctl import threadpool_limits

import convkit
from convkit._bench import images, report, run
from convkit._timing import time_interleaved


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--grid", choices=["quick", "full"], default="quick")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--only", default="", help="substring filter on the cell id")
    parser.add_argument("--sweep", action="store_true", help="the tiny/small-array sweep instead of --grid")
    parser.add_argument("--peers", default="", help="comma-separated peers to time (default: every installed one)")
    parser.add_argument("--min-time", type=float, default=0.02, help="seconds per timed sample")
    parser.add_argument("--fir2d", default="", help="image sides: fir_2d against the engine road (see above)")
    parser.add_argument("--repeat", type=int, default=1, help="--fir2d: back-to-back calls a sample")
    parser.add_argument("--mode", default="reflect", help="--fir2d: the boundary mode")
    args = parser.parse_args()
    if args.fir2d:
        with threadpool_limits(1), convkit.set_workers(1):
            fir2d_limits([int(n) for n in args.fir2d.split(",")], args.only or "float32,float64,uint8", args.rounds,
                         args.repeat, args.mode)
        return
    grid = images.sweep_grid() if args.sweep else getattr(images, f"{args.grid}_grid")()
    cells = [c for c in grid if all(part in c.id for part in args.only.split(","))]
    timer = functools.partial(time_interleaved, clock=time.thread_time)
    if args.peers:
        keep = {"convkit", *args.peers.split(",")}
        images.CONTESTANTS = {k: v for k, v in images.CONTESTANTS.items() if k in keep}
    with threadpool_limits(1), convkit.set_workers(1):
        records = [run.run_image_cell(c, repeats=args.rounds, min_time=args.min_time, timer=timer) for c in cells]
    print(f"# {len(cells)} cells, one thread, CPU time (thread_time), medians of {args.rounds} shuffled rounds\n")
    print(report.format_image_table(records))
    print()
    print(report.format_image_summary(report.image_summary(records)))


def fir2d_limits(sides, dtypes, rounds, repeat=1, mode="reflect"):
    """Print fir_2d's time over the engine road's for ``correlate`` (thread CPU medians of
    ``rounds`` shuffled interleaved rounds of ``repeat`` calls), each road forced through
    ``_ndimage_passes``' limits."""
    import random
    import statistics

    import numpy as np

    import convkit.ndimage as ck
    from convkit import _ndimage_passes as passes

    saved = passes._FIR_2D_SAMPLES, passes._FIR_2D_LARGE_SAMPLES
    try:
        for n in sides:
            for dtype in dtypes.split(","):
                for k in (3, 5, 7, 8):
                    rng = np.random.default_rng([n, k])
                    x = rng.integers(0, 256, (n, n)) if dtype == "uint8" else rng.standard_normal((n, n))
                    x = x.astype(dtype)
                    w = rng.standard_normal((k, k)) / k

                    def road(samples, x=x, w=w):
                        passes._FIR_2D_SAMPLES = passes._FIR_2D_LARGE_SAMPLES = samples
                        for _ in range(repeat):
                            ck.correlate(x, w, mode=mode)

                    calls = {"engines": lambda: road(0), "fir_2d": lambda: road(n * n)}
                    times = {name: [] for name in calls}
                    for call in calls.values():
                        call()
                    for _ in range(rounds):
                        for name in random.sample(list(calls), len(calls)):
                            t0 = time.thread_time()
                            calls[name]()
                            times[name].append((time.thread_time() - t0) / repeat)
                    e, f = (statistics.median(times[name]) for name in ("engines", "fir_2d"))
                    print(f"{n}^2 {dtype} {k}x{k}: engines {e * 1e3:.3f} ms, fir_2d {f * 1e3:.3f} ms, "
                          f"fir_2d/engines {f / e:.2f}", flush=True)
    finally:
        passes._FIR_2D_SAMPLES, passes._FIR_2D_LARGE_SAMPLES = saved


if __name__ == "__main__":
    main()
