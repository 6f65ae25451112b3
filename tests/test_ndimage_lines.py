"""convkit.ndimage's short road for float images (convkit._ndimage_lines): the same bits as the
general road, scipy's values, and every case it does not take left to the general road.

The general road is reached with an ``output=`` array (the short road takes ``output=None``
only); its result is written into that array unchanged, so the two must agree bit for bit.
"""

from __future__ import annotations

import contextlib

import numpy as np
import pytest
import scipy.ndimage as nd

import convkit.ndimage as ck
from convkit import _ndimage_cold, _ndimage_lines, _ndimage_passes

from _helpers import keyed_rng
from conftest import assert_close

MODES = ["reflect", "constant", "nearest", "mirror", "wrap", "grid-mirror", "grid-constant", "grid-wrap"]


# the short road's programs are rebuilt around every test (see conftest.fresh_ndimage_plans)
pytestmark = pytest.mark.usefixtures("fresh_ndimage_plans")


_rng = keyed_rng


@pytest.fixture
def taken(monkeypatch):
    """Counts the calls the short road answered (a result, not None)."""
    count = [0]
    real = _ndimage_lines._execute

    def spy(*args, **kw):
        result = real(*args, **kw)
        count[0] += result is not None
        return result

    monkeypatch.setattr(_ndimage_lines, "_execute", spy)
    return count


def _calls(rng, x):
    w = rng.standard_normal(5)
    last = x.ndim - 1
    return [
        ("correlate1d", (x, w), {"axis": 0, "origin": 1}),
        ("correlate1d", (x, w[:3]), {"axis": last, "origin": -1}),
        ("correlate1d", (x, w[:1]), {"axis": 0}),                  # one tap: runs along the last axis
        ("convolve1d", (x, w[:4]), {"axis": last}),                # even length: origin shifted
        ("uniform_filter1d", (x, 4), {"axis": 0, "origin": -2}),
        ("uniform_filter1d", (x, 1), {"axis": last}),
        ("uniform_filter1d", (x, 20), {"axis": last}),             # past 16: running sums on the last axis
        ("uniform_filter", (x, 3), {}),
        ("uniform_filter", (x, [2, 1] + [5] * (x.ndim - 2)), {"origin": 0}),
        ("gaussian_filter1d", (x, 1.1), {"axis": 0, "order": 1}),
        ("gaussian_filter", (x, 0.9), {}),
        ("gaussian_filter", (x, [0.7] + [0.0] * (x.ndim - 1)), {"radius": 2}),
        # N-d kernels long on one axis: 1-D passes
        ("correlate", (x, w[:3].reshape((1,) * last + (3,))), {"origin": [0] * last + [1]}),
        ("convolve", (x, w[:4].reshape((4,) + (1,) * last)), {"origin": [-1] + [0] * last}),
        ("convolve", (x, w[:1].reshape((1,) * x.ndim)), {}),
    ]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("shape", [(9, 13), (3, 7, 11), (140, 130)])
def test_short_road_gives_the_general_roads_bits(taken, mode, dtype, shape):
    """Small images and ones past the malloc limit (intermediate passes in scratch)."""
    rng = _rng("bits", mode, dtype, shape)
    x = rng.standard_normal(shape).astype(dtype)
    calls = _calls(rng, x)
    for name, args, kw in calls:
        f = getattr(ck, name)
        got = f(*args, mode=mode, cval=1.5, **kw)
        general = f(*args, mode=mode, cval=1.5, output=np.empty_like(x), **kw)
        assert got.dtype == x.dtype, name
        np.testing.assert_array_equal(got, general, err_msg=f"{name} {kw}")
        want = getattr(nd, name)(*args, mode=mode, cval=1.5, **kw)
        assert_close(got, want, x)
    assert taken[0] == len(calls)


