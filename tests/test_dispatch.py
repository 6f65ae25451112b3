"""The dispatcher: forcing rules, the cost model's choices, the profile, explain, and plans."""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import numpy as np
import pytest

import convkit
from convkit import _dispatch as dispatch
from convkit import _engines as engines
from convkit import _profile as profile
from convkit._problem import normalize_convolve

from _helpers import assert_close


class CountingEngines:
    """Stand-in engines that record which one ran and delegate to the real engine (a mock backend)."""

    def __init__(self):
        self.calls = []

    def install(self, monkeypatch):
        for name in engines.NAMES:
            monkeypatch.setitem(engines._loaded, name, self._Counting(engines.get(name), self.calls))

    class _Counting:
        def __init__(self, real, calls):
            self._real, self._calls, self.name = real, calls, real.name

        def __getattr__(self, attr):  # supports, cost, prepare: the real engine's
            return getattr(self._real, attr)

        def convolve(self, a, prepared, g, *, workers):
            self._calls.append(self.name)
            return self._real.convolve(a, prepared, g, workers=workers)

        def convolve_plain(self, a, b, g):  # the direct engine while its kernels compile (an empty cache)
            self._calls.append(self.name)
            return self._real.convolve_plain(a, b, g)

        def convolve_sums(self, a, b, terms, g, *, workers):  # the limb path's summed products
            self._calls.append(self.name)
            return self._real.convolve_sums(a, b, terms, g, workers=workers)


@pytest.mark.parametrize("method", ["direct", "fft", "oa"])
def test_forced_method_runs_exactly_that_engine(method, monkeypatch):
    counting = CountingEngines()
    counting.install(monkeypatch)
    # long enough that a forced 'direct' runs the engine, not numpy.convolve's short-signal path
    x = np.random.default_rng(0).standard_normal(30000)
    convkit.convolve(x, x[:200], method=method)
    assert counting.calls == [method]


def test_a_new_shape_prices_each_fft_engine_once(monkeypatch):
    """The tiny path's route and the general path's ranking both price the FFT engines of a shape new
    to the process; the second asks the first's answer (each pricing is 20-60 us of Python, paid on
    every call of a loop over varied sizes)."""
    priced = []
    for name in ("fft", "oa"):
        cls = type(engines.get(name))
        real = cls.flops
        monkeypatch.setattr(cls, "flops", staticmethod(lambda *a, _real=real, _name=name: priced.append(_name)
                                                       or _real(*a)))
    x = np.random.default_rng(3).standard_normal(19_991)       # a size no other test uses
    convkit.convolve(x, x[:157], "same")                        # small route: none; the general path ranks
    assert sorted(priced) == ["fft", "oa"], priced


def test_a_small_call_below_the_fft_engines_fixed_cost_prices_no_fft_engine(monkeypatch):
    """A small call whose tiny route is predicted below direct and below every FFT engine's overhead
    takes that route without the FFT engines' lengths and block plans being worked out."""
    priced = []
    for name in ("fft", "oa"):
        cls = type(engines.get(name))
        real = cls.flops
        monkeypatch.setattr(cls, "flops", staticmethod(lambda *a, _real=real, _name=name: priced.append(_name)
                                                       or _real(*a)))
    x = np.random.default_rng(4).standard_normal(211)           # a size no other test uses
    want = np.convolve(x, x[:5])
    assert np.array_equal(convkit.convolve(x, x[:5]), want)
    assert priced == []


def test_integers_beyond_the_fft_bound_run_exactly(monkeypatch):
    """Beyond a plain FFT's exact range, a forced fft/oa runs on limbs (exact); auto compares the limb
    products' predicted time with direct's and says so."""
    counting = CountingEngines()
    counting.install(monkeypatch)
    big = np.full(5000, 2**30, np.int64)
    want = 3000 * 2**60 % 2**64 - (2**64 if 3000 * 2**60 % 2**64 >= 2**63 else 0)
    for method in ("fft", "oa"):
        out = convkit.convolve(big, big[:3000], method=method)
        assert out[2999] == want
    assert counting.calls == ["fft", "oa"]
    problem = normalize_convolve(big, big[:3000], "full", "auto", correlate=False, workers=None)
    choice = dispatch.explain(problem)
    assert "limbs" in choice.reason and set(choice.predicted) == {"direct", "fft", "oa"}
    assert convkit.convolve(big, big[:3000])[2999] == want


def test_small_integers_may_use_fft_and_stay_exact(monkeypatch):
    counting = CountingEngines()
    counting.install(monkeypatch)
    rng = np.random.default_rng(1)
    a = rng.integers(-100, 100, 20000).astype(np.int32)
    b = rng.integers(-100, 100, 5000).astype(np.int32)
    out = convkit.convolve(a, b, method="fft")
    assert counting.calls == ["fft"]
    np.testing.assert_array_equal(out, np.convolve(a.astype(np.int64), b.astype(np.int64)).astype(np.int32))


