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


@pytest.mark.parametrize("dtype", ["int64", "uint64"])
@pytest.mark.parametrize("keep", [64, 32, 16])
def test_split_and_combine_roundtrip_with_wraparound(dtype, keep):
    """Independent of the engines: limb products by numpy's exact integer convolution, grouped as
    the executor groups them; the result agrees with numpy's wrapped int64 convolution modulo 2**keep."""
    rng = np.random.default_rng(keep)
    a = _extremes(rng, 200, dtype)
    b = _extremes(rng, 30, dtype)
    plan = limbs.limb_plan(a, b, 256, keep)
    la, lb = limbs.split(a, plan.bits, plan.n_a), limbs.split(b, plan.bits, plan.n_b)
    # balanced digits: every limb but the top one in [-2**(bits-1), 2**(bits-1))
    assert np.all(np.abs(la[:-1] + 0.5) <= 2 ** (plan.bits - 1))
    # the limbs rebuild the operand modulo 2**64
    rebuilt = sum(la[i].astype(np.int64).astype(np.dtype(dtype)) << np.dtype(dtype).type(plan.bits * i)
                  for i in range(plan.n_a))
    np.testing.assert_array_equal(rebuilt, a)
    for rows in range(1, plan.n_a):  # the low limbs alone are the same limbs
        np.testing.assert_array_equal(limbs.split(a, plan.bits, plan.n_a, rows), la[:rows])
    groups = [(i0, np.array([[np.convolve(la[i], lb[j]) for j in range(nj)] for i in range(i0, i1)]))
              for i0, i1, nj in plan.groups()]
    narrow = np.dtype(f"uint{keep}")
    np.testing.assert_array_equal(limbs.combine(groups, plan.bits, np.dtype(dtype)).astype(narrow),
                                  np.convolve(a, b).astype(narrow))


@pytest.mark.parametrize(("plan", "groups", "units"), [
    # int32 results keep 32 bits: a1*b1 (shift 32) is never computed
    (limbs.LimbPlan(16, 2, 2, 32), [(0, 1, 2), (1, 2, 1)], 5),
    (limbs.LimbPlan(16, 2, 2, 64), [(0, 2, 2)], 6),
    (limbs.LimbPlan(12, 3, 3, 32), [(0, 1, 3), (1, 2, 2), (2, 3, 1)], 9),
    (limbs.LimbPlan(12, 3, 3, 16), [(0, 1, 2), (1, 2, 1)], 5),
])
def test_plan_skips_products_beyond_the_kept_bits(plan, groups, units):
    assert plan.groups() == groups
    assert plan.units == units


@pytest.mark.parametrize("low", [8, 16, 40])
def test_estimate_corrected_by_the_low_bits(low):
    """``combine`` with an estimate: any estimate within 2**(low-1) - 1/2 of the result, plus the
    result's low bits, gives the result modulo 2**64, near and beyond the int64 range included
    (oracle: Python integers)."""
    rng = np.random.default_rng(low)
    limit = 2 ** (low - 1) - 1
    exact = [0, 1, -1, 2 ** 63 - 1, -2 ** 63, 2 ** 63 + 12345, -2 ** 63 - 999, 2 ** 64 + 7, -2 ** 64 - 7,
             3 * 2 ** 62, 2 ** 53 + 1] + [int(v) for v in rng.integers(-2 ** 62, 2 ** 62, 20)]
    offsets = [-limit, limit, 0, -limit + 1, limit - 1] * 10
    exact, offsets = exact[:len(offsets)], offsets[:len(exact)]
    # the precondition, exactly: float64 rounding of a large estimate counts against the margin
    pairs = [(t, float(t + o)) for t, o in zip(exact, offsets) if abs(int(float(t + o)) - t) < 2 ** (low - 1)]
    assert len(pairs) >= 20 and any(abs(t) >= 2 ** 63 for t, _ in pairs)
    exact = [t for t, _ in pairs]
    estimate = np.array([e for _, e in pairs])
    # one 'product' holding the low bits of the result (what the limb products give modulo 2**low)
    lows = np.array([[[float(t % 2 ** low) for t in exact]]])
    out = limbs.combine([(0, lows)], 16, np.dtype(np.int64), estimate, low)
    expected = np.array([(t + 2 ** 63) % 2 ** 64 - 2 ** 63 for t in exact], np.int64)
    np.testing.assert_array_equal(out, expected)