def test_short_road_splits_over_workers_with_the_same_bits(taken, monkeypatch):
    monkeypatch.setattr(_ndimage_passes, "_FIR_SPLIT_SAMPLES", 1)
    rng = _rng("split")
    x = rng.standard_normal((5, 23, 19)).astype(np.float32)
    for name, args, kw in _calls(rng, x):
        f = getattr(ck, name)
        one = f(*args, workers=1, **kw)
        np.testing.assert_array_equal(one, f(*args, workers=3, **kw))
        np.testing.assert_array_equal(one, f(*args, output=np.empty_like(x), **kw))
    assert taken[0] == 2 * len(_calls(rng, x))


def test_memoised_plans_do_not_keep_weights_or_data(taken):
    """Plans are memoised per shape and arguments: a new weight vector or image must still count."""
    rng = _rng("memo")
    x, y = rng.standard_normal((2, 12, 10))
    w, v = rng.standard_normal((2, 3))
    for a in (x, y):
        for b in (w, v):
            assert_close(ck.correlate1d(a, b, axis=0), nd.correlate1d(a, b, axis=0), a, b)
    assert taken[0] == 4
    first = ck.uniform_filter(x, 3)
    keep = first.copy()
    ck.uniform_filter(y, 3)
    np.testing.assert_array_equal(first, keep)


@pytest.mark.parametrize("call", [
    lambda x: ck.correlate1d(x.astype(np.uint8), [1, 2, 1]),             # integer image
    lambda x: ck.correlate1d(x, [1, 2, 1], output=np.float32),           # an output dtype
    lambda x: ck.correlate1d(x.T, [1, 2, 1]),                           # not C-ordered
    lambda x: ck.correlate1d(x.astype(">f8"), [1, 2, 1]),                # foreign byte order
    lambda x: ck.correlate1d(x, [1, 2, 1], cval=np.float32(2)),          # a numpy scalar cval
    lambda x: ck.correlate1d(x, [1j, 2, 1]),                            # complex weights
    lambda x: ck.uniform_filter(x, 1),                                  # nothing to filter: a copy
    lambda x: ck.gaussian_filter(x, 0),
    lambda x: ck.correlate1d(x, np.ones(200)),                          # past the FIR limit: engines
])
def test_other_cases_take_the_general_road(taken, call):
    x = _rng("other").standard_normal((20, 30))
    call(x)
    assert taken[0] == 0


