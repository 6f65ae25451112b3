"""Tests for the benchmark runner's own logic: interleaving, medians, tables, JSON, method map.

Timings are faked (a clock that advances by a set cost per call, a timer that
returns set samples) so the arithmetic is checked exactly; the end-to-end
tests use a tiny grid and finish in seconds.
"""

from __future__ import annotations

import json
import math
import sys

import numpy as np
import pytest

from convkit import _bench
from convkit._bench import cells, images, report, run
from convkit._timing import calibrate_number, median, round_order, settle, time_interleaved

# ---------------------------------------------------------------- the timer


class FakeClock:
    """A clock that only moves when a fake contestant 'runs'."""

    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def fake_contestants(clock, costs, log):
    def make(name, cost):
        def call():
            log.append(name)
            clock.now += cost
        return call
    return {name: make(name, cost) for name, cost in costs.items()}


def test_round_order_is_a_reproducible_permutation_with_varied_predecessors():
    names = ["a", "b", "c", "d"]
    orders = [round_order(names, r) for r in range(40)]
    assert all(sorted(o) == names for o in orders)
    assert orders == [round_order(names, r) for r in range(40)]
    assert round_order([], 5) == []
    # No contestant always runs right after the same one (the bias a rotation has).
    for name in names:
        predecessors = {o[o.index(name) - 1] for o in orders if o.index(name) > 0}
        assert len(predecessors) >= 2, name
    assert len({o[0] for o in orders}) == len(names)


def test_median_odd_even_empty():
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5
    assert median([7.0]) == 7.0
    assert math.isnan(median([]))


def test_calibrate_number_reaches_min_time():
    clock = FakeClock()
    log = []
    funcs = fake_contestants(clock, {"x": 1e-3}, log)
    number = calibrate_number(funcs["x"], 0.01, clock=clock)
    assert number * 1e-3 >= 0.8 * 0.01
    assert number <= 20
    # A slow call is not looped.
    assert calibrate_number(fake_contestants(clock, {"y": 0.5}, [])["y"], 0.01, clock=clock) == 1


def test_time_interleaved_order_and_per_call_times():
    clock = FakeClock()
    log = []
    costs = {"a": 0.004, "b": 0.001, "c": 0.02}
    funcs = fake_contestants(clock, costs, log)
    samples = time_interleaved(funcs, repeats=4, min_time=0.01, clock=clock)
    assert set(samples) == set(costs)
    for name, cost in costs.items():
        assert len(samples[name]) == 4
        assert all(s == pytest.approx(cost) for s in samples[name])
    # Warm-up: each settled (two agreeing calls), in order, before anything else.
    assert log[:9] == ["a", "a", "a", "b", "b", "b", "c", "c", "c"]
    # The timed rounds are the tail of the log: collapse runs of loop calls into one entry per sample.
    number = {"a": 3, "b": 10, "c": 1}  # ceil-grown so that number*cost >= 0.8*min_time
    rounds_log = log[len(log) - sum(number[n] for n in costs) * 4:]
    assert rounds_log == [n for r in range(4) for n in round_order(["a", "b", "c"], r) for _ in range(number[n])]


def test_time_interleaved_without_warmup_and_on_repeat():
    clock = FakeClock()
    log = []
    funcs = fake_contestants(clock, {"a": 1.0, "b": 2.0}, log)
    seen = []
    samples = time_interleaved(funcs, repeats=3, min_time=0.0, warmup=False, clock=clock,
                               on_repeat=lambda done, total: seen.append((done, total)))
    assert log == [n for r in range(3) for n in round_order(["a", "b"], r)]
    assert samples == {"a": [1.0, 1.0, 1.0], "b": [2.0, 2.0, 2.0]}
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_time_interleaved_budget_stops_early_but_not_below_min_repeats():
    clock = FakeClock()
    funcs = fake_contestants(clock, {"a": 1.0, "b": 1.0}, [])
    samples = time_interleaved(funcs, repeats=50, min_time=0.0, warmup=False, max_time=9.0, clock=clock)
    assert len(samples["a"]) == 4  # 2 s per round: the fifth would end at 10 s > 9 s
    samples = time_interleaved(funcs, repeats=50, min_time=0.0, warmup=False, max_time=0.5, min_repeats=3,
                               clock=clock)
    assert len(samples["a"]) == 3
    with pytest.raises(ValueError):
        time_interleaved(funcs, repeats=0)


# ---------------------------------------------------------------- cells and contestants


def test_cell_direct_macs_per_mode():
    assert cells.Cell("x", (100,), (10,), mode="full").direct_macs() == 109 * 10
    assert cells.Cell("x", (100,), (10,), mode="same").direct_macs() == 100 * 10
    assert cells.Cell("x", (100,), (10,), mode="valid").direct_macs() == 91 * 10
    assert cells.Cell("x", (4, 100), (1, 10), mode="same", axes=(1,)).direct_macs() == 4 * 100 * 10


