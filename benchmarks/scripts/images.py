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
    args = parser.parse_args()
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


if __name__ == "__main__":
    main()