@pytest.mark.parametrize("call", [
    lambda f, x: f.correlate1d(x, [1, 2, 1], axis=2),
    lambda f, x: f.correlate1d(x, [1, 2, 1], origin=2),
    lambda f, x: f.correlate1d(x, [1, 2, 1], mode="bogus"),
    lambda f, x: f.correlate1d(x, [], axis=0),
    lambda f, x: f.uniform_filter1d(x, 0),
    lambda f, x: f.uniform_filter1d(x, 3, origin=2),
    lambda f, x: f.uniform_filter(x, [3, 3, 3]),
    lambda f, x: f.uniform_filter(x, 3, axes=(0, 0)),
    lambda f, x: f.uniform_filter(x, 3, mode=["reflect"]),
    lambda f, x: f.gaussian_filter(x, 1.0, radius=-1),
    lambda f, x: f.gaussian_filter(x, 1.0, order=-1),
    lambda f, x: f.gaussian_filter(x, [1.0, [2.0]]),
    lambda f, x: f.correlate(x, np.ones((3, 3)), origin=2),
    lambda f, x: f.correlate(x, np.ones((3, 3)), origin=(0, 0, 0)),
    lambda f, x: f.convolve(x, np.ones((3, 3)), mode="bogus"),
    lambda f, x: f.convolve(x, np.ones((3, 3)), mode=["reflect", "wrap"]),
])
def test_bad_arguments_raise_scipys_errors(call):
    x = np.ones((6, 7))

    def exc(f):
        try:
            call(f, x)
        except Exception as e:   # noqa: BLE001 - the type and message are compared
            return type(e), str(e)
        return None

    want = exc(nd)
    assert want is not None
    assert exc(ck) == want


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("dtype", ["float32", "float64", "uint8", "int16"])
def test_small_2d_3d_correlate_and_convolve_give_the_general_roads_bits(monkeypatch, mode, dtype):
    """Small 2-D images and 3-D volumes with kernels long on two axes or more: one fir_2d/fir_3d call
    from memoised index maps (the general road takes the same kernels; integer images with
    fractional weights in float64, snapped and cast, as there)."""
    from convkit import _running

    count = [0]

    def spy(kernel):
        def call(*args):
            count[0] += 1
            return kernel(*args)
        return call

    class Spied:   # the compiled kernels (convkit._ndimage_cold.active), the fir_2d/fir_3d family counted
        def __getattr__(self, name):
            kernel = getattr(_running, name)
            return spy(kernel) if name.startswith(("fir_2d", "fir_3d")) else kernel

    monkeypatch.setattr(_ndimage_cold, "_compiled", Spied())
    stack = contextlib.ExitStack()
    stack.enter_context(_ndimage_cold.foreground())   # the compiled kernels, never the cold road's
    monkeypatch.setattr(_ndimage_cold, "_k", None)
    rng = _rng("2d", mode, dtype)
    calls = 0
    for shape in ((9, 13), (140, 130), (5, 8, 7), (20, 30, 40)):
        x = (rng.standard_normal(shape) * 60).astype(dtype)
        cases = (((3, 4), (1, -1)), ((2, 2), 0), ((5, 3), (-2, 1)), ((7, 9), 0)) if x.ndim == 2 else \
            (((3, 3, 3), (1, 0, -1)), ((2, 1, 4), 0), ((1, 3, 3), 0))
        for wshape, origin in cases:
            w = rng.standard_normal(wshape)
            for name in ("correlate", "convolve"):
                if name == "convolve" and origin != 0 and any(k % 2 == 0 for k in wshape):
                    continue   # scipy's origin limits differ for flipped even kernels; tested elsewhere
                got = getattr(ck, name)(x, w, mode=mode, cval=-0.5, origin=origin)
                general = getattr(ck, name)(x, w, mode=mode, cval=-0.5, origin=origin, output=np.empty_like(x))
                assert got.dtype == x.dtype
                np.testing.assert_array_equal(got, general)
                want = getattr(nd, name)(x, w, mode=mode, cval=-0.5, origin=origin)
                if x.dtype.kind == "f":
                    assert_close(got, want, x, w)
                else:   # the rounding rule: at most one off where scipy truncates just short
                    assert np.abs(got.astype(np.int64) - want).max() <= 1
                calls += 1
    stack.close()
    assert count[0] == 2 * calls   # the short road, then the general road (output=): one kernel call each


@pytest.mark.parametrize("shape", [(1, 9), (9, 1), (1, 1), (2, 1, 5)])
def test_unit_axes(shape):
    """Lines of one sample, and single lines, in either layout."""
    x = _rng("unit", shape).standard_normal(shape)
    for axis in range(x.ndim):
        for name, arg in (("correlate1d", [0.5, 1.5, -1.0]), ("uniform_filter1d", 3), ("gaussian_filter1d", 1.0)):
            got = getattr(ck, name)(x, arg, axis=axis, mode="wrap")
            assert_close(got, getattr(nd, name)(x, arg, axis=axis, mode="wrap"), x)
    assert_close(ck.uniform_filter(x, 4), nd.uniform_filter(x, 4), x)
    assert_close(ck.gaussian_filter(x, 0.8), nd.gaussian_filter(x, 0.8), x)