def test_cell_data_is_seeded_and_typed():
    cell = cells.Cell("dtype", (50,), (5,), dtype="complex64")
    a1, b1 = cell.data(0)
    a2, _ = cell.data(0)
    a3, _ = cell.data(1)
    assert a1.dtype == np.complex64 and b1.shape == (5,)
    assert np.array_equal(a1, a2) and not np.array_equal(a1, a3)
    assert np.abs(a1.imag).sum() > 0


def test_contestants_apply_only_where_they_should():
    one_d = cells.Cell("sweep1d", (64,), (8,), mode="same")
    a, b = one_d.data()
    names = set(cells.contestants_for(one_d, a, b, 1))
    assert "numpy.convolve" in names and "scipy.convolve2d" not in names
    short_first = cells.Cell("sweep1d", (8,), (64,), mode="same")
    a, b = short_first.data()
    assert "numpy.convolve" not in cells.contestants_for(short_first, a, b, 1)
    image = cells.Cell("image2d", (16, 16), (3, 3), mode="same")
    a, b = image.data()
    names = list(cells.contestants_for(image, a, b, 1))
    assert "scipy.convolve2d" in names and "convkit.convolve2d" in names and "numpy.convolve" not in names
    assert names == [n for n in cells.CONTESTANTS if n in names]  # table order
    batched = cells.Cell("batched", (4, 64), (1, 8), mode="same", axes=(1,))
    a, b = batched.data()
    names = set(cells.contestants_for(batched, a, b, 1))
    assert "numpy.convolve" not in names and "scipy.convolve2d" not in names and "convkit.fft" in names


@pytest.mark.parametrize("mode", ["full", "same", "valid"])
@pytest.mark.parametrize("op", ["convolve", "correlate"])
def test_every_contestant_computes_the_cells_operation(op, mode):
    """Each contestant's call gives scipy's answer for the cell, correlate included (so a contestant wired
    to the wrong function or mode cannot time the wrong thing)."""
    cell = cells.Cell("modes", (50,), (7,), mode=mode, op=op)
    a, b = cell.data()
    expected = cells.reference(cell, a, b)
    calls = cells.contestants_for(cell, a, b, 1)
    assert "scipy.oaconvolve" not in calls if op == "correlate" else "scipy.oaconvolve" in calls
    for name, call in calls.items():
        np.testing.assert_allclose(call(), expected, rtol=1e-10, atol=1e-10, err_msg=name)


def test_batched_correlate_has_no_transform_contestants():
    cell = cells.Cell("batched", (3, 40), (1, 5), mode="same", axes=(1,), op="correlate")
    a, b = cell.data()
    assert cells.make_call("convkit.fft", cell, a, b) is None
    assert cells.make_call("scipy.fftconvolve", cell, a, b) is None
    with pytest.raises(KeyError, match="unknown contestant"):
        cells.make_call("matlab.conv", cell, a, b)


def test_predicted_seconds_peers_from_macs_and_engines_from_the_dispatcher():
    one_d = cells.Cell("sweep1d", (1000,), (10,), mode="same")
    macs = one_d.direct_macs()
    assert cells.predicted_seconds("numpy.convolve", one_d) == pytest.approx(macs * 0.2e-9)
    assert cells.predicted_seconds("scipy.direct", one_d) == pytest.approx(macs * 0.2e-9)
    image = cells.Cell("image2d", (100, 100), (5, 5), dtype="complex128", mode="same")
    assert cells.predicted_seconds("scipy.direct", image) == pytest.approx(image.direct_macs() * 12e-9 * 2)
    assert cells.predicted_seconds("scipy.convolve2d", image) == pytest.approx(image.direct_macs() * 2e-9 * 2)
    assert cells.predicted_seconds("scipy.fftconvolve", one_d) is None
    assert cells.predicted_seconds("convkit.direct", one_d) is None  # no predictions given
    assert cells.predicted_seconds("convkit.fft", one_d, {"fft": 0.25, "direct": 1.0}) == 0.25
    assert cells.predicted_seconds("convkit.auto", one_d, {"fft": 0.25}) is None


# ---------------------------------------------------------------- derived numbers, table, regret

FIXED = {"convkit.auto": 2e-3, "convkit.direct": 1e-3, "convkit.fft": 4e-3, "convkit.oa": 3e-3,
         "scipy.auto": 8e-3, "scipy.direct": 6e-3, "scipy.fftconvolve": 9e-3, "scipy.oaconvolve": 7e-3,
         "numpy.convolve": 5e-3, "scipy.convolve2d": 1.0, "convkit.convolve2d": 1.0}


