"""Fit the dispatcher's direct float32 scale against float64 twins of the same cells.

    python tools/ab_direct_f32_scale.py [REPS]

Each cell runs the direct engine in float32 and in float64, interleaved, this
thread's CPU time, medians. The float32 scale of the profile in force
(``convkit._profile``, ``direct`` ``scale`` ``f32``) is then chosen on a 0.01
grid so that float32's measured/predicted time over its float64 twin's has a
median of 1: the float64 model's own error cancels, and only how much faster
float32 runs is fitted. Prints that ratio with the scale in force and with the
fit, and per cell.
"""
import copy
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
import numpy as np  # noqa: E402

from convkit import _dispatch, _profile  # noqa: E402
from convkit._engines import Geometry  # noqa: E402
from convkit._engines import direct as D  # noqa: E402
from convkit._timing import time_interleaved  # noqa: E402

CELLS = [((100000,), (64,)), ((100000,), (256,)), ((1000000,), (32,)), ((1000000,), (128,)), ((300000,), (1000,)),
         ((30000,), (16,)), ((100000,), (24,)), ((1000000,), (12,)),
         ((512, 512), (9, 9)), ((1024, 1024), (5, 5)), ((1024, 1024), (7, 7)), ((1024, 1024), (15, 15)),
         ((2048, 2048), (9, 9)), ((2048, 2048), (3, 3)), ((1500, 1500), (11, 11)), ((800, 800), (21, 21)),
         ((256, 4096), (1, 31)), ((64, 65536), (1, 64)), ((300, 300), (5, 6)), ((512, 512), (3, 4)),
         ((200, 200), (13, 13))]


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    rng = np.random.default_rng(0)
    base = _profile.constants()
    meas, geo = [], []
    for a_s, b_s in CELLS:
        fns, gs = {}, {}
        for dt in ("float32", "float64"):
            x, h = rng.standard_normal(a_s).astype(dt), rng.standard_normal(b_s).astype(dt)
            st = tuple((k - 1) // 2 for k in b_s)
            gs[dt] = Geometry(a_s, b_s, tuple(range(len(a_s))), a_s, st, np.dtype(dt), 1)
            fns[dt] = (lambda x=x, h=h, st=st: D.convolve(x, h, tuple(range(x.ndim)), x.shape, st))
        t = time_interleaved(fns, reps, 0.0, min_repeats=reps, clock=time.thread_time)
        meas.append({k: float(np.median(v)) for k, v in t.items()})
        geo.append(gs)

    def rel(s):
        c = copy.deepcopy(base)
        c["direct"]["scale"]["f32"] = s
        return np.array([(m["float32"] / _dispatch.predict("direct", g["float32"], c))
                         / (m["float64"] / _dispatch.predict("direct", g["float64"], c)) for m, g in zip(meas, geo)])

    cur = base["direct"]["scale"]["f32"]
    best = min(np.round(np.arange(0.30, 1.20, 0.01), 2), key=lambda s: abs(np.log(np.median(rel(s)))))
    for s in (cur, best):
        r = rel(s)
        print(f"scale {s}: float32 measured/predicted over float64's, median {np.median(r):.3f}, "
              f"range {r.min():.2f}-{r.max():.2f}")
    for (a_s, b_s), m, r in zip(CELLS, meas, rel(best)):
        print(f"  {a_s}*{b_s}: float32 {m['float32'] * 1e3:.3f} ms, float64 {m['float64'] * 1e3:.3f} ms, "
              f"ratio with {best}: {r:.2f}")


if __name__ == "__main__":
    main()
