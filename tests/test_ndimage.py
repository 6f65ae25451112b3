"""convkit.ndimage against scipy.ndimage: values, dtypes, boundary modes, origins, axes, output= and errors.

Every comparison uses conftest's tolerance rule (``assert_close``): float64 relative L2
1e-12, float32 1e-5, integer and bool outputs exact. Integer outputs are exact where
scipy's float64 sums are exact (integer weights, uniform filters); with fractional
weights (a Gaussian) the documented rule is: the float64 result truncated toward zero,
which may differ from scipy's by one where the exact value is an integer.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.ndimage as nd

import convkit
import convkit.ndimage as ck
from convkit import _ndimage_lines, _ndimage_padding, _ndimage_passes

from _helpers import keyed_rng
from conftest import assert_close

MODES = ["reflect", "constant", "nearest", "mirror", "wrap", "grid-mirror", "grid-constant", "grid-wrap"]


# the short road's programs are rebuilt around every test (see conftest.fresh_ndimage_plans)
pytestmark = pytest.mark.usefixtures("fresh_ndimage_plans")


_rng = keyed_rng


def _data(rng, shape, dtype):
    dtype = np.dtype(dtype)
    if dtype.kind == "u":
        return rng.integers(0, 256 if dtype.itemsize == 1 else 1000, size=shape).astype(dtype)
    if dtype.kind == "i":
        return rng.integers(-300, 300, size=shape).astype(dtype)
    if dtype.kind == "b":
        return rng.random(shape) < 0.4
    if dtype.kind == "c":
        return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)).astype(dtype)
    return rng.standard_normal(shape).astype(dtype)


# ------------------------------------------------------------------ exhaustive small cases

@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("func", ["correlate1d", "convolve1d"])
def test_1d_every_mode_origin_and_length(mode, func):
    """Every kernel length 1..8 (odd and even), every valid origin, arrays shorter and longer
    than the kernel (padding wider than the array), along both axes of a 2-D array."""
    rng = _rng("1d", mode, func)
    for k in range(1, 9):
        w = rng.standard_normal(k)
        for origin in range(-(k // 2), (k - 1) // 2 + 1):
            for n in (1, 2, 3, 7, 12):
                x = rng.standard_normal((n, 5))
                for axis in (0, 1, -1):
                    got = getattr(ck, func)(x, w, axis=axis, mode=mode, cval=1.5, origin=origin)
                    want = getattr(nd, func)(x, w, axis=axis, mode=mode, cval=1.5, origin=origin)
                    assert_close(got, want, x, w)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("func", ["correlate", "convolve"])
def test_nd_every_mode_origin_even_odd(mode, func):
    rng = _rng("nd", mode, func)
    for kshape in [(1, 1), (2, 3), (3, 2), (4, 4), (5, 3), (1, 6)]:
        w = rng.standard_normal(kshape)
        origins = [(a, b) for a in range(-(kshape[0] // 2), (kshape[0] - 1) // 2 + 1)
                   for b in range(-(kshape[1] // 2), (kshape[1] - 1) // 2 + 1)]
        for origin in origins:
            for shape in [(1, 7), (6, 2), (9, 11)]:
                x = rng.standard_normal(shape)
                got = getattr(ck, func)(x, w, mode=mode, cval=-0.5, origin=origin)
                want = getattr(nd, func)(x, w, mode=mode, cval=-0.5, origin=origin)
                assert_close(got, want, x, w)
        # a scalar origin applies to every axis
        if kshape[0] > 2 and kshape[1] > 2:
            x = rng.standard_normal((8, 9))
            assert_close(getattr(ck, func)(x, w, mode=mode, origin=1),
                         getattr(nd, func)(x, w, mode=mode, origin=1), x, w)


def test_convolve_is_flipped_correlate_with_shifted_origin():
    """The convention itself, against a hand-written shift-add oracle (not scipy)."""
    x = np.arange(10.0) ** 2
    w = np.array([1.0, -2.0, 0.5, 4.0])        # even length: origin moves by one
    for origin in (-2, -1, 0, 1):
        got = ck.convolve1d(x, w, mode="constant", origin=origin)
        oracle = np.zeros_like(x)
        for i in range(x.size):
            for j in range(w.size):
                # convolve: out[i] = sum_j w[j] * x[i - j + (K // 2) - origin ... ] per ndimage:
                # correlate with w[::-1] and origin' = -origin - 1 (even K)
                o2 = -origin - 1
                p = i + j - w.size // 2 - o2
                if 0 <= p < x.size:
                    oracle[i] += w[::-1][j] * x[p]
        np.testing.assert_allclose(got, oracle, rtol=1e-12, atol=1e-12)


# ------------------------------------------------------------------ random differential test

FLOAT_DTYPES = ["float32", "float64"]
ALL = ["float32", "float64", "uint8", "int16", "complex64", "complex128", "int32", "bool"]


def _random_shape(rng):
    """1 to 3 axes, each of length 1 (30%), 2 (20%) or 3..40: short axes, where every sample
    is near a boundary, come often."""
    ndim = int(rng.integers(1, 4))
    return tuple(int(rng.choice([1, 2, int(rng.integers(3, 41 if ndim < 3 else 12))], p=[0.3, 0.2, 0.5]))
                 for _ in range(ndim))


def _random_call(rng, func, shape, dtype):
    """Random arguments for ``func`` on an input of ``shape``/``dtype``: mode, cval, origin, axes."""
    ndim = len(shape)
    x = _data(rng, shape, dtype)
    mode = MODES[rng.integers(len(MODES))]
    cval = float(rng.integers(-3, 4)) if rng.random() < 0.5 else float(rng.standard_normal())
    kw = {"mode": mode, "cval": cval}
    if func in ("correlate1d", "convolve1d"):
        k = int(rng.integers(1, 8))
        w = rng.standard_normal(k) if rng.random() < 0.6 else rng.integers(-3, 4, k).astype(float)
        kw.update(axis=int(rng.integers(-ndim, ndim)), origin=int(rng.integers(-(k // 2), (k - 1) // 2 + 1)))
        return (x, w), kw
    if func in ("correlate", "convolve"):
        naxes = int(rng.integers(1, ndim + 1))
        axes = tuple(sorted(rng.choice(ndim, naxes, replace=False).tolist()))
        kshape = tuple(int(rng.integers(1, 6)) for _ in axes)
        w = rng.standard_normal(kshape) if rng.random() < 0.6 else rng.integers(-3, 4, kshape).astype(float)
        origin = [int(rng.integers(-(k // 2), (k - 1) // 2 + 1)) for k in kshape]
        if naxes < ndim or rng.random() < 0.5:
            kw["axes"] = axes
        else:
            assert axes == tuple(range(ndim))
        kw["origin"] = origin
        return (x, w), kw
    if func == "uniform_filter1d":
        size = int(rng.integers(1, 9))
        kw.update(axis=int(rng.integers(-ndim, ndim)), origin=int(rng.integers(-(size // 2), (size - 1) // 2 + 1)))
        return (x, size), kw
    if func == "uniform_filter":
        size = [int(rng.integers(1, 8)) for _ in range(ndim)]
        kw["origin"] = [int(rng.integers(-(s // 2), (s - 1) // 2 + 1)) for s in size]
        kw["mode"] = [MODES[i] for i in rng.integers(len(MODES), size=ndim)]
        return (x, size), kw
    if func == "gaussian_filter1d":
        kw.update(axis=int(rng.integers(-ndim, ndim)), order=int(rng.integers(0, 3)),
                  truncate=float(rng.uniform(1.0, 4.0)))
        return (x, float(rng.uniform(0.3, 3.0))), kw
    if func == "gaussian_filter":
        naxes = int(rng.integers(1, ndim + 1))
        axes = tuple(rng.choice(ndim, naxes, replace=False).tolist())
        kw.update(axes=axes, order=[int(o) for o in rng.integers(0, 3, naxes)],
                  mode=[MODES[i] for i in rng.integers(len(MODES), size=naxes)])
        if rng.random() < 0.5:
            kw["radius"] = [int(r) for r in rng.integers(0, 6, naxes)]
        return (x, [float(s) for s in rng.uniform(0.3, 2.5, naxes)]), kw
    raise KeyError(func)


FUNCS = ["correlate1d", "convolve1d", "correlate", "convolve", "uniform_filter1d", "uniform_filter",
         "gaussian_filter1d", "gaussian_filter"]


def _fractional(func, args, kw):
    """Whether scipy's integer result comes from non-integer float64 sums (may differ by one)."""
    if func.startswith("gaussian"):
        return True
    modes = kw["mode"] if isinstance(kw["mode"], list) else [kw["mode"]]
    if any("constant" in m for m in modes) and kw["cval"] != int(np.real(kw["cval"])):
        return True     # a fractional fill value makes the sums fractional
    if func.startswith("uniform"):
        return False
    w = np.asarray(args[1])
    return not np.all(w == np.round(w))