def fixed_timer(funcs, repeats, min_time, **kwargs):
    """Stand-in for time_interleaved: three samples around the FIXED median of each contestant."""
    return {name: [FIXED[name] * 1.1, FIXED[name], FIXED[name] * 0.95] for name in funcs}


def test_run_cell_derives_regret_and_speedups_from_medians():
    cell = cells.Cell("sweep1d", (200,), (9,))
    record = run.run_cell(cell, timer=fixed_timer)
    res = record["results"]
    for name in ("convkit.auto", "convkit.direct", "convkit.fft", "convkit.oa", "scipy.auto",
                 "scipy.direct", "scipy.fftconvolve", "scipy.oaconvolve", "numpy.convolve"):
        assert res[name]["status"] == "ok", (name, res[name])
        assert res[name]["median"] == pytest.approx(FIXED[name])
        assert len(res[name]["times"]) == 3
    assert record["fastest_engine"] == "direct"
    assert record["regret"] == pytest.approx(2.0)
    assert record["scipy_best"] == "scipy.direct"
    assert record["speedup_vs_scipy_best"] == pytest.approx(3.0)
    assert record["speedup_vs_scipy_auto"] == pytest.approx(4.0)
    assert record["auto_choice"] in ("direct", "fft", "oa")
    # convkit's answers were checked against scipy's.
    assert res["convkit.auto"]["rel_error"] < 1e-9


def test_run_cell_skips_predicted_slow_peers_without_calling_them(monkeypatch):
    cell = cells.Cell("sweep1d", (2_000,), (200,))  # 4e5 multiply-adds: 8e-5 s for numpy's loop
    called, timed = [], []
    real_make_call = cells.make_call

    def spying_make_call(name, *args, **kwargs):
        call = real_make_call(name, *args, **kwargs)
        if call is None:
            return None

        def spy():
            called.append(name)
            return call()
        return spy

    monkeypatch.setattr(cells, "make_call", spying_make_call)

    def timer(funcs, repeats, min_time, **kwargs):
        timed.extend(funcs)
        return fixed_timer(funcs, repeats, min_time)

    record = run.run_cell(cell, timer=timer, skip_over=1e-5)
    for name in ("numpy.convolve", "scipy.direct"):
        assert record["results"][name]["status"] == "skipped"
        assert "predicted" in record["results"][name]["reason"]
        assert name not in called and name not in timed
    assert "convkit.auto" in called and "convkit.auto" in timed
    assert "scipy.fftconvolve" in timed  # no estimate for a transform: never skipped


def test_auto_choice_is_what_convolve_runs_even_in_batched_cells(monkeypatch):
    import convkit

    seen = []
    real = convkit.choose_method

    def spy(in1, in2, mode="full", **kwargs):
        seen.append(kwargs.get("axes"))
        return real(in1, in2, mode, **kwargs)

    monkeypatch.setattr(convkit, "choose_method", spy)
    cell = cells.Cell("batched", (4, 300), (1, 9), mode="same", axes=(1,))
    record = run.run_cell(cell, timer=fixed_timer)
    assert seen == [None]
    assert record["auto_choice"] == real(*cell.data(), "same").method


def test_run_shares_the_total_budget_among_cells():
    budgets = []

    def timer(funcs, repeats, min_time, **kwargs):
        budgets.append(kwargs["max_time"])
        return fixed_timer(funcs, repeats, min_time)

    grid = [cells.Cell("sweep1d", (100,), (3,)), cells.Cell("sweep1d", (100,), (5,))]
    run.run(grid, timer=timer, progress=False, max_time=2.0, total_time=1000.0)
    assert budgets == [2.0, 2.0]  # plenty left: the per-cell cap holds
    budgets.clear()
    result = run.run(grid, timer=timer, progress=False, max_time=2.0, total_time=0.0)
    assert budgets == [0.0, 0.0]  # nothing left: minimum rounds only
    assert result["settings"]["total_time"] == 0.0


def test_settle_runs_past_a_late_one_time_cost():
    clock = FakeClock()
    costs = iter([1e-3, 2.5, 1e-3, 1e-3, 1e-3, 1e-3])  # the 2nd call plans for 2.5 s

    def call():
        clock.now += next(costs)

    assert settle(call, max_seconds=10.0, clock=clock) == 4  # 1 ms, 2.5 s, 1 ms, 1 ms: agreed
    steady = fake_contestants(clock, {"x": 0.01}, [])["x"]
    assert settle(steady, clock=clock) == 3  # at least three calls: FFTW re-plans on the third request
    slow = fake_contestants(clock, {"y": 0.8}, [])["y"]
    assert settle(slow, max_seconds=0.5, clock=clock) == 1  # budget spent: stop


