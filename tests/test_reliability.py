"""Reliability: hostile inputs, concurrency, memory, and a hostile environment.

* Bad inputs: the cases tests/test_signal.py and tests/test_errors.py do not
  already cover, each giving scipy's result or scipy's exception type, with
  the inputs left unchanged.
* Concurrency: 8 threads of mixed calls give bitwise the serial results;
  ``workers > 1`` inside threads does not deadlock (joins have a timeout).
* Memory: no growth over 10,000 small calls, bounded plan pool, a
  50M-sample convolution's peak, and a refused impossible output.
* Environment (subprocesses): unusable Numba cache, corrupt/unwritable
  FFTW wisdom and profile files, pyFFTW missing.
"""

from __future__ import annotations

import gc
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
import tracemalloc
import warnings
from pathlib import Path

import numpy as np
import pytest
import scipy.signal as ss
from hypothesis import assume, given
from hypothesis import strategies as st

import convkit
from convkit import _memory
from convkit import _problem as problem
from convkit import _profile as profile

from _helpers import LAYOUTS, assert_close, random_array, readonly
from conftest import scipy_reference

REPO = Path(__file__).resolve().parents[1]
FUNCS = ["convolve", "correlate", "fftconvolve", "oaconvolve", "convolve2d", "correlate2d"]


def _call(name, x, y, **kw):
    return getattr(convkit, name)(x, y, **kw)


def _reference(name, x, y, mode="full"):
    """scipy's answer (defects corrected as conftest does) on plain contiguous copies."""
    return scipy_reference(name, np.array(x), np.array(y), mode)


def _raises_like_scipy(name, *args, **kw):
    with pytest.raises(Exception) as theirs:
        getattr(ss, name)(*args, **kw)
    with pytest.raises(type(theirs.value)):
        getattr(convkit, name)(*args, **kw)


# ==========================================================================
# bad inputs


BAD_CALLS = [
    ("convolve2d", (np.ones(3), np.ones(3)), {}),
    ("correlate2d", (np.ones((2, 2, 2)), np.ones((2, 2, 2))), {}),
    ("convolve2d", (1.0, 2.0), {}),
    ("convolve", (np.ones(3), np.ones(2)), {"mode": None}),
    ("convolve", (np.ones(3), np.ones(2)), {"mode": b"full"}),
    ("correlate", (np.ones(3), np.ones(2)), {"method": None}),
    ("fftconvolve", (np.ones(3), np.ones(2)), {"mode": None}),
    ("oaconvolve", (np.ones(3), np.ones(2)), {"mode": "FULL"}),
    ("convolve2d", (np.ones((3, 3)), np.ones((2, 2))), {"boundary": None}),
    ("correlate2d", (np.ones((3, 3)), np.ones((2, 2))), {"mode": "Same"}),
    ("convolve2d", (np.array([["a", "b"]]), np.array([["a"]])), {}),
    ("correlate2d", (np.array([[b"a", b"b"]]), np.array([[b"a"]])), {}),
    ("convolve", (np.array([b"a", b"b"]), np.array([b"a"])), {}),
    ("fftconvolve", (np.array([b"a", b"b"]), np.array([b"a"])), {}),
    ("convolve2d", (np.array([[1, 2]], "M8[s]"), np.array([[1]], "M8[s]")), {}),
    ("convolve2d", (np.array([[1, 2]], "m8[s]"), np.array([[1]], "m8[s]")), {}),
    ("convolve", (np.zeros(3, "V4"), np.zeros(2, "V4")), {}),
    ("correlate", (np.ones(3), np.array(["x"])), {}),
    ("convolve", ([[1, 2], [3]], [[1]]), {}),
    ("fftconvolve", (2.0, np.ones(3)), {}),
    ("convolve", (2.0, np.ones(3)), {}),
    ("correlate", (np.ones((2, 2)), 2.0), {}),
    ("convolve", (None, np.ones(3)), {}),
    ("convolve", (None, None), {}),
    ("convolve", ("abc", "de"), {}),
    ("convolve2d", (np.zeros((0, 0)), np.zeros((0, 0))), {}),
    ("correlate2d", (np.ones((3, 3), int), np.ones((2, 2), int)), {"fillvalue": np.nan}),
    ("fftconvolve", (np.ones((3, 3)), np.ones((2, 2))), {"axes": 1.0}),
    ("oaconvolve", (np.ones((3, 3)), np.ones((2, 2))), {"axes": [[0]]}),
    ("oaconvolve", (np.ones((3, 3)), np.ones((2, 2))), {"axes": [-3]}),
    ("fftconvolve", (np.ones((3, 5)), np.ones((4, 4))), {"mode": "valid", "axes": [0, 1]}),
]


