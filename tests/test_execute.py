"""convkit._execute's small-call path: its memoised plans follow the profile in force.

The per-call results of the tiny path are covered in test_signal.py (every
shape, mode, layout and dtype against scipy); these cover the memo itself.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

import convkit
from convkit import _execute
from convkit import _profile as profile

from _helpers import assert_close, oracle_public, random_array, region


def _free_general_path() -> dict:
    """Shipped constants under which every engine of the general path is predicted to cost nothing."""
    consts = copy.deepcopy(profile.DEFAULT_CONSTANTS)
    for table in consts.values():
        table.update(overhead=0.0, per_unit=0.0, per_element=0.0)
    return consts


def test_a_new_profile_replans_small_calls(default_profile):
    """A small 2-D call takes the plain loop under the shipped profile; once a profile predicts the
    general path cheaper, the memoised plan is dropped and the call goes the general way, and
    back again under the shipped constants."""
    x, h = np.ones((8, 8)), np.ones((3, 3))
    assert _execute.tiny(x, h, "same", "auto", None, False) is not None
    assert _execute._PLANS
    profile.save(_free_general_path())
    assert not _execute._PLANS
    assert _execute.tiny(x, h, "same", "auto", None, False) is None
    profile.save(copy.deepcopy(profile.DEFAULT_CONSTANTS))
    assert _execute.tiny(x, h, "same", "auto", None, False) is not None


@pytest.mark.parametrize("workers", [True, False, 1.0, 0, -1, "1"])
def test_thread_counts_the_plan_ignores_are_left_to_the_general_path(workers):
    """The plan's key omits the thread count: only None and positive ints may share it
    (True == 1 and 1.0 == 1 as dict keys, yet the general path resolves or rejects them itself)."""
    x, h = np.ones(10), np.ones(3)
    assert _execute.tiny(x, h, "full", "auto", 1, False) is not None
    assert _execute.tiny(x, h, "full", "auto", workers, False) is None


def test_equal_dtypes_that_are_distinct_objects_share_the_path():
    """The dtype check is by identity first, then equality: an equal dtype object still takes the path."""
    x = np.ones(10)
    h = np.frombuffer(np.ones(3).tobytes(), dtype=np.dtype("<f8", metadata={"unit": "V"}))
    assert h.dtype == x.dtype
    out = _execute.tiny(x, h.copy(), "full", "auto", None, False)
    np.testing.assert_array_equal(out, np.convolve(x, np.ones(3)))


@pytest.fixture
def prepare_calls(monkeypatch):
    """The direct engine's prepare, counted, with no call yet known to run on compiled kernels."""
    from convkit import _engines

    eng = _engines.get("direct")
    calls = []
    real = type(eng).prepare
    monkeypatch.setattr(type(eng), "prepare", lambda self, b, g: calls.append(g) or real(self, b, g))
    for name in ("_ready", "_ready_geometries", "_ready_kernels"):
        monkeypatch.setattr(_execute._execute_compile, name, set())
    monkeypatch.setenv("CONVKIT_COMPILE", "foreground")
    return calls


def test_a_repeated_direct_call_skips_prepare_where_no_kernel_changes_what_it_needs(prepare_calls):
    """A 1-D tiled call needs the same kernels whatever its kernel: once it has run, later calls of
    its geometry (other kernels too) skip prepare, whose only work is compiling, and stay exact."""
    import scipy.signal as ss

    from convkit import _problem

    rng = np.random.default_rng(7)
    x = rng.standard_normal(20_000)
    for _ in range(3):
        h = rng.standard_normal(40)
        p = _problem.normalize_convolve(x, h, "same", "direct", correlate=False, workers=1)
        np.testing.assert_allclose(_execute.run("direct", p, numpy_1d=False), ss.convolve(x, h, "same"),
                                   rtol=1e-12, atol=1e-12)
    assert len(prepare_calls) == 1


def test_a_repeated_2d_kernel_skips_prepare_but_a_new_kernel_does_not(prepare_calls):
    """Where a rank-one kernel runs as two passes, what is compiled depends on the kernel: a call is
    known ready per (geometry, kernel bytes), so a new kernel, rank one or not, is prepared again."""
    import scipy.signal as ss

    from convkit import _problem

    rng = np.random.default_rng(8)
    x = rng.standard_normal((64, 64))
    full, rank_one = rng.standard_normal((5, 5)), np.outer(rng.standard_normal(5), rng.standard_normal(5))
    for h, prepared in ((full, 1), (full, 1), (rank_one, 2), (rank_one, 2), (full, 2)):
        p = _problem.normalize_convolve(x, h, "same", "direct", correlate=False, workers=1)
        np.testing.assert_allclose(_execute.run("direct", p), ss.convolve(x, h, "same"), rtol=1e-12, atol=1e-12)
        assert len(prepare_calls) == prepared


