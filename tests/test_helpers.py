"""The shared test helpers can fail: the oracle agrees with scipy, and check/assert_close reject wrong answers."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.signal as ss

from _helpers import LAYOUTS, assert_close, check, oracle, oracle_public, random_array, region, regions


@pytest.mark.parametrize("mode", ["full", "same", "valid"])
@pytest.mark.parametrize("name", ["convolve", "correlate"])
@pytest.mark.parametrize("s1,s2", [((13,), (4,)), ((4,), (13,)), ((9, 11), (3, 5)), ((6, 5, 4), (2, 3, 2))])
@pytest.mark.parametrize("dtype", ["float64", "complex128", "int32"])
def test_oracle_matches_scipy_direct(name, mode, s1, s2, dtype):
    rng = np.random.default_rng([len(s1), s1[0], s2[0]])
    a, b = random_array(rng, s1, dtype), random_array(rng, s2, dtype)
    assert_close(oracle_public(name, a, b, mode, wide=False), getattr(ss, name)(a, b, mode, method="direct"), a, b)


def test_oracle_batch_axes_broadcast():
    rng = np.random.default_rng(3)
    a, b = rng.standard_normal((3, 20)), rng.standard_normal((1, 6))
    out = oracle(a, b, (1,), (3, 25), (0, 0))
    for row in range(3):
        np.testing.assert_allclose(out[row], np.convolve(a[row], b[0]), rtol=1e-13)


def test_oracle_puts_nonfinite_values_only_where_products_meet():
    a = np.array([1.0, np.nan, 1.0, 1.0, 1.0, 1.0])
    out = oracle_public("convolve", a, np.ones(2))
    assert np.isnan(out[1:3]).all() and np.isfinite(out[[0, 3, 4, 5, 6]]).all()


def test_regions():
    assert region("full", 10, 3) == (0, 12)
    assert region("same", 10, 4) == (1, 10)
    assert region("valid", 3, 10) == (2, 8)
    with pytest.raises(ValueError):
        region("middle", 3, 2)
    found = regions(10, 3, np.random.default_rng(0), count=5)
    assert found[:3] == [(0, 12), (1, 10), (2, 8)] and len(found) == 8
    assert all(0 <= s and n >= 1 and s + n <= 12 for s, n in found)


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_layouts_keep_values_except_zero_stride(layout):
    x = np.arange(24.0).reshape(4, 6)
    y = LAYOUTS[layout](x)
    if layout == "zero-stride":
        assert 0 in y.strides and np.array_equal(y, np.repeat(x[:, :1], 6, axis=1))
    else:
        assert np.array_equal(y, x)


def _engine_case():
    rng = np.random.default_rng(5)
    a, b = rng.standard_normal((4, 30)).astype(np.float32), rng.standard_normal((4, 7)).astype(np.float32)
    first, length = region("same", 30, 7)
    axes, shape, start = (1,), (4, length), (0, first)
    good = np.ascontiguousarray(oracle(a, b, axes, shape, start).astype(np.float32))
    return a, b, axes, shape, start, good


def test_check_accepts_a_right_answer_and_rejects_wrong_ones():
    a, b, axes, shape, start, good = _engine_case()
    check(good, a, b, axes, shape, start)
    with pytest.raises(AssertionError):
        check(np.roll(good, 1, axis=1), a, b, axes, shape, start)  # off by one sample
    with pytest.raises(AssertionError, match="dtype"):
        check(good.astype(np.float64), a, b, axes, shape, start)
    with pytest.raises(AssertionError, match="fresh C-contiguous"):
        check(np.asfortranarray(good), a, b, axes, shape, start)
    with pytest.raises(AssertionError, match="fresh C-contiguous"):
        check(np.concatenate([good] * 40)[:4], a, b, axes, shape, start)  # keeps 40 times its size alive
    check(good.reshape(1, -1).reshape(good.shape), a, b, axes, shape, start)  # a reshape of its own buffer
    with pytest.raises(AssertionError, match="shape"):
        check(good[:, 1:], a, b, axes, shape, start)
    wrong = good.copy()
    wrong[2, 5] *= 1 + 1e-3  # far above float32's tolerance
    with pytest.raises(AssertionError):
        check(wrong, a, b, axes, shape, start)


def test_assert_close_integers_exact_and_nan_positions():
    with pytest.raises(AssertionError):
        assert_close(np.array([1, 2, 4]), np.array([1, 2, 3]))
    with pytest.raises(AssertionError, match="NaN positions"):
        assert_close(np.array([np.nan, np.inf]), np.array([np.inf, np.inf]))
    assert_close(np.array([1.0, 2.0 + 1e-14]), np.array([1.0, 2.0]))
    with pytest.raises(AssertionError):
        assert_close(np.array([1.0, 2.0 + 1e-9]), np.array([1.0, 2.0]))
