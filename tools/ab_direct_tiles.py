"""Same-process A/B of a row as one tile against the row split into edge and interior tiles.

    python tools/ab_direct_tiles.py REPS SHAPExKERNEL:DTYPE ...   (e.g. 2048x2048:15x15:float32)

Each cell runs the tiled engine ('same') with the engine's ``tile_bounds`` as it
is, then forced to split every row (``split=True``: edge tiles apart, the
interior read in place instead of through the scratch copy), interleaved,
this thread's CPU time, medians. Both give the same bits (checked). Rows the
rule already splits read the same in both columns.
"""
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
import numpy as np  # noqa: E402

from convkit._engines import direct as D  # noqa: E402
from convkit._engines.direct import _engine  # noqa: E402
from convkit._timing import time_interleaved  # noqa: E402


def main():
    reps = int(sys.argv[1])
    rule = _engine.tile_bounds

    def split(L, W, kw, s_last, T, split=False, rows=1):
        return rule(L, W, kw, s_last, T, True, rows)

    rng = np.random.default_rng(0)
    for spec in sys.argv[2:]:
        shp, ker, dt = spec.split(":")
        a_s, b_s = tuple(int(v) for v in shp.split("x")), tuple(int(v) for v in ker.split("x"))
        x, h = rng.standard_normal(a_s).astype(dt), rng.standard_normal(b_s).astype(dt)
        st = tuple((k - 1) // 2 for k in b_s)

        def run(bounds, x=x, h=h, st=st):
            _engine.tile_bounds = bounds
            try:
                return D.convolve(x, h, tuple(range(x.ndim)), x.shape, st)
            finally:
                _engine.tile_bounds = rule
        fns = {"rule": lambda: run(rule), "split": lambda: run(split)}
        assert fns["rule"]().tobytes() == fns["split"]().tobytes()
        t = time_interleaved(fns, reps, 0.0, min_repeats=reps, clock=time.thread_time)
        m = {k: float(np.median(v)) for k, v in t.items()}
        print(f"{spec}: rule {m['rule'] * 1e3:.3f} ms, split {m['split'] * 1e3:.3f} ms, split/rule "
              f"{m['split'] / m['rule']:.2f}", flush=True)


if __name__ == "__main__":
    main()