@pytest.mark.parametrize("dtype", ["int8", "uint8", "int16", "uint16", "int32", "uint32"])
@pytest.mark.parametrize("shapes", [((5000,), (30,)), ((20, 21), (3, 4))])
@pytest.mark.parametrize("mode", ["full", "same", "valid"])
@pytest.mark.parametrize("extremes", [False, True])
def test_small_integers_on_the_float64_loop_are_exact(dtype, shapes, mode, extremes):
    # the 'small-int' route: the float64 plain loop, cast back with scipy's wrap-around. Values
    # at the dtype's extremes make 4-byte sums inexact in float64: those calls must take the
    # general path instead (the per-call bound check); up to 2**20 they stay on the route. (1-D calls
    # take the integer loops, 'int-shift', where those are predicted faster: exact in any case.)
    info = np.iinfo(dtype)
    lo, hi = (info.min, info.max) if extremes or info.bits <= 16 else (max(info.min, -(1 << 20)), 1 << 20)
    rng = np.random.default_rng(5)
    a = rng.choice(np.array([lo, hi, lo + 1, 0, 1], dtype=np.int64), shapes[0]).astype(dtype)
    b = rng.choice(np.array([lo, hi, -1 if lo < 0 else 2], dtype=np.int64), shapes[1]).astype(dtype)
    plan = _execute._tiny_plan(a.shape, b.shape, mode, a.dtype, "auto", profile.generation())
    assert plan is not None and plan[0] in ("small-int", "numpy-int") + (("int-shift",) if a.ndim == 1 else ())
    got = convkit.convolve(a, b, mode)
    assert got.dtype == np.dtype(dtype)
    np.testing.assert_array_equal(got, oracle_public("convolve", a, b, mode))  # wraps in the dtype


@pytest.mark.parametrize("dtype", ["int32", "int64", "uint32"])
@pytest.mark.parametrize("kernel_max, float64_route", [(1 << 24, True), (1 << 25, False)])
def test_direct_integers_at_the_float64_bound_are_exact(dtype, kernel_max, float64_route):
    # 16 taps of magnitude up to 2**24 (or 2**25) against samples of 2**24: every partial sum is
    # at most 2**52 (or 2**53), on either side of the bound where float64 sums stop being exact
    # (``_exact_in_float64``, which gates the float64 routes): integer results stay exact across it
    rng = np.random.default_rng(3)
    top = 1 << 24
    signs = (lambda shape: 1) if dtype.startswith("u") else (lambda shape: rng.choice([-1, 1], shape))
    a = (signs((300, 300)) * rng.choice([top, top - 1, 1, 0], (300, 300))).astype(dtype)
    b = (signs((4, 4)) * rng.choice([kernel_max, kernel_max - 1, 3], (4, 4))).astype(dtype)
    assert _execute._exact_in_float64(a, b, np.dtype(np.int64)) is float64_route
    got = convkit.convolve(a, b, "same", method="direct")
    np.testing.assert_array_equal(got, oracle_public("convolve", a, b, "same"))


@pytest.mark.parametrize("dtype", ["float32", "float64", "complex128", "int16", "int32"])
@pytest.mark.parametrize("taps", [1, 2, 3, 12, 256, 257])
@pytest.mark.parametrize("mode", ["full", "valid", "same"])
@pytest.mark.parametrize("swap", [False, True])
def test_numpy_routes_reverse_the_kernel_by_index_with_numpys_bits(dtype, taps, mode, swap):
    # the 1-D plans that hand the call's arrays to numpy's correlate reverse the shorter operand by
    # a stored index array up to 256 taps (a view above; one tap: no reversal): numpy.convolve's own
    # loop on the same samples, so the same bits; correlate gives the oracle's values
    rng = np.random.default_rng(taps)
    a, b = random_array(rng, (taps + 300,), dtype), random_array(rng, (taps,), dtype)
    in1, in2 = (b, a) if swap else (a, b)
    if mode == "same" and swap:
        mode = "full"  # numpy's 'same' centres on the longer input, scipy's on in1
    got = convkit.convolve(in1, in2, mode)
    plan = _execute._PLANS[in1.shape, in2.shape, in1.dtype, in2.dtype, mode, "auto"]
    if plan is not None and plan[0] in (_execute.WHOLE, _execute.WHOLE_SWAPPED, _execute.WHOLE_ONE):
        np.testing.assert_array_equal(got, np.convolve(in1, in2, mode))
    else:  # another loop (the plain loop for short complex kernels, the general path)
        assert_close(got, oracle_public("convolve", in1, in2, mode).astype(dtype), in1, in2)
    expected = oracle_public("correlate", in1, in2, mode).astype(dtype)  # computed wide, compared as the result
    assert_close(convkit.correlate(in1, in2, mode), expected, in1, in2)