def test_format_time_units():
    assert report.format_time(1.234e-3) == "1.23ms"
    assert report.format_time(2.5e-6) == "2.5µs"
    assert report.format_time(0.15) == "150ms"
    assert report.format_time(3.0) == "3s"
    assert report.format_time(4e-8) == "40ns"
    assert report.format_time(None) == "-"


def synthetic_record(n, k, fastest, auto, regret=1.0, family="sweep1d"):
    cell = cells.Cell(family, (n,), (k,))
    t = {"direct": 3.0, "fft": 3.0, "oa": 3.0}
    t[fastest] = 1.0
    results = {f"convkit.{e}": {"status": "ok", "median": v, "min": v, "times": [v]} for e, v in t.items()}
    results["convkit.auto"] = {"status": "ok", "median": regret, "min": regret, "times": [regret]}
    results["scipy.direct"] = {"status": "skipped", "reason": "predicted 9 s > 1 s"}
    results["scipy.auto"] = {"status": "ok", "median": 4.0, "times": [4.0]}
    results["scipy.convolve2d"] = {"status": "n/a"}
    record = {"id": cell.id, "cell": cell.as_dict(), "auto_choice": auto, "results": results}
    run.derive(record)
    return record


def test_format_table_columns_skips_and_ratios():
    records = [synthetic_record(1000, 8, "direct", "direct", 1.0), synthetic_record(1000, 64, "fft", "oa", 1.5)]
    records[1]["predicted"] = {"direct": 9.0, "fft": 2.0, "oa": 1.25e-3}
    text = report.format_table(records)
    lines = text.splitlines()
    assert lines[0].startswith("### 1-D kernel-length sweep")
    header = [c.strip() for c in lines[2].strip("|").split("|")]
    assert header == ["workload", "ck auto", "ck direct", "ck fft", "ck oa", "sp auto", "sp direct",
                      "auto", "predicted", "regret", "vs sp best", "vs sp auto"]
    assert set(lines[3]) <= {"|", "-", ":"}
    row = [c.strip() for c in lines[5].strip("|").split("|")]
    assert row[0] == "1000 * 64"
    assert row[1] == "1.5s" and row[6] == "skipped" and row[7] == "oa" and row[9] == "1.50×"
    assert row[8] == "1.25ms"  # choose_method's prediction for the engine auto chose, beside ck auto's 1.5 s
    assert row[10] == "2.67×" and row[11] == "2.67×"  # scipy auto (the only timed scipy) 4 s / 1.5 s
    first = [c.strip() for c in lines[4].strip("|").split("|")]
    assert first[8] == "-"  # no prediction recorded
    assert len({len(line) for line in lines[2:]}) == 1  # aligned


def test_regret_summary_share_and_worst():
    records = [synthetic_record(1000, 8, "direct", "direct", 1.0), synthetic_record(1000, 64, "fft", "oa", 1.5),
               synthetic_record(10000, 8, "direct", "direct", 1.05), synthetic_record(10000, 64, "oa", "fft", 3.0)]
    s = report.regret_summary(records)
    assert s["cells"] == 4
    assert s["share_within"] == pytest.approx(0.5)
    assert s["worst"] == pytest.approx(3.0) and s["worst_cell"] == records[3]["id"]
    assert [o["id"] for o in s["over"]] == [records[3]["id"], records[1]["id"]]
    assert "50% within 1.1×" in report.format_regret(s)
    assert report.regret_summary([])["cells"] == 0


def test_regret_on_fastest_samples_separates_noise_from_overhead():
    noisy = synthetic_record(1000, 8, "direct", "direct", 3.0)
    noisy["results"]["convkit.auto"]["min"] = 1.02  # one quiet sample: the 3x median was load
    run.derive(noisy)
    real = synthetic_record(1000, 64, "fft", "oa", 2.0)  # fastest samples agree: a real mis-choice
    records = [noisy, real]
    assert noisy["regret"] == pytest.approx(3.0) and noisy["regret_min"] == pytest.approx(1.02)
    s_min = report.regret_summary(records, key="regret_min")
    assert s_min["statistic"] == "min" and s_min["worst_cell"] == real["id"]
    assert s_min["share_within"] == pytest.approx(0.5)
    text = report.format_regret(report.regret_summary(records), s_min, records)
    assert "fastest sample" in text
    lines = text.splitlines()
    assert any("3.00×" in line and "1.02×" in line and "auto's own overhead" in line for line in lines)
    assert any("auto chose oa, fastest was fft" in line for line in lines)


