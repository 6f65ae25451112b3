"""RSS held by convkit.ndimage's scratch buffers: each of THREADS threads filters one N x N float64
image twice (``correlate`` 3x3: the padded copy; ``gaussian_filter`` sigma 1 and ``uniform_filter``
3 on a 3-D view: the intermediate passes), then, with the threads still alive (their scratch lives
as long as they do), prints the RSS retained over the warm baseline, the peak RSS, the largest
scratch one thread holds and the engines' idle pool.

Run with the checkout to measure on ``PYTHONPATH``::

    python benchmarks/scripts/images_memory.py 2800 1
    python benchmarks/scripts/images_memory.py 2000 4
"""

from __future__ import annotations

import argparse
import gc
import resource
import threading

import numpy as np

import convkit.ndimage as ck
from convkit import _ndimage_padding
from convkit._engines import _buffers


def rss_mib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main(n, threads):
    x = np.random.default_rng(0).standard_normal((n, n))
    w = np.ones((3, 3)) / 9
    small = np.ones((4, 64, 64))
    ck.correlate(small[0], w), ck.gaussian_filter(small[0], 1.0), ck.uniform_filter(small, 3)   # compile
    gc.collect()
    base = rss_mib()
    done = threading.Barrier(threads + 1)
    hold = threading.Event()
    held = []

    def job():
        for _ in range(2):
            ck.correlate(x, w), ck.gaussian_filter(x, 1.0), ck.uniform_filter(x.reshape(4, n // 4, n), 3)
        held.append(sum(b.nbytes for b in getattr(_ndimage_padding._SCRATCH, "bufs", {}).values()) / 2 ** 20)
        done.wait()
        hold.wait()

    pool = [threading.Thread(target=job) for _ in range(threads)]
    for t in pool:
        t.start()
    done.wait()
    gc.collect()
    print(f"n={n} float64 ({x.nbytes / 2 ** 20:.0f} MiB), {threads} thread(s): retained {rss_mib() - base:.0f} MiB "
          f"over the warm baseline, peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB, "
          f"scratch held per thread {max(held):.0f} MiB, engine pool idle {_buffers.idle_bytes() / 2 ** 20:.0f} MiB")
    hold.set()
    for t in pool:
        t.join()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="image side")
    parser.add_argument("threads", type=int, help="threads, each filtering the image")
    args = parser.parse_args()
    main(args.n, args.threads)