def test_kernel_reversals_are_shared_and_read_only():
    index = _execute.reversal(5)
    assert index is _execute.reversal(5) and not index.flags.writeable
    np.testing.assert_array_equal(np.arange(5)[index], [4, 3, 2, 1, 0])


@pytest.mark.parametrize("dtype", ["int8", "uint8", "int16", "uint16", "int32", "uint32"])
@pytest.mark.parametrize("mode", ["full", "same", "valid"])
@pytest.mark.parametrize("magnitude", ["small", "past int32", "extremes"])
def test_1d_integers_on_numpys_float64_loop_are_exact(dtype, mode, magnitude):
    # the 'numpy-int' route: numpy's float64 correlate on a long signal with a short kernel, back to
    # int32 where every sum fits there (small values) and through int64 where it does not, wrapped
    # in the dtype as scipy; sums past 2**53 (int32 and uint32 extremes) go the general way (None).
    # Run by its plan: the integer loops ('int-shift') are predicted faster on these shapes
    from convkit._problem import _centred_start, _region

    info = np.iinfo(dtype)
    top = {"small": min(info.max, 100), "past int32": min(info.max, 1 << 20), "extremes": info.max}[magnitude]
    values = np.array([max(info.min, -top), top, top - 1, 0, 1], dtype=np.int64)
    rng = np.random.default_rng(6)
    a = rng.choice(values, 10_000).astype(dtype)
    b = rng.choice(values, 9).astype(dtype)
    start, length = _region(mode, a.size, b.size, _centred_start)
    plan = ("numpy-int", None, None, a.shape, b.shape, (start,), (length,), None)
    exact = magnitude != "extremes" or info.bits <= 16
    for name in ("convolve", "correlate"):
        got = _execute.run_tiny(plan, a, b, name == "correlate")
        if not exact:
            assert got is None
            continue
        assert got.dtype == np.dtype(dtype)
        np.testing.assert_array_equal(got, oracle_public(name, a, b, mode))  # wraps in the dtype
        np.testing.assert_array_equal(getattr(convkit, name)(a, b, mode), got)  # any route: the same integers


@pytest.mark.parametrize("dtype", ["float32", "float64", "complex128", "int16", "int32"])
@pytest.mark.parametrize("mode", ["full", "same", "valid"])
@pytest.mark.parametrize("swap", [False, True])
def test_1d_calls_with_a_length_1_operand_run_one_product_per_output(dtype, mode, swap):
    # a long signal and a one-tap kernel: a broadcast multiply (the 'product' route), every output
    # kept; in1 of length 1 in 'same' keeps one output, which numpy's correlate gives
    rng = np.random.default_rng(9)
    a, b = random_array(rng, (30_000,), dtype), random_array(rng, (1,), dtype)
    in1, in2 = (b, a) if swap else (a, b)
    plan = _execute._tiny_plan(in1.shape, in2.shape, mode, in1.dtype, "auto", profile.generation())
    assert plan is not None and (plan[0] == "product") == (not (swap and mode == "same"))
    for name in ("convolve", "correlate"):
        expected = oracle_public(name, in1, in2, mode).astype(dtype)  # computed wide, compared as the result
        assert_close(getattr(convkit, name)(in1, in2, mode), expected, in1, in2)