def test_model_summary_compares_measured_with_predicted():
    r1 = synthetic_record(1000, 8, "direct", "direct")  # direct 1 s, fft 3 s, oa 3 s measured
    r1["predicted"] = {"direct": 2.0, "fft": 1.5, "oa": 3.0}
    r2 = synthetic_record(1000, 64, "fft", "fft")  # fft 1 s, direct 3 s, oa 3 s
    r2["predicted"] = {"direct": 6.0, "fft": 0.5}
    s = report.model_summary([r1, r2])
    assert s["direct"] == {"cells": 2, "median": pytest.approx(0.5), "low": 0.5, "high": 0.5}
    assert s["fft"]["median"] == pytest.approx(2.0) and s["fft"]["low"] == 2.0
    assert s["oa"]["cells"] == 1 and s["oa"]["median"] == pytest.approx(1.0)
    assert "direct 0.50×" in report.format_model(s)


def test_method_map_data_grid_and_mismatches():
    records = [synthetic_record(1000, 8, "direct", "direct"), synthetic_record(1000, 64, "fft", "oa", 1.4),
               synthetic_record(10000, 64, "oa", "direct", 0.9), synthetic_record(5, 5, "fft", "fft", family="tiny")]
    data = report.method_map_data(records)
    assert data["signal_lengths"] == [1000, 10000]
    assert data["kernel_lengths"] == [8, 64]
    assert data["fastest"] == [["direct", "fft"], [None, "oa"]]
    assert data["auto"] == [["direct", "oa"], [None, "direct"]]
    # auto picked another engine at 10000*64 but still beat the fastest column: no mark
    assert data["mismatch"] == [[False, True], [False, False]]
    assert data["regret"][0][1] == pytest.approx(1.4)


def test_plot_method_map_writes_a_png(tmp_path):
    pytest.importorskip("matplotlib")
    records = [synthetic_record(1000, 8, "direct", "direct"), synthetic_record(1000, 64, "fft", "oa", 1.4)]
    path = report.plot_method_map(report.method_map_data(records), tmp_path / "map.png")
    assert path is not None and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_plot_method_map_without_matplotlib(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    records = [synthetic_record(1000, 8, "direct", "direct")]
    assert report.plot_method_map(report.method_map_data(records), tmp_path / "map.png") is None
    assert "matplotlib is not installed" in capsys.readouterr().err
    assert not (tmp_path / "map.png").exists()


# ---------------------------------------------------------------- end to end on a tiny grid

TINY_GRID = [cells.Cell("sweep1d", (300,), (4,)), cells.Cell("sweep1d", (300,), (40,)),
             cells.Cell("tiny", (6, 6), (3, 3), mode="same")]


def test_main_tiny_grid_writes_json_png_and_table(tmp_path, capsys):
    code = _bench.main(out=tmp_path, cells=TINY_GRID, progress=False, repeats=3, min_time=1e-4, max_time=0.5)
    out = capsys.readouterr().out
    assert code == 0, out
    assert "### 1-D kernel-length sweep" in out and "regret (convkit auto time" in out
    doc = json.loads((tmp_path / "convkit-bench.json").read_text())
    assert doc["schema"] == run.SCHEMA
    assert set(doc) >= {"created", "elapsed_seconds", "settings", "machine", "cells", "regret", "regret_min",
                        "model", "method_map"}
    assert set(doc["machine"]) >= {"cpu", "cores", "simd", "versions", "workers"}
    assert set(doc["machine"]["versions"]) >= {"numpy", "scipy", "numba", "pyfftw", "convkit"}
    assert doc["settings"]["workers"] == 1 and doc["settings"]["repeats"] == 3
    assert [c["id"] for c in doc["cells"]] == [c.id for c in TINY_GRID]
    for cell in doc["cells"]:
        assert cell["auto_choice"] in ("direct", "fft", "oa")
        for name, entry in cell["results"].items():
            assert name in cells.CONTESTANTS
            assert entry["status"] in ("ok", "skipped", "n/a"), (name, entry)
            if entry["status"] == "ok":
                assert len(entry["times"]) == 3 and entry["median"] == pytest.approx(median(entry["times"]))
                assert 0 < entry["min"] <= entry["median"]
    assert "numpy.convolve" not in doc["cells"][2]["results"]  # 2-D: numpy does not apply
    assert doc["method_map"]["kernel_lengths"] == [4, 40]
    if doc["machine"]["versions"].get("matplotlib"):
        assert (tmp_path / "method-map.png").exists()


def test_quick_grid_shape():
    grid = cells.quick_grid()
    families = {c.family for c in grid}
    assert families == {"sweep1d", "image2d", "dtype", "batched", "tiny"}
    assert {c.dtype for c in grid} >= {"float32", "float64", "complex64", "complex128"}
    assert all(c.shape2[0] <= c.shape1[0] for c in grid if c.family == "sweep1d")


@pytest.mark.parametrize("grid", ["quick_grid", "full_grid", "modes_grid", "compare_grid", "dispatch_grid"])
def test_grid_ids_are_unique_and_round_trip(grid):
    """Ids are asv's and pytest's parameters and the JSON's keys: unique, and a cell survives its dict."""
    found = getattr(cells, grid)()
    assert found and len({c.id for c in found}) == len(found)
    for cell in found:
        assert cells.Cell.from_dict(json.loads(json.dumps(cell.as_dict()))) == cell


def test_time_interleaved_keeps_a_late_one_time_cost_out_of_the_loop_count():
    """A contestant whose third call stalls (an FFTW re-plan) must still be looped like the others:
    the warm-up settles it before the loop count is calibrated."""
    clock = FakeClock()
    costs = iter([1e-4, 1e-4, 2.5] + [1e-4] * 10_000)
    calls = {"n": 0}

    def late():
        calls["n"] += 1
        clock.now += next(costs)

    def steady():
        clock.now += 1e-4

    samples = time_interleaved({"late": late, "steady": steady}, repeats=3, min_time=0.01, clock=clock)
    assert max(samples["late"]) == pytest.approx(1e-4)
    assert calls["n"] > 3 * 50  # looped (about 100 calls a sample), not timed one call at a time


# ---------------------------------------------------------------- the suites built on the registry


def _benchmarks_module(name):
    """Import ``benchmarks.<name>`` from the repository root (not installed; skipped outside a checkout)."""
    import importlib
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[1])
    if root not in sys.path:
        sys.path.insert(0, root)
    try:
        return importlib.import_module(f"benchmarks.{name}")
    except ImportError as exc:  # pragma: no cover - an sdist without benchmarks/
        pytest.skip(f"benchmarks/ not importable: {exc}")