@pytest.mark.parametrize("func", FUNCS)
@pytest.mark.parametrize("dtype", ALL)
def test_differential_random(func, dtype):
    rng = _rng("diff", func, dtype)
    for _ in range(16):
        shape = _random_shape(rng)
        args, kw = _random_call(rng, func, shape, dtype)
        if np.dtype(dtype).kind == "c":
            kw["cval"] = complex(kw["cval"], 0.5)
        if dtype == "bool" and func == "gaussian_filter" and rng.random() < 0.5:
            kw["output"] = np.float64
        want = getattr(nd, func)(*args, **kw)
        got = getattr(ck, func)(*args, **kw)
        ctx = f"{func} {dtype} {shape} {kw}"
        assert got.dtype == want.dtype, ctx
        assert got.shape == want.shape, ctx
        if want.dtype.kind in "biu" and _fractional(func, args, kw):
            diff = np.abs(got.astype(np.int64) - want.astype(np.int64))
            if want.dtype.kind == "b":
                diff = got != want
            # the documented rule: truncation of a float64 sum; off by one, and only where the
            # float64 value is within rounding of an integer (scipy's own float64 result here)
            assert diff.max(initial=0) <= 1, ctx
            if func not in ("gaussian_filter", "uniform_filter") and diff.any():   # one pass
                value = getattr(nd, func)(*args, **{**kw, "output": np.float64})
                near = np.abs(value - np.round(value)) <= 1e-9 * np.maximum(1, np.abs(value))
                assert np.all(near[diff != 0]), ctx
        else:
            in2 = np.asarray(args[1]) if func in ("correlate1d", "convolve1d", "correlate", "convolve") else np.ones(1)
            assert_close(got, want, args[0], in2)


# ------------------------------------------------------------------ length-1 axes

UNIT_DTYPES = ["uint8", "int16", "float32", "float64", "bool"]


def _unit_calls(rng, x, order):
    """Calls whose every filtered axis has length 1 in ``x`` (shape all ones but maybe one axis):
    the Gaussians of derivative ``order``, and at order 0 the other filters."""
    unit = [a for a, n in enumerate(x.shape) if n == 1]
    cval = 1.7
    calls = []
    for sigma in (0.5, 1.0, 2.3):
        if all(n == 1 for n in x.shape):
            calls.append(("gaussian_filter", (x, sigma), {"order": order}))
        for ax in unit:
            calls.append(("gaussian_filter1d", (x, sigma), {"axis": ax, "order": order, "truncate": 3.0}))
            calls.append(("gaussian_filter", (x, sigma), {"order": order, "axes": (ax,), "radius": 2}))
    if order:
        return calls, cval
    for ax in unit:
        for k, origin in ((4, 1), (5, -2), (3, 0)):
            w = rng.standard_normal(k)
            calls.append(("correlate1d", (x, w), {"axis": ax, "origin": origin}))
            calls.append(("convolve1d", (x, w), {"axis": ax, "origin": -origin if k & 1 else 0}))
        wshape = [1] * x.ndim
        wshape[ax] = 3
        origin = [0] * x.ndim
        origin[ax] = 1
        for func in ("correlate", "convolve"):
            calls.append((func, (x, rng.standard_normal(wshape)), {"origin": origin}))
        calls.append(("uniform_filter1d", (x, 3), {"axis": ax}))
        calls.append(("uniform_filter1d", (x, 4), {"axis": ax, "origin": -1}))
    if all(n == 1 for n in x.shape):
        calls.append(("uniform_filter", (x, 5), {}))
    return calls, cval