@pytest.fixture(params=["compiled", "numpy"])
def loop_road(request, monkeypatch):
    """The small-call routes' two roads to the same bits: the compiled loop (compiled in the call, as
    with CONVKIT_COMPILE=foreground) or numpy's (the loop not ready: as in a process without Numba).
    Checks after the test that the road was taken."""
    taken = []
    real = _execute._ready_loop
    if request.param == "compiled":
        monkeypatch.setenv("CONVKIT_COMPILE", "foreground")
    monkeypatch.setattr(_execute, "_ready_loop", lambda *args: taken.append(
        real(*args) if request.param == "compiled" else None) or taken[-1])
    yield request.param
    assert taken and all((loop is not None) == (request.param == "compiled") for loop in taken)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("n, k, mode", [(322, 322, "same"), (352, 351, "full"), (2000, 200, "full"), (600, 580, "full")])
@pytest.mark.parametrize("swap", [False, True])
def test_full_and_same_of_long_kernels_run_the_long_dot_loop_on_padded_samples(dtype, n, k, mode, swap, loop_road):
    # windows that run off an end of the signal, long kernel: the tiny path's RAMPS route, and numpy_window
    # (the general path) the same loop: the same bits whichever way a call goes
    rng = np.random.default_rng(n + k)
    a, b = random_array(rng, (n,), dtype), random_array(rng, (k,), dtype)
    in1, in2 = (b, a) if swap else (a, b)
    got = convkit.convolve(in1, in2, mode)
    assert _execute._PLANS[in1.shape, in2.shape, in1.dtype, in2.dtype, mode, "auto"][0] is _execute.RAMPS
    assert "padded" in convkit.choose_method(in1, in2, mode).reason
    start, length = region(mode, in1.shape[0], in2.shape[0])
    np.testing.assert_array_equal(got, _execute.numpy_window(in1, in2, start, length))
    np.testing.assert_array_equal(got, convkit.convolve(in1[None], in2[None], mode)[0])
    assert_close(got, oracle_public("convolve", in1, in2, mode).astype(dtype), in1, in2)
    corr = convkit.correlate(in1, in2, mode)
    assert_close(corr, oracle_public("correlate", in1, in2, mode).astype(dtype), in1, in2)
    # a kernel with a non-finite tap: numpy's correlate (the padding's products would be NaN), scipy's values
    in2 = in2.copy()
    in2[in2.shape[0] // 3] = np.inf
    got = convkit.convolve(in1, in2, mode)
    expected = oracle_public("convolve", in1, in2, mode)
    assert np.isinf(got).any() and not np.isnan(expected).any()  # the padding's products would have made NaNs
    np.testing.assert_array_equal(np.isinf(got), np.isinf(expected))
    finite = np.isfinite(expected)
    assert_close(got[finite], expected[finite].astype(dtype))


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("n, k", [(5865, 5861), (3740, 3738), (20_000, 19_990), (1000, 990)])
@pytest.mark.parametrize("swap", [False, True])
def test_valid_of_nearly_equal_lengths_runs_the_long_dot_loop(dtype, n, k, swap, loop_road):
    # whole dot products of a long kernel, few outputs: the tiny path's DOTS route, and numpy_window
    # (the general path, the windows of N-d calls) the same loop: the same bits whichever way a call goes
    rng = np.random.default_rng(n + k)
    a, b = random_array(rng, (n,), dtype), random_array(rng, (k,), dtype)
    in1, in2 = (b, a) if swap else (a, b)
    got = convkit.convolve(in1, in2, "valid")
    assert _execute._PLANS[in1.shape, in2.shape, in1.dtype, in2.dtype, "valid", "auto"][0] is _execute.DOTS
    assert "long-dot" in convkit.choose_method(in1, in2, "valid").reason
    np.testing.assert_array_equal(got, _execute.dots_valid(a, b))
    np.testing.assert_array_equal(got, _execute.numpy_window(a, b, k - 1, n - k + 1))
    np.testing.assert_array_equal(got, convkit.convolve(in1[None], in2[None], "valid")[0])
    assert_close(got, oracle_public("convolve", in1, in2, "valid").astype(dtype), in1, in2)
    # a correlation is the convolution by the reversed kernel, bit for bit
    corr = convkit.correlate(in1, in2, "valid")
    np.testing.assert_array_equal(corr, convkit.convolve(in1, in2[::-1].copy(), "valid"))
    assert_close(corr, oracle_public("correlate", in1, in2, "valid").astype(dtype), in1, in2)


@pytest.mark.parametrize("dtype", ["int8", "uint8", "int16", "uint16", "int32", "uint32", "int64"])
@pytest.mark.parametrize("mode", ["full", "same", "valid"])
@pytest.mark.parametrize("swap", [False, True])
def test_long_integer_signals_with_short_kernels_run_shift_and_add_with_numpys_bits(dtype, mode, swap):
    # 'int-shift': one vectorised multiply and add per kernel tap, in the dtype: integer sums wrap
    # the same in any order, so numpy.convolve's own result to the bit, extremes included
    info = np.iinfo(dtype)
    rng = np.random.default_rng(11)
    values = np.array([info.min, info.max, info.max - 1, 0, 1, -1 if info.min < 0 else 2], dtype=np.int64)
    a, b = rng.choice(values, 40_000).astype(dtype), rng.choice(values, 4).astype(dtype)
    in1, in2 = (b, a) if swap else (a, b)
    if mode == "same" and swap:
        mode = "full"  # numpy's 'same' centres on the longer input, scipy's on in1
    plan = _execute._tiny_plan(in1.shape, in2.shape, mode, in1.dtype, "auto", profile.generation())
    assert plan is not None and plan[0] == "int-shift"
    for name in ("convolve", "correlate"):
        got = getattr(convkit, name)(in1, in2, mode)
        assert got.dtype == np.dtype(dtype)
        np.testing.assert_array_equal(got, oracle_public(name, in1, in2, mode))
    np.testing.assert_array_equal(convkit.convolve(in1, in2, mode), np.convolve(in1, in2, mode))


@pytest.mark.parametrize("start,length", [(0, 40), (0, 10), (35, 5), (3, 20), (12, 7), (0, 1), (39, 1)])
def test_int_shift_every_region(start, length, loop_road):
    """int_shift returns exactly the requested slice of the full convolution, for regions running off
    either end (kernel 16, signal 25: full length 40), either operand first."""
    rng = np.random.default_rng(12)
    a, b = rng.integers(-99, 99, 25).astype(np.int32), rng.integers(-99, 99, 16).astype(np.int32)
    full = np.convolve(a.astype(np.int64), b.astype(np.int64))
    for x, y in ((a, b), (b, a)):
        np.testing.assert_array_equal(_execute.int_shift(x, y, start, length), full[start:start + length])


@pytest.mark.parametrize("dtype", ["int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"])
@pytest.mark.parametrize("n, k, start, length", [(205, 200, 199, 6), (205, 200, 0, 404), (3000, 3, 0, 3002),
                                                 (300, 100, 150, 16)])
def test_integer_loops_give_numpys_wrapped_integers(dtype, n, k, start, length, loop_road):
    # both of int_shift's loops (few outputs of a long kernel: a dot product each; otherwise a pass
    # per tap), at the dtype's extremes: numpy's wrapped sums to the bit
    info = np.iinfo(dtype)
    rng = np.random.default_rng(13)
    values = np.array([info.min, info.max, info.max - 1, 0, 1], dtype=object)
    a = np.array(rng.choice(values, n), dtype=dtype)
    b = np.array(rng.choice(values, k), dtype=dtype)
    full = np.convolve(a, b)
    for x, y in ((a, b), (b, a)):
        np.testing.assert_array_equal(_execute.int_shift(x, y, start, length), full[start:start + length])


# ---------------------------------------------------------------- fresh processes

ROOT = Path(__file__).resolve().parents[1]
_FRESH = textwrap.dedent("""
    import json, sys
    import numpy as np
    import convkit
    from convkit import _execute, _execute_compile
    rng = np.random.default_rng(5)
    ints = rng.integers(-2**31, 2**31, 40_000).astype(np.int32), rng.integers(-2**31, 2**31, 4).astype(np.int32)
    floats = rng.standard_normal(5865), rng.standard_normal(5861)
    CALLS = [lambda: convkit.convolve(*ints, "valid"), lambda: convkit.correlate(*floats, "valid")]
    def ran():   # the loops that ran compiled
        return sorted(f"{k[0]}.{k[1]}" for k in _execute._LOOPS)
    def said():  # whether choose_method says numpy runs the call until the loop is ready
        return ["numpy computes the same bits" in convkit.choose_method(*a, "valid").reason for a in (ints, floats)]
    report = {"said_first": said()}
    first = [f() for f in CALLS]
    report.update({"numba_after_first": "numba" in sys.modules, "compiled_first": ran()})
    import numba   # as a process that loaded Numba for another call: the loops compile behind the calls
    steps = []
    for _ in range(4):
        again = [f() for f in CALLS]
        steps.append([ran(), _execute_compile.running()])
        _execute_compile.wait(600)
    report["steps"] = steps
    report["said_last"] = said()
    report["same_bits"] = [a.dtype == b.dtype and a.tobytes() == b.tobytes() for a, b in zip(first, again)]
    print(json.dumps(report))
""")


def _fresh(tmp_path, script: str = _FRESH) -> dict:
    """The JSON report of ``script`` run in a fresh process with the Numba cache in ``tmp_path`` and
    convkit's default compile policy."""
    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp_path / "numba"), XDG_CACHE_HOME=str(tmp_path / "xdg"),
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("CONVKIT_COMPILE", None)
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=900,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_fresh_process_small_calls_load_no_numba_then_compile_behind(tmp_path):
    """A fresh process (empty Numba cache) whose first calls take the int-shift and DOTS routes loads no
    Numba and runs numpy's bits. Once Numba is loaded, each loop compiles in a background process (one at
    a time) while calls keep numpy's road, then runs compiled: the same bits. A new process with the cache
    filled still loads no Numba for them. choose_method says which road a call takes."""
    first = _fresh(tmp_path)
    assert first["said_first"] == [True, True]      # choose_method/explain say numpy runs them meanwhile
    assert first["said_last"] == [False, False]     # and no longer once the loops run
    assert first["numba_after_first"] is False
    assert first["compiled_first"] == []
    steps = first["steps"]
    assert steps[0] == [[], True]                                   # the int loop compiling, none ran
    assert steps[1] == [["_ints.axpy"], True]                      # then the long-dot loop's turn
    assert steps[2][0] == steps[3][0] == ["_dots.dots", "_ints.axpy"]
    assert all(first["same_bits"])
    again = _fresh(tmp_path)
    assert again["numba_after_first"] is False
    assert again["steps"][0] == [["_dots.dots", "_ints.axpy"], False]   # from the cache, no compile
    assert all(again["same_bits"])


