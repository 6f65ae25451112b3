"""Differential tests: every public function against scipy.signal (the reference).

Grids cover function x dtype x mode x forced method on shapes where every axis
length differs, plus the edge cases DESIGN.md lists. scipy's known defects are
corrected in ``conftest.scipy_reference`` and pinned in test_differences.py.
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest
import scipy.signal as ss
from hypothesis import given
from hypothesis import strategies as st

import convkit

from conftest import ALL_DTYPES, assert_close, random_array, scipy_reference

MODES = ["full", "valid", "same"]
METHODS = ["auto", "direct", "fft", "oa"]

# (in1 shape, in2 shape): 1-D, 2-D and 3-D, with kernels shorter, equal and longer.
SHAPES = [
    ((37,), (5,)),
    ((6,), (11,)),
    ((1,), (1,)),
    ((9,), (9,)),
    ((13, 10), (3, 4)),
    ((4, 5), (7, 6)),
    ((7, 6, 5), (2, 3, 4)),
]


def _valid_ok(s1, s2):
    return all(a >= b for a, b in zip(s1, s2)) or all(b >= a for a, b in zip(s1, s2))


@pytest.mark.parametrize("name", ["convolve", "correlate"])
@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("method", METHODS)
def test_convolve_correlate_match_scipy(name, dtype, method, rng):
    func = getattr(convkit, name)
    for (s1, s2), mode in itertools.product(SHAPES, MODES):
        if mode == "valid" and not _valid_ok(s1, s2):
            continue
        in1 = random_array(rng, s1, dtype)
        in2 = random_array(rng, s2, dtype)
        expected = scipy_reference(name, in1, in2, mode)
        actual = func(in1, in2, mode=mode, method=method)
        assert_close(actual, expected, in1, in2)


MIXED = [("int8", "uint8"), ("int16", "float32"), ("int32", "float32"), ("float32", "int64"),
         ("float32", "complex64"), ("uint64", "int64"), ("bool", "int8"), ("float16", "float32"),
         ("float64", "complex64"), ("uint8", "uint16")]


@pytest.mark.parametrize("dt1,dt2", MIXED)
@pytest.mark.parametrize("method", METHODS)
def test_mixed_dtypes_promote_like_scipy(dt1, dt2, method, rng):
    in1 = random_array(rng, (23,), dt1)
    in2 = random_array(rng, (6,), dt2)
    for mode in MODES:
        for name in ("convolve", "correlate"):
            assert_close(getattr(convkit, name)(in1, in2, mode, method),
                         scipy_reference(name, in1, in2, mode), in1, in2)


@pytest.mark.parametrize("name", ["fftconvolve", "oaconvolve"])
@pytest.mark.parametrize("dtype", ["bool", "int16", "uint64", "float16", "float32", "float64", "complex64", "complex128"])
def test_freq_functions_match_scipy(name, dtype, rng):
    func = getattr(convkit, name)
    for (s1, s2), mode in itertools.product(SHAPES, MODES):
        if mode == "valid" and not _valid_ok(s1, s2):
            continue
        in1 = random_array(rng, s1, dtype)
        in2 = random_array(rng, s2, dtype)
        assert_close(func(in1, in2, mode=mode), scipy_reference(name, in1, in2, mode), in1, in2)


AXES_CASES = [
    ((6, 40), (6, 7), -1),
    ((6, 40), (1, 7), 1),
    ((1, 40), (5, 7), [1]),
    ((3, 30, 4), (3, 5, 1), 1),
    ((8, 9, 10), (3, 4, 5), [0, 2]),
    ((8, 9, 10), (1, 4, 1), None),
    ((5, 33), (5, 1), -1),
]


@pytest.mark.parametrize("name", ["fftconvolve", "oaconvolve"])
@pytest.mark.parametrize("s1,s2,axes", AXES_CASES)
@pytest.mark.parametrize("mode", MODES)
def test_axes_and_broadcasting(name, s1, s2, axes, mode, rng):
    in1 = rng.standard_normal(s1)
    in2 = rng.standard_normal(s2)
    try:
        expected = scipy_reference(name, in1, in2, mode, axes=axes)
    except ValueError as exc:
        with pytest.raises(ValueError, match=str(exc)[:30]):
            getattr(convkit, name)(in1, in2, mode=mode, axes=axes)
        return
    assert_close(getattr(convkit, name)(in1, in2, mode=mode, axes=axes), expected, in1, in2)


@pytest.mark.parametrize("name", ["convolve2d", "correlate2d"])
@pytest.mark.parametrize("boundary", ["fill", "wrap", "symm", "circular", "symmetric", "pad"])
@pytest.mark.parametrize("dtype", ["int16", "uint8", "float32", "float64", "complex128"])
def test_2d_boundaries_match_scipy(name, boundary, dtype, rng):
    func = getattr(convkit, name)
    for s1, s2 in [((9, 12), (3, 4)), ((5, 4), (6, 7)), ((10, 10), (4, 4)), ((1, 8), (3, 2))]:
        in1 = random_array(rng, s1, dtype)
        in2 = random_array(rng, s2, dtype)
        for mode in MODES:
            if mode == "valid" and not _valid_ok(s1, s2):
                continue
            for fill in (0, 2):
                kw = dict(boundary=boundary, fillvalue=fill)
                assert_close(func(in1, in2, mode, **kw), scipy_reference(name, in1, in2, mode, **kw), in1, in2)


def test_2d_fillvalue_casts_like_scipy():
    x = np.arange(12, dtype=np.int8).reshape(3, 4)
    y = np.ones((2, 3), np.int8)
    for fill in (1.5, 2.9, -1, 127.5, np.int64(5), True, np.float32(2.5)):
        assert_close(convkit.convolve2d(x, y, fillvalue=fill), ss.convolve2d(x, y, fillvalue=fill))
    xf = x.astype(np.float64)
    for fill in (np.array([1]), [2], None, np.nan, 1e40):
        assert_close(convkit.convolve2d(xf, y, fillvalue=fill), ss.convolve2d(xf, y, fillvalue=fill))


def test_scalar_and_zero_d_inputs():
    assert convkit.convolve(2, 3) == ss.convolve(2, 3)
    assert convkit.correlate(2j, 3j) == ss.correlate(2j, 3j) == 6
    assert convkit.convolve(2j, 3j) == -6
    out = convkit.fftconvolve(2, 3)
    assert out == 6 and np.asarray(out).dtype == np.int64
    assert convkit.oaconvolve(np.float32(2), np.float32(3)).dtype == np.float32
    assert_close(convkit.convolve([1, 2, 3], [2]), ss.convolve([1, 2, 3], [2]))
    # No convolved axis left: fftconvolve returns in1 * in2 without a float cast, as scipy does.
    out = convkit.fftconvolve([1, 2, 3], [2])
    assert out.dtype == ss.fftconvolve([1, 2, 3], [2]).dtype
    np.testing.assert_array_equal(out, [2, 4, 6])


def test_empty_inputs():
    for func in (convkit.fftconvolve, convkit.oaconvolve):
        out = func(np.zeros((0, 3)), np.ones((2, 2)))
        assert out.shape == (0,) and out.dtype == np.float64
    for func in (convkit.convolve, convkit.correlate):
        for method in ("fft", "oa"):   # scipy raises IndexError here (README, smaller differences)
            for a, b in [(np.zeros(0), np.ones(2)), (np.ones(3), np.zeros(0)), (np.zeros((0, 3)), np.ones((2, 2)))]:
                with pytest.raises(ValueError, match="cannot be empty"):
                    func(a, b, method=method)
    for s1, s2, mode in [((0, 3), (2, 2), "full"), ((3, 3), (0, 2), "valid"), ((3, 3), (0, 2), "same")]:
        a, b = np.zeros(s1), np.ones(s2)
        assert_close(convkit.convolve2d(a, b, mode), ss.convolve2d(a, b, mode))


EMPTY_SHAPES = [((0,), (5,)), ((5,), (0,)), ((0,), (0,)), ((0, 3), (2, 2)), ((3, 0), (2, 2)), ((3, 3), (0, 2)),
                ((0, 3), (0, 2)), ((0, 1), (3, 0)), ((1, 0), (0, 2)), ((2, 0, 3), (1, 2, 2)), ((0, 2), (3, 3))]


def _outcome(func, *args, **kwargs):
    try:
        out = func(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - the exception type is the outcome compared
        return type(exc)
    return out.dtype, out.shape, out.tobytes()


@pytest.mark.parametrize("shapes", EMPTY_SHAPES, ids=str)
@pytest.mark.parametrize("dtypes", [("float64", "float64"), ("int16", "int16"), ("float32", "complex64"),
                                    ("complex128", "complex128"), ("bool", "float64")], ids=str)
def test_empty_operand_direct_and_auto_match_scipy(shapes, dtypes):
    """An empty operand on the direct and auto paths: scipy returns an empty array or zeros for
    some calls ('same' with an empty in1, N-d 'valid' with an empty kernel) and raises for others;
    convkit gives the same array (dtype, shape, bits, 0-0j included) or the same exception type."""
    a, b = np.ones(shapes[0], dtypes[0]), np.ones(shapes[1], dtypes[1])
    for name in ("convolve", "correlate"):
        for mode in ("full", "same", "valid"):
            for method in ("direct", "auto"):
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    expected = _outcome(getattr(ss, name), a, b, mode, method=method)
                got = _outcome(getattr(convkit, name), a, b, mode, method=method)
                assert got == expected, (name, mode, method)


LAYOUTS = {
    "non-contiguous": lambda x: np.repeat(x, 2, axis=-1)[..., ::2],
    "negative-stride": lambda x: x[..., ::-1].copy()[..., ::-1],
    "fortran": np.asfortranarray,
    "big-endian": lambda x: x.astype(x.dtype.newbyteorder(">")) if x.dtype.itemsize > 1 else x,
    "read-only": lambda x: _readonly(x),
}


def _readonly(x):
    x = x.copy()
    x.flags.writeable = False
    return x


@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("dtype", ["int32", "float32", "float64", "complex128"])
@pytest.mark.parametrize("method", METHODS)
def test_memory_layouts_and_inputs_unchanged(layout, dtype, method, rng):
    base1 = random_array(rng, (11, 31), dtype)
    base2 = random_array(rng, (3, 6), dtype)
    in1 = LAYOUTS[layout](base1)
    in2 = LAYOUTS[layout](base2)
    if layout == "negative-stride":
        in1, in2 = base1[::-1, ::-1], base2[:, ::-1]
        base1, base2 = in1.copy(), in2.copy()
    before1, before2 = in1.copy(), in2.copy()
    for mode in MODES:
        assert_close(convkit.convolve(in1, in2, mode, method), scipy_reference("convolve", base1, base2, mode), base1, base2)
        assert_close(convkit.correlate(in1, in2, mode, method), scipy_reference("correlate", base1, base2, mode), base1, base2)
    assert_close(convkit.fftconvolve(in1, in2, "same"), scipy_reference("fftconvolve", base1, base2, "same"), base1, base2)
    assert_close(convkit.convolve2d(in1, in2, "same", "symm"), ss.convolve2d(base1, base2, "same", "symm"), base1, base2)
    np.testing.assert_array_equal(in1, before1)
    np.testing.assert_array_equal(in2, before2)


@pytest.mark.parametrize("method", ["direct", "fft", "oa", "auto"])
def test_integer_overflow_wraps_like_scipy(method):
    a = np.array([100, 100], np.int8)
    np.testing.assert_array_equal(convkit.convolve(a, a, method=method), [16, 32, 16])
    big = np.array([2**62, 3], np.int64)
    assert_close(convkit.convolve(big, big, method=method), ss.convolve(big, big, method="direct"))
    u = np.array([2**63 + 5, 7], np.uint64)
    assert_close(convkit.correlate(u, u, method=method), ss.correlate(u, u, method="direct"))


@given(
    n=st.integers(1, 60), k=st.integers(1, 60), m=st.integers(1, 5), j=st.integers(1, 5),
    mode=st.sampled_from(MODES), method=st.sampled_from(METHODS),
    dtype=st.sampled_from(["int16", "float32", "float64", "complex128"]),
    seed=st.integers(0, 2**32 - 1), name=st.sampled_from(["convolve", "correlate"]),
)
def test_random_shapes_property(n, k, m, j, mode, method, dtype, seed, name):
    if mode == "valid" and not _valid_ok((m, n), (j, k)):
        return
    rng = np.random.default_rng(seed)
    in1 = random_array(rng, (m, n), dtype)
    in2 = random_array(rng, (j, k), dtype)
    assert_close(getattr(convkit, name)(in1, in2, mode, method), scipy_reference(name, in1, in2, mode), in1, in2)


def test_tolerance_rule_on_random_normal_data(rng):
    """float64 relative L2 <= 1e-12 and float32 <= 1e-5 against a float64 direct reference, every engine."""
    for n, k in [(5000, 301), (2000, 2000), (30000, 64)]:
        x = rng.standard_normal(n)
        h = rng.standard_normal(k)
        ref = np.convolve(x, h)
        for method in ("direct", "fft", "oa"):
            for dtype, tol in ((np.float64, 1e-12), (np.float32, 1e-5)):
                out = convkit.convolve(x.astype(dtype), h.astype(dtype), method=method)
                assert out.dtype == dtype
                err = np.linalg.norm(out - ref) / np.linalg.norm(ref)
                assert err <= tol, (method, dtype, n, k, err)


def test_workers_argument(rng):
    x = rng.standard_normal(20000)
    h = rng.standard_normal(300)
    ref = convkit.convolve(x, h, method="direct")
    for workers in (1, 2, -1, None):
        for method in METHODS:
            assert_close(convkit.convolve(x, h, method=method, workers=workers), ref, x, h)
    with convkit.set_workers(2):
        assert convkit.get_workers() == 2
        assert_close(convkit.fftconvolve(x, h), ref, x, h)
    assert convkit.get_workers() == 1
    with pytest.raises(ValueError, match="workers must not be zero"):
        convkit.convolve(x, h, workers=0)
    with pytest.raises(ValueError, match="workers value out of range"):
        convkit.convolve(x, h, workers=-1000)


def test_choose_conv_method_contract(rng):
    assert convkit.choose_conv_method([1, 2], [3]) == "direct"
    assert convkit.choose_conv_method([1, 2], [[3]]) == ss.choose_conv_method([1, 2], [[3]])
    assert convkit.choose_conv_method(np.ones(10**6), np.ones(4)) == "direct"
    assert convkit.choose_conv_method(np.ones(10**5), np.ones(5000)) == "fft"
    # Integers whose FFT result could not round back exactly stay direct, as in scipy.
    big = np.full(1000, 2**40, np.int64)
    assert convkit.choose_conv_method(big, big) == "direct"
    method, times = convkit.choose_conv_method(rng.standard_normal(500), rng.standard_normal(20), measure=True)
    assert method in ("direct", "fft") and set(times) == {"fft", "direct"}
    assert method == min(times, key=times.get)
    with pytest.raises(ValueError, match="Acceptable mode flags"):
        convkit.choose_conv_method([1, 2], [3], mode="x")


@pytest.mark.parametrize("s1,s2", [((5, 40), (1, 7)), ((1, 40), (5, 7)), ((6, 1), (1, 9)), ((1, 1), (3, 3)),
                                   ((3, 1, 30), (1, 4, 5)), ((4, 30), (1, 1)), ((1, 30), (1, 30))])
@pytest.mark.parametrize("name", ["convolve", "correlate"])
@pytest.mark.parametrize("method", METHODS)
def test_length_one_axes_broadcast_like_convolution(s1, s2, name, method, rng):
    """Axes where an input has length 1 run as batch axes; results must not change."""
    for dtype in ("int16", "float64", "complex128"):
        in1 = random_array(rng, s1, dtype)
        in2 = random_array(rng, s2, dtype)
        for mode in MODES:
            if mode == "valid" and not _valid_ok(s1, s2):
                continue
            assert_close(getattr(convkit, name)(in1, in2, mode, method), scipy_reference(name, in1, in2, mode),
                         in1, in2)


TINY_LAYOUTS = {
    "contiguous": lambda x: x,
    "strided": lambda x: np.repeat(x, 2)[::2],
    "negative-stride": lambda x: x[::-1].copy()[::-1],
    "read-only": lambda x: np.frombuffer(x.tobytes(), x.dtype),
    "big-endian": lambda x: x.astype(x.dtype.newbyteorder(">")),
}


def _general_calls(monkeypatch) -> list:
    """A list to which every call that convolve/correlate hand to the general path (not the tiny one) adds itself."""
    import convkit._signal as cs

    calls = []
    real = cs.normalize_convolve
    monkeypatch.setattr(cs, "normalize_convolve", lambda *args, **kw: calls.append(args[:3]) or real(*args, **kw))
    return calls


@pytest.mark.parametrize("name", ["convolve", "correlate"])
@pytest.mark.parametrize("dtype", ["float32", "float64", "complex64", "complex128"])
@pytest.mark.parametrize("layout", list(TINY_LAYOUTS))
def test_tiny_1d_path_matches_scipy(name, dtype, layout, rng, monkeypatch):
    """Tiny 1-D calls skip validation (_execute.tiny); every shape, mode and layout still matches scipy,
    and real convolve gives scipy's bits (both run numpy's correlate; complex calls with many outputs
    run the engine's plain loop, where numpy's BLAS call per output is slower)."""
    general = _general_calls(monkeypatch)
    calls = 0
    func = getattr(convkit, name)
    for n, k in [(1, 1), (1, 7), (7, 1), (5, 5), (100, 5), (5, 100), (64, 64), (33, 124)]:
        base1, base2 = random_array(rng, (n,), dtype), random_array(rng, (k,), dtype)
        in1, in2 = TINY_LAYOUTS[layout](base1), TINY_LAYOUTS[layout](base2)
        for mode, method in itertools.product(MODES, ["auto", "direct"]):
            actual = func(in1, in2, mode, method)
            calls += 1
            assert actual.dtype == np.dtype(dtype)
            assert_close(actual, scipy_reference(name, base1, base2, mode), base1, base2)
            if name == "convolve" and layout != "big-endian" and (mode != "same" or n >= k) and dtype[0] == "f":
                # where scipy itself runs numpy.convolve: the same bits
                np.testing.assert_array_equal(actual, ss.convolve(base1, base2, mode, method="direct"))
    # big-endian operands are not native: they take the general path, the others the tiny one
    assert len(general) == (calls if layout == "big-endian" else 0)


@pytest.mark.parametrize("name", ["convolve", "correlate"])
@pytest.mark.parametrize("dtype", ["float32", "float64", "complex64", "complex128"])
def test_tiny_2d_path_matches_scipy(name, dtype, rng, monkeypatch):
    """Tiny 2-D calls take the bounds-checked loop (direct.small); shapes include kernels
    larger than the image, length-1 axes and valid-mode pairs where neither contains the other."""
    taken = _general_calls(monkeypatch)
    calls = 0
    func = getattr(convkit, name)
    general = 0  # calls the tiny path must hand to the general one (scipy's valid-mode error)
    for s1, s2 in [((8, 8), (3, 3)), ((3, 4), (8, 9)), ((5, 7), (7, 5)), ((1, 9), (4, 1)), ((6, 1), (1, 1)),
                   ((16, 16), (4, 4))]:
        base1, base2 = random_array(rng, s1, dtype), random_array(rng, s2, dtype)
        for layout in ("contiguous", "transposed"):
            in1, in2 = (base1, base2) if layout == "contiguous" else (base1.T.copy().T, base2[::-1].copy()[::-1])
            for mode in MODES:
                calls += 1
                if mode == "valid" and not _valid_ok(s1, s2):
                    with pytest.raises(ValueError, match="must be at least as large"):
                        func(in1, in2, mode)
                    general += 1
                    continue
                actual = func(in1, in2, mode)
                assert actual.dtype == np.dtype(dtype)
                assert_close(actual, scipy_reference(name, base1, base2, mode), base1, base2)
    assert len(taken) == general < calls


ND_LENGTH_ONE = [((69, 19, 1), (1, 1, 1)), ((13, 1, 39), (1, 3, 1)), ((1, 4, 54), (1, 1, 1)),
                 ((3, 29, 1), (1, 1, 3)), ((1, 97, 18), (6, 1, 1)), ((2, 15, 1), (2, 1, 2)),
                 ((1, 2, 7), (2, 1, 7)), ((1, 1, 1), (1, 1, 2)), ((22, 2, 1), (1, 8, 1)), ((1, 10), (1, 3)),
                 ((1, 1, 40), (1, 1, 5)), ((4, 1, 1, 9), (1, 1, 1, 3))]


@pytest.mark.parametrize("name", ["convolve", "correlate"])
@pytest.mark.parametrize("dtype", ["float32", "float64", "complex128", "int16", "int64"])
@pytest.mark.parametrize("shapes", ND_LENGTH_ONE, ids=str)
def test_tiny_nd_with_length_one_axes_matches_scipy(name, dtype, shapes, rng, monkeypatch):
    """N-d calls with length-1 axes: the tiny path slices those axes away (down to a 1-D or 2-D
    small loop, or a broadcast product); every mode matches scipy, integers exactly."""
    general = _general_calls(monkeypatch)
    calls = 0
    s1, s2 = shapes
    in1, in2 = random_array(rng, s1, dtype), random_array(rng, s2, dtype)
    for mode in MODES:
        if mode == "valid" and not _valid_ok(s1, s2):
            continue
        actual = getattr(convkit, name)(in1, in2, mode)
        calls += 1
        expected = getattr(ss, name)(in1, in2, mode, method="direct")
        assert actual.shape == expected.shape and actual.dtype == expected.dtype
        if np.dtype(dtype).kind == "i":
            np.testing.assert_array_equal(actual, expected)
        else:
            assert_close(actual, expected, in1, in2)
    # every one reduces to at most two axes: the tiny path (integers left with two axes: the general one)
    assert len(general) < calls or np.dtype(dtype).kind == "i"


def test_tiny_1d_window_of_a_long_convolution_costs_its_outputs(monkeypatch):
    """A short 'same' window of a long 1-D convolution passes numpy only the samples it reads
    (it computed the whole 'full' result: 51 ms where oaconvolve took 3 ms)."""
    import convkit._execute as ex

    seen = []
    real = ex._correlate
    monkeypatch.setattr(ex, "_correlate", lambda a, v, mode: seen.append((a.size, v.size)) or real(a, v, mode))
    rng = np.random.default_rng(3)
    a, b = rng.standard_normal(300), rng.standard_normal(20_000)
    out = ex.numpy_window(a, b[::-1].copy()[::-1], (b.size - 1) // 2, a.size)
    assert_close(out, ss.convolve(a, b, "same", method="direct"), a, b)
    assert seen and max(x * y for x, y in seen) <= 2 * a.size * (2 * a.size)


@pytest.mark.parametrize("start,length", [(0, 40), (0, 10), (35, 5), (3, 20), (12, 7), (0, 1), (39, 1)])
def test_numpy_window_every_region(start, length):
    """numpy_window returns exactly the requested slice of the full convolution, for regions
    running off either end (kernel 16, signal 25: full length 40)."""
    from convkit._execute import numpy_window

    rng = np.random.default_rng(5)
    a, b = rng.standard_normal(25), rng.standard_normal(16)
    full = ss.convolve(a, b, "full", method="direct")
    for x, y in ((a, b), (b, a)):
        assert_close(numpy_window(x, y, start, length), full[start:start + length], a, b)
    a[7] = np.inf  # only overlapping products: inf stays where direct convolution puts it
    full = ss.convolve(a, b, "full", method="direct")
    out = numpy_window(a, b, start, length)
    np.testing.assert_array_equal(np.isinf(out), np.isinf(full[start:start + length]))
    np.testing.assert_array_equal(np.isnan(out), np.isnan(full[start:start + length]))


def test_tiny_path_keeps_nonfinite_values_local():
    x = np.zeros((6, 7))
    x[2, 3] = np.inf
    h = np.ones((3, 3))
    out = convkit.convolve(x, h, "same")
    expected = ss.convolve(x, h, "same", method="direct")
    np.testing.assert_array_equal(np.isinf(out), np.isinf(expected))
    np.testing.assert_array_equal(np.isnan(out), np.isnan(expected))
    assert np.isfinite(out).sum() == 6 * 7 - 9


def test_tiny_1d_path_leaves_errors_and_other_calls_to_the_general_path(monkeypatch):
    general = _general_calls(monkeypatch)
    x, h = np.ones(10), np.ones(3)
    for workers in (None, 2):
        for func in (convkit.convolve, convkit.correlate):
            for _ in range(2):  # planned, then looked up
                assert_close(func(x, h, "full", "direct", workers=workers), np.convolve(x, h), x, h)
    # one native integer dtype: numpy.convolve, scipy's own integer path (same wrap-around)
    xi, hi = (np.arange(10) * 2**28).astype(np.int32), np.array([3, -1, 7], np.int32)
    np.testing.assert_array_equal(convkit.convolve(xi, hi, "same"), ss.convolve(xi, hi, "same", method="direct"))
    assert general == []
    for args in [(x, h, "bogus", "auto", None), (x, h, ["full"], "auto", None), (x, h, "full", "fft", None),
                 (x, h, "full", "auto", 0), (x, h, "full", "auto", -1), (x, h, "full", "auto", 1.0),
                 (x, h.astype(np.float32), "full", "auto", None), (x.astype(int), h.astype(np.int32), "full", "auto", None),
                 (x[:0], h, "full", "auto", None), (np.ones(100_000), np.ones(4000), "full", "auto", None),
                 (list(x), h, "full", "auto", None), (x, h[None], "full", "auto", None),
                 (np.ones((3, 4)), np.ones((4, 3)), "valid", "auto", None),
                 (np.ones((3, 4, 5)), np.ones((2, 2, 2)), "full", "auto", None)]:
        for func in (convkit.convolve, convkit.correlate):
            del general[:]
            try:
                func(*args[:4], workers=args[4])
            except (ValueError, TypeError):
                pass
            assert len(general) == 1, args[2:]
    with pytest.raises(ValueError, match="Acceptable mode flags"):
        convkit.convolve(x, h, "bogus")
    with pytest.raises(ValueError, match="cannot be empty"):
        convkit.correlate(x[:0], h)
    with pytest.raises(ValueError, match="workers must not be zero"):
        convkit.convolve(x, h, workers=0)


# --------------------------------------------------------------------------
# convolve2d / correlate2d are direct summation, as scipy's always are (issue 16 item 2)


def _firwin_2d_case():
    """scipy's Testfirwin_2d::test_impulse_response: a 63x63 impulse and a 31x31 window whose taps
    span many decades; FFT round-off (relative to the largest tap) wipes out the small ones."""
    taps = ss.firwin_2d((31, 31), ("hamming", "hamming"), fc=0.4)
    impulse = np.zeros((63, 63))
    impulse[31, 31] = 1
    return impulse, taps


@pytest.mark.parametrize("name", ["convolve2d", "correlate2d"])
def test_2d_functions_keep_direct_elementwise_accuracy(name):
    impulse, taps = _firwin_2d_case()
    assert np.abs(taps).min() < 1e-12 * np.abs(taps).max()  # the case is the hard one
    out = getattr(convkit, name)(impulse, taps, mode="same")
    expected = getattr(ss, name)(impulse, taps, mode="same")
    np.testing.assert_allclose(out, expected, rtol=1e-12, atol=0)
    if name == "convolve2d":
        np.testing.assert_allclose(out[16:47, 16:47], taps, rtol=1e-12, atol=0)


@pytest.mark.parametrize("name", ["convolve2d", "correlate2d"])
@pytest.mark.parametrize("mode", MODES)
def test_2d_functions_are_direct_on_large_inputs(name, mode, rng):
    """A size where auto dispatch prefers an FFT: the 2-D functions still sum directly (elementwise
    relative error at rounding level on taps that span 1 to 1e-60)."""
    image = np.zeros((160, 128))
    image[::17, ::13] = rng.random(image[::17, ::13].shape) + 0.5
    kernel = np.logspace(0, -60, 25 * 21).reshape(25, 21) * np.where(rng.random((25, 21)) < 0.5, -1, 1)
    assert convkit.choose_method(image, kernel, mode).method != "direct"  # auto would not sum directly
    out = getattr(convkit, name)(image, kernel, mode)
    expected = getattr(ss, name)(image, kernel, mode)
    np.testing.assert_allclose(out, expected, rtol=1e-12, atol=0)
    # the FFT engines are an explicit, keyword-only opt-in, with convolve's accuracy contract
    fast = getattr(convkit, name)(image, kernel, mode, method="fft")
    assert_close(fast, expected, image, kernel)
    assert not np.allclose(fast, expected, rtol=1e-6, atol=0)  # ... which is not elementwise
    with pytest.raises(TypeError):
        getattr(convkit, name)(image, kernel, mode, "fill", 0, 1, "fft")  # keyword-only


def test_2d_method_keyword_is_checked():
    with pytest.raises(ValueError, match=r"Acceptable method flags .*Did you mean method='oa'\?"):
        convkit.convolve2d(np.ones((3, 3)), np.ones((2, 2)), method="overlap-add")


# --------------------------------------------------------------------------
# Length-1 axes (issue 16 item 3): on a convolved axis the mode decides the length, whatever
# the lengths ('same' is in1's length even when in1 has length 1); only axes outside `axes`
# broadcast (and keep the broadcast length: README difference 4).

LENGTH_ONE_SHAPES = [
    ((1,), (50,)), ((50,), (1,)), ((1,), (1,)), ((1,), (2,)),
    ((1, 5), (3, 5)), ((3, 5), (1, 5)), ((1, 16), (7, 1)), ((7, 1), (1, 16)), ((1, 1), (4, 6)),
    ((4, 6), (1, 1)), ((5, 1), (5, 8)), ((1, 9), (1, 4)), ((6, 9), (1, 4)), ((6, 1), (1, 1)),
    ((1, 6, 5), (4, 1, 3)), ((3, 1, 7), (3, 5, 1)), ((1, 4, 1), (2, 1, 3)),
]


def _axes_options(ndim):
    yield None
    for a in range(ndim):
        yield a
        yield [a - ndim]
    if ndim > 2:
        yield [0, ndim - 1]


def _same_outcome(call, reference):
    """Both raise the same ValueError, or both return the same array (tolerance rule)."""
    try:
        expected = reference()
    except ValueError as exc:
        with pytest.raises(ValueError) as ours:
            call()
        assert str(ours.value).startswith(str(exc)[:40])
        return None
    actual = call()
    assert_close(actual, expected)
    return actual


@pytest.mark.parametrize("s1,s2", LENGTH_ONE_SHAPES, ids=str)
@pytest.mark.parametrize("dtype", ["int16", "float64", "complex128"])
def test_length_one_axes_every_function(s1, s2, dtype, rng):
    in1 = random_array(rng, s1, dtype)
    in2 = random_array(rng, s2, dtype)
    for mode in MODES:
        for name in ("convolve", "correlate"):
            for method in METHODS:
                _same_outcome(lambda: getattr(convkit, name)(in1, in2, mode, method),
                              lambda: scipy_reference(name, in1, in2, mode))
        for name in ("fftconvolve", "oaconvolve"):
            for axes in _axes_options(len(s1)):
                out = _same_outcome(lambda: getattr(convkit, name)(in1, in2, mode, axes=axes),
                                    lambda: scipy_reference(name, in1, in2, mode, axes=axes))
                if out is not None and mode == "same":
                    conv = range(len(s1)) if axes is None else [a % len(s1) for a in np.atleast_1d(axes)]
                    assert all(out.shape[i] == s1[i] for i in conv), (name, s1, s2, axes, out.shape)
                    if axes is None:
                        # every axis convolved: exactly scipy's own answer, shape included
                        assert out.shape == getattr(ss, name)(in1, in2, mode).shape
        if len(s1) == 2:
            for name in ("convolve2d", "correlate2d"):
                _same_outcome(lambda: getattr(convkit, name)(in1, in2, mode),
                              lambda: scipy_reference(name, in1, in2, mode))


def test_length_one_same_shapes_from_the_issue():
    for func in (convkit.fftconvolve, convkit.oaconvolve):
        assert func(np.ones(1), np.ones(50), "same").shape == (1,)
        assert func(np.ones((1, 5)), np.ones((3, 5)), "same").shape == (1, 5)
        assert func(np.ones((1, 16)), np.ones((7, 1)), "same", axes=[0]).shape == (1, 16)
        # the kept sample is the kernel's centre, (k - 1) // 2, as scipy's
        np.testing.assert_array_equal(func(np.array([2.0]), np.arange(50.0), "same"), [48.0])
        # nothing left to convolve: scipy's broadcast product, no float cast
        out = func(np.array([2]), np.arange(50), "same")
        assert out.dtype == ss.fftconvolve(np.array([2]), np.arange(50), "same").dtype
        np.testing.assert_array_equal(out, [48])
    assert convkit.convolve(np.ones(1), np.ones(50), "same").shape == (1,)


@pytest.mark.parametrize("dtype", ["int8", "uint8", "int16", "uint16", "int32"])
@pytest.mark.parametrize("mode", MODES)
def test_tiny_2d_integers_stay_exact_at_the_extremes(dtype, mode, monkeypatch):
    """Small 2-D integer calls run the float64 loop only when every partial sum is exact there;
    the dtype's extremes (and int32 values past the bound) still give scipy's wrapped integers."""
    import convkit._execute as ex

    rng = np.random.default_rng(11)
    info = np.iinfo(dtype)
    real = ex._exact_in_float64
    taken = []
    monkeypatch.setattr(ex, "_exact_in_float64", lambda *args: taken.append(real(*args)) or real(*args))
    for a_values, b_values in (((info.min, info.max), (info.min, info.max)), ((info.max,), (info.max,))):
        a = rng.choice(np.array(a_values, dtype), size=(9, 8))
        b = rng.choice(np.array(b_values, dtype), size=(4, 5))
        taken.clear()
        for name in ("convolve", "correlate"):
            actual = getattr(convkit, name)(a, b, mode)
            expected = getattr(ss, name)(a, b, mode, method="direct")
            assert actual.dtype == expected.dtype
            np.testing.assert_array_equal(actual, expected)
        if np.dtype(dtype).itemsize <= 2:
            assert taken and all(taken)   # within the bound: the float64 loop ran
        elif taken:
            assert not any(taken)         # int32 extremes: past the bound, the general path ran


@pytest.mark.parametrize("dtype", ["int8", "uint8", "int16", "uint16", "int32", "uint32"])
@pytest.mark.parametrize("layout", ["1-D", "2-D", "strided"])
def test_the_tiny_integer_bound_check_is_exact_at_the_extremes(dtype, layout):
    """The small-int route's one compiled call gives max|a| * max|b| exactly, extremes included
    (uint32's product passes 2**63, int32's -2**31 has no int32 magnitude)."""
    from convkit._execute_limbs import product_bound

    info = np.iinfo(dtype)
    rng = np.random.default_rng(11)
    for lo, hi in ((info.min, info.max), (info.min, 0), (0, info.max), (-3, 5)):
        a = rng.integers(max(lo, info.min), min(hi, info.max), 60, endpoint=True, dtype=np.int64)
        a[rng.integers(60)] = lo if lo >= info.min else info.min
        b = rng.integers(max(lo, info.min), min(hi, info.max), 12, endpoint=True, dtype=np.int64)
        b[rng.integers(12)] = hi
        a, b = a.astype(dtype), b.astype(dtype)
        if layout == "2-D":
            a, b = a.reshape(6, 10), b.reshape(3, 4)
        elif layout == "strided":
            a, b = a[::-1][::2], b[::3]
        expected = max(abs(int(x)) for x in a.ravel()) * max(abs(int(x)) for x in b.ravel())
        assert product_bound(a, b) == expected
