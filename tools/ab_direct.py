"""Same-process A/B of the direct engine: an older checkout (renamed ``convkit_base``) against this one.

    git archive REV convkit | tar -x -C /tmp/ab && mv /tmp/ab/convkit /tmp/ab/convkit_base
    python tools/ab_direct.py /tmp/ab [CELL-SUBSTRING] [REPS]

Both packages load in one process (the older one's imports are relative), the
two contestants of each cell run in shuffled order per repetition, timed with
this thread's CPU time (robust to other processes on shared cores), and the
medians are printed with their ratio. Results are checked to agree first.
"""
import os
import random
import sys
import time

sys.path.insert(0, sys.argv[1])
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import numpy as np

try:
    from convkit_base._engines import direct as B
except ImportError:   # a checkout from before the engines package became private
    from convkit_base.engines import direct as B

from convkit._engines import direct as N

rng = np.random.default_rng(0)
cells = []
for K in (16, 64, 256):
    x = rng.standard_normal(10**6)
    h = rng.standard_normal(K)
    cells.append((f"1-D 1e6 K={K} f64", x, h, (0,), (10**6,), ((K - 1) // 2,)))
for K in (16, 64, 256):
    x32 = rng.standard_normal(10**6).astype(np.float32)
    h32 = rng.standard_normal(K).astype(np.float32)
    cells.append((f"1-D 1e6 K={K} f32", x32, h32, (0,), (10**6,), ((K - 1) // 2,)))
X = rng.standard_normal((2048, 2048))
for k in (3, 5, 7, 9, 15):
    h = rng.standard_normal((k, k))
    cells.append((f"2-D 2048^2 k={k}", X, h, (0, 1), X.shape, (k // 2, k // 2)))
Xs = rng.standard_normal((256, 256))
for k in (3, 5):
    h = rng.standard_normal((k, k))
    cells.append((f"2-D 256^2 k={k}", Xs, h, (0, 1), Xs.shape, (k // 2, k // 2)))
cells.append(("2-D 2048^2 15x1", X, rng.standard_normal((15, 1)), (0, 1), X.shape, (7, 0)))
cells.append(("2-D 2048^2 3x4", X, rng.standard_normal((3, 4)), (0, 1), X.shape, (1, 1)))
c = rng.standard_normal((512, 512)) + 1j * rng.standard_normal((512, 512))
hc = rng.standard_normal((7, 7)) + 0j
cells.append(("2-D c128 512^2 7x7", c, hc, (0, 1), (518, 518), (0, 0)))
only = sys.argv[2] if len(sys.argv) > 2 else ""
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 7


def cpu_seconds(fn, inner):
    t = time.thread_time()
    for _ in range(inner):
        fn()
    return (time.thread_time() - t) / inner


for name, a, b, axes, shape, start in cells:
    if only and only not in name:
        continue
    fns = {"base": lambda a=a, b=b, axes=axes, shape=shape, start=start: B.convolve(a, b, axes, shape, start,
                                                                                     separable=False),
           "new": lambda a=a, b=b, axes=axes, shape=shape, start=start: N.convolve(a, b, axes, shape, start,
                                                                                   separable=False)}
    r0, r1 = fns["base"](), fns["new"]()
    assert np.allclose(r0, r1, rtol=1e-9, atol=1e-9 * np.abs(r0).max()), name
    inner = max(1, int(0.02 / max(1e-6, cpu_seconds(fns["new"], 1))))   # about 20 ms a sample
    ts = {k: [] for k in fns}
    for _ in range(reps):
        order = list(fns)
        random.shuffle(order)
        for k in order:
            ts[k].append(cpu_seconds(fns[k], inner))
    mb, mn = np.median(ts["base"]), np.median(ts["new"])
    print(f"{name:22s} base {mb*1e3:8.3f} ms  new {mn*1e3:8.3f} ms  new/base {mn/mb:5.2f}", flush=True)