def test_warmup_compiles_the_small_call_loops(monkeypatch):
    """warmup's small-call item leaves the int-shift and DOTS loops ready: later calls run them compiled
    with no background compile (CONVKIT_COMPILE=background, the default)."""
    from convkit import _execute_compile, _warmup

    monkeypatch.delenv("CONVKIT_COMPILE", raising=False)
    monkeypatch.setattr(_execute, "_LOOPS", {})
    monkeypatch.setattr(_execute_compile, "start", lambda *a: pytest.fail("no background compile needed"))
    compiled = []
    real = _execute.compile_loop
    monkeypatch.setattr(_execute, "compile_loop", lambda *a: compiled.append(a[:2] + (np.dtype(a[2]),)) or real(*a))
    items = [call for label, call in _warmup.work_items(("int16", "float32"), (1,)) if "small-call" in label]
    assert len(items) == 2
    for call in items:
        call()
    assert sorted(compiled) == [("_dots", "dots", np.dtype("float32")), ("_dots", "ramps", np.dtype("float32")),
                                ("_ints", "axpy", np.dtype("int16")), ("_ints", "dots", np.dtype("int16"))]
    for module, name, dtype in (("_dots", "dots", "float32"), ("_dots", "ramps", "float32"), ("_ints", "axpy", "int16"),
                                ("_ints", "dots", "int16")):
        v = np.ones(8, dtype)
        assert _execute._ready_loop(module, name, v, v) is not None, (module, name)
    x = np.arange(300, dtype=np.int16)
    np.testing.assert_array_equal(convkit.convolve(x, x[:200], "valid"), np.convolve(x, x[:200], "valid"))