@pytest.mark.parametrize("name,args,kw", BAD_CALLS, ids=[f"{c[0]}-{i}" for i, c in enumerate(BAD_CALLS)])
def test_bad_calls_raise_like_scipy(name, args, kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _raises_like_scipy(name, *args, **kw)


ODD_OK_CALLS = [
    ("oaconvolve", (2.0, 3.0), {}),
    ("fftconvolve", (np.ones(5, np.float16), np.ones(2, np.float16)), {}),
    ("fftconvolve", (np.ones(3, bool), np.ones(2, bool)), {}),
    ("convolve", (np.ones(3), np.ones(3)), {"mode": "valid"}),
    ("convolve", ([1, 2, 3], (4, 5)), {}),
    ("correlate", ([True, False, True], [1, 2]), {}),
    ("convolve", (np.array([2**64 - 1, 2**63], np.uint64), np.array([3, 2**63 + 1], np.uint64)), {}),
    ("convolve", (np.array([-1, 2], np.int64), np.array([3, 2**63], np.uint64)), {}),
    ("correlate", (np.array([127, -128, 5], np.int8), np.array([127, 127], np.int8)), {"method": "fft"}),
    ("convolve", (np.array([1 + 1j, 2], dtype=object), np.array([1, 1j], dtype=object)), {}),
    ("correlate2d", (np.arange(12.0).reshape(3, 4), np.ones((1, 1))), {"boundary": "symm"}),
    ("convolve2d", (np.ones((1, 1)), np.arange(6.0).reshape(2, 3)), {"mode": "valid"}),
]


@pytest.mark.parametrize("name,args,kw", ODD_OK_CALLS, ids=[f"{c[0]}-{i}" for i, c in enumerate(ODD_OK_CALLS)])
def test_odd_but_valid_calls_match_scipy(name, args, kw):
    theirs = getattr(ss, name)(*args, **kw)
    ours = getattr(convkit, name)(*args, **kw)
    np.testing.assert_array_equal(np.asarray(ours).shape, np.asarray(theirs).shape)
    if np.asarray(theirs).dtype == object:
        np.testing.assert_array_equal(ours, theirs)
        return
    if name == "convolve" and "method" not in kw and np.asarray(theirs).dtype.kind in "iub":
        theirs = getattr(ss, name)(*args, method="direct", **kw)
    assert_close(ours, theirs, np.asarray(args[0]), np.asarray(args[1]))


OVERFLOW_X = np.array([1e308, 1e308, -1e308, 1.0])
OVERFLOW_H = np.array([10.0, -10.0, 0.5])


@pytest.mark.parametrize("name", ["convolve", "correlate", "convolve2d"])
def test_float_overflow_direct_finiteness_matches_scipy(name):
    x, h = OVERFLOW_X, OVERFLOW_H
    if name == "convolve2d":
        x, h, kw = x[None], h[None], {}
    else:
        kw = {"method": "direct"}
    with np.errstate(over="ignore", invalid="ignore"):
        ours = getattr(convkit, name)(x, h, **kw)
        theirs = getattr(ss, name)(x, h, **kw)
    np.testing.assert_array_equal(np.isfinite(ours), np.isfinite(theirs))
    finite = np.isfinite(theirs)
    assert finite.any()
    np.testing.assert_allclose(ours[finite], theirs[finite], rtol=1e-15)


def test_float_overflow_nan_versus_inf_is_the_documented_fma_difference():
    """README, "Differences from scipy.signal": the direct engine fuses a*b+acc into one FMA
    (fastmath 'contract'), so an overflowing product is not rounded to inf before it is added.
    Where scipy's separate multiply-then-add gives inf - inf = NaN, convkit may give +-inf; which
    outputs are finite never differs (test above), and this pins the one known case."""
    x, h = OVERFLOW_X, OVERFLOW_H
    with np.errstate(over="ignore", invalid="ignore"):
        ours = convkit.convolve(x, h, method="direct")
        theirs = ss.convolve(x, h, method="direct")
    differs = np.isnan(theirs) != np.isnan(ours)
    assert np.all(np.isinf(ours[differs])) and np.all(np.isnan(theirs[differs]))
    np.testing.assert_array_equal(np.isfinite(ours), np.isfinite(theirs))


def test_float_overflow_auto_matches_direct(rng):
    x = rng.standard_normal(100_000)
    x[5000] = 1e300
    h = rng.standard_normal(2001) * 1e10
    assert convkit.choose_method(x, h).method != "direct"
    with np.errstate(over="ignore", invalid="ignore"):
        expected = ss.convolve(x, h, method="direct")
        actual = convkit.convolve(x, h)
    assert_close(actual, expected, x, h)


# Every public function, and each method of those that take one.
FUNC_METHODS = [(name, method) for name in FUNCS
                for method in (("auto", "direct", "fft", "oa") if name in ("convolve", "correlate") else (None,))]
FUNC_METHOD_IDS = [f"{name}-{method}" if method else name for name, method in FUNC_METHODS]


@pytest.mark.parametrize("name", FUNCS)
def test_matrix_subclass_like_scipy(name):
    m = np.matrix([[1.0, 2.0, 0.5], [3.0, 4.0, -1.0]])
    k = np.matrix([[1.0, -1.0], [0.5, 2.0]])
    theirs = getattr(ss, name)(m, k)
    ours = getattr(convkit, name)(m, k)
    assert type(ours) is type(theirs) is np.ndarray
    assert_close(ours, theirs, np.asarray(m), np.asarray(k))


@pytest.mark.parametrize("name,method", FUNC_METHODS, ids=FUNC_METHOD_IDS)
def test_masked_arrays_like_scipy(name, method):
    """scipy uses np.asarray, so the data under the mask is used and a plain ndarray returned."""
    ma = np.ma.array([[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]], mask=[[0, 1, 0, 0], [1, 0, 0, 0]])
    mk = np.ma.array([[1.0, 1.0], [2.0, -1.0]], mask=[[0, 0], [0, 1]])
    kw = {"method": method} if method else {}
    theirs = getattr(ss, name)(ma, mk, **({"method": "direct"} if method else {}))
    ours = getattr(convkit, name)(ma, mk, **kw)
    assert type(ours) is type(theirs) is np.ndarray
    assert_close(ours, theirs, ma.data, mk.data)
    assert ma.mask.sum() == 2 and ma.data[0, 1] == 2.0  # untouched


@pytest.mark.parametrize("mode", ["full", "same", "valid"])
@pytest.mark.parametrize("name", FUNCS)
@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("dtype", ["float64", "complex64", "int16"])
def test_layouts_every_function(layout, dtype, name, mode):
    """Layouts test_signal.py leaves out (zero strides; oaconvolve, correlate2d), every function."""
    rng = np.random.default_rng([9, 40, len(layout), len(dtype)])
    base1 = random_array(rng, (9, 40), dtype)
    base2 = random_array(rng, (4, 7), dtype)
    in1, in2 = LAYOUTS[layout](base1), LAYOUTS[layout](base2)
    plain1, plain2 = np.array(in1), np.array(in2)
    expected = _reference(name, plain1, plain2, mode=mode)
    assert_close(_call(name, in1, in2, mode=mode), expected, plain1, plain2)
    np.testing.assert_array_equal(in1, plain1)
    np.testing.assert_array_equal(in2, plain2)


def _readonly_inputs(case):
    """Read-only operands: 2-D, 2-D with a NaN, long 1-D (FFT engines), long 1-D with inf and NaN."""
    rng = np.random.default_rng(240)
    if case.startswith("2d"):
        x = rng.standard_normal((30, 60))
        h = rng.standard_normal((5, 7))
    else:
        x = rng.standard_normal(40000)
        h = rng.standard_normal(700) if case == "long" else np.ones(700)
    if case == "2d-nan":
        x[3, 4] = np.nan
    if case == "long-nonfinite":
        x[[5, 999]] = [np.inf, np.nan]
    return readonly(x), readonly(h)


# The 2-D functions take only the 2-D cases.
NEVER_WRITTEN = [pytest.param(name, method, case, id=f"{label}-{case}")
                 for (name, method), label in zip(FUNC_METHODS, FUNC_METHOD_IDS)
                 for case in ("2d", "2d-nan", "long", "long-nonfinite")
                 if not (name.endswith("2d") and case.startswith("long"))]


@pytest.mark.parametrize("name,method,case", NEVER_WRITTEN)
def test_inputs_never_written(name, method, case):
    """Read-only inputs on every function, method and the non-finite path. A write into an input would
    raise ("assignment destination is read-only"), so the call completing is the check that nothing was
    written; the result must also be a new array, not a view of an input."""
    a, b = _readonly_inputs(case)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        out = _call(name, a, b, **({"method": method} if method else {}))
    assert out.flags.writeable
    assert not np.shares_memory(out, a) and not np.shares_memory(out, b)


@given(
    layout1=st.sampled_from(list(LAYOUTS)), layout2=st.sampled_from(list(LAYOUTS)),
    name=st.sampled_from(FUNCS), mode=st.sampled_from(["full", "same", "valid"]),
    dtype=st.sampled_from(["float32", "float64", "complex128", "int32", "uint8"]),
    seed=st.integers(0, 2**32 - 1),
)
def test_layouts_property(layout1, layout2, name, mode, dtype, seed):
    rng = np.random.default_rng(seed)
    s1 = tuple(int(v) for v in rng.integers(1, 12, 2))
    s2 = tuple(int(v) for v in rng.integers(1, 12, 2))
    assume(mode != "valid" or all(a >= b for a, b in zip(s1, s2)) or all(a <= b for a, b in zip(s1, s2)))
    base1, base2 = random_array(rng, s1, dtype), random_array(rng, s2, dtype)
    in1, in2 = LAYOUTS[layout1](base1), LAYOUTS[layout2](base2)
    plain1, plain2 = np.array(in1), np.array(in2)
    assert_close(_call(name, in1, in2, mode=mode), _reference(name, plain1, plain2, mode=mode), plain1, plain2)
    np.testing.assert_array_equal(in1, plain1)
    np.testing.assert_array_equal(in2, plain2)


# ==========================================================================
# concurrency


def _thread_cases(rng):
    """Mixed calls: (label, function, args, kwargs). Every engine forced, auto, workers 1 and 2."""
    cases = []
    shapes = [((3000,), (41,)), ((9000,), (400,)), ((257,), (300,)), ((60, 70), (5, 9)), ((90, 80), (13, 11))]
    dtypes = ["float64", "float32", "complex128", "int16"]
    for (s1, s2), dtype in zip(shapes * 2, dtypes * 3):
        x, h = random_array(rng, s1, dtype), random_array(rng, s2, dtype)
        for method in ("auto", "direct", "fft", "oa"):
            for workers in (1, 2):
                name = "correlate" if (len(cases) % 3 == 0) else "convolve"
                mode = ("full", "same", "valid")[len(cases) % 3]
                cases.append((f"{name}-{dtype}-{s1}-{method}-{mode}-w{workers}",
                              getattr(convkit, name), (x, h), {"mode": mode, "method": method, "workers": workers}))
        if dtype != "int16":
            for workers in (1, 2):
                cases.append((f"fftconvolve-{dtype}-{s1}-w{workers}", convkit.fftconvolve, (x, h),
                              {"workers": workers}))
                cases.append((f"oaconvolve-{dtype}-{s1}-w{workers}", convkit.oaconvolve, (x, h),
                              {"mode": "same", "workers": workers}))
        if len(s1) == 2:
            cases.append((f"convolve2d-{dtype}-{s1}", convkit.convolve2d, (x, h), {"boundary": "symm", "mode": "same"}))
    xb = rng.standard_normal((6, 5000))
    hb = rng.standard_normal((1, 301))
    cases.append(("fftconvolve-batch", convkit.fftconvolve, (xb, hb), {"axes": 1, "workers": 2}))
    xn = rng.standard_normal(30000)
    xn[[10, 20000]] = [np.nan, -np.inf]
    cases.append(("auto-nonfinite", convkit.convolve, (xn, rng.standard_normal(900)), {}))
    return cases


def _run_threads(target, n_threads, timeout):
    errors = []

    def wrapped(i):
        try:
            target(i)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append((i, exc))

    threads = [threading.Thread(target=wrapped, args=(i,), daemon=True) for i in range(n_threads)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + timeout
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()))
    alive = [t for t in threads if t.is_alive()]
    assert not alive, f"{len(alive)} threads still running after {timeout} s: deadlock or livelock"
    if errors:
        raise errors[0][1]


