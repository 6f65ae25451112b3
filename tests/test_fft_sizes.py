"""The fft engine's axis lengths chosen by speed (``_fft_sizes.fast_fft_len``): every length is
7-smooth, at least the needed circular length, even on the halved axis, the cheapest candidate of
its window by ``_tuning.FFT_LEN_COST``, and a pure function of the problem; results at the
changed lengths still match the oracle."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from convkit import _tuning
from convkit._engines import _fft_sizes as sizes

from _helpers import check, keyed_rng, random_array

# needs across the bands of FFT_LEN_COST, below and above FFT_LEN_MIN, and the cells the
# length change was made for (27495 + 27489 - 1 = 54983: complex128 'full', 69566 real)
NEEDS = [17, 100, 1297, 2047, 2048, 2049, 4097, 10007, 17617, 54983, 69566, 106897, 921023, 1108918, 4000037]


def _smooth(m: int) -> bool:
    for p in (2, 3, 5, 7):
        while m % p == 0:
            m //= p
    return m == 1


def _window(n: int, real: bool) -> list:
    """The candidates, enumerated by trial division (independent of ``_smooth_between``)."""
    hi = max(int(n * _tuning.FFT_LEN_WINDOW), sizes.next_fast_len(n, real))
    return [L for L in range(n, hi + 1) if _smooth(L) and not (real and L % 2 and L > 16)]


def _slow_in_place(L: int) -> bool:
    """A real length the rule never takes (``_tuning.FFT_LEN_INPLACE_MAX_E7``)."""
    return (_tuning.FFT_SEPARATE_MAX < L <= _tuning.FFT_LEN_INPLACE_E7_MAX_LEN
            and L % 7 ** (_tuning.FFT_LEN_INPLACE_MAX_E7 + 1) == 0)


@pytest.mark.parametrize("real", [True, False])
@pytest.mark.parametrize("n", NEEDS)
def test_length_rule(n, real):
    L = sizes.fast_fft_len(n, real)
    assert L >= n and _smooth(L)
    if real and n > 16:
        assert L % 2 == 0
    if n < _tuning.FFT_LEN_MIN or not real:
        # complex transforms keep the smallest length (FFT_LEN_COST has no complex fit: its picks
        # ran up to 1.2x slower)
        assert L == sizes.next_fast_len(n, real)
        return
    if n > 200_000:                        # trial division of the whole window is slow
        assert L <= n * _tuning.FFT_LEN_WINDOW
        return
    cands = [c for c in _window(n, real) if not _slow_in_place(c)]
    assert L in cands
    # the cheapest by the fitted cost (on a tie, the shorter) when it is clearly cheaper than
    # the smallest, else the smallest (unless the smallest is one the rule never takes)
    cost = {c: sizes.len_cost(c, real, n) for c in cands}
    cheapest = min(cands, key=lambda c: (cost[c], c))
    if cands[0] != sizes.next_fast_len(n, real):
        assert L == cheapest
        return
    gain = cost[cands[0]] - cost[cheapest]
    assert L == (cheapest if gain > _tuning.FFT_LEN_MARGIN * abs(cost[cands[0]]) else cands[0])


@pytest.mark.parametrize("n", [67201, 100801, 134401, 168001, 268801, 336001, 403201])
def test_in_place_lengths_with_7_to_the_5th_are_never_taken(n):
    """From FFT_SEPARATE_MAX to FFT_LEN_INPLACE_E7_MAX_LEN points a real length divisible by 7^5 is
    not taken even where it is the smallest (67228 = 2^2 7^5 ran 2.3x the time of 70000): the
    cheapest of the others by the fitted cost is; complex data keeps the smallest."""
    smallest = sizes.next_fast_len(n, True)
    assert smallest % 7 ** 5 == 0 and _slow_in_place(smallest)
    L = sizes.fast_fft_len(n, True)
    cands = [c for c in _window(n, True) if not _slow_in_place(c)]
    assert L == min(cands, key=lambda c: (sizes.len_cost(c, True, n), c))
    assert sizes.fast_fft_len(n, False) == sizes.next_fast_len(n, False)


def test_long_lengths_with_7_to_the_5th_are_kept():
    """Above FFT_LEN_INPLACE_E7_MAX_LEN the 7^5 lengths ran as fast as their neighbours (537824 ->
    540000 1.09x): the rule decides there by the fitted cost alone."""
    n = 537801
    assert sizes.next_fast_len(n, True) == 537824 == 2 ** 5 * 7 ** 5 > _tuning.FFT_LEN_INPLACE_E7_MAX_LEN
    assert sizes.fast_fft_len(n, True) == 537824


def test_fitted_costs_are_positive():
    """Every band prices every length it may see positive (a negative price would pick the
    dearest length)."""
    for n in [2048 * 2 ** (i / 4) for i in range(45)]:
        for L in _window(int(n), True)[:40:7]:
            assert sizes.len_cost(L, True, int(n)) > 0


def test_rule_changes_lengths_where_the_fit_says():
    """The fitted cost picks a longer length somewhere, and never one it prices dearer."""
    changed = [(n, True) for n in range(2048, 200_000, 997)
               if sizes.fast_fft_len(n, True) != sizes.next_fast_len(n, True)]
    assert changed
    for n, r in changed:
        assert sizes.len_cost(sizes.fast_fft_len(n, r), r, n) < sizes.len_cost(sizes.next_fast_len(n, r), r, n)


def test_costs_argument_overrides_the_fit():
    # a cost that only counts points picks the smallest length
    flat = {"real": ((64, (1.0, 0.0, 0.0, 0.0, 0.0)),), "complex": ((64, (1.0, 0.0, 0.0, 0.0, 0.0)),)}
    for n in (5000, 54983, 69566):
        assert sizes.fast_fft_len(n, True, flat) == sizes.next_fast_len(n, True)
        assert sizes.fast_fft_len(n, False, flat) == sizes.next_fast_len(n, False)
    # a complex fit given: complex lengths by it (69984 = 2^5 3^7 priced dear)
    radix3 = {"complex": ((64, (0.0, 1.0, 5.0, 1.0, 1.0)),)}
    assert sizes.fast_fft_len(69566, False, radix3) == 70000


def _full(need: int, k: int = 513) -> tuple:
    """A 1-D 'full' problem whose circular length is ``need`` (three transforms of one row)."""
    return ((need - k + 1,), (k,), (0,), (need,), (0,))


def test_cost_prices_a_faster_length_cheaper():
    """fft_cost prices the length that runs by the fitted cost: 100000 x 2000 'full' (need 101999,
    smallest length 102060 = 2^2 3^6 5 7, picked 102400 = 2^12 5^2) against 100000 x 513 (need
    100512, kept at 100800 = 2^6 3^2 5^2 7) is priced at the fit's time ratio of the two lengths
    (about 0.91x), not at the picked length's ratio to its own smallest length (0.82x)."""
    short, long_ = _full(100512), _full(101999, 2000)
    assert sizes.fast_fft_len(100512, True) == sizes.next_fast_len(100512, True) == 100800
    assert sizes.next_fast_len(101999, True) == 102060 and sizes.fast_fft_len(101999, True) == 102400
    ratio = sizes.fft_cost(*long_, "float64") / sizes.fft_cost(*short, "float64")
    assert ratio == pytest.approx(sizes.len_cost(102400, True) / sizes.len_cost(100800, True), rel=1e-12)
    assert ratio < 0.95
    # complex data keeps the smallest length, priced by its plain flops
    need = 69566
    assert sizes.fft_cost(*_full(need), "complex128") == pytest.approx(
        sizes.transform_flops((sizes.next_fast_len(need, False),), 3, False), rel=1e-12)