def test_asv_suite_takes_its_cells_and_contestants_from_the_registry():
    api = _benchmarks_module("bench_api")
    quick = cells.quick_grid()
    assert api.Convolve1D.params[1] == [c.id for c in cells.family(quick, "sweep1d")]
    assert api.Image2D.params[1] == [c.id for c in cells.family(quick, "image2d")]
    assert api.Modes1D.params[1] == [c.id for c in cells.modes_grid()]
    assert set(api.Image2D.params[0]) == set(cells.CONTESTANTS)
    covered = {cid for cls in (api.Convolve1D, api.Image2D, api.Dtypes, api.BatchedAxes, api.TinyCalls)
               for cid in cls.params[1]}
    assert covered == {c.id for c in quick}  # every --quick cell is an asv benchmark too


def test_asv_setup_skips_what_does_not_apply_and_times_the_rest(monkeypatch):
    api = _benchmarks_module("bench_api")
    tiny = cells.family(cells.quick_grid(), "tiny")[-1]  # 8x8 * 3x3: 2-D
    bench = api.TinyCalls()
    with pytest.raises(NotImplementedError, match="does not apply"):
        bench.setup("numpy.convolve", tiny.id)
    bench.setup("convkit.auto", tiny.id)
    bench.time_call("convkit.auto", tiny.id)
    image = cells.family(cells.quick_grid(), "image2d")[0]  # 512x512 * 3x3: scipy's N-d loop, about 0.03 s
    monkeypatch.setattr(api, "MAX_SECONDS", 1e-3)
    with pytest.raises(NotImplementedError, match="predicted"):
        api.Image2D().setup("scipy.direct", image.id)


def test_pytest_benchmark_suite_takes_its_cells_from_the_registry():
    pytest.importorskip("pytest_benchmark")
    suite = _benchmarks_module("pytest.test_bench_convolve")
    assert suite.CELLS == {c.id: c for c in cells.compare_grid()}


def test_cli_bench_calls_the_private_package(monkeypatch):
    """``python -m convkit bench`` reaches convkit._bench.main with the command line's settings."""
    from convkit.__main__ import main as cli

    seen = {}

    def fake_main(**kwargs):
        seen.update(kwargs)
        return 7

    monkeypatch.setattr(_bench, "main", fake_main)
    assert cli(["bench", "--quick", "--workers", "2", "--out", "somewhere"]) == 7
    assert seen == {"quick": True, "workers": 2, "out": "somewhere", "group": "signal"}
    assert cli(["bench", "--group", "images"]) == 7
    assert seen == {"quick": False, "workers": 1, "out": "bench-results", "group": "images"}
    with pytest.raises(SystemExit):
        cli(["bench", "--group", "audio"])


# ---------------------------------------------------------------- the images group


