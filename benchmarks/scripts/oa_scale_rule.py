"""Where the overlap-save engine should normalise a group's blocks in a separate pass.

The engine writes each block's kept samples times ``1/N`` into the output. For a group
of ``G`` blocks of length ``L`` (kept ``S = L - k + 1`` each) it can either multiply while
copying (one strided ``np.multiply`` over ``G`` rows of ``S``) or scale the whole ``(G, L)``
buffer in place and then copy (two passes, the same products). numpy's multiply pays a
fixed cost per row segment, so short blocks favour the two passes. This script times both
on the group shapes the engine uses (about 256 KiB of float64 input per group, k = 16)
and prints the ratio per block length; ``_tuning.OA_SCALE_APART_MAX_LEN`` is the longest
length where the two passes still win. Run::

    python benchmarks/scripts/oa_scale_rule.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from numpy.lib.stride_tricks import as_strided

from convkit._timing import median, time_interleaved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    k, scale = 16, 1.0 / 3.0
    print(f"{'L':>6} {'G':>5} {'multiply while copying':>24} {'scale, then copy':>18} {'ratio':>6}")
    for L in (32, 128, 512, 1024, 2048, 4096, 8192, 20000, 60000):
        G = max(1, (256 << 10) // (8 * L))
        S = L - k + 1
        circular = np.random.default_rng(L).standard_normal((G, L))
        out = np.empty(G * S + 64)
        dst = as_strided(out, shape=(G, S), strides=(S * 8, 8), writeable=True)
        src = circular[:, k - 1:k - 1 + S]

        def fused():
            np.multiply(src, scale, out=dst)

        def apart():
            np.multiply(circular, scale, out=circular)
            np.copyto(dst, src)

        samples = time_interleaved({"fused": fused, "apart": apart}, repeats=args.repeat, min_time=0.005,
                                   max_time=2.0, clock=time.thread_time)
        f, a = median(samples["fused"]), median(samples["apart"])
        print(f"{L:>6} {G:>5} {f * 1e6:>21.1f} us {a * 1e6:>15.1f} us {a / f:>6.2f}")


if __name__ == "__main__":
    main()