@pytest.mark.parametrize("need", [2401, 4323, 7885, 48444, 69566, 101999, 254796])
def test_price_of_a_length_does_not_depend_on_the_pick(need):
    """A length the rule picked over a dearer smallest one costs what it costs where it is the
    smallest length (the need equal to the length): one price per length."""
    L = sizes.fast_fft_len(need, True)
    assert L != sizes.next_fast_len(need, True)           # picked ...
    assert sizes.fast_fft_len(L, True) == sizes.next_fast_len(L, True) == L   # ... and kept
    assert sizes.fft_cost(*_full(need), "float64") == sizes.fft_cost(*_full(L), "float64")
    assert sizes.fft_cost(*_full(need), "float32") == sizes.fft_cost(*_full(L), "float32")


def test_prices_keep_the_band_mean():
    """The fitted price reorders the real lengths of a band without moving their mean (the
    profile's per-flop time was fitted on lengths of every kind): over the even 7-smooth lengths
    from FFT_LEN_MIN to 2^16 (enumerated by trial division), the geometric mean of the price is 1;
    lengths under FFT_LEN_MIN and complex lengths are priced by their flops alone."""
    import math

    lens = [L for L in range(_tuning.FFT_LEN_MIN, 1 << 16, 2) if _smooth(L)]
    mean = math.exp(math.fsum(math.log(sizes.length_price(L, True)) for L in lens) / len(lens))
    assert mean == pytest.approx(1.0, rel=1e-9)
    prices = [sizes.length_price(L, True) for L in lens]
    assert min(prices) < 0.9 and max(prices) > 1.1        # it does reorder them
    assert {sizes.length_price(L, True) for L in (16, 1000, 2046)} == {1.0}
    assert {sizes.length_price(L, False) for L in (2048, 69984, 102060)} == {1.0}


