"""The long-dot-product loop (``_engines.direct._dots``): values, its documented summation order, bits per output."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from convkit._engines.direct._dots import dots, lanes

from _helpers import assert_close, keyed_rng, oracle, random_array


def _valid(x, k):
    m = x.shape[0] - k.shape[0] + 1
    out = np.empty(m, x.dtype)
    dots(x, k, out)
    return out


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("m", [1, 2, 3, 4, 5, 7, 8, 9])
@pytest.mark.parametrize("k", [1, 5, 31, 32, 33, 64, 65, 300, 1001])
def test_dots_match_oracle(dtype, m, k):
    rng = keyed_rng("dots", dtype, m, k)
    x, h = random_array(rng, (m + k - 1,), dtype), random_array(rng, (k,), dtype)
    out = _valid(x, h)
    assert out.dtype == np.dtype(dtype)
    assert_close(out, oracle(x, h, (0,), (m,), (k - 1,)).astype(dtype), x, h)


def _fma(a: float, b: float, c: float) -> float:
    return float(Fraction(a) * Fraction(b) + Fraction(c))  # one rounding: Fraction -> float is correctly rounded


def test_dots_summation_order_is_the_documented_one():
    """float64: lanes of fused multiply-adds, a pairwise tree over the lanes, then the rest one by one."""
    rng = keyed_rng("dots-order")
    w = lanes(8)
    k = 2 * w + 7
    m = 6
    x, h = rng.standard_normal(m + k - 1), rng.standard_normal(k)
    for i, got in enumerate(_valid(x, h)):
        sums = [0.0] * w
        for j in range(2 * w):
            sums[j % w] = _fma(float(x[i + j]), float(h[k - 1 - j]), sums[j % w])
        while len(sums) > 1:
            half = len(sums) // 2
            sums = [sums[t] + sums[t + half] for t in range(half)]
        s = sums[0]
        for j in range(2 * w, k):
            s = _fma(float(x[i + j]), float(h[k - 1 - j]), s)
        assert got == s, i


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_dots_bits_are_each_outputs_own(dtype):
    """An output's bits do not depend on how many outputs are computed with it (blocks of four, the rest)."""
    rng = keyed_rng("dots-bits", dtype)
    k, m = 777, 11
    x, h = random_array(rng, (m + k - 1,), dtype), random_array(rng, (k,), dtype)
    whole = _valid(x, h)
    for i in range(m):
        for count in (1, 2, 3, 4, 5):
            part = _valid(x[i:i + k + count - 1], h)
            assert part[0].tobytes() == whole[i].tobytes(), (i, count)


def test_dots_non_finite_stay_in_their_windows():
    rng = keyed_rng("dots-nonfinite")
    k, m = 100, 9
    x, h = rng.standard_normal(m + k - 1), rng.standard_normal(k)
    x[3] = np.inf
    x[k + 5] = np.nan
    out = _valid(x, h)
    expected = oracle(x, h, (0,), (m,), (k - 1,))
    assert np.array_equal(np.isnan(out), np.isnan(expected))
    assert np.array_equal(np.isinf(out), np.isinf(expected))
    finite = np.isfinite(expected)
    assert_close(out[finite], expected[finite])