@pytest.fixture
def deterministic_plans():
    """FFTW plans stay at one effort so a shape's result does not change with its call count."""
    from convkit._engines import fft

    saved = fft.planner_policy()
    fft.set_planner_policy(measure_after=0)
    try:
        yield
    finally:
        fft.set_planner_policy(**saved)


def test_threads_match_serial_bitwise(rng, deterministic_plans):
    cases = _thread_cases(rng)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        serial = [func(*args, **kw) for _, func, args, kw in cases]
        serial2 = [func(*args, **kw) for _, func, args, kw in cases]
    for (label, *_), r1, r2 in zip(cases, serial, serial2):
        assert np.array_equal(r1, r2, equal_nan=True), f"{label}: two serial calls differ"
    rounds = 2
    results = {}

    def worker(i):
        order = list(range(len(cases))) * rounds
        random.Random(i).shuffle(order)
        for k in order:
            _, func, args, kw = cases[k]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                out = func(*args, **kw)
            if not (out.dtype == serial[k].dtype and np.array_equal(out, serial[k], equal_nan=True)):
                results.setdefault("mismatch", []).append((i, cases[k][0]))

    _run_threads(worker, 8, timeout=240)
    assert "mismatch" not in results, f"results differ from serial: {results['mismatch'][:5]}"
    total = 8 * rounds * len(cases)
    assert total >= 700  # hundreds of calls per run; the count goes in the report


