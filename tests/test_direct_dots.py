"""The long-dot-product loop (``_engines.direct._dots``): values, its documented summation order, bits per output,
and its Numba-free twin (``convkit._dots_numpy``) bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from convkit._dots_numpy import dots as twin
from convkit._dots_numpy import ramps as ramps_twin
from convkit._engines.direct._dots import dots, lanes, ramps

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


def test_dots_summation_order_is_the_documented_one():
    """float64: lanes of rounded products and sums (no fused multiply-add) from +0.0, a pairwise tree
    over the lanes, then the rest one by one (Python floats: IEEE double, each operation rounded)."""
    rng = keyed_rng("dots-order")
    w = lanes(8)
    k = 2 * w + 7
    m = 6
    x, h = rng.standard_normal(m + k - 1), rng.standard_normal(k)
    for i, got in enumerate(_valid(x, h)):
        sums = [0.0] * w
        for j in range(2 * w):
            sums[j % w] = sums[j % w] + float(x[i + j]) * float(h[k - 1 - j])
        while len(sums) > 1:
            half = len(sums) // 2
            sums = [sums[t] + sums[t + half] for t in range(half)]
        s = sums[0]
        for j in range(2 * w, k):
            s = s + float(x[i + j]) * float(h[k - 1 - j])
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


def _bits(v: np.ndarray) -> bytes:
    """``v``'s bytes with every NaN made the one quiet NaN: which NaN an x86 sum of two NaNs keeps
    depends on the operand order the compiler picks, so a NaN's payload is not part of the bits promised."""
    v = v.copy()
    v[np.isnan(v)] = np.nan
    return v.tobytes()


def _special(rng, n: int, dtype) -> np.ndarray:
    """Random samples with signed zeros, and products that round to +-0 (tiny times tiny)."""
    v = random_array(rng, (n,), dtype)
    v[rng.random(n) < 0.2] = 0.0
    v[rng.random(n) < 0.2] = -0.0
    v[rng.random(n) < 0.1] *= np.finfo(dtype).tiny
    return v


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("k", [1, 2, 7, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 255, 256, 257, 1000, 5861])
@pytest.mark.parametrize("m", [1, 2, 3, 4, 5, 8, 13, 16])
def test_twin_gives_the_compiled_bits(dtype, k, m):
    """The numpy twin against the compiled loop, bit for bit: K below, at and around multiples of W
    (32 float64, 64 float32 lanes), 1 to 16 outputs; plain samples, then signed zeros and underflowing products."""
    rng = keyed_rng("dots-twin", dtype, k, m)
    cases = [(random_array(rng, (m + k - 1,), dtype), random_array(rng, (k,), dtype)),
             (_special(rng, m + k - 1, dtype), _special(rng, k, dtype)),
             # every product -0.0: the loop's lanes start at +0.0, so +0.0 (a sum started from the first product: -0.0)
             (np.full(m + k - 1, -0.0, dtype), np.abs(random_array(rng, (k,), dtype)))]
    for x, h in cases:
        got = twin(x, h, np.empty(m, dtype))
        assert got.tobytes() == _valid(x, h).tobytes()


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("k", [5, 64, 65, 300])
def test_twin_gives_the_compiled_bits_with_non_finite_samples(dtype, k):
    """inf, -inf and NaN in the signal and the kernel (inf - inf makes NaNs too): the same values, NaN where NaN."""
    rng = keyed_rng("dots-twin-nonfinite", dtype, k)
    m = 16
    for specials in ([np.inf], [-np.inf], [np.nan], [np.inf, -np.inf], [np.inf, np.nan]):
        x, h = random_array(rng, (m + k - 1,), dtype), random_array(rng, (k,), dtype)
        for value in specials:
            x[rng.integers(0, x.size)] = value
            h[rng.integers(0, k)] = value
        expected = _valid(x, h)
        got = twin(x, h, np.empty(m, dtype))
        assert _bits(got) == _bits(expected), specials
        assert not np.isfinite(expected).all()  # the case is one: some output is not finite


