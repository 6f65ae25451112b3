"""convkit._plan: a plan returns what the corresponding convkit call returns, and prepares its kernel once.

test_dispatch.py holds the first plan tests (fixed kernels per method and
mode, correlate, axes, integers, threads); these cover what a plan promises
beyond them.
"""

from __future__ import annotations

import numpy as np
import pytest

import convkit
from convkit import _engines

from _helpers import LAYOUTS, assert_close, random_array

METHODS = ["direct", "fft", "oa"]


def _counting_prepare(monkeypatch, method):
    """Count ``prepare`` calls of engine ``method``, patched on its class for this test (patching
    the instance would leave the bound method behind as an instance attribute on undo, which
    hid later tests' class patches)."""
    eng = _engines.get(method)
    calls = []
    real = type(eng).prepare

    def prepare(self, b, g):
        calls.append(g)
        return real(self, b, g)

    monkeypatch.setattr(type(eng), "prepare", prepare)
    return calls


@pytest.mark.parametrize("method", METHODS)
def test_a_fixed_kernel_is_prepared_once(monkeypatch, method):
    if method != "direct":
        pytest.importorskip("pyfftw")
    rng = np.random.default_rng(1)
    h = rng.standard_normal(65)
    calls = _counting_prepare(monkeypatch, method)
    p = convkit.plan((20_000,), (65,), kernel=h, mode="same", method=method)
    assert len(calls) == 1
    for _ in range(4):
        p(rng.standard_normal(20_000))
    assert len(calls) == 1


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("dtype", ["float32", "complex128"])
def test_fixed_kernel_plan_matches_the_call(method, dtype):
    if method != "direct":
        pytest.importorskip("pyfftw")
    rng = np.random.default_rng(2)
    x, h = random_array(rng, (300, 40), dtype), random_array(rng, (7, 5), dtype)
    p = convkit.plan(x.shape, h.shape, dtype, "same", kernel=h, method=method)
    expected = convkit.convolve(x, h, "same", method=method)
    got = p(x)
    assert p.method == method
    assert got.shape == p.shape == expected.shape and got.dtype == p.dtype == expected.dtype
    assert_close(got, expected, x, h)


def test_plan_results_are_the_same_bits_every_call():
    rng = np.random.default_rng(3)
    h = rng.standard_normal(129)
    x = rng.standard_normal(50_000)
    p = convkit.plan(x.shape, h.shape, kernel=h, mode="same")
    first = p(x)
    assert all(np.array_equal(p(x), first) for _ in range(3))


@pytest.mark.parametrize("method", ["auto", *METHODS])
@pytest.mark.parametrize("correlate", [False, True])
def test_the_kernel_is_copied_at_planning(method, correlate):
    """Changing the caller's kernel afterwards does not change the plan, whichever engine runs it."""
    if method in ("fft", "oa"):
        pytest.importorskip("pyfftw")
    h = np.hanning(9)
    x = np.random.default_rng(4).standard_normal(100)
    p = convkit.plan(x.shape, h.shape, kernel=h, method=method, correlate=correlate)
    expected = p(x)
    h[:] = 0
    np.testing.assert_array_equal(p(x), expected)


@pytest.mark.parametrize("layout", [k for k in LAYOUTS if k != "big-endian"])
def test_inputs_in_any_layout_are_read_not_written(layout):
    rng = np.random.default_rng(5)
    x, h = rng.standard_normal((40, 30)), rng.standard_normal((5, 3))
    xv = LAYOUTS[layout](x)
    p = convkit.plan(xv.shape, h.shape, mode="valid")
    before = np.array(xv)
    assert_close(p(xv, h), convkit.convolve(np.array(xv), h, "valid"), xv, h)
    np.testing.assert_array_equal(xv, before)


def test_big_endian_input_of_a_native_plan_is_refused_with_the_dtypes():
    """The plan checks the dtype exactly: '>f8' is not the planned float64."""
    p = convkit.plan((20,), (3,))
    with pytest.raises(ValueError, match="dtype float64, got shape \\(20,\\) and dtype >f8"):
        p(np.ones(20, ">f8"), np.ones(3))


def test_mixed_dtypes_promote_like_the_call():
    rng = np.random.default_rng(6)
    x, h = rng.standard_normal(200).astype(np.float32), rng.standard_normal(9) + 1j * rng.standard_normal(9)
    p = convkit.plan(x.shape, h.shape, (np.float32, np.complex128), "same")
    out = p(x, h)
    expected = convkit.convolve(x, h, "same")
    assert out.dtype == expected.dtype == np.complex128
    assert_close(out, expected, x, h)


