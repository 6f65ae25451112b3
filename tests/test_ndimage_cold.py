"""convkit.ndimage's cold road (convkit._ndimage_cold): while the compiled kernels compile in a
background process, calls run their numpy repetitions (convkit._ndimage_numpy), which give the
same bits, and Numba is not imported. Checked kernel by kernel, call by call (cold road against
compiled road, bit for bit, over shapes, modes, origins, axes and dtypes), and in fresh processes
(which kernels ran and whether Numba loaded, not how long it took)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

import convkit.ndimage as ck
from convkit import _ndimage_cold, _ndimage_numpy, _running
from convkit._ndimage_padding import index_map

from _helpers import keyed_rng

ROOT = Path(__file__).resolve().parents[1]
MODES = ["reflect", "constant", "nearest", "mirror", "wrap"]
IMAGE_DTYPES = ["float32", "float64", "uint8", "int16", "bool"]

pytestmark = pytest.mark.usefixtures("fresh_ndimage_plans")


_rng = keyed_rng


def _data(rng, shape, dtype):
    dtype = np.dtype(dtype)
    if dtype.kind == "b":
        return rng.random(shape) < 0.5
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        return rng.integers(max(info.min, -1000), min(info.max, 1000), shape, endpoint=True).astype(dtype)
    return (rng.standard_normal(shape) * 50).astype(dtype)


def assert_same_bits(got, want):
    assert got.dtype == want.dtype and got.shape == want.shape
    assert got.tobytes() == want.tobytes()


def _both(kernel, *args, out_shape, out_dtype):
    """``kernel(*args, out)`` compiled and in numpy, each into a fresh output."""
    res = []
    for module in (_running, _ndimage_numpy):
        out = np.full(out_shape, 7, out_dtype)
        getattr(module, kernel)(*args, out)
        res.append(out)
    return res


# ---------------------------------------------------------------- kernel by kernel


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("k", [1, 2, 3, 5, 8, 9, 13, 17, 18, 25])   # 16 and up: fir_planes' two-row loop
@pytest.mark.parametrize("xdt, cdt", [("float64", "float64"), ("float32", "float32"), ("float32", "float64"),
                                       ("uint8", "float32"), ("int16", "float64"), ("float64", "float32")])
def test_fir_kernels(mode, k, xdt, cdt):
    rng = _rng("fir", mode, k, xdt, cdt)
    n = 29
    left = int(rng.integers(0, k))
    idx = index_map(n, left, k - 1 - left, mode)
    w = rng.standard_normal(k).astype(cdt)
    rows = _data(rng, (4, n), xdt)
    a, b = _both("fir_rows", rows, idx, left, w, -2.5, out_shape=(4, n), out_dtype=cdt)
    assert_same_bits(b, a)
    planes = _data(rng, (3, n, 6), xdt)
    a, b = _both("fir_planes", planes, idx, w, -2.5, out_shape=(3, n, 6), out_dtype=cdt)
    assert_same_bits(b, a)
    if cdt == "float64":
        snap = 1.0 + 1e-12
        a, b = _both("fir_rows_scaled", rows, idx, left, w, -2.5, snap, out_shape=(4, n), out_dtype=cdt)
        assert_same_bits(b, a)
        a, b = _both("fir_planes_scaled", planes, idx, w, -2.5, snap, out_shape=(3, n, 6), out_dtype=cdt)
        assert_same_bits(b, a)


@pytest.mark.parametrize("mode", ["reflect", "constant", "wrap"])
# fir_rows' chain: first passes of 1, 3, 5 and 9 taps, then 8, 4 and 1 a pass (7: 3 + 4, 15: 3 + 8 + 4)
@pytest.mark.parametrize("k", [1, 3, 5, 7, 9, 15, 25])
# rows shorter than FIR_ROWS_FLAT in blocks (150 x 29: several blocks, the last one partial); longer ones row by
# row; calls on at most FIR_ROWS_TINY outputs one inline pass per tap
@pytest.mark.parametrize("shape", [(150, 29), (3, _running.FIR_ROWS_FLAT + 3), (1, 40)])
@pytest.mark.parametrize("xdt, cdt", [("float64", "float64"), ("uint8", "float32")])
def test_fir_rows_blocks(mode, k, shape, xdt, cdt):
    # (1, 40): FIR_ROWS_TINY's inline passes
    assert (shape[0] * (shape[1] + k - 1) > _running.FIR_ROWS_BLOCK or shape[1] >= _running.FIR_ROWS_FLAT
            or shape[0] * shape[1] <= _running.FIR_ROWS_TINY)
    rng = _rng("rows", mode, k, shape, xdt, cdt)
    left = int(rng.integers(0, k))
    idx = index_map(shape[1], left, k - 1 - left, mode)
    w = rng.standard_normal(k).astype(cdt)
    rows = _data(rng, shape, xdt)
    a, b = _both("fir_rows", rows, idx, left, w, -2.5, out_shape=shape, out_dtype=cdt)
    assert_same_bits(b, a)


@pytest.mark.parametrize("mode", MODES)
# wide: 2-D rows of at least FIR_2D_WIDE samples run fir_2d's other loop (a ring of rows)
@pytest.mark.parametrize("kshape, wide", [((1, 1), False), ((3, 3), False), ((2, 5), False), ((7, 4), False),
                                          ((3, 2, 4), False), ((1, 3, 3), False), ((1, 1), True),
                                          ((3, 3), True), ((2, 5), True), ((7, 4), True), ((3, 9), True)])
@pytest.mark.parametrize("xdt, cdt", [("float64", "float64"), ("float32", "float32"), ("uint8", "float64")])
def test_fir_2d_3d(mode, kshape, wide, xdt, cdt):
    rng = _rng("nd", mode, kshape, xdt, cdt, wide)
    shape = ((11, 133) if wide else (11, 9, 7))[:len(kshape)]
    lefts = [int(rng.integers(0, k)) for k in kshape]
    maps = [index_map(n, lo, k - 1 - lo, mode) for n, k, lo in zip(shape, kshape, lefts)]
    x = _data(rng, shape, xdt)
    w = rng.standard_normal(kshape).astype(cdt)
    name = "fir_2d" if len(kshape) == 2 else "fir_3d"
    assert_same_bits(*_both(name, x, *maps, w, 1.5, out_shape=shape, out_dtype=cdt)[::-1])
    if cdt == "float64":
        assert_same_bits(*_both(name + "_scaled", x, *maps, w, 1.5, 1.0 + 1e-12, out_shape=shape,
                                out_dtype=cdt)[::-1])


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("sizes", [(3, 3), (5, 2), (1, 9), (16, 16), (40, 4)])
@pytest.mark.parametrize("shape", [(13, 140), (40, 7)])   # blocks of rows: one partial, several
def test_box_fir_2d(mode, sizes, shape):
    """The float64 2-D box filter in one sweep, compiled and in numpy (its two passes)."""
    rng = _rng("boxfir2d", mode, sizes, shape)
    x = _data(rng, shape, "float64")
    (k0, k1), lefts = sizes, [int(rng.integers(0, k)) for k in sizes]
    ridx, cidx = (index_map(n, lo, k - 1 - lo, mode) for n, k, lo in zip(shape, sizes, lefts))
    w1 = np.full(k1, 1.0 / k1)
    a, b = _both("box_fir_2d", x, ridx, k0, cidx, lefts[1], w1, -2.5, out_shape=shape, out_dtype="float64")
    assert_same_bits(b, a)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("sizes", [(3, 3), (5, 2), (1, 9), (16, 16), (40, 4)])
@pytest.mark.parametrize("dtype", ["uint8", "int8"])
def test_box_2d_int(mode, sizes, dtype):
    """The 2-D int8/uint8 box filter in one sweep, compiled and in numpy (its two passes)."""
    from convkit._ndimage_passes import box_inverse

    rng = _rng("box2d", mode, sizes, dtype)
    info = np.iinfo(dtype)
    x = rng.integers(info.min, info.max, (13, 140), endpoint=True).astype(dtype)
    (k0, k1), lefts = sizes, [int(rng.integers(0, k)) for k in sizes]
    maps = [index_map(n, lo, k - 1 - lo, mode) for n, k, lo in zip(x.shape, sizes, lefts)]
    a, b = _both("box_2d_int", x, *maps, lefts[1], k0, k1, 5.0, box_inverse(k0), box_inverse(k1),
                 out_shape=x.shape, out_dtype=dtype)
    assert_same_bits(b, a)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("size", [1, 2, 3, 4, 7, 16, 17, 40])
@pytest.mark.parametrize("xdt, odt", [("float64", "float64"), ("float32", "float32"), ("uint8", "uint8"),
                                       ("int16", "float64"), ("uint16", "uint16")])
def test_running_sums(mode, size, xdt, odt):
    """mean_rows (one chain, or four segments where L >= 8 * size), mean_planes and box_rows_small."""
    rng = _rng("box", mode, size, xdt, odt)
    for n in (5, 8 * size, 8 * size + 3, 333):
        left = int(rng.integers(0, size))
        idx = index_map(n, left, size - 1 - left, mode)
        cval = 3.0 if np.dtype(odt).kind in "iu" else -1.25
        rows = _data(rng, (3, n), xdt)
        if np.dtype(odt).kind in "iu":
            rows = np.abs(rows).astype(xdt)   # means in range: the kernels' store is numpy's cast
        a, b = _both("mean_rows", rows, idx, left, size, cval, out_shape=(3, n), out_dtype=odt)
        assert_same_bits(b, a)
        planes = rows.reshape(1, 3, n).transpose(0, 2, 1).copy()
        a, b = _both("mean_planes", planes, idx, size, cval, out_shape=planes.shape, out_dtype=odt)
        assert_same_bits(b, a)
        if np.dtype(odt).kind in "iu":
            a, b = _both("box_rows_small", rows, idx, left, size, cval, out_shape=(3, n), out_dtype=odt)
            assert_same_bits(b, a)


def test_running_sums_non_finite():
    """inf and NaN samples (inf - inf in the running sums) and a signed zero window."""
    x = np.array([[1.0, np.inf, 2.0, -0.0, -0.0, -0.0, np.nan, 4.0, -np.inf, 5.0, 6.0, 7.0] * 3])
    for size in (1, 2, 3):
        idx = index_map(x.shape[1], size // 2, size - 1 - size // 2, "reflect")
        assert_same_bits(*_both("mean_rows", x, idx, size // 2, size, 0.0, out_shape=x.shape, out_dtype="f8"))


@pytest.mark.parametrize("k", [1, 2, 3, 5, 6])
@pytest.mark.parametrize("mode", ["reflect", "constant"])
@pytest.mark.parametrize("weights", ["random", "symmetric", "antisymmetric"])
def test_unit_samples(k, mode, weights):
    rng = _rng("unit", k, mode, weights)
    w = rng.standard_normal(k)
    if weights == "symmetric":
        w = w + w[::-1]
    elif weights == "antisymmetric":
        w = w - w[::-1]
    x = _data(rng, 40, "float32")
    for left in range(k):
        for sym, nd in ((0, False), (1, False), (-1, False), (0, True)):
            a, b = _both("unit_samples", x, w, left, sym, mode == "constant", 0.75, nd, out_shape=40, out_dtype="f8")
            assert_same_bits(b, a)


# ---------------------------------------------------------------- call by call


@pytest.fixture
def road():
    """``road(kernels, f, *args, **kw)``: the call with every pass on ``kernels`` (the numpy
    module, or None for the compiled ones)."""

    def run(kernels, f, *args, **kw):
        real = _ndimage_cold.begin, _ndimage_cold._warm
        _ndimage_cold.begin = lambda x: setattr(_ndimage_cold, "_k", kernels)
        _ndimage_cold._warm = set()   # every call through begin
        try:
            return f(*args, **kw)
        finally:
            _ndimage_cold.begin, _ndimage_cold._warm = real
            _ndimage_cold._k = None

    return run


def _laplacian(ndim):
    w = np.zeros((3,) * ndim, np.int64)
    for axis in range(ndim):
        index = [1] * ndim
        for i in (0, 2):
            index[axis] = i
            w[tuple(index)] = 1
    w[(1,) * ndim] = -2 * ndim
    return w


def _cases(dtype, ndim):
    """(label, function, args, kwargs) of every public function on a ``dtype`` image of ``ndim`` axes."""
    rng = _rng("calls", dtype, ndim)
    shapes = {1: [(1,), (7,), (300,)], 2: [(1, 9), (16, 23), (130, 257), (400, 410)],
              3: [(1, 5, 6), (6, 7, 9), (24, 30, 41)]}[ndim]
    for shape in shapes:
        x = _data(rng, shape, dtype)
        axis = int(rng.integers(-ndim, ndim))
        mode = MODES[int(rng.integers(len(MODES)))]
        k = int(rng.integers(2, 12))
        w1 = rng.standard_normal(k)
        origin = int(rng.integers(-(k // 2), (k - 1) // 2 + 1))
        wn = rng.standard_normal((3,) * ndim)
        yield from [
            ("correlate1d", ck.correlate1d, (x, w1), dict(axis=axis, mode=mode, cval=0.5, origin=origin)),
            ("correlate1d integer weights", ck.correlate1d, (x, [1, -2, 3]), dict(axis=axis, mode=mode)),
            ("convolve1d", ck.convolve1d, (x, w1), dict(axis=axis, mode=mode, origin=origin)),
            ("correlate", ck.correlate, (x, wn), dict(mode=mode, cval=-1.0)),
            ("convolve box", ck.convolve, (x, np.ones((3,) * ndim) / 3 ** ndim), dict(mode=mode)),
            ("convolve Laplacian (exact integer road)", ck.convolve, (x, _laplacian(ndim)), dict(mode=mode)),
            ("correlate integer weights, zero fill", ck.correlate, (x, _laplacian(ndim)[::-1] * 3),
             dict(mode="constant")),
            ("correlate one axis", ck.correlate, (x, w1.reshape((1,) * (ndim - 1) + (k,))), dict(mode=mode)),
            ("uniform_filter", ck.uniform_filter, (x, k), dict(mode=mode, cval=2.0)),
            ("uniform_filter sizes", ck.uniform_filter, (x, [3, 21, 5][:ndim]), dict(mode=mode)),
            ("uniform_filter1d", ck.uniform_filter1d, (x, 2 * k + 15), dict(axis=axis, mode=mode, origin=1)),
            ("gaussian_filter", ck.gaussian_filter, (x, 1.5), dict(mode=mode, cval=1.0)),
            ("gaussian_filter order", ck.gaussian_filter, (x, [2.0, 0.7, 1.0][:ndim]),
             dict(order=[1, 0, 2][:ndim], mode=mode)),
            ("gaussian_filter1d", ck.gaussian_filter1d, (x, 3.0), dict(axis=axis, mode=mode, truncate=3.0)),
            ("gaussian_filter axes", ck.gaussian_filter, (x, 1.0), dict(axes=(axis,))),
            ("gaussian_filter float32 output", ck.gaussian_filter, (x, 1.0), dict(output=np.float32)),
            ("uniform_filter float64 output", ck.uniform_filter, (x, 3), dict(output=np.float64)),
        ]


@pytest.mark.parametrize("ndim", [1, 2, 3])
@pytest.mark.parametrize("dtype", IMAGE_DTYPES)
def test_cold_calls_give_the_compiled_bits(road, dtype, ndim):
    for label, f, args, kw in _cases(dtype, ndim):
        want = road(None, f, *args, **kw)
        got = road(_ndimage_numpy, f, *args, **kw)
        assert got.dtype == want.dtype and got.tobytes() == want.tobytes(), label


@pytest.mark.parametrize("mode", ["reflect", "constant"])
@pytest.mark.parametrize("scale", [2 ** 20, 2 ** 45])
def test_cold_exact_integer_sums(road, mode, scale):
    """Integer images with integer 2-D weights beyond the small-image loop: the engines' exact sums
    (float32, float64, or int64 beyond float64's bound) and numpy's give the same integers."""
    x = (_rng("exact", mode, scale).integers(-8, 8, (300, 310)) * scale).astype(np.int64)
    w = np.array([[1, 2, 1], [0, -3, 0], [1, 2, 1]])
    for kw in ({}, {"output": np.int32}) if scale < 2 ** 30 else ({},):
        want = road(None, ck.correlate, x, w, mode=mode, cval=5, **kw)
        got = road(_ndimage_numpy, ck.correlate, x, w, mode=mode, cval=5, **kw)
        assert_same_bits(got, want)


@pytest.mark.parametrize("dtype", ["float32", "float64", "uint8"])
def test_fir_2d_row_split_gives_the_same_bits(road, dtype):
    """fir_2d/fir_2d_scaled split by output rows over threads (large images) or not (the numpy
    road, one thread): the same bits."""
    import convkit

    x = _data(_rng("split", dtype), (400, 410), dtype)
    w = _rng("split w").standard_normal((5, 4))
    want = road(_ndimage_numpy, ck.correlate, x, w, mode="mirror", origin=(1, -1))
    for workers in (1, 2, 3):
        with convkit.set_workers(workers):
            assert_same_bits(road(None, ck.correlate, x, w, mode="mirror", origin=(1, -1)), want)
            assert_same_bits(road(None, ck.correlate, x, w, mode="mirror", origin=(1, -1),
                                  output=np.empty_like(x)), want)


def test_cold_road_runs_the_numpy_kernels(monkeypatch):
    """The cold road's passes really are numpy's: a compiled kernel called there fails the test."""
    x = _data(_rng("which"), (64, 80), "float64")
    calls = []

    def spy(name, kernel):
        def call(*args):
            calls.append(name)
            return kernel(*args)
        return call

    for name in ("fir_rows", "fir_planes", "mean_rows", "mean_planes"):
        monkeypatch.setattr(_ndimage_numpy, name, spy(name, getattr(_ndimage_numpy, name)))

    class Refuse:
        def __getattr__(self, name):
            raise AssertionError(f"compiled {name} on the cold road")

    monkeypatch.setattr(_ndimage_cold, "_compiled", Refuse())
    monkeypatch.setattr(_ndimage_cold, "_warm", set())
    monkeypatch.setattr(_ndimage_cold, "_k", None)
    monkeypatch.setattr(_ndimage_cold, "begin", lambda a: setattr(_ndimage_cold, "_k", _ndimage_numpy))
    ck.gaussian_filter(x, 2.0)
    ck.uniform_filter(x, 21)
    assert calls == ["fir_planes", "fir_rows", "mean_planes", "mean_rows"]


# ---------------------------------------------------------------- fresh processes

_SCRIPT = textwrap.dedent("""
    import json, sys
    import numpy as np
    import convkit.ndimage as nd
    from convkit import _execute_compile, _ndimage_cold
    x = (np.random.default_rng(0).random((512, 512)) * 100)
    CALLS = [lambda: nd.gaussian_filter(x, 2.0), lambda: nd.uniform_filter(x.astype(np.float32), 5),
             lambda: nd.gaussian_filter(x.astype(np.uint8), 2.0), lambda: nd.correlate1d(x, np.ones(7) / 7),
             lambda: nd.uniform_filter(x.astype(np.uint8), 5), lambda: nd.convolve(x, np.ones((5, 5)) / 25),
             lambda: nd.correlate(x.astype(np.uint8), np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]]))]
    first = [f() for f in CALLS]
    report = {"numba_after_first": "numba" in sys.modules, "compiling": _ndimage_cold.running()}
    _execute_compile.wait(600)
    _ndimage_cold._numpy_left = 0   # as after WARM_NUMPY_SAMPLES samples: the compiled road from here
    second = [f() for f in CALLS]
    report["numba_after_second"] = "numba" in sys.modules
    report["same_bits"] = [a.dtype == b.dtype and a.tobytes() == b.tobytes() for a, b in zip(first, second)]
    report["markers"] = [_ndimage_cold._on_disk(c) for c in "dfB"]
    print(json.dumps(report))