@pytest.mark.parametrize("order", [0, 1, 2, 3])
@pytest.mark.parametrize("dtype", UNIT_DTYPES)
@pytest.mark.parametrize("mode", MODES)
def test_length_one_axes_are_scipys_values_exactly(mode, dtype, order):
    """Passes along axes of length 1 give scipy's values bit for bit, integer outputs included
    (scipy's own float64 loop there: a uint8 (1, 1) Gaussian used to come out 2 above scipy's,
    a float32 Gaussian derivative about 1e-8 where scipy gives 0)."""
    rng = _rng("unit", mode, dtype, order)
    for shape in [(1,), (1, 1), (1, 1, 1), (1, 6), (5, 1), (3, 1, 4)]:
        x = _data(rng, shape, dtype)
        calls, cval = _unit_calls(rng, x, order)
        for func, args, kw in calls:
            kw = {**kw, "mode": mode, "cval": cval}
            for output in (None, np.float32):
                want = getattr(nd, func)(*args, **kw, output=output)
                got = getattr(ck, func)(*args, **kw, output=output)
                assert got.dtype == want.dtype
                np.testing.assert_array_equal(got, want, err_msg=f"{func} {shape} {kw} {output}")


@pytest.mark.parametrize("mode", ["wrap", "nearest", "reflect", "mirror"])
def test_length_one_axes_independent_of_scipy(mode):
    """Without scipy: an odd Gaussian derivative of a constant line is exactly 0; a uint8 pixel
    is the C cast of its float64 sum taken in scipy's symmetric order (centre, then the
    folded pairs from the outside in), one pass per axis."""
    x = np.full((1, 7), 3.0, np.float32)
    for sigma in (0.7, 1.5, 3.0):
        got = ck.gaussian_filter(x, sigma, order=[1, 0], mode=mode)
        np.testing.assert_array_equal(got, np.zeros_like(x))
        got = ck.gaussian_filter1d(x, sigma, axis=0, order=3, mode=mode)
        np.testing.assert_array_equal(got, np.zeros_like(x))
    for v in (3, 7, 100, 200, 255):
        for sigma in (0.5, 1.0, 3.0):
            r = int(4.0 * sigma + 0.5)
            t = np.arange(-r, r + 1)
            phi = np.exp(-0.5 / sigma ** 2 * t.astype(float) ** 2)
            w = phi / phi.sum()
            want = v
            for _ in range(2):   # two axes, each pass truncated into uint8
                acc = want * w[r]
                for j in range(r):
                    acc += (want + want) * w[j]
                want = int(acc)
            got = ck.gaussian_filter(np.array([[v]], np.uint8), sigma, mode=mode)
            assert got.dtype == np.uint8 and got[0, 0] == want, (v, sigma)


@pytest.mark.parametrize("func", ["uniform_filter", "gaussian_filter", "correlate"])
def test_output_array_and_dtype(func):
    rng = _rng("out", func)
    x = _data(rng, (20, 21), "float64")
    args = (x, np.ones((3, 3)) / 9) if func == "correlate" else (x, 2)
    for out_dtype in [np.float32, "float64", np.dtype(np.int16), np.uint8]:
        want = getattr(nd, func)(*args, output=out_dtype)
        got = getattr(ck, func)(*args, output=out_dtype)
        assert got.dtype == want.dtype
        if got.dtype.kind == "f":
            assert_close(got, want, x, np.ones(1))
        else:
            assert np.abs(got.astype(int) - want.astype(int)).max() <= 1
    out = np.empty((20, 21), np.float32)
    res = getattr(ck, func)(*args, output=out)
    assert res is out
    assert_close(out, getattr(nd, func)(*args, output=np.float32), x, np.ones(1))
    # in place: output is the input
    y = x.copy()
    res = getattr(ck, func)(y, *args[1:], output=y)
    assert res is y
    assert_close(y, getattr(nd, func)(*args), x, np.ones(1))


def test_uint8_rounding_rule_exact():
    """uint8 images: integer weights and box filters exact; scipy's C cast (truncation toward
    zero, wrap-around) reproduced, including negative sums."""
    rng = _rng("u8")
    img = _data(rng, (64, 80), "uint8")
    sobel = np.array([[1, 0, -1], [2, 0, -2], [1, 0, -1]])
    for mode in MODES:
        assert_close(ck.correlate(img, sobel, mode=mode), nd.correlate(img, sobel, mode=mode))
        assert_close(ck.convolve(img, sobel, mode=mode, cval=7), nd.convolve(img, sobel, mode=mode, cval=7))
        for size in (2, 3, 5, 8):
            assert_close(ck.uniform_filter(img, size, mode=mode), nd.uniform_filter(img, size, mode=mode))
    assert_close(ck.correlate1d(img, [-1.5], axis=0), nd.correlate1d(img, [-1.5], axis=0))
    assert_close(ck.correlate1d(img.astype(np.int16), [300.25, -0.5]),
                 nd.correlate1d(img.astype(np.int16), [300.25, -0.5]))
    # the rule, against an oracle: float64 sums truncated toward zero, cast like C
    w = np.array([0.25, 0.5, 0.25])
    got = ck.correlate1d(img, w, mode="nearest")
    padded = np.pad(img.astype(np.float64), [(0, 0), (1, 1)], mode="edge")
    oracle = np.trunc(0.25 * padded[:, :-2] + 0.5 * padded[:, 1:-1] + 0.25 * padded[:, 2:])
    assert np.abs(got.astype(int) - oracle.astype(int)).max() <= 1
    # the documented rule against an exact oracle: the weighted sum (Fractions) scaled by
    # 1 + 1e-12, then truncated toward zero
    from fractions import Fraction

    x = np.array([7, 7, 7, 3, 0, 255, 1, 2], np.uint8)
    for w in ([1 / 3] * 3, [0.1, 0.7, 0.2], [-0.3, 0.6, 0.7]):
        got = ck.correlate1d(x, w, mode="nearest")
        pad = [int(x[0])] + [int(v) for v in x] + [int(x[-1])]
        exact = [sum(Fraction(a) * b for a, b in zip(w, pad[i:i + 3])) for i in range(x.size)]
        rule = [int(e * Fraction(1.0 + 1e-12)) for e in exact]
        np.testing.assert_array_equal(got, np.array(rule).astype(np.uint8))
    assert ck.correlate1d(np.array([7, 7, 7], np.uint8), [1 / 3] * 3)[1] == 7   # scipy: 6
    flat = np.full((30, 40), 100, np.uint8)
    for sigma in (0.5, 1.0, 1.3, 2.0, 3.7):
        np.testing.assert_array_equal(ck.gaussian_filter(flat, sigma), nd.gaussian_filter(flat, sigma))


