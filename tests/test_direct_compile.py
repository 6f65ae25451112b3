"""The direct engine compiles only what a call runs, and says whether that is ready."""
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from convkit._engines import Geometry
from convkit._engines import direct as D

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def geometry(a_shape, b_shape, dtype="float64", region="same"):
    nd = len(a_shape)
    if region == "same":
        shape, start = tuple(a_shape), tuple((q - 1) // 2 for q in b_shape)
    else:
        shape, start = tuple(p + q - 1 for p, q in zip(a_shape, b_shape)), (0,) * nd
    return Geometry(tuple(a_shape), tuple(b_shape), tuple(range(nd)), shape, start, np.dtype(dtype), 1)


def _compiled_state():
    from convkit._engines.direct import _compiled, _drivers
    return ({n: len(getattr(_drivers, n).signatures) for n in ("tiles", "blocks", "columns", "small_1d", "small_2d")},
            set(_compiled._cfuncs))


@pytest.mark.parametrize("a_shape, b_shape, dtype", [
    ((100000,), (64,), "float64"), ((20000,), (21,), "float32"), ((512, 512), (7, 7), "float64"),
    ((300, 200), (3, 3), "int64"), ((100, 120), (15, 1), "float64"), ((64, 70), (2, 3), "complex128"),
    ((10, 12, 14), (3, 2, 5), "float64"), ((50,), (4,), "float64"), ((30,), (5,), "uint64"),
    ((2000,), (5,), "complex128"), ((3000,), (40,), "int64"),
])
def test_prepare_compiles_everything_a_call_runs(a_shape, b_shape, dtype):
    rng = np.random.default_rng(0)
    g = geometry(a_shape, b_shape, dtype)
    a = rng.integers(0, 100, a_shape).astype(dtype)
    b = rng.integers(0, 100, b_shape).astype(dtype)
    prepared = D.ENGINE.prepare(b, g)
    assert D.ENGINE.compiled(g)
    before = _compiled_state()
    res = D.ENGINE.convolve(a, prepared, g, workers=1)
    assert _compiled_state() == before, "the call compiled something prepare() did not"
    assert res.shape == g.shape and res.dtype == np.dtype(dtype) and res.flags.c_contiguous


def test_kernels_for_names_only_what_the_shape_uses():
    names = D.ENGINE.kernels_for(geometry((100000,), (64,)))
    assert names == ("_drivers.tiles[float64]", "_kernels.row_taps_16[float64]")
    names = D.ENGINE.kernels_for(geometry((512, 512), (7, 7)))
    assert "_kernels.row_block_2x7[float64]" in names and "_kernels.row_taps_7[float64]" in names
    assert not [n for n in names if "pooled" in n or "column" in n]
    assert D.ENGINE.kernels_for(geometry((50,), (4,))) == ("_drivers.small_1d[float64]",)


def test_first_call_compiles_only_its_kernels(tmp_path):
    """With an empty cache: a 1-D call compiles its driver and one kernel; compiled() is False before,
    True after; a second process finds both in the cache without compiling."""
    code = textwrap.dedent("""
        import sys
        import numpy as np
        from convkit._engines import Geometry
        from convkit._engines import direct as D
        g = Geometry((20000,), (40,), (0,), (20000,), (19,), np.dtype("float64"), 1)
        ready = D.ENGINE.compiled(g)
        D.ENGINE.convolve(np.ones(20000), np.ones(40), g, workers=1)
        from convkit._engines.direct import _compiled, _drivers
        from convkit._engines.direct._tiling import max_taps
        kernels = sorted({(k, n) for (k, n, dt, name) in _compiled._cfuncs})
        print(ready, D.ENGINE.compiled(g), max_taps(), kernels, len(_drivers.blocks.signatures),
              sum(_drivers.tiles.stats.cache_hits.values()))
    """)
    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp_path))
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    ready, after, mt, rest = first.stdout.split(" ", 3)
    # K=40 in balanced passes of at most mt taps (16 taps: 13, 14, 13; 8 taps: five of 8);
    # the generic row kernel fills the other slots; no row-block driver
    counts = {8: "(0, 8)", 16: "(0, 13), (0, 14)"}[int(mt)]
    assert (ready, after, rest.split()) == ("False", "True", f"[(0, 0), {counts}] 0 0".split())
    assert second.stdout.split()[:2] == ["True", "True"] and second.stdout.split()[-1] == "1"