@pytest.mark.parametrize("grid", ["quick_grid", "full_grid"])
def test_image_grid_ids_are_unique_and_round_trip(grid):
    found = getattr(images, grid)()
    assert found and len({c.id for c in found}) == len(found)
    for cell in found:
        assert images.ImageCell.from_dict(json.loads(json.dumps(cell.as_dict()))) == cell
    assert {c.family for c in found} == {"filters2d", "small", "modes", "volumes3d", "match"}


def test_image_full_grid_covers_every_function_and_mode():
    grid = images.full_grid()
    assert {c.func for c in grid} == {"correlate", "convolve", "correlate1d", "convolve1d", "uniform_filter",
                                      "uniform_filter1d", "gaussian_filter", "gaussian_filter1d", "match_template"}
    assert {c.mode for c in grid} == {"reflect", "constant", "nearest", "mirror", "wrap"}
    assert {c.dtype for c in grid} == {"float32", "float64", "uint8"}
    assert {int(c.k) for c in grid if c.func == "correlate" and c.family == "filters2d"} == {3, 5, 7, 15}


def test_image_cell_rejects_unknown_functions_and_seeds_its_data():
    with pytest.raises(ValueError, match="unknown image workload"):
        images.ImageCell("x", "median_filter", (8, 8))
    cell = images.ImageCell("x", "match_template", (20, 30), "uint8", 5)
    x, t = cell.data(0)
    assert x.dtype == np.uint8 and t.shape == (5, 5) and np.array_equal(t, x[6:11, 10:15])
    assert np.array_equal(cell.data(0)[0], x) and not np.array_equal(cell.data(1)[0], x)
    assert images.ImageCell("x", "correlate1d", (9, 9), k=5).data()[1].shape == (5,)
    assert images.ImageCell("x", "gaussian_filter", (9, 9), k=2).data()[1] is None


IMAGE_CHECK = [images.ImageCell("t", f, (24, 31), d, k, m, a)
               for f, k in (("correlate", 5), ("convolve", 3), ("correlate1d", 5), ("convolve1d", 4),
                            ("uniform_filter", 3), ("uniform_filter1d", 6), ("gaussian_filter", 1.5),
                            ("gaussian_filter1d", 2))
               for d in ("float64",) for m in ("reflect", "mirror", "nearest", "constant") for a in (0, -1)
               if a == -1 or f.endswith("1d")]


@pytest.mark.parametrize("cell", IMAGE_CHECK, ids=lambda c: c.id)
def test_every_image_contestant_computes_the_cells_filter(cell):
    """convkit's and OpenCV's calls give scipy.ndimage's answer for the cell (kernel orientation,
    axis, size, sigma and border wired right), so no contestant times a different filter."""
    x, w = cell.data()
    want = images.reference(cell, x, w)
    calls = images.contestants_for(cell, x, w)
    assert set(calls) >= {"convkit", "ndimage"} and "skimage" not in calls
    for name, call in calls.items():
        np.testing.assert_allclose(call(), want, rtol=1e-9, atol=1e-9, err_msg=name)


def test_image_contestants_apply_only_where_they_should(monkeypatch):
    wrap = images.ImageCell("t", "correlate", (16, 16), mode="wrap")
    even = images.ImageCell("t", "convolve1d", (16, 16), k=4)
    vol = images.ImageCell("t", "uniform_filter", (8, 8, 8))
    match64 = images.ImageCell("t", "match_template", (20, 20), "float64", 4)
    for cell in (wrap, vol, match64, even):
        assert images.make_call("cv2", cell, *cell.data()) is None
    assert images.make_call("ndimage", match64, *match64.data()) is None
    with pytest.raises(KeyError, match="unknown contestant"):
        images.make_call("halide", wrap, *wrap.data())
    monkeypatch.setattr(images, "cv2_module", lambda: None)            # OpenCV not installed
    cell = images.ImageCell("t", "correlate", (16, 16))
    assert "cv2" not in images.contestants_for(cell, *cell.data())


def test_match_template_contestants_agree():
    cell = images.ImageCell("t", "match_template", (40, 36), "float32", 6)
    x, t = cell.data()
    calls = images.contestants_for(cell, x, t)
    want = images.reference(cell, x, t)
    if want is None:
        pytest.skip("scikit-image not installed")
    for name, call in calls.items():
        np.testing.assert_allclose(call(), want, atol=1e-4, err_msg=name)


IMAGE_FIXED = {"convkit": 1e-3, "ndimage": 4e-3, "cv2": 5e-4, "skimage": 3e-3}


def image_timer(funcs, repeats, min_time, **kwargs):
    return {n: [IMAGE_FIXED[n] * f for f in (0.9, 1.0, 1.2)] for n in funcs}


