"""The five scipy 1.17 defects convkit fixes (README, "Differences from scipy.signal").

Each test computes the mathematically right answer independently and checks
convkit returns it on every method; where useful it also pins scipy's wrong
answer so the test notices if scipy changes.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.signal as ss

import convkit

from conftest import assert_close

METHODS = ["auto", "direct", "fft", "oa"]


@pytest.mark.parametrize("method", METHODS)
def test_1_bool_convolution_is_exact(method):
    rng = np.random.default_rng(1)
    a = rng.random(500) < 0.02
    b = rng.random(300) < 0.02
    truth = np.convolve(a.astype(np.int64), b.astype(np.int64)) != 0
    out = convkit.convolve(a, b, method=method)
    assert out.dtype == bool
    np.testing.assert_array_equal(out, truth)
    assert not np.array_equal(ss.convolve(a, b, method="fft"), truth)  # scipy's defect


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("dtype", ["bool", "float16"])
def test_2_nd_bool_and_float16(method, dtype):
    rng = np.random.default_rng(2)
    a = (rng.random((9, 8)) < 0.3) if dtype == "bool" else rng.standard_normal((9, 8)).astype(np.float16)
    b = (rng.random((3, 4)) < 0.3) if dtype == "bool" else rng.standard_normal((3, 4)).astype(np.float16)
    with pytest.raises(ValueError, match="Unsupported type"):
        ss.convolve(a, b, method="direct")
    wide = ss.convolve(a.astype(np.float64), b.astype(np.float64), method="direct")
    truth = wide != 0 if dtype == "bool" else wide.astype(np.float16)
    out = convkit.convolve(a, b, method=method)
    assert out.dtype == truth.dtype
    assert_close(out, truth, a, b)


def test_3_correlate2d_valid_swap_keeps_conjugate():
    rng = np.random.default_rng(3)
    small = rng.standard_normal((3, 4)) + 1j * rng.standard_normal((3, 4))
    large = rng.standard_normal((6, 9)) + 1j * rng.standard_normal((6, 9))
    truth = ss.correlate(small, large, "valid", method="direct")
    assert_close(convkit.correlate2d(small, large, "valid"), truth)
    assert_close(ss.correlate2d(small, large, "valid"), np.conj(truth))  # scipy's defect


@pytest.mark.parametrize("name", ["fftconvolve", "oaconvolve"])
def test_4_same_mode_keeps_broadcast_axes(name):
    rng = np.random.default_rng(4)
    a = rng.standard_normal((1, 30))
    b = rng.standard_normal((4, 5))
    full = ss.fftconvolve(a, b, "full", axes=-1)
    assert full.shape == (4, 34)
    out = getattr(convkit, name)(a, b, "same", axes=-1)
    assert out.shape == (4, 30)
    assert_close(out, full[:, 2:32], a, b)
    assert ss.fftconvolve(a, b, "same", axes=-1).shape == (1, 30)  # scipy's defect


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_5_auto_with_int_and_nonfinite_float(bad):
    a = np.arange(10, dtype=np.int64)
    b = np.array([1.0, bad, 2.0])
    with pytest.raises((ValueError, OverflowError)):
        ss.convolve(a, b)
    assert_close(convkit.convolve(a, b), ss.convolve(a, b, method="direct"))
    assert_close(convkit.correlate(a, b), ss.correlate(a, b, method="direct"))