def _rss() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_no_growth_over_10000_small_calls(rng):
    from convkit._engines import _fft_plans

    xs = [random_array(rng, (int(n),), "float64") for n in rng.integers(20, 400, 25)]
    hs = [random_array(rng, (int(k),), "float64") for k in rng.integers(2, 40, 25)]
    x2 = random_array(rng, (20, 30), "float32")
    h2 = random_array(rng, (3, 4), "float32")
    methods = ("auto", "direct", "fft", "oa")

    def burst(count):
        for i in range(count):
            x, h = xs[i % 25], hs[(i * 7) % 25]
            kind = i % 6
            if kind < 4:
                convkit.convolve(x, h, method=methods[kind])
            elif kind == 4:
                convkit.fftconvolve(x, h, mode="same")
            else:
                convkit.correlate2d(x2, h2, boundary="wrap")

    burst(600)  # warm: plans, JIT, memoised dtypes
    gc.collect()
    rss0 = _rss()
    tracemalloc.start()
    snap0 = tracemalloc.take_snapshot()
    burst(10_000)
    gc.collect()
    snap1 = tracemalloc.take_snapshot()
    tracemalloc.stop()
    traced = sum(s.size_diff for s in snap1.compare_to(snap0, "filename"))
    grown = _rss() - rss0
    assert traced < 2 << 20, f"Python allocations grew by {traced / 1e6:.1f} MB"
    assert grown < 40 << 20, f"RSS grew by {grown / 1e6:.1f} MB over 10,000 calls"
    stats = _fft_plans.pool_stats()
    policy = _fft_plans.planner_policy()
    assert stats["bytes"] <= policy["max_bytes"]
    assert stats["bundles"] <= stats["keys"] * policy["per_key"]