def test_gaussian_filter_uint8_matches_scipy():
    rng = _rng("gu8")
    img = _data(rng, (70, 90), "uint8")
    for sigma in (0.7, 1.0, 2.0, 3.3):
        got = ck.gaussian_filter(img, sigma)
        want = nd.gaussian_filter(img, sigma)
        assert np.abs(got.astype(int) - want.astype(int)).max() <= 1
        assert np.mean(got != want) < 0.005


def test_large_kernels_use_transform_engines():
    rng = _rng("large")
    x = rng.standard_normal((300, 280))
    w = rng.standard_normal((41, 37))
    assert_close(ck.correlate(x, w, mode="wrap"), nd.correlate(x, w, mode="wrap"), x, w)
    s = rng.standard_normal(20_000)
    assert_close(ck.gaussian_filter1d(s, 60.0), nd.gaussian_filter1d(s, 60.0), s, np.ones(1))
    assert_close(ck.uniform_filter1d(s, 501, mode="mirror"), nd.uniform_filter1d(s, 501, mode="mirror"), s,
                 np.ones(1))
    assert_close(ck.gaussian_filter(x, 9.0), nd.gaussian_filter(x, 9.0), x, np.ones(1))


def test_nonfinite_stays_where_scipy_has_it():
    x = np.arange(60.0).reshape(6, 10)
    x[2, 3] = np.nan
    x[4, 7] = np.inf
    w = np.array([1.0, 2.0, 1.0])
    for axis in (0, 1):
        assert_close(ck.correlate1d(x, w, axis=axis), nd.correlate1d(x, w, axis=axis), x, w)
        assert_close(ck.gaussian_filter1d(x, 1.0, axis=axis), nd.gaussian_filter1d(x, 1.0, axis=axis), x, w)
    assert_close(ck.gaussian_filter(x, 1.0), nd.gaussian_filter(x, 1.0), x, w)
    v = np.arange(120.0).reshape(4, 5, 6)
    v[1, 2, 3] = np.nan
    for axis in (0, 1, 2):
        assert_close(ck.correlate1d(v, w, axis=axis), nd.correlate1d(v, w, axis=axis), v, w)


def test_inputs_not_modified_and_layouts():
    rng = _rng("layout")
    base = rng.standard_normal((30, 40))
    for x in (base.T, base[::-2, ::3], np.asfortranarray(base), base.astype(">f8")):
        x0 = x.copy()
        x.flags.writeable = False
        assert_close(ck.gaussian_filter(x, 1.5), nd.gaussian_filter(x, 1.5), x, np.ones(1))
        assert_close(ck.correlate1d(x, [1.0, 2.0, -1.0], axis=0), nd.correlate1d(x, [1.0, 2.0, -1.0], axis=0),
                     x, np.ones(4))
        np.testing.assert_array_equal(x, x0)


def test_empty_and_trivial():
    for shape in [(0,), (4, 0), (0, 3)]:
        x = np.ones(shape)
        for func in ("gaussian_filter", "uniform_filter"):
            assert getattr(ck, func)(x, 1).shape == getattr(nd, func)(x, 1).shape
        assert ck.correlate1d(x, [1.0, 2.0]).shape == nd.correlate1d(x, [1.0, 2.0]).shape
    x = np.arange(12.0).reshape(3, 4)
    assert_close(ck.uniform_filter(x, 1), nd.uniform_filter(x, 1))
    assert_close(ck.gaussian_filter(x, 0), nd.gaussian_filter(x, 0))
    assert_close(ck.gaussian_filter(x, [0, 1.0]), nd.gaussian_filter(x, [0, 1.0]), x, np.ones(1))


def _exc(call):
    try:
        call()
    except Exception as e:  # noqa: BLE001 - comparing scipy's exception
        return type(e), str(e)
    return None


BAD_CALLS = [
    ("correlate1d", (np.ones(5), [1.0, 2.0]), {"origin": 1}),
    ("correlate1d", (np.ones(5), []), {}),
    ("correlate1d", (np.ones(5), [[1.0]]), {}),
    ("correlate1d", (np.ones(5), [1.0]), {"axis": 2}),
    ("correlate1d", (np.ones(5), [1.0]), {"mode": "edge"}),
    ("correlate1d", (np.ones(5), [1.0]), {"output": np.ones(4)}),
    ("correlate1d", (np.ones(5), [1.0j]), {"output": np.ones(5)}),
    ("correlate1d", (np.ones(5), [1.0]), {"cval": 1j}),
    ("convolve1d", (np.ones(5), [1.0, 2.0, 3.0]), {"origin": -2}),
    ("correlate", (np.ones((4, 4)), np.ones(3)), {}),
    ("correlate", (np.ones((4, 4)), np.ones((3, 3))), {"origin": (2, 0)}),
    ("correlate", (np.ones((4, 4)), np.ones((3, 3))), {"origin": (0, 0, 0)}),
    ("correlate", (np.ones((4, 4)), np.ones((3, 3))), {"mode": ["reflect", "wrap"]}),
    ("correlate", (np.ones((4, 4)), np.ones(3)), {"axes": (0, 0)}),
    ("correlate", (np.ones((4, 4)), np.ones(3)), {"axes": (5,)}),
    ("convolve", (np.ones((4, 4)), np.ones((2, 2))), {"origin": 1}),
    ("convolve", (np.ones((4, 4)), np.ones((3, 3))), {"output": "int8x"}),
    ("convolve", (np.ones((4, 4)), np.ones((3, 3))), {"output": "U3"}),
    ("uniform_filter1d", (np.ones(5), 0), {}),
    ("uniform_filter1d", (np.ones(5), 3), {"origin": 2}),
    ("uniform_filter", (np.ones((4, 4)), (3, 3, 3)), {}),
    ("uniform_filter", (np.ones((4, 4)), 3), {"origin": (0, 5)}),
    ("uniform_filter", (np.ones((4, 4)), 3), {"mode": "bogus"}),
    ("gaussian_filter1d", (np.ones(5), 1.0), {"radius": -1}),
    ("gaussian_filter1d", (np.ones(5), 1.0), {"radius": 2.5}),
    ("gaussian_filter1d", (np.ones(5), 1.0), {"order": -1}),
    ("gaussian_filter", (np.ones((4, 4)), (1.0, 1.0, 1.0)), {}),
    ("gaussian_filter", (np.ones((4, 4)), 1.0), {"axes": (0, 2)}),
    ("gaussian_filter", (np.ones((4, 4), np.float16), 1.0), {}),
    ("correlate", (np.ones((4, 4), np.longdouble), np.ones((3, 3))), {}),
    ("uniform_filter", (np.array([["a"]]), 3), {}),
    # a real input into a complex output: scipy's C filters reject it (fuzz_ndimage)
    ("correlate1d", (np.ones(5), [1.0, 2.0]), {"output": np.complex64}),
    ("convolve1d", (np.arange(5), [1.0, 2.0]), {"output": np.zeros(5, np.complex128)}),
    ("convolve", (np.ones((4, 4)), np.ones((3, 3))), {"output": np.zeros((4, 4), np.complex128)}),
    ("uniform_filter1d", (np.ones(5, np.float32), 3), {"output": "F"}),
    ("uniform_filter", (np.ones((4, 4)), 3), {"output": np.complex128, "mode": ["reflect", "edge"]}),
    ("gaussian_filter1d", (np.arange(5), 1.0), {"output": np.complex128}),
    ("gaussian_filter", (np.ones((4, 4)), 1.0), {"output": np.complex64, "mode": ["constant", "edge"]}),
    # a complex input into a real output fails in scipy's first pass, before a later bad mode
    ("gaussian_filter", (np.ones((4, 4), complex), 1.0), {"output": np.zeros((4, 4)), "mode": ["edge", "wrap"]}),
    ("gaussian_filter", (np.ones((4, 4), complex), 1.0), {"output": np.uint64, "mode": "edge"}),
]