""")


def _fresh(tmp_path, mode=None):
    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp_path / "numba"), XDG_CACHE_HOME=str(tmp_path / "xdg"),
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("CONVKIT_COMPILE", None)
    if mode:
        env["CONVKIT_COMPILE"] = mode
    out = subprocess.run([sys.executable, "-c", _SCRIPT], env=env, capture_output=True, text=True, timeout=900,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_fresh_process_background_then_compiled(tmp_path):
    """An empty cache: the first calls load no Numba and start a background compile; once it is
    done the same calls run compiled with the same bits, and so does a new process from the start
    (it finds the markers)."""
    first = _fresh(tmp_path)
    assert first["numba_after_first"] is False
    assert first["compiling"] is True
    assert first["numba_after_second"] is True
    assert all(first["same_bits"])
    # one background compile at a time: the first dtype's is done (later ones start on later calls)
    assert first["markers"][0] is True
    again = _fresh(tmp_path)
    assert again["numba_after_first"] is False     # cached, but a short script need not load Numba
    assert again["numba_after_second"] is True
    assert all(again["same_bits"])


def test_cached_kernels_wait_for_numba_or_the_sample_budget(monkeypatch):
    """With the compiled kernels in the cache, a process that has not loaded Numba stays on the
    numpy road for its first WARM_NUMPY_SAMPLES samples, then switches (once Numba is loaded, at once)."""
    monkeypatch.delenv("CONVKIT_COMPILE", raising=False)
    monkeypatch.setattr(_ndimage_cold, "_warm", set())
    monkeypatch.setattr(_ndimage_cold, "_cached", set())
    monkeypatch.setattr(_ndimage_cold, "_procs", {})
    monkeypatch.setattr(_ndimage_cold, "_on_disk", lambda c: True)
    monkeypatch.setattr(_ndimage_cold._execute_compile, "start", lambda *a: pytest.fail("no compile needed"))
    monkeypatch.setattr(_ndimage_cold, "_numpy_left", 250)
    loaded = [False]
    monkeypatch.setattr(_ndimage_cold, "_numba_loaded", lambda: loaded[0])
    x = np.zeros((10, 10))
    assert _ndimage_cold._choose("d", x.size) is _ndimage_numpy      # 150 left
    assert _ndimage_cold._choose("d", x.size) is _ndimage_numpy      # 50 left
    assert _ndimage_cold._choose("d", x.size) is None                # over the budget: compiled
    assert "d" in _ndimage_cold._warm
    loaded[0] = True
    monkeypatch.setattr(_ndimage_cold, "_numpy_left", 10 ** 9)
    assert _ndimage_cold._choose("f", x.size) is None                # Numba already loaded


def test_warmup_compiles_and_later_calls_stay_compiled(monkeypatch):
    """convkit.warmup(images=True) runs the compiled kernels (not the cold road), and later calls on
    that dtype then need no background compile."""
    import convkit

    monkeypatch.delenv("CONVKIT_COMPILE", raising=False)
    monkeypatch.setattr(_ndimage_cold, "_warm", set())
    monkeypatch.setattr(_ndimage_cold, "_k", None)
    monkeypatch.setattr(_ndimage_cold, "_on_disk", lambda c: False)   # no marker from earlier runs
    started = []
    monkeypatch.setattr(_ndimage_cold._execute_compile, "start", lambda *a: started.append(a))
    used = []
    real = _ndimage_cold._choose
    monkeypatch.setattr(_ndimage_cold, "_choose", lambda c, size: used.append(real(c, size)) or used[-1])
    convkit.warmup(dtypes=("float32",), ndims=(2,), images=True)
    assert used and all(k is None for k in used)        # every call compiled
    ck.gaussian_filter(_data(_rng("after warmup"), (40, 50), "float32"), 1.0)
    assert _ndimage_cold._k is None and not started


def test_fresh_process_foreground(tmp_path):
    """CONVKIT_COMPILE=foreground: the first call compiles (Numba loads) and nothing runs behind it."""
    report = _fresh(tmp_path, "foreground")
    assert report["numba_after_first"] is True
    assert report["compiling"] is False
    assert all(report["same_bits"])
    assert report["markers"] == [False, False, False]