def test_short_1d_direct_runs_numpy_and_long_runs_the_engine(monkeypatch):
    """1-D direct work numpy does faster runs numpy.convolve (scipy's own 1-D path, same bits)."""
    import scipy.signal as ss
    # on a cold Numba cache the default background compile runs the engine's plain loop, which the
    # counter does not see: compile in the call instead
    monkeypatch.setenv("CONVKIT_COMPILE", "foreground")
    counting = CountingEngines()
    counting.install(monkeypatch)
    rng = np.random.default_rng(4)
    short, long_ = rng.standard_normal(2000), rng.standard_normal(200_000)
    h = rng.standard_normal(40)
    np.testing.assert_array_equal(convkit.convolve(short, h, method="direct"), ss.convolve(short, h, method="direct"))
    assert counting.calls == []
    assert_close(convkit.convolve(long_, h, method="direct"), ss.convolve(long_, h, method="direct"), long_, h)
    assert counting.calls == ["direct"]


def test_tiny_bound_is_one_number():
    from convkit import _problem as problem
    assert problem._TINY_DIRECT_OPS == dispatch.TINY_DIRECT_OPS


def test_tiny_calls_are_forced_direct():
    problem = normalize_convolve(np.ones(100), np.ones(5), "full", "auto", correlate=False, workers=None)
    choice = dispatch.explain(problem)
    assert choice.method == "direct" and "tiny" in choice.reason


def test_auto_picks_oa_for_long_signals_and_direct_for_short_kernels(default_profile):
    x = np.zeros(10**6)
    for k in (256, 1024, 8192):
        assert convkit.choose_method(x, np.zeros(k)).method == "oa", k
    for k in (2, 5, 16):
        assert convkit.choose_method(x, np.zeros(k)).method == "direct", k


def test_choose_method_reports_predictions(default_profile):
    choice = convkit.choose_method(np.zeros(10**5), np.zeros(2000), mode="same", workers=2)
    assert set(choice.predicted) == {"direct", "fft", "oa"}
    # the ranking is one thread's (the engine, and the bits, never depend on workers)
    one = convkit.choose_method(np.zeros(10**5), np.zeros(2000), mode="same", workers=1)
    assert choice.method == one.method == min(one.predicted, key=one.predicted.get)
    assert all(t > 0 for t in choice.predicted.values())
    assert choice.reason and choice.method in str(choice)
    float32 = convkit.choose_method(np.zeros(10**5, np.float32), np.zeros(2000, np.float32))
    assert float32.predicted["fft"] < one.predicted["fft"] * 2   # same thread count


def test_workers_lower_the_prediction_for_big_work(default_profile):
    x, k = np.zeros(10**6), np.zeros(4096)
    one = convkit.choose_method(x, k, workers=1).predicted
    two = convkit.choose_method(x, k, workers=2).predicted
    assert two["oa"] < one["oa"] and two["direct"] < one["direct"]


def test_profile_round_trip(tmp_path, monkeypatch):
    path = tmp_path / "profile.json"
    consts = json.loads(json.dumps(profile.DEFAULT_CONSTANTS))
    consts["direct"]["per_unit"] = 1.25e-10
    profile.save(consts, path, note="test")
    loaded = profile.load(path)
    assert loaded["direct"]["per_unit"] == 1.25e-10
    assert loaded["fft"] == profile.DEFAULT_CONSTANTS["fft"]
    monkeypatch.setenv("CONVKIT_PROFILE", str(path))
    profile.reset()
    try:
        assert profile.constants()["direct"]["per_unit"] == 1.25e-10
    finally:
        profile.reset()


@pytest.mark.parametrize("content", ["{not json", json.dumps({"version": 1, "constants": {}}),
                                     json.dumps({"version": profile.PROFILE_VERSION, "constants": {"direct": {}}}),
                                     json.dumps([1, 2, 3])])
def test_corrupt_or_old_profile_is_ignored_with_a_warning(tmp_path, content):
    path = tmp_path / "profile.json"
    path.write_text(content)
    with pytest.warns(RuntimeWarning, match="ignoring"):
        loaded = profile.load(path)
    assert loaded == profile.DEFAULT_CONSTANTS


def test_save_refuses_negative_constants(tmp_path):
    consts = json.loads(json.dumps(profile.DEFAULT_CONSTANTS))
    consts["oa"]["overhead"] = -1.0
    with pytest.raises(ValueError):
        profile.save(consts, tmp_path / "p.json")