@pytest.mark.parametrize("mode", ["reflect", "constant", "nearest", "mirror", "wrap"])
@pytest.mark.parametrize("dtype", ["uint8", "int8", "uint16", "int16", "int32"])
@pytest.mark.parametrize("shape", [(40,), (9, 13), (3, 7, 11), (140, 130)])
def test_integer_images_give_the_general_roads_values(taken, mode, dtype, shape):
    """Integer images into their own dtype: box filters (small integers) and fractional FIR
    passes (snapped float64, cast after every pass) as on the general road."""
    info = np.iinfo(dtype)
    rng = _rng("int", mode, dtype, shape)
    x = rng.integers(max(info.min, -1000), min(info.max, 1000), shape, endpoint=True).astype(dtype)
    w = rng.standard_normal(4)
    last = x.ndim - 1
    calls = [("correlate1d", (x, w), {"axis": 0, "origin": 1}), ("convolve1d", (x, w[:3]), {"axis": last}),
             ("convolve", (x, w.reshape((4,) + (1,) * last)), {}),
             ("gaussian_filter", (x, 1.3), {}), ("gaussian_filter1d", (x, 0.7), {"axis": last, "order": 1})]
    if dtype != "int32":
        calls += [("uniform_filter", (x, 3), {}), ("uniform_filter1d", (x, 20), {"axis": 0, "origin": -3})]
    for name, args, kw in calls:
        f = getattr(ck, name)
        got = f(*args, mode=mode, cval=2.5, **kw)
        general = f(*args, mode=mode, cval=2.5, output=np.empty_like(x), **kw)
        assert got.dtype == x.dtype
        np.testing.assert_array_equal(got, general, err_msg=f"{name} {kw}")
        want = getattr(nd, name)(*args, mode=mode, cval=2.5, **kw)
        if name.startswith("uniform"):
            np.testing.assert_array_equal(got, want)
        else:   # the documented rounding rule: at most one off where scipy truncates just short
            assert np.abs(got.astype(np.int64) - want).max() <= 1
    assert taken[0] == len(calls)


def test_integer_images_split_over_workers_with_the_same_bits(taken, monkeypatch):
    monkeypatch.setattr(_ndimage_passes, "_FIR_SPLIT_SAMPLES", 1)
    x = _rng("int-split").integers(0, 256, (5, 23, 19)).astype(np.uint8)
    for f, arg in ((ck.gaussian_filter, 1.1), (ck.uniform_filter, 4)):
        one = f(x, arg, workers=1)
        np.testing.assert_array_equal(one, f(x, arg, workers=3))
        np.testing.assert_array_equal(one, f(x, arg, output=np.empty_like(x)))
    assert taken[0] == 4


@pytest.mark.parametrize("shape", [(40,), (37, 29), (5, 23, 19)])
def test_integer_passes_in_chunks_give_the_same_values(taken, monkeypatch, shape):
    """Large integer FIR passes run through a float64 chunk buffer (lines, or each plane's output
    rows): forced here on small arrays, chunks of 50 float64 sums, uneven last chunks."""
    monkeypatch.setattr(_ndimage_lines, "_CHUNKED_FROM", 1)
    monkeypatch.setattr(_ndimage_lines, "_CHUNK_BYTES", 8 * 50)
    x = _rng("chunks", shape).integers(0, 256, shape).astype(np.uint8)
    w = _rng("w").standard_normal(5)
    for f, args, kw in ((ck.gaussian_filter, (x, 1.4), {"mode": "constant", "cval": 3.0}),
                        (ck.gaussian_filter1d, (x, 0.9), {"order": 2, "mode": "wrap"}),   # negative sums wrap
                        (ck.correlate1d, (x, w), {"axis": 0, "origin": -2})):
        got = f(*args, **kw)
        np.testing.assert_array_equal(got, f(*args, output=np.empty_like(x), **kw))
    assert taken[0] == 3