@pytest.mark.parametrize("dtype", ["int32", "uint32", "int64", "uint64"])
def test_estimate_plan_matches_numpy(dtype):
    """24-bit values against a 2000-tap kernel: beyond a plain FFT, within the estimate's reach, so the
    plan is one exact limb product plus the float64 estimate; bit-exact against numpy's integer
    convolution wrapped to scipy's result dtype, extremes included."""
    rng = np.random.default_rng(5)
    lo, hi = (0, 2 ** 24 - 1) if dtype == "uint32" else (-2 ** 23, 2 ** 23)
    a = rng.integers(lo, hi, 200_000, endpoint=True)
    b = rng.integers(lo, hi, 2_000, endpoint=True)
    a[:50_000], a[50_000:100_000], b[:500], b[500:1000] = lo, hi, hi, lo  # runs of the extremes
    rng.shuffle(a)
    # uint64: values just below 2**64 (small negatives modulo 2**64, near its top as unsigned)
    a, b = (a.view(dtype), b.view(dtype)) if dtype == "uint64" else (a.astype(dtype), b.astype(dtype))
    problem = normalize_convolve(a, b, "full", "auto", correlate=False, workers=None)
    assert not problem.fft_allowed
    plan = dispatch.limbs(problem)
    assert plan.low and plan.groups() == [(0, 1, 1)]
    expected = np.convolve(a.astype(np.int64), b.astype(np.int64)).astype(dtype)  # wraps modulo 2**64
    for method in ("fft", "oa"):
        np.testing.assert_array_equal(convkit.convolve(a, b, method=method), expected)


def test_estimate_plan_2d_matches_direct():
    """The corrected estimate on a 2-D call (24-bit values, extremes included), against the direct engine."""
    rng = np.random.default_rng(9)
    a = rng.integers(-2 ** 23, 2 ** 23, (400, 500), endpoint=True)
    b = rng.integers(-2 ** 23, 2 ** 23, (40, 50), endpoint=True)
    a[:100], b[:10] = 2 ** 23, -2 ** 23
    a, b = a.astype(np.int32), b.astype(np.int32)
    problem = normalize_convolve(a, b, "same", "auto", correlate=False, workers=None)
    assert not problem.fft_allowed and dispatch.limbs(problem).low
    np.testing.assert_array_equal(convkit.convolve(a, b, "same", method="fft"),
                                  convkit.convolve(a, b, "same", method="direct"))


def test_actual_norms_admit_wider_limbs():
    """Sparse full-range data: the a-priori bound (every limb at its largest) rejects 16-bit limbs,
    their measured norms admit them; the result stays bit-exact (oracle: the sum of the few shifted
    copies of ``b``, wrapped to int32 as scipy's result)."""
    rng = np.random.default_rng(11)
    a = np.zeros(3_000_000, np.int32)
    hits = np.sort(rng.choice(a.size, 64, replace=False))
    a[hits] = _extremes(rng, 64, "int32")
    b = _extremes(rng, 30_000, "int32")
    problem = normalize_convolve(a, b, "full", "auto", correlate=False, workers=None)
    assert not problem.fft_allowed
    n = a.size + b.size - 1
    norms_a = [m * np.sqrt(a.size) for m in limbs._magnitudes(limbs._max_abs(problem.a), 16, 2)]
    norms_b = [m * np.sqrt(b.size) for m in limbs._magnitudes(limbs._max_abs(problem.b), 16, 2)]
    plan = limbs.LimbPlan(16, 2, 2, 32, summed=True)  # a0 b0, and a0 b1 + a1 b0 summed as spectra
    assert limbs._worst(plan, norms_a, norms_b, n) >= 0.5
    assert dispatch.limbs(problem) == plan
    expected = np.zeros(n, np.int64)
    for h in hits:
        expected[h:h + b.size] += np.int64(a[h]) * b.astype(np.int64)
    out = convkit.convolve(a, b, method="oa")
    assert out.dtype == np.int32
    np.testing.assert_array_equal(out, expected.astype(np.int32))


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