def test_tune_fit_recovers_known_constants():
    from convkit._tune import fit

    rows = [{"engine": "direct", "units": u, "elements": e, "seconds": 5e-6 + 1e-10 * u + 2e-9 * e}
            for u, e in [(1e3, 200), (1e5, 2e4), (1e6, 1e5), (1e7, 1e5), (1e8, 2e6), (3e8, 1e6)]]
    fitted = fit(rows, "direct")
    assert fitted["overhead"] == pytest.approx(5e-6, rel=1e-3)
    assert fitted["per_unit"] == pytest.approx(1e-10, rel=1e-3)
    assert fitted["per_element"] == pytest.approx(2e-9, rel=1e-3)


def test_explain_cli_prints_the_choice():
    out = subprocess.run([sys.executable, "-m", "convkit", "explain", "--shape1", "1000000", "--shape2", "16"],
                         capture_output=True, text=True, check=True)
    assert "method: direct" in out.stdout
    assert "predicted" in out.stdout


# ---------------------------------------------------------------------------- plans


@pytest.mark.parametrize("mode", ["full", "same", "valid"])
@pytest.mark.parametrize("method", ["auto", "direct", "fft", "oa"])
def test_plan_with_fixed_kernel_matches_convolve(mode, method):
    rng = np.random.default_rng(5)
    h = rng.standard_normal(37)
    p = convkit.plan((4000,), (37,), kernel=h, mode=mode, method=method)
    for _ in range(3):
        x = rng.standard_normal(4000)
        assert_close(p(x), convkit.convolve(x, h, mode, method=method), x, h)
    assert p.shape == convkit.convolve(x, h, mode).shape


def test_plan_without_kernel_correlate_complex_and_axes():
    rng = np.random.default_rng(6)
    p = convkit.plan((300,), (20,), np.complex128, "valid", correlate=True)
    x = rng.standard_normal(300) + 1j * rng.standard_normal(300)
    y = rng.standard_normal(20) + 1j * rng.standard_normal(20)
    assert_close(p(x, y), convkit.correlate(x, y, "valid"), x, y)
    q = convkit.plan((8, 500), (1, 31), np.float32, "same", axes=-1)
    xs = rng.standard_normal((8, 500)).astype(np.float32)
    ks = rng.standard_normal((1, 31)).astype(np.float32)
    assert_close(q(xs, ks), convkit.fftconvolve(xs, ks, "same", axes=-1), xs, ks)
    assert q.method in ("fft", "oa")


def test_plan_integers_stay_exact_and_checks_inputs():
    p = convkit.plan((1000,), (300,), np.int64, kernel=np.full(300, 2**40, np.int64))
    assert p.method == "direct"
    x = np.full(1000, 2**20, np.int64)
    np.testing.assert_array_equal(p(x), convkit.convolve(x, np.full(300, 2**40, np.int64), method="direct"))
    with pytest.raises(ValueError, match="made for in1 of shape"):
        p(np.ones(999, np.int64))
    with pytest.raises(ValueError, match="fixed kernel"):
        p(x, x)


def test_plan_is_safe_from_many_threads():
    rng = np.random.default_rng(7)
    h = rng.standard_normal(129)
    p = convkit.plan((20000,), (129,), kernel=h, method="oa")
    inputs = [rng.standard_normal(20000) for _ in range(8)]
    # FFTW's planner may swap an FFTW_ESTIMATE plan for a measured one after a few
    # calls (a different algorithm, last-bit differences): compare within tolerance.
    expected = [p(x) for x in inputs]
    results = [None] * 8

    def work(i):
        for _ in range(5):
            results[i] = p(inputs[i])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    for got, want, x in zip(results, expected, inputs):
        assert_close(got, want, x, h)


def test_plan_correlate_reverses_broadcast_axes_too():
    """A length-1 axis of in1 is a batch axis, yet correlate still reverses in2 along it."""
    rng = np.random.default_rng(8)
    p = convkit.plan((1, 50), (4, 7), np.complex128, "full", correlate=True)
    x = rng.standard_normal((1, 50)) + 1j * rng.standard_normal((1, 50))
    y = rng.standard_normal((4, 7)) + 1j * rng.standard_normal((4, 7))
    assert_close(p(x, y), convkit.correlate(x, y), x, y)