_BUDGET = textwrap.dedent("""
    import json, sys
    import numpy as np
    import convkit
    from convkit import _execute, _execute_compile
    x, k = np.random.default_rng(6).standard_normal(5865), np.random.default_rng(7).standard_normal(5861)
    work = 5 * 5861 + _execute._TWIN_CALL_WORK        # one call's charge: 5 outputs of 5861 taps
    _execute._numpy_road_left = 2.5 * work            # the budget, made small: the third call spends it
    results, numba_loaded = [], []
    for _ in range(3):
        results.append(convkit.correlate(x, k, "valid"))
        numba_loaded.append("numba" in sys.modules)
    _execute_compile.wait(600)                        # the loop compiling behind the calls (empty cache)
    results.append(convkit.correlate(x, k, "valid"))
    print(json.dumps({"numba_loaded": numba_loaded, "ran": sorted(f"{k[0]}.{k[1]}" for k in _execute._LOOPS),
                      "same_bits": [r.tobytes() == results[0].tobytes() for r in results]}))
""")


def test_numpy_road_ends_after_its_budget(tmp_path):
    """A process that never loads Numba for anything else is not held on the long-dot twin for ever: once
    the numpy roads' calls have done their budget of multiply-adds, a call loads Numba, the loop compiles
    behind the calls (empty cache) and then runs compiled, with the twin's bits."""
    report = _fresh(tmp_path, _BUDGET)
    assert report["numba_loaded"] == [False, False, True]
    assert report["ran"] == ["_dots.dots"]
    assert all(report["same_bits"])