@pytest.mark.parametrize("axis", [np.int64(-1), np.int64(0), np.int32(1), np.intp(-2), True])
def test_numpy_integer_axes_origins_and_sizes(taken, axis):
    """Axes, origins and sizes given as numpy integers (or a bool axis) mean what scipy reads."""
    rng = _rng("npint", repr(axis))
    x = rng.standard_normal((5, 7))
    w = rng.standard_normal(3)
    for name, args, kw in (("correlate1d", (x, w), {"origin": np.int64(1)}),
                           ("convolve1d", (x, w), {}),
                           ("uniform_filter1d", (x, np.int64(4)), {"origin": np.int16(-1)}),
                           ("gaussian_filter1d", (x, 0.8), {})):
        got = getattr(ck, name)(*args, axis=axis, **kw)
        assert_close(got, getattr(nd, name)(*args, axis=axis, **kw), x)
    assert_close(ck.uniform_filter(x, np.int64(3), axes=(np.int64(-1),)), nd.uniform_filter(x, 3, axes=(-1,)), x)
    assert taken[0] == 5


def _outcome(call):
    try:
        return call()
    except Exception as e:   # noqa: BLE001 - the type and message are compared
        return type(e), str(e)


@pytest.mark.parametrize("seed", range(6))
def test_random_calls_same_as_general_road_and_scipys_errors(seed):
    """Random filters, shapes (one to three axes, unit axes included), dtypes, modes, fill values,
    origins (some invalid), axes as Python or numpy integers: the short road's answer is the general
    road's bit for bit, and a call scipy refuses raises scipy's error."""
    rng = _rng("random", seed)
    modes = MODES
    for _ in range(40):
        ndim = int(rng.integers(1, 4))
        shape = tuple(int(rng.integers(1, 12)) for _ in range(ndim))
        dtype = str(rng.choice(["float32", "float64", "uint8", "int8", "int16", "uint16", "int32"]))
        x = rng.standard_normal(shape) * (1 if dtype.startswith("float") else 40)
        x = (x + (100 if dtype.startswith("u") else 0)).astype(dtype)
        mode, cval = str(rng.choice(modes)), float(rng.choice([0.0, 1.5, -3.0, 7.0]))
        axis = int(rng.integers(-ndim, ndim))
        axis = axis if rng.random() < 0.5 else np.int64(axis)
        k = int(rng.integers(1, 7))
        origin = k if rng.random() < 0.05 else int(rng.integers(-(k // 2), (k - 1) // 2 + 1))
        w = rng.standard_normal(k) if rng.random() < 0.7 else rng.integers(-2, 3, k).astype(float)
        name = str(rng.choice(["correlate1d", "convolve1d", "uniform_filter1d", "uniform_filter", "gaussian_filter1d",
                               "gaussian_filter", "correlate"]))
        kw = {"mode": mode, "cval": cval}
        if name in ("correlate1d", "convolve1d"):
            args, kw = (x, w), {**kw, "axis": axis, "origin": origin}
        elif name == "uniform_filter1d":
            args, kw = (x, k), {**kw, "axis": axis, "origin": origin}
        elif name == "uniform_filter":
            args = (x, k if rng.random() < 0.5 else [int(rng.integers(1, 6)) for _ in range(ndim)])
        elif name == "gaussian_filter1d":
            args, kw = (x, float(rng.uniform(0.05, 2))), {**kw, "axis": axis, "order": int(rng.integers(0, 3))}
        elif name == "gaussian_filter":
            args = (x, float(rng.uniform(0.05, 2)) if rng.random() < 0.5 else list(rng.uniform(0, 2, ndim)))
        else:
            ws = tuple(int(rng.integers(1, 5)) for _ in range(ndim))
            args = (x, rng.standard_normal(ws))
            kw["origin"] = [int(rng.integers(-(n // 2), (n - 1) // 2 + 1)) for n in ws]
        f = getattr(ck, name)
        got = _outcome(lambda: f(*args, **kw))
        want = _outcome(lambda: getattr(nd, name)(*args, **kw))
        if isinstance(want, tuple):
            assert got == want, (name, shape, dtype, kw)
            continue
        general = f(*args, output=np.empty_like(x), **kw)
        assert got.dtype == want.dtype == x.dtype
        np.testing.assert_array_equal(got, general, err_msg=f"{name} {shape} {dtype} {kw}")
