"""convkit._running's kernels against plain numpy oracles: the boundary index map, the box
passes (ndimage's running sums) and template matching's fused normalisation."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.ndimage as nd
from numpy.lib.stride_tricks import sliding_window_view

from convkit import _running

from _helpers import keyed_rng, random_array

# ndimage's extension rule -> numpy.pad's mode of the same meaning (constant: cval, index -1)
PAD = {"reflect": "symmetric", "mirror": "reflect", "nearest": "edge", "wrap": "wrap", "constant": None}


_rng = keyed_rng


@pytest.mark.parametrize("mode", list(PAD))
@pytest.mark.parametrize("n,left,right", [(7, 3, 3), (5, 0, 4), (4, 9, 11), (1, 2, 2)])
def test_index_map_is_numpy_pad(mode, n, left, right):
    idx = _running.index_map(n, left, right, mode)
    assert idx.dtype == np.intp and idx.shape == (n + left + right,)
    if PAD[mode] is None:
        want = np.pad(np.arange(n), (left, right), constant_values=-1)
    else:
        want = np.pad(np.arange(n), (left, right), mode=PAD[mode])
    np.testing.assert_array_equal(idx, want)


def _box_oracle(x, axis, size, left, mode, cval):
    """Window means along ``axis`` of the padded line, by a sliding window in float64."""
    right = size - 1 - left
    xf = np.moveaxis(x.astype(np.float64), axis, -1)
    pads = [(0, 0)] * (xf.ndim - 1) + [(left, right)]
    ext = np.pad(xf, pads, constant_values=cval) if PAD[mode] is None else np.pad(xf, pads, mode=PAD[mode])
    return np.moveaxis(sliding_window_view(ext, size, axis=-1).mean(axis=-1), -1, axis)


@pytest.mark.parametrize("mode", list(PAD))
@pytest.mark.parametrize("dtype", ["uint8", "float32", "float64"])
@pytest.mark.parametrize("size,left", [(1, 0), (3, 1), (6, 2), (9, 0), (40, 25)])
def test_mean_planes_and_rows_against_sliding_windows(mode, dtype, size, left):
    rng = _rng("box", mode, dtype, size, left)
    x = random_array(rng, (3, 33, 5), dtype)
    cval = 1.5
    # middle axis: mean_planes on (B, L, R)
    idx = _running.index_map(33, left, size - 1 - left, mode)
    got = np.empty((3, 33, 5))
    _running.mean_planes(x, idx, size, cval, got)
    np.testing.assert_allclose(got, _box_oracle(x, 1, size, left, mode, cval), rtol=1e-12, atol=1e-12)
    # last axis: mean_rows on (B, L), four segments once the line is 8 windows long
    rows = np.ascontiguousarray(x.transpose(0, 2, 1)).reshape(15, 33)
    got = np.empty((15, 33))
    _running.mean_rows(rows, idx, left, size, cval, got)
    np.testing.assert_allclose(got, _box_oracle(rows, 1, size, left, mode, cval), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("mode", ["reflect", "constant", "wrap"])
def test_mean_planes_float64_has_ndimage_bits(mode):
    """One running sum per column in ndimage's order: float64 gives scipy.ndimage's exact bits."""
    x = _rng("bits", mode).standard_normal((1, 50, 6))
    size = 7
    idx = _running.index_map(50, size // 2, size - 1 - size // 2, mode)
    got = np.empty_like(x)
    _running.mean_planes(x, idx, size, 0.5, got)
    np.testing.assert_array_equal(got, nd.uniform_filter1d(x, size, axis=1, mode=mode, cval=0.5))


def _fir_oracle(x, w, axis, left, mode, cval):
    """Correlation along ``axis`` of the padded array, tap by tap in float64."""
    k = len(w)
    xf = np.moveaxis(x.astype(np.float64), axis, -1)
    pads = [(0, 0)] * (xf.ndim - 1) + [(left, k - 1 - left)]
    ext = np.pad(xf, pads, constant_values=cval) if PAD[mode] is None else np.pad(xf, pads, mode=PAD[mode])
    n = xf.shape[-1]
    out = sum(w[j] * ext[..., j:j + n] for j in range(k))
    return np.moveaxis(out, -1, axis)


@pytest.mark.parametrize("mode", list(PAD))
@pytest.mark.parametrize("dtype", ["uint8", "float32", "float64"])
@pytest.mark.parametrize("k,left", [(1, 0), (3, 1), (4, 0), (7, 5), (13, 6), (20, 10)])
def test_fir_planes_and_rows_against_padded_sums(mode, dtype, k, left):
    rng = _rng("fir", mode, dtype, k, left)
    x = random_array(rng, (3, 13, 6), dtype)
    w = rng.standard_normal(k)
    cdt = np.float32 if dtype == "float32" else np.float64
    rtol = 2e-5 if cdt == np.float32 else 1e-12
    idx = _running.index_map(13, left, k - 1 - left, mode)
    got = np.empty((3, 13, 6), cdt)
    _running.fir_planes(x, idx, w.astype(cdt), 2.5, got)
    want = _fir_oracle(x, w, 1, left, mode, 2.5)
    np.testing.assert_allclose(got, want, rtol=rtol, atol=rtol * np.abs(want).max())
    rows = np.ascontiguousarray(x.transpose(0, 2, 1)).reshape(18, 13)
    got = np.empty((18, 13), cdt)
    _running.fir_rows(rows, idx, left, w.astype(cdt), 2.5, got)
    want = _fir_oracle(rows, w, 1, left, mode, 2.5)
    np.testing.assert_allclose(got, want, rtol=rtol, atol=rtol * np.abs(want).max())


@pytest.mark.parametrize("mode", list(PAD))
@pytest.mark.parametrize("kshape", [(1, 1), (3, 3), (2, 5), (6, 1), (5, 7), (4, 4)])
@pytest.mark.parametrize("width", [11, _running.FIR_2D_WIDE + 3])   # the plain loop, the ring of rows
def test_fir_2d_against_padded_sums(mode, kshape, width):
    rng = _rng("fir2d", mode, kshape, width)
    x = rng.standard_normal((9, width))
    w = rng.standard_normal(kshape)
    lefts = [k // 2 for k in kshape]
    ridx = _running.index_map(9, lefts[0], kshape[0] - 1 - lefts[0], mode)
    cidx = _running.index_map(width, lefts[1], kshape[1] - 1 - lefts[1], mode)
    got = np.empty((9, width))
    _running.fir_2d(x, ridx, cidx, w, -1.0, got)
    pads = [(lo, k - 1 - lo) for lo, k in zip(lefts, kshape)]
    ext = np.pad(x, pads, constant_values=-1.0) if PAD[mode] is None else np.pad(x, pads, mode=PAD[mode])
    want = sum(w[p, q] * ext[p:p + 9, q:q + width] for p in range(kshape[0]) for q in range(kshape[1]))
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("mode", list(PAD))
@pytest.mark.parametrize("kshape,lefts", [((1, 1, 1), (0, 0, 0)), ((3, 3, 3), (1, 1, 1)), ((2, 4, 1), (0, 3, 0)),
                                          ((5, 1, 3), (4, 0, 1))])
@pytest.mark.parametrize("dtype", ["float32", "float64", "uint8"])
def test_fir_3d_against_padded_sums(mode, kshape, lefts, dtype):
    rng = _rng("fir3d", mode, kshape, dtype)
    shape = (4, 6, 7)
    x = random_array(rng, shape, dtype)
    w = rng.standard_normal(kshape)
    cdt = np.float32 if dtype == "float32" else np.float64
    maps = [_running.index_map(n, lo, k - 1 - lo, mode) for n, k, lo in zip(shape, kshape, lefts)]
    got = np.empty(shape, cdt)
    _running.fir_3d(x, *maps, w.astype(cdt), -1.0, got)
    pads = [(lo, k - 1 - lo) for lo, k in zip(lefts, kshape)]
    xf = x.astype(np.float64)
    ext = np.pad(xf, pads, constant_values=-1.0) if PAD[mode] is None else np.pad(xf, pads, mode=PAD[mode])
    want = sum(w[a, p, q] * ext[a:a + shape[0], p:p + shape[1], q:q + shape[2]]
               for a in range(kshape[0]) for p in range(kshape[1]) for q in range(kshape[2]))
    tol = 2e-5 if cdt == np.float32 else 1e-12
    np.testing.assert_allclose(got, want, rtol=tol, atol=tol * np.abs(want).max())


@pytest.mark.parametrize("dtype", ["uint8", "int8", "uint16", "int16"])
@pytest.mark.parametrize("mode", list(PAD))
def test_box_rows_small_equals_the_running_sums(dtype, mode):
    """Window sums tap by tap in float32 give mean_rows' integer results exactly (extreme values,
    every window length it takes, left extensions, an integer fill value)."""
    info = np.iinfo(dtype)
    rng = _rng("boxrows", dtype, mode)
    x = rng.integers(info.min, info.max, (7, 45), endpoint=True).astype(dtype)
    x[0] = info.max
    x[1] = info.min
    for size in range(1, 17):
        for left in {0, size // 2, size - 1}:
            idx = _running.index_map(45, left, size - 1 - left, mode)
            want = np.empty_like(x)
            got = np.empty_like(x)
            _running.mean_rows(x, idx, left, size, float(info.max), want)
            _running.box_rows_small(x, idx, left, size, float(info.max), got)
            np.testing.assert_array_equal(got, want)


def test_index_map_is_memoised_and_read_only():
    a = _running.index_map(10, 2, 2, "reflect")
    assert _running.index_map(10, 2, 2, "reflect") is a and not a.flags.writeable


@pytest.mark.parametrize("shape", [(0,), (7,), (8,), (1001,), (31, 17)])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_sum_squares(shape, dtype):
    x = random_array(_rng("ssq", shape, dtype), shape, dtype)
    want = math.fsum(float(v) ** 2 for v in x.ravel())
    got = _running.sum_squares(x)
    assert got == pytest.approx(want, rel=1e-13, abs=0)
    assert _running.sum_squares(x) == got          # a fixed order: the same bits every call


def _ncc_oracle(x, num, tshape, ssd, floor, tiny2):
    """Window sums by sliding windows (float64), then the masked quotient."""
    w = sliding_window_view(x.astype(np.float64), tshape)
    axes = tuple(range(x.ndim, 2 * x.ndim))
    size = float(np.prod(tshape))
    s1 = w.sum(axis=axes)
    var = (w * w).sum(axis=axes) - s1 * s1 / size
    v = var * ssd
    ok = (var > floor) & (v > tiny2)
    return np.where(ok, num.astype(np.float64) / np.sqrt(np.where(ok, v, 1.0)), 0.0)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("shape,tshape", [((20, 23), (4, 6)), ((9, 9), (9, 9)), ((12, 30), (1, 1)),
                                          ((7, 8, 11), (3, 2, 4)), ((5, 6, 7), (5, 1, 7))])
def test_ncc_kernels_against_sliding_windows(dtype, shape, tshape):
    rng = _rng("ncc", dtype, shape, tshape)
    x = rng.standard_normal(shape).astype(dtype)
    stripe = shape[0] > tshape[0]
    if stripe:
        x[: tshape[0]] = 0.25      # a flat stripe: the first row of windows is constant, must give exactly 0
    out_shape = tuple(n - k + 1 for n, k in zip(shape, tshape))
    num = rng.standard_normal(out_shape).astype(dtype)
    ssd, floor, tiny2 = 3.0, 1e-9, 1e-20
    out = np.full(out_shape, np.nan, dtype=dtype)
    if len(shape) == 3:
        _running.ncc_3d(x, num, *tshape, ssd, floor, tiny2, out)
    else:
        _running.ncc_2d(x, num, *tshape, ssd, floor, tiny2, out)
    want = _ncc_oracle(x, num, tshape, ssd, floor, tiny2)
    rtol = 1e-6 if dtype == "float32" else 1e-10
    np.testing.assert_allclose(out, want.astype(dtype), rtol=rtol, atol=0)
    if stripe:
        assert np.all(out[0] == 0)
    if np.prod(tshape) > 1:                           # (a one-sample window has no variance: all 0)
        assert np.count_nonzero(out) > out.size // 2  # the random part is not masked away


def test_ncc_masks_tiny_denominators():
    """``tiny2`` zeroes windows whose ``size * var * ssd`` is at or below it, whatever the floor."""
    x = _rng("tiny").standard_normal((10, 10))
    num = np.ones((8, 8))
    out = np.empty((8, 8))
    _running.ncc_2d(x, num, 3, 3, 1e-30, 0.0, 1.0, out)   # ssd so small every denominator is under 1
    assert np.all(out == 0)


@pytest.mark.parametrize("size", [*range(1, 18), 25, 31, 64, 100, 127, 255, 256, 257, 1000, 4097])
def test_box_quotients_are_scipys_for_every_sum(size):
    """box_2d_int divides an int8/uint8 window sum ``s`` (``|s| <= 255 * size``) by a float32
    multiply with ``box_inverse(size)`` and truncation; scipy truncates the float64 quotient.
    Every possible sum."""
    from convkit._ndimage_passes import box_inverse

    s = np.arange(-255 * size, 255 * size + 1)
    want = np.trunc(s / size)
    got = np.trunc(s.astype(np.float32) * box_inverse(size))
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("mode", list(PAD))
@pytest.mark.parametrize("dtype", ["uint8", "int8"])
@pytest.mark.parametrize("sizes, origins", [((3, 3), (0, 0)), ((5, 2), (1, 0)), ((1, 7), (0, -2)), ((9, 16), (-3, 5)),
                                            ((4, 1), (0, 0)), ((30, 3), (0, 1)), ((2, 13), (0, 0))])
def test_box_2d_int_is_scipys_box_filter(mode, dtype, sizes, origins):
    """One sweep of both box passes: scipy's values exactly (each pass truncated into the dtype),
    windows taller than the image included."""
    rng = _rng("box2d", mode, dtype, sizes, origins)
    info = np.iinfo(dtype)
    x = rng.integers(info.min, info.max, (23, 150), endpoint=True).astype(dtype)
    cval = -3 if dtype == "int8" else 200
    (k0, k1), (o0, o1) = sizes, origins
    l0, l1 = k0 // 2 + o0, k1 // 2 + o1
    from convkit._ndimage_passes import box_inverse

    got = np.empty_like(x)
    _running.box_2d_int(x, _running.index_map(23, l0, k0 - 1 - l0, mode), _running.index_map(150, l1, k1 - 1 - l1, mode),
                        l1, k0, k1, float(cval), box_inverse(k0), box_inverse(k1), got)
    np.testing.assert_array_equal(got, nd.uniform_filter(x, sizes, mode=mode, cval=cval, origin=origins))