def test_twin_bounds_its_products_by_blocks(monkeypatch):
    """Outputs computed a block at a time (the twin's memory bound) give each output's own bits."""
    import convkit._dots_numpy as module

    rng = keyed_rng("dots-twin-blocks")
    k, m = 700, 11
    x, h = rng.standard_normal(m + k - 1), rng.standard_normal(k)
    whole = twin(x, h, np.empty(m))
    monkeypatch.setattr(module, "_BLOCK_ELEMENTS", 3 * k)   # blocks of 3 outputs, the last of 2
    assert twin(x, h, np.empty(m)).tobytes() == whole.tobytes() == _valid(x, h).tobytes()


def _padded(x: np.ndarray, k: int, start: int, length: int) -> np.ndarray:
    """The samples outputs ``start .. start+length-1`` of the full convolution by ``k`` taps read, zeros beyond ``x``."""
    lo = start - (k - 1)
    w = np.zeros(length + k - 1, x.dtype)
    s0, s1 = max(lo, 0), min(start + length, x.shape[0])
    w[s0 - lo:s1 - lo] = x[s0:s1]
    return w


_RAMP_CASES = [(n, k) for k in (1, 5, 31, 32, 33, 64, 65, 100, 257, 1000) for n in (k, k + 3, 3 * k + 1)]


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("n, k", _RAMP_CASES)
@pytest.mark.parametrize("mode", ["full", "same"])
def test_ramps_give_the_long_dot_bits_of_the_padded_window(dtype, n, k, mode):
    """Skipping the padding's products changes no bit: the same as :func:`dots` forming and adding them (plain
    samples; signed zeros and underflowing products, with zeros at the ends of the signal too), as the twin;
    and the values are the convolution's."""
    rng = keyed_rng("ramps", dtype, n, k, mode)
    start, length = (0, n + k - 1) if mode == "full" else ((k - 1) // 2, n)
    special = _special(rng, n, dtype)
    special[:2] = 0.0
    special[-3:] = -0.0
    for x, h in ((random_array(rng, (n,), dtype), random_array(rng, (k,), dtype)),
                 (special, _special(rng, k, dtype))):
        w = _padded(x, k, start, length)
        got = np.empty(length, dtype)
        assert ramps(w, h, got)
        expected = np.empty(length, dtype)
        dots(w, h, expected)
        assert got.tobytes() == expected.tobytes()
        again = np.empty(length, dtype)
        assert ramps_twin(w, h, again)
        assert again.tobytes() == got.tobytes()
    assert_close(got, oracle(x, h, (0,), (length,), (start,)).astype(dtype), x, h)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("k", [64, 65, 300])
def test_ramps_non_finite_samples_stay_in_their_windows(dtype, k):
    """inf and NaN in the signal: only the outputs whose window holds them (scipy's direct method's
    finiteness), the twin's bits."""
    rng = keyed_rng("ramps-nonfinite", dtype, k)
    n = k + 7
    x, h = random_array(rng, (n,), dtype), random_array(rng, (k,), dtype)
    x[2] = np.inf
    x[n - 4] = np.nan
    w = _padded(x, k, 0, n + k - 1)
    got, again = np.empty(n + k - 1, dtype), np.empty(n + k - 1, dtype)
    assert ramps(w, h, got) and ramps_twin(w, h, again)
    assert _bits(got) == _bits(again)
    expected = oracle(x, h, (0,), (n + k - 1,), (0,))
    assert np.array_equal(np.isnan(got), np.isnan(expected))
    assert np.array_equal(np.isinf(got), np.isinf(expected))
    finite = np.isfinite(expected)
    assert_close(got[finite], expected[finite].astype(dtype))


@pytest.mark.parametrize("value", [np.inf, -np.inf, np.nan])
def test_ramps_refuse_a_non_finite_kernel(value):
    """A non-finite tap times a padding zero would be NaN where the convolution forms no product: both say
    False and leave the output as it was (the caller runs numpy's correlate)."""
    k, n = 100, 120
    rng = keyed_rng("ramps-kernel", str(value))
    h = rng.standard_normal(k)
    h[40] = value
    w = _padded(rng.standard_normal(n), k, 0, n + k - 1)
    for loop in (ramps, ramps_twin):
        out = np.full(n + k - 1, 7.0)
        assert loop(w, h, out) is False
        assert (out == 7.0).all()