def test_every_picked_real_length_is_in_the_filled_store():
    """The filled plan store plans every real length the engine may run up to FILL_MAX_LEN
    (``_spectral.real_lengths``): the lengths picked for speed are among them."""
    pytest.importorskip("pyfftw")
    from convkit._engines import _spectral

    planned = set(_spectral.real_lengths(1 << 18))
    picks = {sizes.fast_fft_len(n, True) for n in range(_tuning.FFT_LEN_MIN, 230_000, 61)}
    assert max(picks) <= 1 << 18 and picks <= planned


def test_fft_lengths_by_speed_over_one_axis_only():
    """One convolution axis (batch axes or not) takes the length by speed; two or more keep the
    smallest lengths (the fit is of one-axis transforms), only the last (halved) axis of a real
    transform even."""
    need = 69566                          # 69984 -> 70000 under FFT_LEN_COST
    assert sizes.fast_fft_len(need, True) != sizes.next_fast_len(need, True)
    assert sizes.fft_lengths((69000,), (567,), (0,), (need,), (0,), True) == (sizes.fast_fft_len(need, True),)
    assert sizes.fft_lengths((3, 69000), (1, 567), (1,), (3, need), (0, 0), True) == (sizes.fast_fft_len(need, True),)
    a, b = (3001, 69000), (500, 567)
    lens = sizes.fft_lengths(a, b, (0, 1), (3500, need), (0, 0), True)
    assert lens == (sizes.next_fast_len(3500, False), sizes.next_fast_len(need, True))
    lens = sizes.fft_lengths(a, b, (0, 1), (3500, need), (0, 0), False)
    assert lens == (sizes.next_fast_len(3500, False), sizes.next_fast_len(need, False))


_PROBLEMS = [((27495,), (27489,), (0,), (54983,), (0,)), ((69000,), (567,), (0,), (69566,), (0,)),
             ((3001, 2500), (500, 40), (0, 1), (3500, 2539), (0, 0)), ((921023,), (1,), (0,), (921023,), (0,)),
             ((4, 4000), (1, 324), (1,), (4, 4323), (0, 0))]


def _lengths_in_fresh_process(before: list) -> list:
    code = ("import json, sys; from convkit._engines import _fft_sizes as s; "
            "args = json.loads(sys.argv[1]); "
            "[s.fft_lengths(*p, r) for p in args['before'] for r in (True, False)]; "
            "print(json.dumps([s.fft_lengths(*p, r) for p in args['probs'] for r in (True, False)]))")
    arg = json.dumps({"before": before, "probs": _PROBLEMS})
    out = subprocess.run([sys.executable, "-c", code, arg], check=True, capture_output=True, text=True)
    return [tuple(x) for x in json.loads(out.stdout)]


def test_lengths_are_a_pure_function_of_the_problem():
    """The same lengths in fresh processes whatever was sized before, and in this one."""
    here = [sizes.fft_lengths(*p, r) for p in _PROBLEMS for r in (True, False)]
    assert _lengths_in_fresh_process([]) == here
    others = [((n,), (k,), (0,), (n + k - 1,), (0,)) for n, k in ((5000, 3), (70000, 9000), (10**6, 5))]
    assert _lengths_in_fresh_process(others) == here


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("n,k", [(69000, 567), (4000, 324), (7500, 386), (66700, 502)])
def test_changed_lengths_match_the_oracle(n, k, dtype):
    """Problems whose length the rule moves above the smallest: values still those of the
    oracle in every region (no wrap-around reaches a kept index), alone and as batched rows."""
    pytest.importorskip("pyfftw")
    from convkit._engines import fft

    assert sizes.fast_fft_len(n + k - 1, True) != sizes.next_fast_len(n + k - 1, True)
    rng = keyed_rng("fftlen", n, k, dtype)
    a, b = random_array(rng, (n,), dtype), random_array(rng, (k,), dtype)
    for start, m in ((0, n + k - 1), ((k - 1) // 2, n), (k - 1, n - k + 1)):
        check(fft.convolve(a, b, (0,), (m,), (start,)), a, b, (0,), (m,), (start,))
    rows = random_array(rng, (3, n), dtype)
    check(fft.convolve(rows, b[None], (1,), (3, n + k - 1), (0, 0)), rows, b[None], (1,), (3, n + k - 1), (0, 0))