def test_direct_loop_overhead_is_not_scaled_by_precision(default_profile):
    """Tile items and passes (``fixed``) cost the same in float32; only the arithmetic scales.
    Complex runs three real loops on planes it first splits off: more than three loops' overhead,
    the split moving bytes (complex64: half of complex128's)."""
    g64 = dispatch.Geometry((64, 64), (5, 5), (0, 1), (68, 68), (0, 0), np.dtype(np.float64), 1)
    c = profile.constants()["direct"]
    cost64 = dispatch.cost("direct", g64)
    assert 0 < cost64.fixed and 0 < cost64.arith
    arithmetic64 = dispatch.predict("direct", g64) - c["overhead"] - c["per_unit"] * cost64.fixed
    split = {}
    for dtype, key in (("float32", "f32"), ("complex64", "c64"), ("complex128", "c128")):
        g = g64._replace(dtype=np.dtype(dtype))
        cost = dispatch.cost("direct", g)
        if key == "f32":
            assert cost.fixed == cost64.fixed
        else:
            split[key] = cost.fixed - 3 * cost64.fixed
        assert cost.arith == cost64.arith
        expected = c["overhead"] + c["per_unit"] * cost.fixed + c["scale"][key] * arithmetic64
        assert dispatch.predict("direct", g) == pytest.approx(expected, rel=1e-12)
    assert 0 < split["c64"] == pytest.approx(split["c128"] / 2)
    assert dispatch.cost("fft", g64).fixed == dispatch.cost("oa", g64).fixed == 0


# Measured complex128 direct engine times (epyc-zen4-2c, 2026-12-07, thread CPU time, 'same';
# python benchmarks/scripts/cliffs.py --complex-split): before the split into real planes was
# counted, the small kernels were predicted 3-5x too fast.
@pytest.mark.parametrize("s1, s2, measured", [((512, 512), (3, 3), 2.74e-3), ((1024, 1024), (1, 3), 12.8e-3),
                                              ((200, 3000), (9, 1), 6.75e-3), ((1024, 1024), (15, 15), 45.8e-3)])