@pytest.mark.parametrize("func,args,kw", BAD_CALLS, ids=[f"{c[0]}-{i}" for i, c in enumerate(BAD_CALLS)])
def test_same_exceptions(func, args, kw):
    want = _exc(lambda: getattr(nd, func)(*args, **kw))
    got = _exc(lambda: getattr(ck, func)(*args, **kw))
    assert want is not None, "scipy accepted the call: the case tests nothing"
    assert got == want


def test_public_names_and_lazy_import():
    import subprocess
    import sys

    assert convkit.ndimage is ck
    code = ("import sys, convkit; assert 'convkit.ndimage' not in sys.modules; "
            "assert 'convkit.kernels' not in sys.modules; convkit.ndimage.gaussian_filter; "
            "print('ok')")
    root = __import__("pathlib").Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert out.stdout.strip() == "ok"
    for name in ck.__all__:
        assert callable(getattr(ck, name))
        assert getattr(ck, name).__doc__


def test_fallback_reaches_real_scipy_through_a_patch():
    """float16 goes to scipy, also while patch_scipy routes scipy.ndimage's names to convkit:
    the fallback reaches scipy's own function (the same error as unpatched scipy), never recursing."""
    import scipy.ndimage

    import convkit

    x = np.ones((4, 4), np.float16)
    y = np.arange(12.0).reshape(3, 4).astype(np.float16)
    unpatched = (_exc(lambda: scipy.ndimage.gaussian_filter(x, 1.0)), _exc(lambda: scipy.ndimage.convolve(y, [[1, 2]])))
    with convkit.patch_scipy():
        assert scipy.ndimage.gaussian_filter.__module__ == "convkit.ndimage"
        assert _exc(lambda: ck.gaussian_filter(x, 1.0)) == unpatched[0]
        assert _exc(lambda: ck.convolve(y, [[1, 2]])) == unpatched[1]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("dtype", ["uint8", "int16", "float32", "float64", "bool"])
def test_uniform_running_sums_every_axis_and_long_windows(mode, dtype):
    """Box passes by running sums (convkit._running): leading and middle axes at any size,
    the last axis beyond 16 samples; windows longer than the axis; origins; cval in constant
    mode. Integer outputs exact (scipy's float64 sums of integers are exact too)."""
    rng = _rng("running", mode, dtype)
    x = _data(rng, (23, 9, 40), dtype)
    for size, axis, origin in ((3, 0, 0), (7, 1, 1), (17, 2, -3), (31, 2, 0), (50, 0, 2), (4, 1, -2)):
        got = ck.uniform_filter1d(x, size, axis=axis, mode=mode, cval=2.5, origin=origin)
        want = nd.uniform_filter1d(x, size, axis=axis, mode=mode, cval=2.5, origin=origin)
        assert got.dtype == want.dtype
        assert_close(got, want, x)
    got = ck.uniform_filter(x, (5, 3, 19), mode=mode, output=np.float64)
    assert_close(got, nd.uniform_filter(x, (5, 3, 19), mode=mode, output=np.float64), x)


@pytest.mark.parametrize("shape, workers", [((29, 41), 1), ((370, 360), 1), ((370, 360), 2)])
@pytest.mark.parametrize("out", [None, "float64"])   # the short road, the general road
def test_float64_2d_box_filter_in_one_sweep_is_the_two_passes(monkeypatch, shape, workers, out):
    """A float64 2-D box filter runs both passes in one sweep (one thread) or the two passes
    (threads, long row windows): scipy's answer and the same bits either way."""
    rng = _rng("boxfir2d", shape, workers, out)
    x = _data(rng, shape, "float64")
    cases = [(3, m, 0, 1.5) for m in MODES] + [((5, 2), "constant", (1, 0), 9.0), ((2, 7), "wrap", (0, -2), 0.0),
                                               ((9, 16), ("mirror", "nearest"), (-3, 5), 0.0), (17, "reflect", 0, 0.0),
                                               ((40, 3), "nearest", 0, 0.0)]
    got = [ck.uniform_filter(x, size, output=out, mode=mode, cval=cval, origin=origin, workers=workers)
           for size, mode, origin, cval in cases]
    monkeypatch.setattr(_ndimage_passes, "_box_fir_2d_ok", lambda *args: False)
    _ndimage_lines.clear_plans()
    for (size, mode, origin, cval), g in zip(cases, got):
        want = nd.uniform_filter(x, size, output=out, mode=mode, cval=cval, origin=origin)
        assert_close(g, want, x)
        two = ck.uniform_filter(x, size, output=out, mode=mode, cval=cval, origin=origin, workers=workers)
        assert g.tobytes() == two.tobytes(), (size, mode, origin)


