"""convkit._timing: interleaved timing, with a fake clock (nothing here is timed for real).

The first tests of this module live in test_bench.py (round order, median,
calibration, interleaving, the budget, settling); they move here once the
branches that touch test_bench.py are merged. These cover the rest.
"""

from __future__ import annotations

import json
import math
import random
import subprocess
import sys

import pytest

from convkit._timing import calibrate_number, median, round_order, settle, time_interleaved

from _helpers import FakeClock, fake_contestants


def test_round_order_is_the_same_in_another_process():
    """Seeded by the round alone: a rerun of a benchmark runs its contestants in the same orders."""
    names = ["direct", "fft", "oa", "scipy", "numpy"]
    here = [round_order(names, r) for r in range(6)]
    code = ("import json; from convkit._timing import round_order; "
            f"print(json.dumps([round_order({names!r}, r) for r in range(6)]))")
    there = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert here == json.loads(there)


def test_round_order_leaves_its_argument_and_the_global_random_state_alone():
    names = ("a", "b", "c")
    random.seed(3)
    expected_next = random.random()
    random.seed(3)
    assert sorted(round_order(names, 4)) == list(names)
    assert random.random() == expected_next
    assert names == ("a", "b", "c")


@pytest.mark.parametrize("samples,expected", [((5,), 5), ((2, 1), 1.5), (iter([3.0, 9.0, 1.0]), 3.0),
                                              ((1e-9, 1e9, 2.0, 3.0), 2.5)])
def test_median_takes_any_iterable(samples, expected):
    assert median(samples) == expected


def test_calibrate_number_without_min_time_is_one_call_and_calls_nothing():
    log = []
    assert calibrate_number(fake_contestants(FakeClock(), {"x": 1.0}, log)["x"], 0.0) == 1
    assert log == []


def test_calibrate_number_is_capped():
    clock = FakeClock()
    fast = fake_contestants(clock, {"x": 1e-9}, [])["x"]
    assert calibrate_number(fast, 10.0, clock=clock, max_number=500) == 500


def test_calibrate_number_survives_a_clock_that_does_not_move():
    """A call too short for the clock's resolution grows the count 100-fold a step, up to the cap."""
    clock = FakeClock()
    frozen = fake_contestants(clock, {"x": 0.0}, [])["x"]
    assert calibrate_number(frozen, 0.01, clock=clock, max_number=10**5) == 10**5


@pytest.mark.parametrize("costs,min_calls,expected", [
    ([1.0, 1.0, 1.0, 1.0], 2, 2),          # the second call agrees with the first
    ([1.0, 1.0, 1.0, 1.0], 4, 4),          # but at least min_calls calls
    ([1.0, 3.0, 1.0, 3.0, 1.0], 2, 5),     # never two in a row within 2x: max_calls
])
def test_settle_min_and_max_calls(costs, min_calls, expected, monkeypatch):
    # no background work to wait for (an earlier test's compile may still run in this process)
    from convkit import _timing

    monkeypatch.setattr(_timing, "_wait_for_background_work", lambda timeout=900.0: False)
    clock = FakeClock()
    it = iter(costs + [1.0] * 10)

    def call():
        clock.now += next(it)

    assert settle(call, max_calls=5, max_seconds=100.0, clock=clock, min_calls=min_calls) == expected


def test_settle_waits_for_a_background_compile_and_settles_again(monkeypatch):
    """While direct kernels compile in a background process the call runs the plain loop: settle
    waits for that process and settles again (twice here: the second call queued a compile of its own)."""
    from convkit import _execute_compile

    clock = FakeClock()
    compiles = iter([True, True, False])   # running() after each settling
    waits = []
    monkeypatch.setattr(_execute_compile, "running", lambda: next(compiles))
    monkeypatch.setattr(_execute_compile, "wait", lambda timeout=None: waits.append(timeout) or True)

    def call():
        clock.now += 1.0

    assert settle(call, max_seconds=100.0, clock=clock) == 9  # three settlings of three agreeing calls
    assert len(waits) == 2


def test_settle_waits_for_the_plan_store_filler(monkeypatch):
    """The FFTW plan store's filler holds a core for seconds like a compile: settle waits for it too."""
    from convkit import _execute_compile
    from convkit._engines import _fft_fill

    clock = FakeClock()
    filling = iter([True, False])
    waits = []
    monkeypatch.setattr(_execute_compile, "running", lambda: False)
    monkeypatch.setattr(_fft_fill, "running", lambda: next(filling))
    monkeypatch.setattr(_fft_fill, "wait", lambda timeout=None: waits.append(timeout) or True)

    def call():
        clock.now += 1.0

    assert settle(call, max_seconds=100.0, clock=clock) == 6  # settled, waited, settled again
    assert len(waits) == 1


def test_settle_does_not_wait_without_a_background_compile(monkeypatch):
    from convkit import _execute_compile
    from convkit._engines import _fft_fill

    monkeypatch.setattr(_execute_compile, "running", lambda: False)
    monkeypatch.setattr(_execute_compile, "wait", lambda timeout=None: pytest.fail("waited"))
    monkeypatch.setattr(_fft_fill, "running", lambda: False)
    monkeypatch.setattr(_fft_fill, "wait", lambda timeout=None: pytest.fail("waited"))
    clock = FakeClock()

    def call():
        clock.now += 1.0

    assert settle(call, max_seconds=100.0, clock=clock) == 3


def test_time_interleaved_min_repeats_is_capped_by_repeats():
    clock = FakeClock()
    funcs = fake_contestants(clock, {"a": 1.0}, [])
    samples = time_interleaved(funcs, repeats=2, min_time=0.0, warmup=False, max_time=0.0, min_repeats=5,
                               clock=clock)
    assert len(samples["a"]) == 2


def test_time_interleaved_gives_each_contestant_its_own_loop_count():
    """A 1 us call is looped to reach min_time, a 0.5 s call runs once a sample."""
    clock = FakeClock()
    log = []
    funcs = fake_contestants(clock, {"fast": 1e-6, "slow": 0.5}, log)
    samples = time_interleaved(funcs, repeats=3, min_time=0.01, warmup=False, clock=clock)
    assert samples["fast"] == pytest.approx([1e-6] * 3)
    assert samples["slow"] == pytest.approx([0.5] * 3)
    assert log.count("slow") == 1 + 3                  # one calibration call, one per round
    assert log.count("fast") >= 3 * 0.8 * 0.01 / 1e-6   # looped in every round


def test_time_interleaved_of_nothing_is_empty():
    assert time_interleaved({}, repeats=3, warmup=False) == {}


def test_time_interleaved_samples_are_seconds_per_call_not_per_loop():
    clock = FakeClock()
    funcs = fake_contestants(clock, {"a": 2e-4}, [])
    samples = time_interleaved(funcs, repeats=5, min_time=0.05, clock=clock)
    assert all(math.isclose(s, 2e-4) for s in samples["a"])
