"""Exact integers at FFT speed: limb splitting (convkit._execute_limbs) and the plain-FFT exactness bound."""

from __future__ import annotations

import numpy as np
import pytest

import convkit
from convkit import _dispatch as dispatch
from convkit import _execute_limbs as limbs
from convkit._problem import fft_exact_for_integers, normalize_convolve

INT_DTYPES = ["int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"]


def _extremes(rng, n, dtype):
    """Random values across the whole range, with runs of the minimum and maximum (adversarial)."""
    info = np.iinfo(dtype)
    x = rng.integers(info.min, info.max, n, endpoint=True, dtype=dtype)
    x[: n // 4] = info.min
    x[n // 4: n // 2] = info.max
    rng.shuffle(x)
    return x


@pytest.mark.parametrize("dtype", INT_DTYPES)
@pytest.mark.parametrize("method", ["fft", "oa", "auto"])
def test_limbs_match_direct_bit_for_bit(dtype, method):
    rng = np.random.default_rng(INT_DTYPES.index(dtype))
    a = _extremes(rng, 3001, dtype)
    b = _extremes(rng, 257, dtype)
    expected = convkit.convolve(a, b, method="direct")
    np.testing.assert_array_equal(convkit.convolve(a, b, method=method), expected)
    np.testing.assert_array_equal(convkit.correlate(a, b, "same", method=method),
                                  convkit.correlate(a, b, "same", method="direct"))


def test_2d_limbs_match_direct():
    rng = np.random.default_rng(7)
    a = _extremes(rng, 90 * 70, "int32").reshape(90, 70)
    b = _extremes(rng, 13 * 11, "int32").reshape(13, 11)
    np.testing.assert_array_equal(convkit.convolve(a, b, method="fft"), convkit.convolve(a, b, method="direct"))


def test_split_and_combine_roundtrip_with_wraparound():
    """Independent of the engines: limb products by numpy's exact integer convolution."""
    rng = np.random.default_rng(1)
    for dtype in ("int64", "uint64"):
        a = _extremes(rng, 200, dtype)
        b = _extremes(rng, 30, dtype)
        plan = limbs.limb_plan(a, b, 256)
        la, lb = limbs.split(a, plan.bits, plan.n_a), limbs.split(b, plan.bits, plan.n_b)
        # the limbs rebuild the operand modulo 2**64
        rebuilt = sum(la[i].astype(np.int64).astype(np.dtype(dtype)) << np.dtype(dtype).type(plan.bits * i)
                      for i in range(plan.n_a))
        np.testing.assert_array_equal(rebuilt, a)
        products = np.array([[np.convolve(la[i], lb[j]) for j in range(plan.n_b)] for i in range(plan.n_a)])
        np.testing.assert_array_equal(limbs.combine(products, plan.bits, np.dtype(dtype)), np.convolve(a, b))


def test_plain_fft_bound_rejects_what_scipy_bound_accepts():
    """2**20 samples of -2**15 against themselves: scipy's 2**52 guard accepts it, yet a float64 FFT
    is off by 0.5 there. convkit rejects the plain FFT and computes it exactly by limbs."""
    n = 1 << 20
    a = np.full(n, -(1 << 15), np.int32)
    assert not fft_exact_for_integers(a, a)
    problem = normalize_convolve(a, a, "full", "auto", correlate=False, workers=None)
    assert dispatch.limbs(problem) is not None
    out = convkit.convolve(a, a, method="fft")
    k = np.arange(2 * n - 1, dtype=np.int64)
    terms = np.minimum(k + 1, 2 * n - 1 - k)  # overlap count of two constant runs
    expected = (terms * (1 << 30)).astype(np.int32)  # int32 wrap-around, as direct accumulation
    np.testing.assert_array_equal(out, expected)


def test_small_integers_keep_the_plain_fft():
    rng = np.random.default_rng(2)
    a = rng.integers(-100, 100, 20000).astype(np.int32)
    b = rng.integers(-100, 100, 5000).astype(np.int32)
    assert fft_exact_for_integers(a, b)
    assert dispatch.limbs(normalize_convolve(a, b, "full", "auto", correlate=False, workers=None)) is None


def test_explain_names_the_limbs():
    rng = np.random.default_rng(3)
    a = rng.integers(-2**23, 2**23, 200_000).astype(np.int32)
    b = rng.integers(-2**23, 2**23, 20_000).astype(np.int32)
    choice = convkit.choose_method(a, b)
    assert choice.method in ("fft", "oa")
    assert "limbs" in choice.reason