@pytest.mark.parametrize("road", ["rule", "engines", "fir_2d"])
@pytest.mark.parametrize("dtype", ["float32", "float64", "uint8"])
@pytest.mark.parametrize("mode, cval", [("reflect", 0.0), ("nearest", 0.0), ("constant", 0.0), ("constant", 1.5)])
def test_large_2d_kernels_either_road_give_scipys_answer(monkeypatch, road, dtype, mode, cval):
    """2-D images past 512^2 with short 2-D kernels: fir_2d or the engines by dtype, kernel size and
    fill (_ndimage_passes._fir_2d_ok's rule, or either road forced); scipy's answer, and the short
    road's bits equal the general road's."""
    if road == "engines":
        monkeypatch.setattr(_ndimage_passes, "_FIR_2D_LARGE_SAMPLES", 0)
    elif road == "fir_2d":
        monkeypatch.setattr(_ndimage_passes, "_FIR_2D_LARGE_TAPS", {"f": 81, "f<": 81, "d": 81, "d<": 81})
    rng = _rng("large2d", dtype, mode, cval)
    x = _data(rng, (530, 520), dtype)
    for k in (3, 5, 9):
        w = rng.integers(-3, 4, (k, k)).astype(float) if k == 9 else rng.standard_normal((k, k))
        got = ck.correlate(x, w, mode=mode, cval=cval)
        want = nd.correlate(x, w, mode=mode, cval=cval)
        assert got.dtype == want.dtype
        assert_close(got, want, x, w.ravel())
        general = ck.correlate(x, w, output=x.dtype, mode=mode, cval=cval)
        assert general.tobytes() == got.tobytes()


@pytest.mark.parametrize("dtype", ["uint8", "int8"])
@pytest.mark.parametrize("shape, workers", [((29, 41), 1), ((370, 360), 2)])   # large: split by rows
@pytest.mark.parametrize("out", [None, "dtype"])   # the short road, the general road
def test_small_int_2d_box_filter_is_scipys_exactly(dtype, shape, workers, out):
    """2-D int8/uint8 box filters into their dtype (one sweep of both passes where the rows' window
    is short and cval an integer, else pass by pass): scipy's values, every mode, origins, modes
    per axis, a fractional cval."""
    rng = _rng("box2d", dtype, shape, workers, out)
    x = _data(rng, shape, dtype)
    output = None if out is None else np.dtype(dtype)
    cases = [(3, m, 0, 0.0) for m in MODES] + [((5, 2), "constant", (1, 0), 9.0), ((2, 7), "wrap", (0, -2), 0.0),
                                               ((9, 16), ("mirror", "nearest"), (-3, 5), 0.0), (17, "reflect", 0, 0.0),
                                               (3, "constant", 0, 2.5), ((40, 3), "nearest", 0, 0.0)]
    for size, mode, origin, cval in cases:
        got = ck.uniform_filter(x, size, output=output, mode=mode, cval=cval, origin=origin, workers=workers)
        want = nd.uniform_filter(x, size, output=output, mode=mode, cval=cval, origin=origin)
        assert got.dtype == want.dtype
        np.testing.assert_array_equal(got, want, err_msg=str((size, mode, origin, cval)))


@pytest.mark.parametrize("road", ["fir", "engines"])
@pytest.mark.parametrize("mode", MODES)
def test_fir_passes_and_engine_road_both_give_scipys_answer(monkeypatch, road, mode):
    """The FIR passes (1-D kernels, small 2-D images) and the padded engine road they replace
    must both agree with scipy: the engine road is forced by turning the FIR limits off."""
    if road == "engines":
        for limit in ("_FIR_MAX_TAPS", "_FIR_ROW_TAPS", "_FIR_ROW_F32_TAPS", "_FIR_SMALL", "_FIR_2D_TAPS"):
            monkeypatch.setattr(_ndimage_passes, limit, 0)
    rng = _rng("roads", road, mode)
    for dtype in ("float32", "float64", "uint8"):
        x = _data(rng, (13, 17), dtype)
        v = _data(rng, (5, 6, 7), dtype)
        w2 = rng.integers(-3, 4, (3, 4)).astype(float) if dtype == "uint8" else rng.standard_normal((3, 4))
        w1 = rng.integers(-3, 4, 5).astype(float) if dtype == "uint8" else rng.standard_normal(5)
        calls = [("correlate", (x, w2), {"origin": (1, -1)}), ("convolve", (x, w2), {}),
                 ("correlate1d", (x, w1), {"axis": 0, "origin": 1}), ("correlate1d", (x, w1), {"axis": 1}),
                 ("convolve1d", (v, w1), {"axis": 1}), ("uniform_filter1d", (x, 4), {"axis": 0}),
                 ("uniform_filter", (v, 3), {})]
        if dtype != "uint8":      # fractional weights into uint8 may differ by one (see the rounding rule)
            calls += [("gaussian_filter", (x, 1.2), {}), ("gaussian_filter", (v, 0.8), {"order": 1})]
        for name, args, kw in calls:
            got = getattr(ck, name)(*args, mode=mode, cval=2.0, **kw)
            want = getattr(nd, name)(*args, mode=mode, cval=2.0, **kw)
            assert got.dtype == want.dtype, name
            assert_close(got, want, args[0], np.asarray(args[1], dtype=float).ravel())


def test_padded_scratch_never_escapes_and_is_per_thread(monkeypatch):
    """Padded copies reuse one scratch buffer per thread: a result must never be a view of it
    (a later call would overwrite it), and threads must not share it."""
    import concurrent.futures

    for limit in ("_FIR_MAX_TAPS", "_FIR_ROW_TAPS", "_FIR_ROW_F32_TAPS", "_FIR_SMALL", "_FIR_2D_TAPS"):
        monkeypatch.setattr(_ndimage_passes, limit, 0)
    rng = _rng("scratch")
    xs = [rng.standard_normal((40, 50)) for _ in range(6)]
    w = rng.standard_normal((3, 4))
    first = ck.correlate(xs[0], w, mode="mirror")
    keep = first.copy()
    ck.correlate(xs[1], w, mode="mirror")
    ck.correlate1d(xs[2], np.ones(1), mode="wrap")   # a one-tap kernel: the engine's trivial path
    np.testing.assert_array_equal(first, keep)
    assert not np.may_share_memory(ck.correlate1d(xs[3], np.ones(1), axis=1, mode="wrap"), _ndimage_padding._SCRATCH.bufs["pad"])
    # separable filters: intermediate passes in scratch, never the result (float and integer outputs)
    for dtype, out in (("float64", None), ("uint8", None), ("uint8", np.float32)):
        a, b = (_data(rng, (30, 20, 6), dtype) for _ in range(2))
        for f, arg in ((ck.gaussian_filter, 1.0), (ck.uniform_filter, 3)):
            first = f(a, arg, output=out)
            keep = first.copy()
            f(b, arg, output=out)
            np.testing.assert_array_equal(first, keep)
            assert not any(np.may_share_memory(first, buf) for buf in _ndimage_padding._SCRATCH.bufs.values())

    def job(i):
        return [ck.correlate(xs[i], w, mode="nearest") for _ in range(5)]

    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        results = list(pool.map(job, range(6)))
    for x, outs in zip(xs, results):
        want = nd.correlate(x, w, mode="nearest")
        for got in outs:
            assert_close(got, want, x, w)