def test_run_image_cell_checks_convkit_and_derives_speedups(monkeypatch):
    cell = images.ImageCell("filters2d", "uniform_filter", (20, 20), "float32", 3)
    record = run.run_image_cell(cell, timer=image_timer)
    assert record["results"]["convkit"]["status"] == "ok" and record["results"]["convkit"]["rel_error"] < 1e-6
    assert record["speedup"]["ndimage"] == pytest.approx(4.0)
    if "cv2" in record["results"]:
        assert record["speedup"]["cv2"] == pytest.approx(0.5)
    # a convkit call with another answer (or dtype) is reported, not timed
    real = images.make_call

    def wrong(name, cell, x, w, workers=1):
        call = real(name, cell, x, w, workers)
        return (lambda: call().astype(np.float64)) if name == "convkit" else call

    monkeypatch.setattr(images, "make_call", wrong)
    record = run.run_image_cell(cell, timer=image_timer)
    assert record["results"]["convkit"]["status"] == "wrong" and "ndimage" not in record["speedup"]


def test_image_summary_and_map():
    recs = []
    for k, ck, nd in ((3, 1.0, 4.0), (5, 2.0, 1.0)):
        cell = images.ImageCell("filters2d", "correlate", (8, 8), "float32", k)
        r = {"id": cell.id, "cell": cell.as_dict(),
             "results": {"convkit": {"status": "ok", "median": ck}, "ndimage": {"status": "ok", "median": nd}}}
        r["speedup"] = {"ndimage": nd / ck}
        recs.append(r)
    summary = report.image_summary(recs)
    assert summary["ndimage"]["cells"] == 2 and summary["ndimage"]["worst"] == pytest.approx(0.5)
    assert summary["ndimage"]["geomean"] == pytest.approx(math.sqrt(4.0 * 0.5))
    assert [o["id"] for o in summary["ndimage"]["slower"]] == [recs[1]["id"]]
    data = report.image_map_data(recs)
    assert data["workloads"] == ["correlate float32"] and data["k"] == [3, 5]
    assert data["fastest"] == [["convkit", "ndimage"]] and data["speedup"][0] == pytest.approx([4.0, 0.5])
    text = report.format_image_table(recs)
    assert "4.00×" in text and "0.50×" in text and "vs ndimage" in text
    assert "slower in 1" in report.format_image_summary(summary)


TINY_IMAGES = [images.ImageCell("filters2d", "correlate", (40, 40), "float32", 3),
               images.ImageCell("filters2d", "gaussian_filter1d", (40, 40), "float64", 1, axis=0),
               images.ImageCell("match", "match_template", (30, 30), "float32", 5)]


@pytest.mark.parametrize("group", ["images", "all"])
def test_main_images_group_writes_json_map_and_tables(tmp_path, capsys, group):
    code = _bench.main(out=tmp_path, group=group, cells=TINY_GRID[:1], image_cells=TINY_IMAGES, progress=False,
                       repeats=3, min_time=1e-4, max_time=0.5)
    out = capsys.readouterr().out
    assert code == 0, out
    assert "### 2-D image filters" in out and "### template matching" in out and "convkit vs ndimage" in out
    assert ("### 1-D kernel-length sweep" in out) == (group == "all")
    doc = json.loads((tmp_path / "convkit-bench.json").read_text())
    assert [c["id"] for c in doc["image_cells"]] == [c.id for c in TINY_IMAGES]
    assert set(doc) >= {"image_summary", "image_map", "machine", "settings"}
    assert ("cells" in doc) == (group == "all")
    for rec in doc["image_cells"]:
        assert rec["results"]["convkit"]["status"] == "ok", rec
    assert doc["image_map"]["workloads"][0] == "correlate float32"
    if doc["machine"]["versions"].get("matplotlib"):
        assert (tmp_path / "image-map.png").exists()
    with pytest.raises(ValueError, match="group must be"):
        _bench.main(out=tmp_path, group="audio")


def test_asv_image_suite_takes_its_cells_from_the_registry():
    suite = _benchmarks_module("bench_images")
    grid = images.asv_grid()
    classes = (suite.Filters2D, suite.SmallImages, suite.Modes, suite.Volumes3D, suite.MatchTemplate)
    assert {cid for cls in classes for cid in cls.params[1]} == {c.id for c in grid}
    assert all(cls.params[0] == list(images.CONTESTANTS) for cls in classes)
    small = images.family(grid, "small")[0]
    bench = suite.SmallImages()
    bench.setup("convkit", small.id)
    bench.time_call("convkit", small.id)
    with pytest.raises(NotImplementedError, match="does not apply"):
        suite.Volumes3D().setup("cv2", images.family(grid, "volumes3d")[0].id)