_SETTLED = textwrap.dedent("""
    import json, sys
    import numpy as np
    import convkit
    from convkit import _execute
    from convkit._timing import settle
    rng = np.random.default_rng(8)
    x, k = rng.standard_normal(1000), rng.standard_normal(256)
    first = convkit.convolve(x, k, "full")        # the RAMPS route, on its numpy twin (Numba not loaded)
    numba_first = "numba" in sys.modules
    settle(lambda: convkit.convolve(x, k, "full"))
    last = convkit.convolve(x, k, "full")
    print(json.dumps({"numba_first": numba_first,
                      "ran": sorted(f"{k[0]}.{k[1]}" for k in _execute._LOOPS),
                      "same_bits": last.tobytes() == first.tobytes()}))
""")


def test_settle_ends_the_numpy_road_so_timed_calls_run_the_loop(tmp_path):
    """The benchmarks settle a call before timing it: in a process that has not loaded Numba, settling
    ends the numpy roads, so the long-dot loop compiles behind the settling calls and the timed rounds
    run it (not its numpy twin, 6-20x numpy's correlate), with the twin's bits."""
    report = _fresh(tmp_path, _SETTLED)
    assert report["numba_first"] is False
    assert report["ran"] == ["_dots.ramps"]
    assert report["same_bits"]


_FFT_CHECK = textwrap.dedent("""
    import json, sys
    import numpy as np
    import convkit
    from convkit import _execute, _execute_compile
    rng = np.random.default_rng(3)
    a, b = rng.standard_normal(5865), rng.standard_normal(5861)
    first = convkit.convolve(a, b, "full")          # auto: the fft engine, its result checked for NaN/inf
    report = {"method": convkit.choose_method(a, b, "full").method, "numba_after_first": "numba" in sys.modules}
    import numba                                    # as a process that loaded Numba for another call
    steps = []
    for _ in range(3):
        again = convkit.convolve(a, b, "full")
        steps.append([sorted(f"{k[0]}.{k[1]}" for k in _execute._LOOPS), _execute_compile.running()])
        _execute_compile.wait(600)
    report.update(steps=steps, same_bits=first.tobytes() == again.tobytes())
    print(json.dumps(report))
""")


def test_fresh_process_fft_call_loads_no_numba_for_its_result_check(tmp_path):
    """auto's NaN/inf test of an FFT result loads no Numba in a fresh process (numpy's min/max decide);
    with Numba loaded and an empty cache its loop compiles in a background process, not in the call,
    and later calls run it."""
    report = _fresh(tmp_path, _FFT_CHECK)
    assert report["method"] == "fft"
    assert report["numba_after_first"] is False
    assert report["steps"][0] == [[], True]                  # compiling behind the call, numpy decided
    assert report["steps"][2] == [["_finite._flat_finite"], False]
    assert report["same_bits"]


def test_choose_method_says_when_numpy_runs_a_ramps_call(monkeypatch):
    """A 'same' call of nearly equal lengths takes the long-dot loop's RAMPS route; until that loop is
    ready in the process choose_method says numpy computes the same bits, and not once it is."""
    x, k = np.random.default_rng(8).standard_normal(322), np.random.default_rng(9).standard_normal(322)
    monkeypatch.setattr(_execute, "_LOOPS", {})
    choice = convkit.choose_method(x, k, "same")
    assert "numpy computes the same bits" in choice.reason, choice.reason
    _execute.compile_loop("_dots", "ramps", x.dtype)
    monkeypatch.setenv("CONVKIT_COMPILE", "foreground")
    assert _execute._ready_loop("_dots", "ramps", x, k) is not None
    assert "numpy computes the same bits" not in convkit.choose_method(x, k, "same").reason