@pytest.mark.parametrize("axis", [0, 1, -1])
def test_line_passes_split_over_workers_give_the_same_bits(monkeypatch, axis):
    """Large FIR and box passes split their lines over ``workers`` threads: every line is computed the
    same way whatever the split, so the bits equal the one-thread result (and scipy's values)."""
    monkeypatch.setattr(_ndimage_passes, "_FIR_SPLIT_SAMPLES", 1)
    rng = _rng("split", axis)
    for x in (rng.standard_normal((37, 29)), rng.standard_normal((5, 23, 19)).astype(np.float32),
              rng.standard_normal((1, 40, 33))):
        w = rng.standard_normal(5)
        one = ck.correlate1d(x, w, axis=axis, mode="mirror", workers=1)
        many = ck.correlate1d(x, w, axis=axis, mode="mirror", workers=3)
        np.testing.assert_array_equal(one, many)
        assert_close(many, nd.correlate1d(x, w, axis=axis, mode="mirror"), x, w)
        np.testing.assert_array_equal(ck.gaussian_filter(x, 1.3, workers=1), ck.gaussian_filter(x, 1.3, workers=3))
        # box passes (running sums) split the same way
        np.testing.assert_array_equal(ck.uniform_filter1d(x, 20, axis=axis, workers=1),
                                      ck.uniform_filter1d(x, 20, axis=axis, workers=3))
        np.testing.assert_array_equal(ck.uniform_filter(x, 4, workers=1), ck.uniform_filter(x, 4, workers=3))


def test_scratch_per_thread_stays_under_its_cap(monkeypatch):
    """A thread's scratch slots together never hold more than ``_SCRATCH_MAX_BYTES``: requests
    past it get fresh memory (and the same results)."""
    monkeypatch.setattr(_ndimage_padding, "_SCRATCH_MAX_BYTES", 200_000)
    monkeypatch.setattr(_ndimage_padding._SCRATCH, "bufs", {}, raising=False)
    rng = _rng("cap")
    seen = 0
    for shape in ((60, 70), (150, 160), (40, 50, 30)):   # 34 KB .. 480 KB of float64 per array
        x = rng.standard_normal(shape)
        w = rng.standard_normal((3,) * x.ndim)
        assert_close(ck.correlate(x, w, mode="mirror"), nd.correlate(x, w, mode="mirror"), x, w)
        assert_close(ck.gaussian_filter(x, 1.5), nd.gaussian_filter(x, 1.5), x)
        assert_close(ck.uniform_filter(x, 4, mode="wrap"), nd.uniform_filter(x, 4, mode="wrap"), x)
        seen = max(seen, _ndimage_padding._scratch_bytes())
        assert _ndimage_padding._scratch_bytes() <= 200_000
    assert seen > 0       # the buffers under the cap were kept


@pytest.mark.parametrize("dtype", ["uint8", "int8", "uint16", "int16"])
@pytest.mark.parametrize("mode", ["reflect", "constant", "nearest", "mirror", "wrap"])
def test_small_integer_box_passes_in_their_own_dtype_equal_scipy(dtype, mode):
    """Box filters of small integers run with the cast in the running-sum kernels' store: the
    same values as scipy's float64 sums cast after each pass, at the dtype's extremes, with
    fractional and extreme fill values, every size and origin; an output that overlaps the
    input takes the general road."""
    info = np.iinfo(dtype)
    rng = _rng("box-int", dtype, mode)
    x = rng.integers(info.min, info.max, (23, 19, 6), endpoint=True).astype(dtype)
    for cval in (0, 2.5, info.max, info.min, info.max + 1):
        for size, origin, axis in ((1, 0, 0), (2, -1, 1), (3, 1, 2), (9, 0, 1), (17, -8, 2), (30, 3, 0)):
            np.testing.assert_array_equal(
                ck.uniform_filter1d(x, size, axis=axis, mode=mode, cval=cval, origin=origin),
                nd.uniform_filter1d(x, size, axis=axis, mode=mode, cval=cval, origin=origin))
        got = ck.uniform_filter(x, (4, 3, 5), mode=mode, cval=cval)
        assert got.dtype == x.dtype
        np.testing.assert_array_equal(got, nd.uniform_filter(x, (4, 3, 5), mode=mode, cval=cval))
    inplace = x.copy()
    ck.uniform_filter(inplace, 3, mode=mode, output=inplace)
    np.testing.assert_array_equal(inplace, nd.uniform_filter(x, 3, mode=mode))


@pytest.mark.parametrize("shape", [(3, 14, 27), (8, 8, 8), (20, 20, 20)])
@pytest.mark.parametrize("dtype", ["uint8", "int16"])
def test_integer_kernels_past_the_direct_tap_limit_stay_exact(shape, dtype):
    """A 7x7x7 integer kernel (343 taps, past the float32/float64 direct road's 256) on an
    integer volume: the sum runs in int64 through the engines, and an FFT engine's float
    result is rounded before the truncating cast (once it was not: a box sum of 84 came back
    83.99999999999997 and truncated to 83 in 160-3400 voxels)."""
    rng = _rng("exact343", shape, dtype)
    x = _data(rng, shape, dtype)
    for w in (np.ones((7, 7, 7)), np.round(rng.standard_normal((7, 7, 7)) * 3)):
        for mode in ("constant", "reflect"):
            np.testing.assert_array_equal(ck.correlate(x, w, mode=mode), nd.correlate(x, w, mode=mode))


@pytest.mark.parametrize("func,size", [("uniform_filter1d", 5), ("uniform_filter1d", 7), ("uniform_filter", 3),
                                       ("uniform_filter", 6)])
@pytest.mark.parametrize("dtype", ["uint8", "int16", "int32"])
def test_integer_box_means_into_float64_are_scipys_float64_quotients(func, size, dtype):
    """An integer image's box mean into a float64 output is the exact integer sum divided by the
    size in float64, as in scipy: bit for bit for one pass, within float64's tolerance for two
    (the second pass sums fractional means in another order). It was once divided in float32:
    int16 means such as -25.399999618530273 where scipy gives -25.4, a 1e-8 relative error."""
    rng = _rng("boxmean", func, size, dtype)
    x = _data(rng, (37, 41), dtype)
    for mode in MODES:
        got = getattr(ck, func)(x, size, mode=mode, output=np.float64)
        want = getattr(nd, func)(x, size, mode=mode, output=np.float64)
        if func == "uniform_filter1d":
            np.testing.assert_array_equal(got, want)
        else:
            assert_close(got, want, x, np.ones(1))