@pytest.mark.parametrize(("plan", "terms", "units"), [
    # full-range int32: a0 b0, and a0 b1 + a1 b0 in one inverse transform
    (limbs.LimbPlan(16, 2, 2, 32, summed=True), [[(0, 0)], [(0, 1), (1, 0)]], 4),
    (limbs.LimbPlan(12, 3, 3, 32, summed=True), [[(0, 0)], [(0, 1), (1, 0)], [(0, 2), (1, 1), (2, 0)]], 6),
    (limbs.LimbPlan(16, 2, 2, 32), [[(0, 0)], [(0, 1)], [(1, 0)]], 5),
])
def test_summed_plan_has_one_inverse_transform_per_shift(plan, terms, units):
    assert plan.terms() == terms
    assert plan.units == units


@pytest.mark.parametrize("blocked", [False, True])
@pytest.mark.parametrize(("n", "k", "mode"), [
    (5000, 300, "full"), (300, 5000, "same"), (4000, 4000, "valid"),  # one transform either way
    (3000, 60000, "full"),  # blocked: the kernel is the longer operand and slides
    (200_000, 70, "same"),  # blocked: 452 blocks in groups of 64, the last group partial
    (60000, 3000, "valid"),  # blocked: the kept region starts inside the signal
])
def test_convolve_sums_is_the_sum_of_the_products(n, k, mode, blocked):
    """The engines' summed products against numpy's exact integer convolutions of integer-valued
    stacks, for one whole transform and for overlap-save blocks, with terms of one, two and three
    products (two threads: disjoint block groups)."""
    from convkit import _engines

    rng = np.random.default_rng(n + k)
    a = rng.integers(-2 ** 12, 2 ** 12, (3, n)).astype(np.float64)
    b = rng.integers(-2 ** 12, 2 ** 12, (3, k)).astype(np.float64)
    problem = normalize_convolve(a[0], b[0], mode, "auto", correlate=False, workers=None)
    g = dispatch.geometry(problem)._replace(dtype=np.dtype(np.float64))
    terms = [[(0, 0)], [(0, 1), (1, 0)], [(2, 0), (1, 1), (0, 2)]]
    eng = _engines.get("oa" if blocked else "fft")
    out = eng.convolve_sums(a, b, terms, g, workers=2)
    start, size = problem.start[0], problem.shape[0]
    for q, pairs in enumerate(terms):
        full = sum(np.convolve(a[i].astype(np.int64), b[j].astype(np.int64)) for i, j in pairs)
        np.testing.assert_array_equal(np.rint(out[q]).astype(np.int64), full[start:start + size])
        assert np.max(np.abs(out[q] - full[start:start + size])) < 0.01


@pytest.mark.parametrize("method", ["fft", "oa"])
@pytest.mark.parametrize("dtype", ["int32", "uint32"])
def test_summed_limbs_at_the_extremes_match_numpy(method, dtype):
    """Full-range 32-bit values, half of them at the dtype's extremes: the plan sums a0 b1 + a1 b0
    as spectra, and the result is bit-exact against numpy's wrapped int64 convolution."""
    rng = np.random.default_rng(13)
    a = _extremes(rng, 60_000, dtype)
    b = _extremes(rng, 3_000, dtype)
    problem = normalize_convolve(a, b, "full", "auto", correlate=False, workers=None)
    plan = dispatch.limbs(problem)
    assert plan.summed and any(len(t) > 1 for t in plan.terms())
    expected = np.convolve(a.astype(np.int64), b.astype(np.int64)).astype(dtype)
    np.testing.assert_array_equal(convkit.convolve(a, b, method=method), expected)
    np.testing.assert_array_equal(convkit.correlate(a, b, "same", method=method),
                                  convkit.correlate(a, b, "same", method="direct"))


