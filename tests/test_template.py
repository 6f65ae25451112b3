"""match_template and normalized_correlate against a brute-force oracle and scikit-image."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import convkit

from _helpers import keyed_rng

_rng = keyed_rng


def _oracle(image, template, starts_shape, offset, pad_mode="constant", cval=0.0):
    """Pearson coefficient of the template with the window starting at ``index + offset``
    (image coordinates, outside samples from np.pad), by explicit loops in float64."""
    image = np.asarray(image, dtype=np.float64)
    t = np.asarray(template, dtype=np.float64)
    big = max(t.shape) + 1
    kw = {"constant_values": cval} if pad_mode == "constant" else {}
    padded = np.pad(image, big, mode=pad_mode, **kw)
    t0 = t - t.mean()
    out = np.zeros(starts_shape)
    for idx in itertools.product(*(range(n) for n in starts_shape)):
        sl = tuple(slice(i + o + big, i + o + big + k) for i, o, k in zip(idx, offset, t.shape))
        w = padded[sl]
        w0 = w - w.mean()
        den = np.sqrt((w0 * w0).sum() * (t0 * t0).sum())
        # constant windows (and a constant template) give 0
        out[idx] = (w0 * t0).sum() / den if den > 1e-9 * max(1.0, np.abs(w).max() ** 2) else 0.0
    return out


def _tol(dtype):
    return 2e-4 if np.dtype(dtype) == np.float32 else 1e-9


CASES = [((30, 33), (5, 7)), ((25, 21), (4, 6)), ((12, 13, 14), (3, 4, 5)), ((16, 18), (16, 1))]


@pytest.mark.parametrize("shape,tshape", CASES)
@pytest.mark.parametrize("dtype", ["float32", "float64", "uint8"])
@pytest.mark.parametrize("pad_input", [False, True])
def test_match_template_oracle(shape, tshape, dtype, pad_input):
    rng = _rng("mt", shape, tshape, dtype, pad_input)
    image = (rng.random(shape) * 200).astype(dtype)
    template = (rng.random(tshape) * 200).astype(dtype)
    got = convkit.match_template(image, template, pad_input=pad_input, constant_values=3)
    assert got.dtype == (np.float32 if dtype == "float32" else np.float64)
    if pad_input:
        starts, offset = shape, [-(k // 2) for k in tshape]
    else:
        starts, offset = [n - k + 1 for n, k in zip(shape, tshape)], [0] * len(shape)
    want = _oracle(image, template, starts, offset, cval=3)
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, atol=_tol(got.dtype), rtol=0)


@pytest.mark.parametrize("mode", ["edge", "reflect", "symmetric", "wrap"])
def test_match_template_pad_modes_oracle(mode):
    rng = _rng("modes", mode)
    image = rng.standard_normal((20, 24))
    template = rng.standard_normal((6, 5))
    got = convkit.match_template(image, template, pad_input=True, mode=mode)
    want = _oracle(image, template, image.shape, [-3, -2], pad_mode=mode)
    np.testing.assert_allclose(got, want, atol=1e-9, rtol=0)


def test_exact_copy_and_constant_windows():
    rng = _rng("copy")
    image = np.zeros((40, 50))
    image[5:15, 20:45] = rng.random((10, 25))
    template = image[7:12, 30:38].copy()
    r = convkit.match_template(image, template)
    assert np.unravel_index(np.argmax(r), r.shape) == (7, 30)
    assert r.max() == pytest.approx(1.0, abs=1e-12)
    # windows entirely in the flat zero region score exactly 0
    assert np.all(r[20:, :] == 0)
    # an affine copy (scaled, offset) still scores 1; a negated copy -1
    image2 = image.copy()
    image2[25:30, 2:10] = 5 - 3 * template
    assert convkit.match_template(image2, template)[25, 2] == pytest.approx(-1.0, abs=1e-12)
    # a constant template matches nothing: all zeros
    assert np.all(convkit.match_template(image, np.ones((3, 3))) == 0)


def test_large_template_fft_path():
    rng = _rng("big")
    image = rng.standard_normal((200, 180))
    template = image[50:110, 40:100] + 0.1 * rng.standard_normal((60, 60))
    r = convkit.match_template(image, template)
    assert np.unravel_index(np.argmax(r), r.shape) == (50, 40)
    want = _oracle(image[40:120, 30:110], template, (21, 21), (0, 0))
    np.testing.assert_allclose(r[40:61, 30:51], want, atol=1e-9)


@pytest.mark.parametrize("dtype", ["float32", "float64", "uint8"])
@pytest.mark.parametrize("pad_input", [False, True])
def test_match_template_vs_skimage(dtype, pad_input):
    skf = pytest.importorskip("skimage.feature")   # test-only dependency; the oracle tests above always run
    rng = _rng("sk", dtype, pad_input)
    for shape, tshape in CASES:
        image = (rng.random(shape) * 255).astype(dtype)
        template = (rng.random(tshape) * 255).astype(dtype)
        for mode in ("constant", "reflect", "edge"):
            got = convkit.match_template(image, template, pad_input, mode, constant_values=7)
            want = skf.match_template(image, template, pad_input, mode, constant_values=7)
            assert got.dtype == want.dtype and got.shape == want.shape
            # skimage's float32 path runs its running sums in float32: ~1e-5 noise
            np.testing.assert_allclose(got, want, atol=1e-4 if dtype == "float32" else 1e-9)


BAD = [
    (np.ones(10), np.ones(3)),                   # 1-D
    (np.ones((2, 2, 2, 2)), np.ones((1, 1, 1, 1))),
    (np.ones((0, 4)), np.ones((1, 1))),
    (np.ones((4, 4)), np.ones((5, 2))),
    (np.ones((4, 4)), np.ones((2, 2, 2))),
]


@pytest.mark.parametrize("image,template", BAD)
def test_match_template_errors_like_skimage(image, template):
    with pytest.raises(ValueError) as ours:
        convkit.match_template(image, template)
    skf = pytest.importorskip("skimage.feature")
    with pytest.raises(ValueError) as theirs:
        skf.match_template(image, template)
    assert str(ours.value) == str(theirs.value)


def test_match_template_fewer_template_dims():
    with pytest.raises(ValueError, match="as many dimensions"):
        convkit.match_template(np.ones((4, 4, 4)), np.ones((2, 2)))


# ------------------------------------------------------------------ 1-D

def _oracle_1d(x, p, mode):
    m = len(p)
    n = len(x)
    xpad = np.concatenate([np.zeros(m), np.asarray(x, float), np.zeros(m)])
    starts = {"valid": range(0, n - m + 1), "same": range(-(m // 2), n - m // 2),
              "full": range(-(m - 1), n)}[mode]
    p0 = p - p.mean()
    out, var = [], []
    for s in starts:
        w = xpad[s + m: s + 2 * m]
        w0 = w - w.mean()
        den = np.sqrt((w0 * w0).sum() * (p0 * p0).sum())
        out.append((w0 * p0).sum() / den if den > 1e-9 else 0.0)
        var.append((w0 * w0).sum())
    return np.array(out), np.array(var)


@pytest.mark.parametrize("mode", ["valid", "same", "full"])
@pytest.mark.parametrize("m", [1, 2, 5, 8, 33])
def test_normalized_correlate_oracle(mode, m):
    rng = _rng("nc", mode, m)
    x = rng.standard_normal(300)
    x[100:130] = 2.0                               # a constant stretch
    p = rng.standard_normal(m)
    got = convkit.normalized_correlate(x, p, mode)
    want, var = _oracle_1d(x, p, mode)
    assert got.shape == want.shape
    # running sums carry rounding of the whole signal's energy: relative to a window's own
    # variance it is about eps * sum(x**2) / var (two nearly equal samples, m = 2)
    bound = 1e-9 + 64 * np.finfo(float).eps * (x * x).sum() / np.maximum(var, 1e-300)
    assert np.all(np.abs(got - want) <= bound)
    if m > 1:
        assert np.all(got[np.abs(want) == 0] == 0)


def test_normalized_correlate_finds_pattern_and_dtypes():
    rng = _rng("find")
    pattern = np.sin(np.linspace(0, 3 * np.pi, 64))
    x = 0.2 * rng.standard_normal(50_000)
    x[31_000:31_064] += 5 * pattern - 2
    r = convkit.normalized_correlate(x, pattern)
    assert int(np.argmax(r)) == 31_000 and r.max() > 0.99
    assert r.dtype == np.float64
    r32 = convkit.normalized_correlate(x.astype(np.float32), pattern)
    assert r32.dtype == np.float32
    np.testing.assert_allclose(r32, r, atol=2e-4)
    ri = convkit.normalized_correlate((x * 100).astype(np.int16), pattern)
    assert int(np.argmax(ri)) == 31_000


@pytest.mark.parametrize("args", [(np.ones((3, 3)), np.ones(2)), (np.ones(3), np.ones(5)), (np.ones(0), np.ones(1)),
                                  (np.ones(5), np.ones(2), "middle")])
def test_normalized_correlate_errors(args):
    with pytest.raises(ValueError):
        convkit.normalized_correlate(*args)
    with pytest.raises(TypeError):
        convkit.normalized_correlate(np.ones(5, complex), np.ones(2))


@pytest.mark.parametrize("value,shape", [(5.12368233, (17, 16)), (0.1, (3, 7)), (1 / 3, (5, 5, 3))])
def test_constant_template_with_an_inexact_mean_scores_zero(value, shape):
    """A constant template whose mean is not exact in float64 (t - t.mean() leaves residues of
    1e-15): every window scores 0, as documented (fuzz_ndimage: responses of -2.7 before)."""
    rng = _rng("flat", value, shape)
    image = rng.standard_normal(tuple(2 * k + 3 for k in shape))
    template = np.full(shape, value)
    assert np.all(convkit.match_template(image, template) == 0)
    if len(shape) == 2:
        assert np.all(convkit.normalized_correlate(image.ravel(), template.ravel(), "same") == 0)