def test_0d_shapes_need_no_engine_and_are_refused():
    with pytest.raises(ValueError, match="need no engine"):
        convkit.plan((), ())


@pytest.mark.parametrize("shape1,shape2", [((0,), (3,)), ((5,), (0,))])
def test_empty_shapes_raise_what_the_call_raises(shape1, shape2):
    with pytest.raises(ValueError) as call:
        convkit.convolve(np.ones(shape1), np.ones(shape2))
    with pytest.raises(ValueError) as planned:
        convkit.plan(shape1, shape2)
    assert str(planned.value) == str(call.value)


def test_without_a_fixed_kernel_both_inputs_are_needed_and_checked():
    p = convkit.plan((50,), (4,))
    with pytest.raises(ValueError, match="no fixed kernel"):
        p(np.ones(50))
    with pytest.raises(ValueError, match="made for in2 of shape \\(4,\\)"):
        p(np.ones(50), np.ones(5))


def test_correlate_with_axes_is_refused():
    with pytest.raises(ValueError, match="correlate=True is not available with axes"):
        convkit.plan((4, 50), (1, 5), correlate=True, axes=-1)


def test_repr_names_method_shapes_and_kernel():
    p = convkit.plan((100,), (7,), kernel=np.ones(7), method="direct", mode="same")
    text = repr(p)
    for part in ("method='direct'", "(100,) float64", "(7,) float64", "fixed_kernel=True", "out=(100,) float64"):
        assert part in text, (part, text)


def _plan_cases(count=48):
    """Seeded random calls: 1-D to 3-D, tiny to mid-sized, length-1 axes, every mode and method."""
    rng = np.random.default_rng(2026)
    for _ in range(count):
        nd = int(rng.integers(1, 4))
        s1 = tuple(int(rng.integers(1, 300 if nd == 1 else 40)) for _ in range(nd))
        s2 = tuple(int(rng.integers(1, 40 if nd == 1 else 8)) for _ in range(nd))
        if nd > 1 and rng.random() < 0.4:
            s1 = tuple(1 if rng.random() < 0.5 else k for k in s1)
            s2 = tuple(1 if rng.random() < 0.5 else k for k in s2)
        dtype = str(rng.choice(["float32", "float64", "int16", "complex64", "complex128"]))
        method = str(rng.choice(["auto", "direct", "fft"]))
        yield s1, s2, str(rng.choice(["full", "same"])), bool(rng.random() < 0.5), dtype, method


@pytest.mark.parametrize("s1,s2,mode,correlate,dtype,method", list(_plan_cases()))
@pytest.mark.parametrize("fixed", [True, False])
def test_a_plan_gives_the_calls_bits(s1, s2, mode, correlate, dtype, method, fixed):
    """A plan runs the way the call it plans runs: the same route (numpy's loop and the small
    loop for small calls, length-1 axes dropped), so the same bits (DESIGN.md contract 9).
    Plans once ran small calls on the tiled engine or chose fft where the call took the small
    loop, and kept fixed kernels prepared for axes the call drops: 1094 of 5759 random plans
    differed from the call in their last bits."""
    if method == "fft":
        pytest.importorskip("pyfftw")
    rng = np.random.default_rng(abs(hash((s1, s2, mode, dtype))) % 2**32)
    a, b = random_array(rng, s1, dtype) * 10, random_array(rng, s2, dtype) * 10
    p = convkit.plan(s1, s2, dtype, mode, kernel=b if fixed else None, correlate=correlate, method=method)
    call = convkit.correlate if correlate else convkit.convolve
    np.testing.assert_array_equal(p(a) if fixed else p(a, b), call(a, b, mode, method=method))


@pytest.mark.parametrize("method", ["fft", "oa"])
@pytest.mark.parametrize("fixed", [True, False])
def test_integer_plans_on_the_fft_engines_are_exact(method, fixed):
    """An integer plan with method='fft' or 'oa' and a fixed kernel once failed at planning
    ("fft engine does not support dtype int64"): the kernel is transformed per call, in float64
    or as limb products as the values require, exact either way."""
    pytest.importorskip("pyfftw")
    rng = np.random.default_rng(11)
    info = np.iinfo(np.int32)
    for a, b in ((rng.integers(-50, 50, 3000, dtype=np.int32), rng.integers(-50, 50, 200, dtype=np.int32)),
                 (np.full(3000, info.min, np.int32), np.full(200, info.max, np.int32))):
        p = convkit.plan(a.shape, b.shape, np.int32, "same", kernel=b if fixed else None, method=method)
        got = p(a) if fixed else p(a, b)
        np.testing.assert_array_equal(got, convkit.convolve(a, b, "same", method="direct"))