@pytest.mark.parametrize("func,arg", [("uniform_filter", 3), ("gaussian_filter", 0.7)])
@pytest.mark.parametrize("out", ["dtype", "array"])
def test_bool_output_of_separable_filters_reads_each_pass_as_scipys_bytes(func, arg, out):
    """scipy stores a pass into a bool output as the C cast to its byte (-8.3 -> 248, True) and
    the next pass reads those bytes as numbers (fuzz_ndimage: convkit read them as 0/1)."""
    rng = _rng("bool-out", func, out)
    x = rng.integers(-50, 50, (9, 7)).astype(np.int16)
    outputs = [np.zeros(x.shape, bool), np.zeros(x.shape, bool)] if out == "array" else [bool, bool]
    want = getattr(nd, func)(x, arg, output=outputs[0], mode="constant", cval=-1)
    got = getattr(ck, func)(x, arg, output=outputs[1], mode="constant", cval=-1)
    assert got.dtype == want.dtype == np.bool_
    np.testing.assert_array_equal(got.view(np.uint8) != 0, want.view(np.uint8) != 0)


@pytest.mark.parametrize("func,args", [("correlate1d", ([-2.0],)), ("correlate1d", ([0.5, -1.5],)),
                                       ("gaussian_filter1d", (1.0,)), ("correlate", (np.array([[0.25, -2.0]]),))])
@pytest.mark.parametrize("dtype", ["int64", "uint64"])
def test_64bit_sums_past_1e12_are_not_moved_by_the_snap(func, args, dtype):
    """The integer snap (``* (1 + 1e-12)``) moved int64 sums of 6e18 by 6e6 from scipy's float64
    value (fuzz_ndimage); past 2**-7 / 1e-12 its nudge is capped, so such values are scipy's
    within float64's rounding of the sum."""
    rng = _rng("snap64", func, dtype)
    info = np.iinfo(dtype)
    x = rng.integers(info.min // 4, info.max // 4, (6, 40), dtype=dtype)
    want = getattr(nd, func)(x, *args)
    got = getattr(ck, func)(x, *args)
    scale = float(np.abs(x.astype(np.float64)).max()) * 4
    err = np.abs(got.astype(np.float64) - want.astype(np.float64))
    assert err.max() <= 2.0 ** -48 * scale, err.max()


@pytest.mark.parametrize("dtype", ["uint8", "int16", "int32"])
@pytest.mark.parametrize("shape,wshape", [((8, 37), (7, 3)), ((6, 10, 28), (2, 9, 3))])
def test_byte_swapped_weights_on_integer_images(dtype, shape, wshape):
    """Big-endian float64 weights (dtype char 'd' too) reached the compiled 2-D/3-D loops
    unconverted: Numba's TypingError (fuzz_ndimage)."""
    rng = _rng("swapped", dtype, shape)
    x = rng.integers(0, 100, shape).astype(dtype)
    w = rng.standard_normal(wshape).astype(">f8")
    from convkit import _ndimage_cold

    with _ndimage_cold.foreground():   # the compiled kernels (the cold road's numpy ones accept any order)
        for func in ("correlate", "convolve"):
            assert_close(getattr(ck, func)(x, w, mode="wrap"), getattr(nd, func)(x, w, mode="wrap"))


@pytest.mark.parametrize("func", ["correlate", "convolve"])
@pytest.mark.parametrize("shape", [(1,), (1, 5)])
def test_complex_weights_along_a_length_one_axis(func, shape):
    """A kernel long on a length-1 axis took the short road's unit pass, which cast complex
    weights to float64 (a uint8 result where scipy's is complex64; fuzz_ndimage seed 5)."""
    x = np.arange(1, 1 + int(np.prod(shape)), dtype=np.uint8).reshape(shape)
    w = np.array([0.5 + 2j, -0.25 - 1j]).reshape((2,) + (1,) * (len(shape) - 1))
    kw = {"mode": "nearest", "cval": 295, "origin": -1 if len(shape) == 1 else [-1, 0]}
    want = getattr(nd, func)(x, w, **kw)
    got = getattr(ck, func)(x, w, **kw)
    assert_close(got, want, x, w)


@pytest.mark.parametrize("dtype", ["uint64", "int64", "uint32"])
def test_long_integer_kernels_on_64bit_images_are_exact(dtype):
    """uint64 images were kept off the exact integer road: a 921-tap bool kernel ran on the FFT
    engine and truncated 0.9999999999985 to 0 where scipy's sum is 1 (fuzz_ndimage seed 1)."""
    rng = _rng("long-int", dtype)
    x = rng.integers(0, 51, (40, 919)).astype(dtype)
    x[:, 400:] = 0
    x[:, 455:465] = [0, 0, 1, 0, 0, 0, 0, 0, 1, 0]
    w = rng.random(921) < 0.5
    for origin in (-460, 0, 460):
        want = nd.correlate1d(x, w, axis=1, mode="constant", output=np.uint8, origin=origin)
        got = ck.correlate1d(x, w, axis=1, mode="constant", output=np.uint8, origin=origin)
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("dtype", ["bool", "int16", "uint8"])
@pytest.mark.parametrize("func,size", [("uniform_filter1d", 3), ("uniform_filter", 9)])
def test_integer_box_with_a_fractional_fill_into_float64_is_not_snapped(dtype, func, size):
    """An integer image's box sums were asked for as int64 even with a fractional cval, whose
    road snapped them (* (1 + 1e-12)) into a float64 output (fuzz_ndimage seed 1)."""
    rng = _rng("frac-fill", dtype, func)
    x = (rng.random(33) < 0.5) if dtype == "bool" else rng.integers(0, 50, 33).astype(dtype)
    kw = {"mode": "grid-constant", "cval": -0.04231132929175048, "output": np.float64}
    want = getattr(nd, func)(x, size, **kw)
    got = getattr(ck, func)(x, size, **kw)
    assert_close(got, want, x)
    assert np.abs(got - want).max() <= 8 * np.finfo(np.float64).eps * np.abs(want).max()