def test_plan_pool_is_bounded(rng):
    from convkit._engines import _fft_plans, fft

    saved = fft.planner_policy()
    fft.set_planner_policy(max_bytes=4 << 20, measure_after=0)
    try:
        for n in range(1000, 1300, 3):  # 100 distinct transform sizes
            convkit.fftconvolve(rng.standard_normal(n), rng.standard_normal(n // 3))
        stats = _fft_plans.pool_stats()
        assert stats["bytes"] <= 4 << 20, stats
        assert stats["keys"] < 100
    finally:
        fft.set_planner_policy(**saved)


PEAK_SCRIPT = """
import resource, sys, numpy as np, convkit
n, k, bad = 50_000_000, 2001, int(sys.argv[1])
rng = np.random.default_rng(0)
x = rng.standard_normal(n)
h = rng.standard_normal(k)
if bad:
    x[rng.choice(n, bad, replace=False)] = np.nan
convkit.convolve(x[:300_000], h)          # engines loaded, small plans made
method = convkit.choose_method(x, h).method
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
out = convkit.convolve(x, h)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(method, out.nbytes, after - before, (after - before) / out.nbytes)
"""


@pytest.mark.slow
@pytest.mark.parametrize("bad,bound", [(0, 1.5), (5, 2.25)])
def test_peak_memory_50M_samples(bad, bound):
    """A 50M-sample float64 auto convolution with K=2001 grows peak RSS by at most 1.5x its output
    (measured 1.00x); with 5 NaN samples the cleaned copy of the input adds 1x (measured 1.99x)."""
    proc = _python(PEAK_SCRIPT, str(bad), timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    method, nbytes, grown, ratio = proc.stdout.split()
    assert method != "direct"
    assert float(ratio) <= bound, f"50M x 2001 auto ({method}), {bad} NaN: peak RSS grew {int(grown) / 1e6:.0f} MB"


def test_check_output_fits():
    with pytest.raises(MemoryError, match=r"convkit: the output of shape \(137438953474,\) float64 needs 1\.0 TiB, "
                       r"more than this machine's [0-9.]+ [GT]iB of memory"):
        _memory.check_output_fits((2**40 // 8 + 2,), np.float64)
    # 2**64 elements * 16 bytes = 2**68 bytes: beyond int64, and format_bytes' largest unit is PiB.
    with pytest.raises(MemoryError, match=r"\(4294967296, 4294967296\) complex128 needs 262144\.0 PiB, more than"):
        _memory.check_output_fits((2**32, 2**32), np.complex128)
    _memory.check_output_fits((1000, 1000), np.float64)
    _memory.check_output_fits((0, 2**62), np.float64)
    assert _memory.physical_memory() is None or _memory.physical_memory() > 1 << 28
    assert _memory.format_bytes(25_120_000_000) == "23.4 GiB"


def test_check_output_fits_unknown_memory(monkeypatch):
    monkeypatch.setattr(_memory, "physical_memory", lambda: None)
    _memory.check_output_fits((2**50,), np.float64)  # cannot tell: let numpy decide


@pytest.mark.parametrize("name,dtype,ndim", [("convolve", "float64", 1), ("fftconvolve", "float64", 1),
                                              ("correlate", "complex64", 1), ("convolve", "int64", 1),
                                              ("convolve2d", "int16", 2), ("oaconvolve", "float32", 2)])
def test_impossible_output_refused_before_allocating(name, dtype, ndim, monkeypatch):
    """Refused in _problem.py before any pass over the inputs (an int64 call used to spend ~90 s in the
    integer bound check over 2**37 broadcast samples before numpy's MemoryError).

    Checked by structure, not by time: the integer bound check (the pass over the inputs) must not
    run, and the MemoryError must come from check_output_fits called by _problem.py's normalisation,
    so no dispatcher or engine frame is on the way."""
    def bound_check(*args):
        raise AssertionError("the integer bound check ran before the output size was checked")

    monkeypatch.setattr(problem, "fft_exact_for_integers", bound_check)
    shape = (2**40 // 8,) if ndim == 1 else (2**20, 2**18)
    huge = np.broadcast_to(np.ones((1,) * ndim, dtype=dtype), shape)
    refused = r"convkit: the output of shape \(.*\) \w+ needs [0-9.]+ TiB, more than"
    with pytest.raises(MemoryError, match=refused) as err:
        getattr(convkit, name)(huge, np.ones((3,) * ndim, dtype=dtype))
    frames = [Path(entry.path).name for entry in err.traceback]
    assert frames[-1] == "_memory.py" and frames[-2] == "_problem.py", frames



# ==========================================================================
# environment faults (subprocesses)


def _python(script, *args, env=None, timeout=300, cwd=None):
    full_env = dict(os.environ)
    full_env["PYTHONPATH"] = str(REPO) + os.pathsep + full_env.get("PYTHONPATH", "")
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                          env=full_env, timeout=timeout, cwd=cwd or str(REPO))


CHECK_SCRIPT = """
import warnings, numpy as np
warnings.simplefilter("always")
import convkit
rng = np.random.default_rng(0)
x = rng.standard_normal(6000); h = rng.standard_normal(300)
ref = np.convolve(x, h)
with warnings.catch_warnings(record=True) as caught:
    for m in {methods!r}:
        for _ in range(3):   # repeated calls of one shape: the same plan every time
            out = convkit.convolve(x, h, method=m)
            assert np.allclose(out, ref), m
print("ok")
for w in caught:
    print("WARNING", w.category.__name__, str(w.message))
"""


def test_unusable_numba_cache_dir_still_computes():
    """NUMBA_CACHE_DIR that cannot be created: Numba falls back to the next locator (the in-tree
    __pycache__), silently. Calls work."""
    proc = _python(CHECK_SCRIPT.format(methods=("direct", "auto")), env={"NUMBA_CACHE_DIR": "/dev/null/numba"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.startswith("ok")


def test_no_writable_numba_cache_anywhere(tmp_path):
    """A read-only install (no writable __pycache__, HOME and NUMBA_CACHE_DIR unusable): the direct engine
    must still import and compute, compiling in memory."""
    pkg = tmp_path / "site"
    shutil.copytree(REPO / "convkit", pkg / "convkit", ignore=shutil.ignore_patterns("__pycache__"))
    for d in [p for p in (pkg / "convkit").rglob("*") if p.is_dir()] + [pkg / "convkit"]:
        (d / "__pycache__").write_text("not a directory")
    # 2-D and above the tiny bound, so that the Numba direct engine runs (tiny 1-D calls run numpy.convolve)
    script = ("import numpy as np, convkit; "
              "print(convkit.convolve(np.ones((70, 70)), np.ones((3, 3)), method='direct')[1, :4])")
    env = {"NUMBA_CACHE_DIR": "/dev/null/numba", "HOME": "/dev/null/home", "XDG_CACHE_HOME": "/dev/null/cache",
           "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(pkg)}
    full_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    full_env.update(env)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=full_env,
                          timeout=600, cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "[2. 4. 6. 6.]" in proc.stdout
    assert "compiled in memory" in proc.stderr  # the one RuntimeWarning saying caching is off


MEASURE_SCRIPT = CHECK_SCRIPT.replace(
    "with warnings.catch_warnings(record=True) as caught:\n",
    "with warnings.catch_warnings(record=True) as caught:\n"
    "    from convkit._engines import fft\n"
    "    fft.warmup([((6000,), (300,), (0,), (6299,), (0,), 'float64')], measure=True)\n")


def test_corrupt_wisdom_file_is_not_read_by_default(tmp_path):
    """The deterministic default reads no wisdom: a corrupt file changes nothing."""
    wisdom = tmp_path / "wisdom.pickle"
    wisdom.write_bytes(b"\x80\x04 definitely not a pickle")
    proc = _python(CHECK_SCRIPT.format(methods=("fft", "oa")), env={"CONVKIT_FFTW_WISDOM_FILE": str(wisdom)})
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.startswith("ok") and "WARNING" not in proc.stdout


def test_corrupt_wisdom_file_warns_and_computes_when_measuring(tmp_path):
    wisdom = tmp_path / "wisdom.pickle"
    wisdom.write_bytes(b"\x80\x04 definitely not a pickle")
    proc = _python(MEASURE_SCRIPT.format(methods=("fft", "oa")),
                   env={"CONVKIT_FFTW_WISDOM_FILE": str(wisdom), "CONVKIT_FFTW_PLANNER": "measure"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.startswith("ok")
    assert "ignoring FFTW wisdom file" in proc.stdout


def test_unwritable_wisdom_file_warns_and_computes_when_measuring():
    proc = _python(MEASURE_SCRIPT.format(methods=("fft", "oa")),
                   env={"CONVKIT_FFTW_WISDOM_FILE": "/dev/null/convkit/wisdom.pickle",
                        "CONVKIT_FFTW_PLANNER": "measure"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.startswith("ok")
    assert "cannot save FFTW wisdom" in proc.stdout


@pytest.mark.parametrize("content", ["{not json", json.dumps({"version": 999}), "[]", ""])
def test_corrupt_profile_warns_and_computes(tmp_path, content):
    path = tmp_path / "profile.json"
    path.write_text(content)
    proc = _python(CHECK_SCRIPT.format(methods=("auto",)), env={"CONVKIT_PROFILE": str(path)})
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.startswith("ok")
    assert "ignoring" in proc.stdout and "profile" in proc.stdout


def test_profile_path_unreadable_or_unwritable(tmp_path, monkeypatch):
    monkeypatch.setenv("CONVKIT_PROFILE", str(tmp_path))  # a directory: unreadable as a file
    with pytest.warns(RuntimeWarning, match="ignoring unreadable profile"):
        consts = profile.load()
    assert consts == profile.DEFAULT_CONSTANTS
    with pytest.raises(OSError):
        profile.save(profile.DEFAULT_CONSTANTS, path="/dev/null/convkit/profile.json")


PYFFTW_MISSING = """
import sys
sys.modules["pyfftw"] = None      # import pyfftw -> ImportError
import numpy as np, convkit
x = np.arange(50.0); h = np.ones(3)
print("direct", convkit.convolve(x, h, method="direct")[:3])
print("convolve2d", convkit.convolve2d(x.reshape(5, 10), np.ones((2, 2)))[0, :3])
print("tiny-auto", convkit.convolve(x[:10], h))
try:
    convkit.convolve(np.ones(100000), np.ones(1000))
except ImportError as exc:
    print("auto-error", type(exc).__name__, exc)
try:
    convkit.fftconvolve(x, h)
except ImportError as exc:
    print("fft-error", type(exc).__name__, exc)
"""


@pytest.fixture(scope="module")
def without_pyfftw():
    return _python(PYFFTW_MISSING)


def test_without_pyfftw_direct_still_works(without_pyfftw):
    proc = without_pyfftw
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "direct [0. 1. 3.]" in proc.stdout
    assert "tiny-auto" in proc.stdout
    assert "fft-error" in proc.stdout  # an ImportError, not a crash


def test_without_pyfftw_clear_import_error(without_pyfftw):
    proc = without_pyfftw
    assert proc.returncode == 0, proc.stderr[-3000:]
    for line in proc.stdout.splitlines():
        if line.startswith(("auto-error", "fft-error")):
            assert "pip install pyfftw" in line, line