def test_summed_bound_splits_what_the_product_bound_admits():
    """A plan is summed only where the bound of each sum (its products' bounds added) passes: norms
    that admit each product but not their sum give the unsummed plan of the same limbs."""
    plan = limbs.LimbPlan(16, 2, 2, 32, summed=True)
    n = 1 << 20
    scale = limbs._U * 20
    each = 0.3 / scale  # every product's bound 0.3: one passes, a sum of two (0.6) does not
    norms = [np.sqrt(each)] * 2
    assert limbs._worst(plan._replace(summed=False), norms, norms, n) < 0.5 <= limbs._worst(plan, norms, norms, n)


@pytest.mark.parametrize(("plan", "transforms"), [
    (limbs.LimbPlan(16, 2, 2, 32, summed=True), 2 + 2 + 2),  # a0, a1; b0, b1; two sums
    (limbs.LimbPlan(16, 2, 2, 32), 2 + 3 + 3),  # b0 transformed by both engine calls; three products
    (limbs.LimbPlan(16, 2, 2, 32, low=16), 2 + 2 + 2),  # a0 b0, and the float64 estimate
])
def test_limb_work_prices_the_transforms_that_run(plan, transforms):
    """The one-transform engine's cost of the limb work is that of ``transforms`` transforms of the
    float64 call's length (a float64 call: three)."""
    g = dispatch.Geometry((100_000,), (3_000,), (0,), (102_999,), (0,), np.dtype(np.int32), 1)
    one = dispatch.cost("fft", g._replace(dtype=np.dtype(np.float64))).arith
    assert dispatch.cost("fft", dispatch.limb_work(g, plan)).arith == pytest.approx(one * transforms / 3)


@pytest.mark.parametrize("values", [
    [-2 ** 63, 5, 2 ** 62],  # the magnitude of int64's minimum is 2**63, beyond int64
    [3, -7, 2, 0],
    [2 ** 64 - 1, 2 ** 63, 1],  # uint64: modulo 2**64, the numbers -1, -2**63 and 1
    [],
])
def test_extent_is_the_largest_magnitude_and_the_sum_of_squares(values):
    """One compiled pass against Python integers (uint64 read as its int64 view, as the limbs are)."""
    dtype = np.uint64 if values and max(values) >= 2 ** 63 else np.int64
    x = np.array(values, dtype)
    signed = [v - 2 ** 64 if v >= 2 ** 63 else v for v in values]
    m, sumsq = limbs._extent(x)
    assert m == max((abs(v) for v in signed), default=0)
    assert sumsq == pytest.approx(float(sum(v * v for v in signed)), rel=1e-12)


def test_plan_falls_back_to_products_where_the_sum_is_not_exact(monkeypatch):
    """Both 16-bit limbs of every value near 2**15 (measured norms as large as the a-priori ones):
    each product's bound is about 0.33, a0 b1 + a1 b0 summed about 0.65. With 16-bit limbs only
    (this value's 17-bit limbs happen to be small), the plan is those limbs' products on their own:
    five transforms, not four."""
    monkeypatch.setattr(limbs, "_WIDTHS", range(16, 17))
    value = (2 ** 15 - 1) * 2 ** 16 + 2 ** 15 - 1  # limbs 2**15 - 1 and 2**15 - 1
    a = np.full(150_000, value, np.int32)
    problem = normalize_convolve(a, a, "full", "auto", correlate=False, workers=None)
    plan = dispatch.limbs(problem)
    assert plan == limbs.LimbPlan(16, 2, 2, 32)
    n = 2 * a.size - 1
    norms = [(2 ** 15 - 1) * np.sqrt(a.size)] * 2
    assert limbs._worst(plan, norms, norms, n) < 0.5 <= limbs._worst(plan._replace(summed=True), norms, norms, n)
