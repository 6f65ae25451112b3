"""convkit.kernels: Gaussian weights equal scipy.ndimage's, boxes, and the documented uses."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.ndimage._filters import _gaussian_kernel1d

import convkit
from convkit.kernels import box, gaussian


@pytest.mark.parametrize("sigma", [0.3, 1.0, 1.7, 4.0, 12.5])
@pytest.mark.parametrize("truncate", [1.0, 2.5, 4.0])
def test_gaussian_matches_scipy_weights(sigma, truncate):
    radius = int(truncate * sigma + 0.5)
    k = gaussian(sigma, truncate=truncate)
    np.testing.assert_array_equal(k, _gaussian_kernel1d(sigma, 0, radius))
    assert k.shape == (2 * radius + 1,)
    assert k.sum() == pytest.approx(1.0, abs=1e-15)
    np.testing.assert_array_equal(k, k[::-1])
    np.testing.assert_array_equal(gaussian(sigma, radius=3), _gaussian_kernel1d(sigma, 0, 3))


def test_gaussian_nd_is_outer_product_and_filters_like_ndimage():
    import scipy.ndimage as nd

    k = gaussian((1.0, 2.0), ndim=2)
    assert k.shape == (9, 17)
    np.testing.assert_allclose(k, np.outer(gaussian(1.0), gaussian(2.0)), rtol=1e-15)
    assert k.sum() == pytest.approx(1.0)
    assert gaussian(1.0, ndim=3, radius=(1, 2, 3)).shape == (3, 5, 7)
    img = np.random.default_rng(1).standard_normal((40, 50))
    smooth = convkit.convolve(img, k, mode="same")
    want = nd.gaussian_filter(img, (1.0, 2.0), mode="constant")
    np.testing.assert_allclose(smooth, want, atol=1e-12)


def test_box():
    np.testing.assert_array_equal(box(4), np.full(4, 0.25))
    b = box((2, 5), ndim=2)
    assert b.shape == (2, 5) and b.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(convkit.convolve(np.arange(10.0), box(5), "valid"), np.arange(2.0, 8.0))


@pytest.mark.parametrize("call", [lambda: gaussian(0), lambda: gaussian(-1.0), lambda: gaussian(np.nan),
                                  lambda: gaussian(1.0, radius=-1), lambda: gaussian(1.0, radius=1.5),
                                  lambda: gaussian(1.0, ndim=0), lambda: gaussian((1.0, 2.0), ndim=3),
                                  lambda: box(0), lambda: box(2.5), lambda: box((2, 3), ndim=1)])
def test_errors(call):
    with pytest.raises(ValueError):
        call()


def test_kde_example():
    rng = np.random.default_rng(0)
    samples = rng.standard_normal(20_000)
    counts, edges = np.histogram(samples, bins=400, range=(-5, 5))
    width = edges[1] - edges[0]
    density = convkit.convolve(counts, gaussian(0.2 / width), mode="same") / (counts.sum() * width)
    centres = (edges[:-1] + edges[1:]) / 2
    normal = np.exp(-centres ** 2 / 2) / np.sqrt(2 * np.pi)
    assert np.abs(density - normal).max() < 0.03
