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
    """Count ``prepare`` calls of engine ``method`` (its ENGINE object, patched for this test)."""
    eng = _engines.get(method)
    calls = []
    real = eng.prepare

    def prepare(b, g):
        calls.append(g)
        return real(b, g)

    monkeypatch.setattr(eng, "prepare", prepare, raising=False)
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