def test_complex_direct_is_predicted_within_2x(default_profile, s1, s2, measured):
    start = tuple((k - 1) // 2 for k in s2)
    g = dispatch.Geometry(s1, s2, (0, 1), s1, start, np.dtype(np.complex128), 1)
    assert 0.5 <= dispatch.predict("direct", g) / measured <= 2.0


@pytest.mark.parametrize("n,k", [(1, 1), (1, 9), (9, 1), (5, 5), (25, 16), (16, 25), (40, 3)])
def test_pairs_1d_counts_overlapping_products(n, k):
    """The closed form equals a count of (output, tap) pairs with both samples in range, for every region."""
    for start in range(n + k - 1):
        for length in range(1, n + k - start):
            count = sum(1 for o in range(start, start + length) for j in range(k) if 0 <= o - j < n)
            assert dispatch.pairs_1d(n, k, start, length) == count, (start, length)


def test_choose_method_reports_the_small_call_path(default_profile):
    """choose_method says what convolve does with small arrays (the tiny path's route and its
    predicted time), and falls back to the engines' ranking for other inputs."""
    small = convkit.choose_method(np.ones(12), np.ones(3))
    assert small.method == "direct" and small.reason.startswith("small call: numpy")
    assert 0 < small.predicted["direct"] < 1e-4
    squeezed = convkit.choose_method(np.ones((69, 19, 1)), np.ones((1, 3, 1)))
    assert squeezed.reason.startswith("small call: the direct engine's plain loop")
    product = convkit.choose_method(np.ones((69, 19, 1)), np.ones((1, 1, 1)))
    assert "one product per output" in product.reason
    big = convkit.choose_method(np.ones(10**6), np.ones(2000))
    assert not big.reason.startswith("small call") and set(big.predicted) == {"direct", "fft", "oa"}
    listed = convkit.choose_method([1.0, 2.0, 3.0], [1.0, 2.0])   # not ndarrays: the general path
    assert not listed.reason.startswith("small call")


# Measured on epyc-zen4-2c (2026-12-07 15:25 UTC, quiet machine, thread CPU time, medians of 15
# interleaved rounds, engine without the numpy shortcut against numpy's correlate, 'full', results
# from the result pool): which loop is faster on long signals with short kernels. Only clear
# cases (at least 15% apart); 3e6 x 3 float64 (0.97) and 1e6 x 2 float64 (1.04) are ties.
@pytest.mark.parametrize("n, k, dtype, faster", [
    (1_000_000, 3, "float64", "engine"),  # engine 0.426 ms, numpy 0.500 ms
    (3_000_000, 3, "float32", "engine"),  # engine 0.80 ms, numpy 2.49 ms
    (300_000, 4, "float32", "engine"),    # engine 0.089 ms, numpy 0.194 ms
    (100_000, 2, "float64", "numpy"),     # numpy 0.038 ms, engine 0.064 ms
    (100_000, 3, "float64", "numpy"),     # numpy 0.053 ms, engine 0.063 ms
])
def test_long_signal_near_ties_pick_the_measured_faster_loop(default_profile, n, k, dtype, faster):
    """Clear cases of numpy's loop against the tiled engine on long signals go to the loop that
    was measured faster (NUMPY_1D_TIE_MARGIN sends only closer ties to numpy)."""
    wins = dispatch.numpy_1d_wins(n, k, 0, n + k - 1, np.dtype(dtype), profile.generation())
    assert wins == (faster == "numpy")


def test_big_outputs_cost_by_bytes(default_profile, monkeypatch):
    """The large-output term counts bytes: float64 pays it where float32 (half the bytes) does not
    (at a positive per-byte price: the value in force is 0 while results come from the pool)."""
    from convkit import _tuning

    monkeypatch.setattr(_tuning, "DIRECT_BIG_OUTPUT_MACS_PER_BYTE", 1.0)
    small = dispatch.Geometry((100_000,), (3,), (0,), (100_002,), (0,), np.dtype(np.float64), 1)
    big = small._replace(a_shape=(3_000_000,), shape=(3_000_002,))
    assert dispatch.cost("direct", small).fixed == dispatch.cost("direct", small._replace(dtype=np.dtype(np.float32))).fixed
    big32 = big._replace(dtype=np.dtype(np.float32))
    assert dispatch.cost("direct", big).fixed > 1.5 * dispatch.cost("direct", big32).fixed


# numpy's correlate with long kernels (a BLAS dot per output), 'valid', measured on epyc-zen4-2c
# (2026-12-07, thread CPU time): a float64 dot moves twice a float32 one's bytes.
@pytest.mark.parametrize("taps, outputs, itemsize, measured", [(10_000, 10, 8, 14.7e-6), (10_000, 100, 8, 140e-6),
                                                               (10_000, 10, 4, 7.4e-6), (3000, 100, 8, 45e-6)])
def test_numpy_long_kernels_are_predicted_within_2x(taps, outputs, itemsize, measured):
    predicted = dispatch.numpy_1d_seconds(taps, outputs, "f", None, itemsize)
    assert 0.5 <= predicted / measured <= 2.0


def test_the_tie_margin_only_moves_near_ties_to_numpy(default_profile, monkeypatch):
    """NUMPY_1D_TIE_MARGIN sends 1-D near-ties to numpy's loop: every call numpy runs without the
    margin it still runs with it, some engine picks become numpy's, and clear engine wins stay."""
    from convkit import _tuning

    grid = [(n, k, dt) for n in (10_000, 30_000, 100_000, 300_000, 1_000_000) for k in (2, 3, 4, 6, 8, 11)
            for dt in (np.dtype(np.float64), np.dtype(np.float32))]

    def numpy_picks(margin):
        monkeypatch.setattr(_tuning, "NUMPY_1D_TIE_MARGIN", margin)
        profile.reset()  # a new generation: the memoised picks are dropped
        return {cell for cell in grid if dispatch.numpy_1d_wins(cell[0], cell[1], 0, cell[0] + cell[1] - 1, cell[2],
                                                                 profile.generation())}

    without, with_margin = numpy_picks(0.0), numpy_picks(0.1)
    assert without < with_margin
    # 1e5 x 16 float64: the engine 0.13 ms, numpy's BLAS dot per output 0.69 ms (measured, epyc-zen4-2c)
    assert not dispatch.numpy_1d_wins(100_000, 16, 0, 100_015, np.dtype(np.float64), profile.generation())


@pytest.mark.parametrize("name", ["fft", "oa"])
def test_integer_fft_predictions_add_the_float64_round_trip(default_profile, name):
    """An integer call on an FFT engine is the float64 call plus the casts in and the rounding out
    (``INT_FFT_TERMS``, per element of the inputs and output); direct has no such term."""
    from convkit import _tuning

    g = dispatch.Geometry((164, 18), (12, 14), (0, 1), (164, 18), (6, 6), np.dtype(np.int64), 1)
    f64 = g._replace(dtype=np.dtype(np.float64))
    call, per_element = _tuning.INT_FFT_TERMS
    added = dispatch.predict(name, g) - dispatch.predict(name, f64)
    assert added == pytest.approx(call + per_element * (164 * 18 + 12 * 14 + 164 * 18), rel=1e-9)
    assert added > 0


@pytest.mark.parametrize("ranking, best", [
    ({"direct": 3.0, "fft": 1.0, "oa": 0.5}, "oa"),      # a clear oa win stays oa
    ({"direct": 3.0, "fft": 1.0, "oa": 0.97}, "fft"),    # a near-tie goes to fft
    ({"direct": 0.98, "fft": 1.0, "oa": 0.97}, "direct"),  # ... or to direct where that is cheaper than fft
    ({"direct": 0.5, "fft": 1.0, "oa": 0.97}, "direct"),
    ({"direct": 3.0, "fft": 0.9, "oa": 1.0}, "fft"),
])
def test_oa_near_ties_with_fft_go_to_the_other_engines(ranking, best):
    from convkit import _tuning

    assert _tuning.OA_TIE_MARGIN == pytest.approx(0.05)  # the rankings above straddle 1 - margin
    assert dispatch._best(ranking)[0] == best


def test_choose_method_says_when_an_oa_near_tie_went_to_fft(default_profile, monkeypatch):
    from convkit import _tuning

    x, k = np.zeros(10**6), np.zeros(1024)
    plain = convkit.choose_method(x, k)
    assert plain.method == "oa" and plain.reason == "lowest predicted time"
    monkeypatch.setattr(_tuning, "OA_TIE_MARGIN", 1.0 - 0.999 * plain.predicted["oa"] / plain.predicted["fft"])
    profile.reset()  # a new generation: the memoised choice is dropped
    tied = convkit.choose_method(x, k)
    assert tied.method == min(("direct", "fft"), key=tied.predicted.get) and "near-tie" in tied.reason


# convkit.convolve 'full' on N-d calls the tiny path runs as one product per output, measured on
# epyc-zen4-2c (2026-12-07, thread CPU time; python tools/measure_tunables.py tiny-product): they
# had been predicted at 2.3-3.3x these times.
@pytest.mark.parametrize("s1, s2, dtype, measured", [((74, 1, 55), (1, 1, 1), "int16", 2.31e-6),
                                                     ((1, 11, 89), (6, 1, 1), "int16", 2.91e-6),
                                                     ((1, 4, 54), (1, 1, 1), "complex128", 2.11e-6),
                                                     ((1, 200, 300), (4, 1, 1), "float64", 48.5e-6)])
def test_one_product_per_output_is_predicted_within_2x(s1, s2, dtype, measured):
    choice = convkit.choose_method(np.ones(s1, dtype), np.ones(s2, dtype))
    assert "one product per output" in choice.reason
    assert 0.5 <= choice.predicted["direct"] / measured <= 2.0


@pytest.mark.parametrize("n,k", [(1, 1), (1, 9), (9, 1), (5, 5), (25, 16), (16, 25), (40, 3)])
def test_small_1d_pairs_split_full_and_partial_outputs(n, k):
    """Brute force: products of outputs overlapping the whole shorter input, and of the others."""
    m = min(n, k)
    for start in range(n + k - 1):
        for length in range(1, n + k - start):
            counts = [sum(1 for j in range(k) if 0 <= o - j < n) for o in range(start, start + length)]
            assert dispatch.small_1d_pairs(n, k, start, length) == (
                sum(c for c in counts if c == m), sum(c for c in counts if c < m)), (start, length)


# The direct engine's plain 1-D loop (``small``), float64, measured on epyc-zen4-2c (2026-12-07,
# thread CPU time; python tools/measure_tunables.py small-1d-edges): outputs that overlap part of
# the shorter input cost several times more a product; 340 x 332 'full' had been predicted at 47 us.
@pytest.mark.parametrize("n, k, mode, measured", [(340, 332, "full", 126e-6), (600, 300, "full", 122e-6),
                                                  (3000, 300, "full", 266e-6), (3000, 300, "valid", 148e-6),
                                                  (1000, 128, "full", 35.9e-6)])
def test_the_plain_1d_loop_is_predicted_within_2x(default_profile, n, k, mode, measured):
    from convkit._problem import _centred_start, _region

    start, length = _region(mode, n, k, _centred_start)
    predicted = dispatch.small_options((n,), (k,), (start,), (length,), np.dtype(np.float64))["small"]
    assert 0.5 <= predicted / measured <= 2.0


# The direct engine's plain 2-D loop (``small``), float64 'full', measured on epyc-zen4-2c (2026-12-08,
# thread CPU time of the bare loop, medians of 7 loops of 2 ms, two helpers running): it makes the products of
# overlapping samples only. Counted as outputs * taps (the zero padding too), these were predicted at
# 3.5x, 2.1x and 1.9x their times.
@pytest.mark.parametrize("s1, s2, measured", [((16, 16), (16, 16), 78e-6), ((32, 32), (16, 16), 295e-6),
                                              ((8, 40), (16, 16), 94e-6)])
def test_the_plain_2d_loop_is_predicted_within_2x(s1, s2, measured):
    shape = tuple(n + k - 1 for n, k in zip(s1, s2))
    predicted = dispatch.small_options(s1, s2, (0, 0), shape, np.dtype(np.float64))["small"]
    assert 0.5 <= predicted / measured <= 2.0


def test_integer_choices_report_the_preparation_every_engine_pays(default_profile, monkeypatch):
    """choose_method's predicted times of an integer call include the int64 operands and the exactness
    check (INT_PREPARE_TERMS) for every engine; the ranking leaves them out, so the engine stays."""
    from convkit import _tuning

    rng = np.random.default_rng(2)
    # beyond the tiny path's 2**22 elements, whose routes weigh these terms against numpy's loop
    cases = [(rng.integers(-99, 99, 5_000_000).astype(np.int32), rng.integers(-99, 99, 3).astype(np.int32), "valid"),
             (rng.integers(-99, 99, 5_000_000).astype(np.int16), rng.integers(-99, 99, 2000).astype(np.int16), "same"),
             (rng.integers(-99, 99, (2100, 2100)).astype(np.int32), rng.integers(-99, 99, (9, 9)).astype(np.int32),
              "full")]
    choices = {}
    for terms in ((0.0, 0.0), (1.0, 1e-3)):
        monkeypatch.setattr(_tuning, "INT_PREPARE_TERMS", terms)
        profile.reset()  # a new generation: the memoised choices are dropped
        choices[terms] = [convkit.choose_method(a, b, mode, workers=1) for a, b, mode in cases]
    for (a, b, _), bare, prepared in zip(cases, choices[(0.0, 0.0)], choices[(1.0, 1e-3)]):
        assert bare.method == prepared.method and set(bare.predicted) == set(prepared.predicted) == {"direct", "fft", "oa"}
        for name, seconds in bare.predicted.items():
            assert prepared.predicted[name] == pytest.approx(seconds + 1.0 + 1e-3 * (a.size + b.size), rel=1e-12)


def test_small_1d_calls_the_general_path_would_hand_to_numpy_take_the_tiny_route(default_profile):
    """Where the general path would pick direct and then run numpy's loop (numpy_1d_wins), the
    tiny path runs that loop itself, without the general path's checks: 83 * 5043 float32 'full'
    had gone the general way (8-9 us more than numpy.convolve's 80 us, cliffs.py, epyc-zen4-2c;
    with the tie margin at 0.05 the engine takes that call, at 0.50x numpy's time). Here
    1e5 * 2 float64 'full' (numpy 0.038 ms, engine 0.064 ms on the quiet machine)."""
    long_, short = np.ones(100_000), np.ones(2)
    g = dispatch.Geometry((100_000,), (2,), (0,), (100_001,), (0,), np.dtype(np.float64), 1)
    assert min(("direct", "fft", "oa"), key=lambda name: dispatch.predict(name, g)) == "direct"
    assert dispatch.numpy_1d_wins(100_000, 2, 0, 100_001, np.dtype(np.float64), profile.generation())
    assert convkit.choose_method(long_, short).reason.startswith("small call: numpy")
    # the engine's clear wins stay on the general path (1e5 x 16 float64: engine 0.13 ms, numpy 0.69 ms)
    assert not convkit.choose_method(np.ones(100_000), np.ones(16)).reason.startswith("small call")


@pytest.mark.parametrize("dtype, shares", [("float32", True), ("float64", True), ("complex128", False),
                                           ("int64", False)])
@pytest.mark.parametrize("ndim, samples", [(1, 20_000), (1, 3_000_000), (2, 20_000)])
def test_real_1d_direct_calls_pay_their_shares_of_the_profile(default_profile, monkeypatch, dtype, shares, ndim,
                                                              samples):
    """Real 1-D direct calls are priced with shares of the profile's overhead and per-element terms
    (the profile is fitted mostly on 2-D calls), the latter on their first DIRECT_BIG_OUTPUT_BYTES of
    elements; other calls, and the multiply-adds, as the profile says."""
    from convkit import _tuning

    shape = (samples,) if ndim == 1 else (200, samples // 200)
    kernel = (5,) if ndim == 1 else (5, 5)
    g = dispatch.Geometry(shape, kernel, tuple(range(ndim)), shape, tuple((k - 1) // 2 for k in kernel),
                          np.dtype(dtype), 1)
    c = profile.constants()["direct"]
    predicted = {}
    for overhead, per_element in ((1.0, 1.0), (0.5, 0.25)):
        monkeypatch.setattr(_tuning, "DIRECT_1D_OVERHEAD_SHARE", overhead)
        monkeypatch.setattr(_tuning, "DIRECT_1D_ELEMENT_SHARE", {"f64": per_element, "f32": per_element})
        predicted[overhead] = dispatch.predict("direct", g)
    shared = min(dispatch.elements(g), _tuning.DIRECT_BIG_OUTPUT_BYTES / np.dtype(dtype).itemsize)
    element_term = c["scale"][dispatch.precision(g.dtype)] * c["per_element"] * shared
    expected = 0.5 * c["overhead"] + 0.75 * element_term if shares and ndim == 1 else 0.0
    assert predicted[1.0] - predicted[0.5] == pytest.approx(expected, rel=1e-9, abs=1e-15)


def test_the_long_dot_loop_runs_only_where_predicted_faster_than_numpy():
    """Whole 1-D dot products run the long-dot loop (float32, float64) from DOTS_1D_MIN_TAPS taps up to
    DOTS_1D_MAX_OUTPUTS outputs, where predicted faster than numpy's correlate; the predictions of
    auto's 1-D picks price it there."""
    from convkit import _tuning

    assert dispatch.dots_1d_wins(5861, 5, 8) and dispatch.dots_1d_wins(158_469, 2, 4)
    assert not dispatch.dots_1d_wins(_tuning.DOTS_1D_MIN_TAPS - 1, 5, 8)
    assert not dispatch.dots_1d_wins(5861, _tuning.DOTS_1D_MAX_OUTPUTS + 1, 8)
    assert not dispatch.dots_1d_wins(5861, 5, 16)  # complex128: numpy's loop
    loop = dispatch.dots_1d_seconds(5861, 5, 8)
    assert dispatch.window_1d_seconds(5861, 5, "f", 5 * 5861, 8) == loop
    # an output that runs off an end forms fewer products: not the whole-dot loop's price
    assert dispatch.window_1d_seconds(5861, 5, "f", 5 * 5861 - 1, 8) != loop


def test_edge_windows_of_long_kernels_run_the_long_dot_loop_only_where_predicted_faster_than_numpy():
    """'full'/'same' windows (some outputs overlap part of the kernel) of float32 and float64 kernels from
    DOTS_1D_MIN_TAPS taps run the long-dot loop on padded samples where predicted faster than numpy's
    correlate, and window_1d_seconds prices it there; complex and short kernels stay on numpy."""
    from convkit import _tuning

    full = dispatch.pairs_1d(352, 351, 0, 702)
    assert dispatch.ramps_1d_wins(351, 702, full, 8) and dispatch.ramps_1d_wins(351, 702, full, 4)
    assert dispatch.window_1d_seconds(351, 702, "f", full, 8) == dispatch.ramps_1d_seconds(351, 702, full, 8)
    assert dispatch.window_1d_seconds(351, 702, "f", full, 8) < dispatch.numpy_1d_seconds(351, 702, "f", full, 8)
    assert not dispatch.ramps_1d_wins(351, 702, full, 16)  # complex128: numpy's loop
    k = _tuning.DOTS_1D_MIN_TAPS - 1
    assert not dispatch.ramps_1d_wins(k, 2 * k + 1, dispatch.pairs_1d(k + 1, k, 0, 2 * k), 8)
    tiny = dispatch.pairs_1d(100, 100, 49, 100)   # 100 x 100 'same': numpy's 2.4 us against the loop's 3.0
    assert not dispatch.ramps_1d_wins(100, 100, tiny, 8)
    assert dispatch.window_1d_seconds(100, 100, "f", tiny, 8) == dispatch.numpy_1d_seconds(100, 100, "f", tiny, 8)


# the long-dot loop on padded 'full'/'same' windows, whole route call, measured on epyc-zen4-2c (2026-12-07,
# thread CPU; cliffs.py --ramps)
@pytest.mark.parametrize("n, k, mode, itemsize, measured", [(322, 322, "same", 8, 8.1e-6), (352, 351, "full", 8, 13.4e-6),
                                                            (1500, 1500, "full", 8, 169e-6),
                                                            (1500, 1500, "full", 4, 92.6e-6),
                                                            (20_000, 200, "full", 8, 361e-6)])
def test_edge_window_loop_predictions(n, k, mode, itemsize, measured):
    start, length = (0, n + k - 1) if mode == "full" else ((k - 1) // 2, n)
    predicted = dispatch.ramps_1d_seconds(k, length, dispatch.pairs_1d(n, k, start, length), itemsize)
    assert 0.7 <= predicted / measured <= 1.4


# numpy's correlate on 'valid' calls whose long kernel it copies reversed (the view b[::-1]), measured
# on epyc-zen4-2c (2026-12-07, thread CPU, one BLAS thread; cliffs.py --dots)
@pytest.mark.parametrize("taps, outputs, itemsize, measured", [(1000, 1, 8, 1.15e-6), (512, 4, 8, 1.16e-6),
                                                               (3000, 7, 8, 5.1e-6), (1000, 3, 4, 1.13e-6)])
def test_numpy_long_kernels_pay_the_reversed_copy(taps, outputs, itemsize, measured):
    predicted = dispatch.numpy_1d_seconds(taps, outputs, "f", None, itemsize)
    assert 0.7 <= predicted / measured <= 1.4
