"""convkit._engines.fft against an independent oracle (scipy direct, float64/complex128).

Covers regions (full/same/valid/random), every dtype, 1-3 dims, broadcast
batch axes, strided/read-only inputs, aliasing, threads, the plan pool's
planner policy and wisdom persistence.
"""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading

import numpy as np
import pytest

pyfftw = pytest.importorskip("pyfftw")

from convkit import _tuning  # noqa: E402
from convkit._engines import _fft_plans as plans  # noqa: E402
from convkit._engines import _fft_sizes as sizes  # noqa: E402
from convkit._engines import (
    fft,  # noqa: E402
    overlap,  # noqa: E402
)

from _helpers import oracle  # noqa: E402
from _helpers import random_array as rand  # noqa: E402

DTYPES = ["float32", "float64", "complex64", "complex128"]
TOL = {"f": 1e-5, "d": 1e-12, "F": 1e-5, "D": 1e-12}


# ---------------------------------------------------------------------------
# oracle and tolerance
# ---------------------------------------------------------------------------

def check(out, a, b, axes, shape, start):
    assert out.shape == tuple(shape)
    assert out.dtype == a.dtype
    assert out.flags.c_contiguous and out.flags.owndata
    ref = oracle(a, b, axes, shape, start)
    err = np.linalg.norm(out.astype(ref.dtype) - ref)
    tol = TOL[a.dtype.char]
    if err <= tol * np.linalg.norm(ref):
        return
    # tolerance rule for cancellation: error scales with the inputs
    eps = np.finfo(a.dtype).eps
    atol = 8 * eps * np.abs(a).sum() * np.abs(b).max()
    assert np.abs(out - ref).max() <= atol, (err, np.linalg.norm(ref), atol)


def regions(n, k, rng):
    """(start, size) pairs: full, same, valid, and random sub-ranges."""
    F = n + k - 1
    r = [(0, F), ((k - 1) // 2, n), (min(n, k) - 1, abs(n - k) + 1)]
    for _ in range(2):
        s = int(rng.integers(0, F))
        r.append((s, int(rng.integers(1, F - s + 1))))
    return r


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Wisdom goes to a tmp dir; policy and pool restored afterwards."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("CONVKIT_FFTW_WISDOM_FILE", raising=False)
    monkeypatch.delenv("CONVKIT_FFTW_WISDOM", raising=False)
    monkeypatch.delenv("CONVKIT_FFTW_PLANNER", raising=False)
    saved_w = dict(plans._wisdom)
    plans._wisdom.update(enabled=None, loaded=False, path=None)
    yield
    plans._wisdom.clear()
    plans._wisdom.update(saved_w)
    plans._wisdom["loaded"] = True      # do not re-read the user's file mid-run
    plans.reset_planner_policy()
    plans.clear_plans()


# ---------------------------------------------------------------------------
# values
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n,k", [(1, 1), (1, 7), (9, 1), (50, 7), (7, 50), (300, 300),
                                 (1000, 129), (257, 1000), (4096, 4000)])
def test_1d_regions(dtype, n, k):
    rng = np.random.default_rng(n * 1000 + k)
    a, b = rand(rng, n, dtype), rand(rng, k, dtype)
    for s, m in regions(n, k, rng):
        check(fft.convolve(a, b, (0,), (m,), (s,)), a, b, (0,), (m,), (s,))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("sa,sb", [((30, 17), (5, 9)), ((6, 40), (11, 3)), ((4, 5), (13, 12)),
                                   ((1, 33), (1, 4)), ((9, 8, 7), (3, 4, 5)),
                                   ((3, 20, 6), (5, 2, 9))])
def test_nd_regions(dtype, sa, sb):
    rng = np.random.default_rng(sum(sa) * 31 + sum(sb))
    a, b = rand(rng, sa, dtype), rand(rng, sb, dtype)
    axes = tuple(range(len(sa)))
    per_axis = [regions(n, k, rng) for n, k in zip(sa, sb)]
    for j in range(5):
        pick = [r[j % len(r)] if j < 3 else r[int(rng.integers(len(r)))] for r in per_axis]
        start = tuple(p[0] for p in pick)
        shape = tuple(p[1] for p in pick)
        check(fft.convolve(a, b, axes, shape, start), a, b, axes, shape, start)


@pytest.mark.parametrize("dtype", ["float64", "complex64"])
def test_batch_broadcast(dtype):
    rng = np.random.default_rng(3)
    # one kernel against many rows
    a, b = rand(rng, (6, 3, 101), dtype), rand(rng, (1, 1, 17), dtype)
    check(fft.convolve(a, b, (2,), (6, 3, 117), (0, 0, 0)), a, b, (2,), (6, 3, 117), (0, 0, 0))
    check(fft.convolve(b, a, (2,), (6, 3, 85), (0, 0, 16)), b, a, (2,), (6, 3, 85), (0, 0, 16))
    # outer-product broadcasting: batch axes split between the operands
    a, b = rand(rng, (4, 1, 30), dtype), rand(rng, (1, 3, 7), dtype)
    check(fft.convolve(a, b, (2,), (4, 3, 36), (0, 0, 0)), a, b, (2,), (4, 3, 36), (0, 0, 0))
    # batch axis in the middle, conv axes around it
    a, b = rand(rng, (12, 5, 9), dtype), rand(rng, (4, 1, 3), dtype)
    check(fft.convolve(a, b, (0, 2), (15, 5, 9), (0, 0, 1)), a, b, (0, 2), (15, 5, 9), (0, 0, 1))


def test_kernel_spectrum_once_per_call():
    """A broadcast kernel is transformed at its own (batch 1) shape."""
    rng = np.random.default_rng(4)
    a, b = rand(rng, (64, 500), "float64"), rand(rng, (1, 40), "float64")
    plans.clear_plans()
    fft.convolve(a, b, (1,), (64, 539), (0, 0))
    (key, pool), = plans._pool.items()
    bd = pool[0]
    assert bd.fwd_b.input_array.shape[0] == 1
    assert bd.fwd_a.input_array.shape[0] == 64


def test_empty_region_and_no_axes():
    a = np.arange(6.0).reshape(2, 3)
    b = np.full((1, 3), 2.0)
    out = fft.convolve(a, b, (), (2, 3), (0, 0))
    np.testing.assert_array_equal(out, a * 2)
    assert fft.convolve(a, b, (1,), (0, 3), (0, 0)).shape == (0, 3)


# ---------------------------------------------------------------------------
# layouts, inputs untouched, no aliasing
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", DTYPES)
def test_layouts_and_inputs_unchanged(dtype):
    rng = np.random.default_rng(5)
    base_a = rand(rng, (40, 70), dtype)
    base_b = rand(rng, (9, 12), dtype)
    variants = [
        (base_a[::-1, ::-2], base_b[:, ::-1]),                        # negative strides
        (base_a[::2, 5:60], base_b[1:, ::3]),                          # non-contiguous
        (np.asfortranarray(base_a), np.asfortranarray(base_b)),       # Fortran order
    ]
    ro_a, ro_b = base_a.copy(), base_b.copy()
    ro_a.flags.writeable = False
    ro_b.flags.writeable = False
    variants.append((ro_a, ro_b))                                      # read-only
    for a, b in variants:
        before = (a.copy(), b.copy())
        shape = (a.shape[0] + b.shape[0] - 1, a.shape[1] + b.shape[1] - 1)
        out = fft.convolve(a, b, (0, 1), shape, (0, 0))
        check(out, a, b, (0, 1), shape, (0, 0))
        np.testing.assert_array_equal(a, before[0])
        np.testing.assert_array_equal(b, before[1])


def test_results_do_not_alias():
    rng = np.random.default_rng(6)
    a, b = rand(rng, 1000, "float64"), rand(rng, 50, "float64")
    r1 = fft.convolve(a, b, (0,), (1049,), (0,))
    keep = r1.copy()
    r2 = fft.convolve(a, b, (0,), (1049,), (0,))
    r1[:] = 12345.0
    np.testing.assert_array_equal(r2, keep)
    assert not np.shares_memory(r1, r2)
    a2 = rand(rng, 1000, "float64")
    r3 = fft.convolve(a2, b, (0,), (1049,), (0,))
    np.testing.assert_array_equal(r2, keep)
    assert not np.shares_memory(r2, r3)


@pytest.mark.parametrize("workers", [2, 3])
def test_workers_same_bits(workers):
    """Threads split operands and fixed chunks only: bitwise the one-thread result."""
    rng = np.random.default_rng(7)
    a, b = rand(rng, (3, 200000), "float64"), rand(rng, (1, 5000), "float64")
    one = fft.convolve(a, b, (1,), (3, 200000), (0, 2499))
    many = fft.convolve(a, b, (1,), (3, 200000), (0, 2499), workers=workers)
    assert np.array_equal(many, one)
    for dtype in ("float32", "complex128"):
        a1, b1 = rand(rng, 300000, dtype), rand(rng, 30000, dtype)
        for s, m in [(0, 329999), (14999, 300000), (29999, 270001)]:
            one = fft.convolve(a1, b1, (0,), (m,), (s,))
            check(one, a1, b1, (0,), (m,), (s,)) if dtype == "float32" and s == 0 else None
            assert np.array_equal(fft.convolve(a1, b1, (0,), (m,), (s,), workers=workers), one)
            assert np.array_equal(fft.convolve(b1, a1, (0,), (m,), (s,), workers=workers),
                                  fft.convolve(b1, a1, (0,), (m,), (s,)))


def test_fft_engine_never_runs_overlap_blocks(monkeypatch):
    """fft and overlap do not import each other; a long axis with threads is still one transform."""
    import convkit._engines.fft as f
    import convkit._engines.overlap as o
    assert not hasattr(f, "overlap") and not hasattr(o, "_fft")
    monkeypatch.setattr(o, "_blocks", lambda *a, **k: (_ for _ in ()).throw(AssertionError("blocks")))
    rng = np.random.default_rng(71)
    a, b = rand(rng, 400_000, "float64"), rand(rng, 30_000, "float64")
    out = fft.convolve(a, b, (0,), (429_999,), (0,), workers=2)
    assert out.shape == (429_999,)


def test_concurrent_threads_match_serial():
    """8 threads x mixed shapes/dtypes give exactly the serial results."""
    plans.clear_plans()
    rng = np.random.default_rng(8)
    cases = []
    for dtype in DTYPES:
        cases.append((rand(rng, 3000, dtype), rand(rng, 101, dtype), (0,), (3000,), (50,)))
        cases.append((rand(rng, (33, 40), dtype), rand(rng, (5, 7), dtype), (0, 1), (37, 46), (0, 0)))
        cases.append((rand(rng, (4, 999), dtype), rand(rng, (1, 64), dtype), (1,), (4, 936), (0, 63)))
    serial = [fft.convolve(*c) for c in cases]
    errors, results = [], {}

    def worker(t):
        try:
            for rep in range(6):
                for j in np.random.default_rng(t * 100 + rep).permutation(len(cases)):
                    r = fft.convolve(*cases[j])
                    if not np.array_equal(r, serial[j]):
                        errors.append((t, j))
                    results.setdefault(t, []).append(r)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    # and no two returned arrays share memory
    flat = [r for rs in results.values() for r in rs[:6]]
    assert not any(np.shares_memory(flat[i], flat[i + 1]) for i in range(len(flat) - 1))


@pytest.fixture
def fftw_path(monkeypatch):
    """Short one-axis transforms run FFTW too (pocketfft takes them by default): for the tests
    of FFTW's plans, wisdom and settings on small, quick sizes."""
    monkeypatch.setattr(_tuning, "FFT_POCKET_MAX_LEN", {"real": 0, "complex": 0})


# ---------------------------------------------------------------------------
# planner policy and wisdom
# ---------------------------------------------------------------------------

def _efforts(n):
    return {b.effort for k, pool in plans._pool.items() if k[1] == (n,) for b in pool}


@pytest.mark.usefixtures("fftw_path")
def test_default_plans_are_estimate_and_write_no_wisdom(tmp_path):
    plans.clear_plans()
    a, b = np.ones(300), np.ones(11)
    n = sizes.fast_fft_len(310, real=True)
    first = fft.convolve(a, b, (0,), (310,), (0,))
    for _ in range(6):
        assert np.array_equal(fft.convolve(a, b, (0,), (310,), (0,)), first)
    assert _efforts(n) == {"FFTW_ESTIMATE"}
    # no wisdom file: the cache holds at most the ESTIMATE plan memo's records
    written = [p.relative_to(tmp_path / "cache") for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert all(p.parts[:2] == ("convkit", "fftw_plans") for p in written), written


def test_measure_wisdom_in_the_process_does_not_change_default_bits():
    """FFTW uses MEASURE wisdom for ESTIMATE requests; the default planner sets it aside."""
    rng = np.random.default_rng(19)
    a, b = rand(rng, 5000, "float64"), rand(rng, 700, "float64")
    plans.clear_plans()
    pyfftw.forget_wisdom()
    ref = fft.convolve(a, b, (0,), (5699,), (0,))
    plans.set_wisdom_persistence(False)
    fft.warmup([((5000,), (700,), (0,), (5699,), (0,), "float64")], measure=True)
    plans.clear_plans()
    assert np.array_equal(fft.convolve(a, b, (0,), (5699,), (0,)), ref)
    # the opt-in uses the measured plans (for bundles planned from now on)
    plans.set_planner_policy("measure")
    plans.clear_plans()
    fft.convolve(a, b, (0,), (5699,), (0,))
    assert _efforts(sizes.fast_fft_len(5699, real=True)) == {"FFTW_MEASURE"}
    plans.set_planner_policy("estimate")
    assert np.array_equal(fft.convolve(a, b, (0,), (5699,), (0,)), ref)
    pyfftw.forget_wisdom()


@pytest.mark.usefixtures("fftw_path")
def test_warmup_measure_forces_measure():
    plans.set_wisdom_persistence(False)
    pyfftw.forget_wisdom()
    plans.clear_plans()
    fft.warmup([((200,), (9,), (0,), (208,), (0,), "float64")], measure=True)
    assert _efforts(sizes.fast_fft_len(208, real=True)) == {"FFTW_MEASURE"}
    pyfftw.forget_wisdom()


@pytest.mark.usefixtures("fftw_path")
def test_wisdom_saved_and_loaded(tmp_path):
    path = tmp_path / "cache" / "convkit" / "fftw_wisdom.pickle"
    assert fft.wisdom_path() == str(path)
    plans.clear_plans()
    fft.warmup([((100,), (3,), (0,), (102,), (0,), "float64")], measure=True)
    assert path.exists()
    data = pickle.loads(path.read_bytes())
    assert data["format"] == "convkit-fftw-wisdom"
    plans._wisdom["loaded"] = False
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert fft.load_wisdom() is True
    pyfftw.forget_wisdom()


@pytest.mark.usefixtures("fftw_path")
@pytest.mark.parametrize("content", [b"not a pickle at all", pickle.dumps({"format": "other"}),
                                     pickle.dumps({"format": "convkit-fftw-wisdom", "version": 1,
                                                   "fftw": (b"garbage", b"", b"")})])
def test_corrupt_wisdom_file_warns_and_still_works(tmp_path, monkeypatch, content):
    path = tmp_path / "cache" / "convkit" / "fftw_wisdom.pickle"
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    plans.clear_plans()
    rng = np.random.default_rng(9)
    a, b = rand(rng, 777, "float64"), rand(rng, 31, "float64")
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")                 # the default policy never reads it
        check(fft.convolve(a, b, (0,), (807,), (0,)), a, b, (0,), (807,), (0,))
    monkeypatch.setenv("CONVKIT_FFTW_PLANNER", "measure")
    plans.clear_plans()
    with pytest.warns(RuntimeWarning, match="fftw_wisdom.pickle"):
        out = fft.convolve(a, b, (0,), (807,), (0,))
    check(out, a, b, (0,), (807,), (0,))


@pytest.mark.usefixtures("fftw_path")
def test_persistence_off_by_env_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("CONVKIT_FFTW_WISDOM", "0")
    assert not fft.wisdom_persistence()
    plans.clear_plans()
    fft.warmup([((40,), (5,), (0,), (44,), (0,), "float64")], measure=True)
    assert fft.save_wisdom() is False
    assert not (tmp_path / "cache").exists()
    pyfftw.forget_wisdom()


@pytest.mark.usefixtures("fftw_path")
def test_persistence_off_by_function_writes_nothing(tmp_path):
    fft.set_wisdom_persistence(False)
    plans.clear_plans()
    fft.warmup([((50,), (5,), (0,), (54,), (0,), "float64")], measure=True)
    assert not (tmp_path / "cache").exists()
    pyfftw.forget_wisdom()


_TRIGGERS = {
    "planner": lambda: fft.convolve(np.ones(300), np.ones(30), (0,), (329,), (0,)),
    "cache": lambda: fft.convolve(np.ones(300), np.ones(30), (0,), (329,), (0,)),
    "wisdom": lambda: fft.save_wisdom(),
    "threads": lambda: fft.convolve(np.ones(200_000), np.ones(3000), (0,), (202_999,), (0,), workers=2),
}


@pytest.mark.usefixtures("fftw_path")
@pytest.mark.parametrize("name,value,trigger", [("CONVKIT_FFTW_PLANNER", "fast", "planner"),
                                                ("CONVKIT_FFTW_WISDOM", "maybe", "wisdom"),
                                                ("CONVKIT_FFT_CACHE_MB", "-3", "cache"),
                                                ("CONVKIT_FFTW_THREADS", "2", "threads")])
def test_malformed_variables_name_themselves(monkeypatch, name, value, trigger):
    monkeypatch.setenv(name, value)
    plans.clear_plans()
    with pytest.raises(ValueError, match=name):
        _TRIGGERS[trigger]()


@pytest.mark.usefixtures("fftw_path")
def test_former_measure_after_setting_is_ignored(monkeypatch):
    monkeypatch.setenv("CONVKIT_FFTW_MEASURE_AFTER", "never")
    plans.clear_plans()
    for _ in range(4):
        fft.convolve(np.ones(300), np.ones(11), (0,), (310,), (0,))
    assert _efforts(sizes.fast_fft_len(310, real=True)) == {"FFTW_ESTIMATE"}


@pytest.mark.usefixtures("fftw_path")
def test_pool_is_bounded():
    plans.set_planner_policy(max_bytes=200_000)
    plans.clear_plans()
    for n in range(100, 4000, 300):
        fft.convolve(np.ones(n), np.ones(3), (0,), (n + 2,), (0,))
    stats = plans.pool_stats()
    assert stats["bytes"] <= 200_000
    assert stats["keys"] < 13 and all(plans._pool.values())      # no empty pools kept


# ---------------------------------------------------------------------------
# sizes and cost (pure Python)
# ---------------------------------------------------------------------------

def _smooth(m):
    for p in (2, 3, 5, 7):
        while m % p == 0:
            m //= p
    return m == 1


def test_next_fast_len():
    for n in list(range(1, 1200)) + [10007, 65537, 1000003, 2**20 + 1]:
        L = fft.next_fast_len(n)
        assert L >= n and _smooth(L)
        if n < 1200:
            assert all(not _smooth(m) for m in range(n, L))
        Lr = fft.next_fast_len(n, real=True)
        # real transforms take even lengths above 16 (odd r2c lengths plan slowly under ESTIMATE)
        assert Lr >= n and _smooth(Lr) and (Lr == L if L % 2 == 0 or L <= 16 else Lr % 2 == 0)
        if n >= 1000:
            assert Lr <= 1.03 * L
    assert fft.next_fast_len(1000003) == 1000188


def test_next_fast_len_on_both_sides_of_the_table():
    """Lengths are looked up in a table of 7-smooth lengths up to 2^34 and searched beyond it: against
    every 7-smooth length up to 2^36, made here from their exponents."""
    import bisect
    import itertools
    import random

    from convkit._engines import _fft_sizes as sizes

    top = 1 << 36
    smooth = sorted(2 ** a * 3 ** b * 5 ** c * 7 ** d for a, b, c, d in itertools.product(
        range(37), range(23), range(16), range(13)) if 2 ** a * 3 ** b * 5 ** c * 7 ** d <= top)
    even = [v for v in smooth if v % 2 == 0]
    edge = sizes._TABLE_MAX // 2
    rng = random.Random(5)
    ns = [rng.randrange(2, 1 << 35) for _ in range(400)] + [edge - 1, edge, edge + 1, 2 * edge, 2 * edge + 1]
    for n in ns:
        assert fft.next_fast_len(n) == smooth[bisect.bisect_left(smooth, n)], n
        assert sizes._smooth_at_least(n, even=True) == even[bisect.bisect_left(even, n)], n
    lo, hi = 2 * edge - 10**6, 2 * edge + 10**6        # a range across the table's end
    assert sizes._smooth_between(lo, hi) == tuple(v for v in smooth if lo <= v <= hi)


def test_sizes_and_costs_need_no_pyfftw():
    code = ("import sys, numpy as np; import convkit._engines._fft_sizes as s; "
            "print(s.fft_cost((1000,), (100,), (0,), (1099,), (0,), 'float64')); "
            "print(s.oa_cost((10**6,), (100,), (0,), (10**6+99,), (0,), 'float32')); "
            "print(s.block_plan(10**6, 100)); "
            "from convkit import _engines as E; "
            "g = E.Geometry((10**6,), (100,), (0,), (10**6+99,), (0,), np.dtype('float32'), 2); "
            "print(E.get('fft').cost(g), E.get('oa').cost(g), E.get('fft').supports(np.float32)); "
            "assert 'pyfftw' not in sys.modules and 'pyfftw.pyfftw' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                   cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_cost_follows_lengths():
    full = fft.cost((10**6,), (10**5,), (0,), (1_099_999,), (0,), "float64")
    valid = fft.cost((10**6,), (10**5,), (0,), (900_001,), (99_999,), "float64")
    assert 0 < valid < full
    assert fft.cost((1000,), (100,), (0,), (1099,), (0,), "complex128") > \
        fft.cost((1000,), (100,), (0,), (1099,), (0,), "float64")
    # broadcast kernel is transformed once: 64 rows cost ~ (64+1+64)/(3) of one row
    one = fft.cost((1, 1000), (1, 50), (1,), (1, 1049), (0, 0), "float64")
    many = fft.cost((64, 1000), (1, 50), (1,), (64, 1049), (0, 0), "float64")
    assert many == pytest.approx(one * 129 / 3)


def test_warmup():
    assert fft.warmup([((100,), (10,), (0,), (109,), (0,), "float32")], measure=False) == 1


def test_engine_import_is_cheap_and_shares_pyfftw():
    """The engine loads pyFFTW's core without pyfftw.interfaces (scipy, dask),
    and a later ``import pyfftw`` reuses the same module."""
    code = ("import sys, numpy as np; import convkit._engines.fft as f; "
            "f.convolve(np.ones(10), np.ones(3), (0,), (12,), (0,)); "
            "assert 'scipy' not in sys.modules and 'dask' not in sys.modules, "
            "sorted(m for m in sys.modules if m.startswith(('scipy', 'dask')))[:5]; "
            "import pyfftw; from convkit._engines import _fft_plans as p; "
            "assert pyfftw.FFTW is p.lib().FFTW")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                   cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_fftw_threads_opt_in(monkeypatch):
    """CONVKIT_FFTW_THREADS=1 path: FFTW-threaded whole transforms, same values."""
    monkeypatch.setenv("CONVKIT_FFTW_THREADS", "1")
    rng = np.random.default_rng(72)
    a, b = rand(rng, 300_000, "float64"), rand(rng, 250_000, "float64")
    one = fft.convolve(a, b, (0,), (549_999,), (0,))
    two = fft.convolve(a, b, (0,), (549_999,), (0,), workers=2)
    assert np.linalg.norm(two - one) <= 1e-12 * np.linalg.norm(one)
    assert any(k[6] == 2 for k in plans._pool if k[0] == "conv")       # threads in the key


def test_both_spectral_engines_share_one_base_and_import_each_other_not():
    """fft and oa share _spectral.SpectralEngine (dtypes, cost, empty results); neither imports the other."""
    import ast
    import inspect

    from convkit._engines import Geometry, _spectral

    for mod, other in ((fft, "overlap"), (overlap, "fft")):
        assert isinstance(mod.ENGINE, _spectral.SpectralEngine)
        tree = ast.parse(inspect.getsource(mod))
        imported = {a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for a in node.names}
        imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        assert other not in imported
    g = Geometry((4000,), (300,), (0,), (4299,), (0,), np.dtype("int64"), 1)
    # integer problems are priced as the float64 transforms they would run
    assert fft.ENGINE.cost(g).arith == fft.cost((4000,), (300,), (0,), (4299,), (0,), "float64")
    assert overlap.ENGINE.cost(g).arith == overlap.cost((4000,), (300,), (0,), (4299,), (0,), "float64")
    assert not fft.ENGINE.supports("int64") and overlap.ENGINE.supports("complex64")


@pytest.mark.parametrize("shape,real,separate", [
    ((2100,), True, True),          # mixed radix under FFT_SEPARATE_MAX: a buffer of its own
    ((8192,), True, True),          # a power of two below FFT_INPLACE_POW2_MIN
    ((16384,), True, False),        # a power of two from FFT_INPLACE_POW2_MIN: in place
    ((4, 16384), True, False),
    ((65536,), False, False),
    ((60000,), True, True),
    ((1 << 17,), True, False),      # above FFT_SEPARATE_MAX: in place whatever the length
])
def test_transform_buffers_layout_follows_the_size(shape, real, separate):
    from convkit._engines import _spectral

    bundle = plans.Bundle(("test-layout", shape), "FFTW_ESTIMATE")
    spec, data = _spectral.transform_buffers(bundle, shape, (len(shape) - 1,), np.dtype(np.float64 if real
                                                                                       else np.complex128), real)
    assert np.shares_memory(spec, data) is (not separate)
    assert data.shape == shape


# ---------------------------------------------------------------------------
# short one-axis transforms: pocketfft, no plan to make
# ---------------------------------------------------------------------------

@pytest.fixture
def no_fftw_plans(monkeypatch):
    """Planning an FFTW object fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("an FFTW plan was made")
    plans.clear_plans()
    monkeypatch.setattr(plans, "make_fftw", refuse)


@pytest.mark.usefixtures("no_fftw_plans")
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("a_shape,b_shape,axes", [((900,), (100,), (0,)), ((37,), (300,), (0,)),
                                                  ((6, 300), (1, 41), (1,)), ((250, 3), (31, 1), (0,)),
                                                  ((4, 1, 200), (1, 3, 17), (2,))])
def test_short_one_axis_transforms_make_no_fftw_plan(dtype, a_shape, b_shape, axes):
    """Up to FFT_POCKET_MAX_LEN (and FFT_POCKET_MAX_POINTS in all) pocketfft transforms: every
    region of the full convolution, batch axes broadcast, no FFTW plan made."""
    rng = np.random.default_rng(len(a_shape) * 7 + b_shape[-1])
    a, b = rand(rng, a_shape, dtype), rand(rng, b_shape, dtype)
    ax = axes[0]
    full = tuple(a_shape[i] + b_shape[i] - 1 if i == ax else max(a_shape[i], b_shape[i])
                 for i in range(len(a_shape)))
    for start_ax, len_ax in regions(a_shape[ax], b_shape[ax], rng):
        shape = full[:ax] + (len_ax,) + full[ax + 1:]
        start = (0,) * ax + (start_ax,) + (0,) * (len(a_shape) - ax - 1)
        check(fft.convolve(a, b, axes, shape, start), a, b, axes, shape, start)


@pytest.mark.parametrize("dtype", DTYPES)
def test_short_transform_prepared_kernel_gives_the_same_bits(dtype, no_fftw_plans):
    rng = np.random.default_rng(41)
    a, b = rand(rng, (3, 700), dtype), rand(rng, (1, 90), dtype)
    from convkit._engines import Geometry

    g = Geometry(a.shape, b.shape, (1,), (3, 789), (0, 0), np.dtype(dtype), 1)
    spec = fft.ENGINE.prepare(b, g)
    assert spec.backend == "pocket"
    assert np.array_equal(fft.ENGINE.convolve(a, spec, g), fft.ENGINE.convolve(a, b, g))
    assert np.array_equal(fft.ENGINE.convolve(a, b, g, workers=2), fft.ENGINE.convolve(a, b, g))


@pytest.mark.parametrize("a_shape,b_shape,dtype", [((1300,), (300,), "float64"),     # length 1600
                                                   ((900,), (200,), "complex128"),   # length 1120
                                                   ((8, 500), (1, 40), "float64")])  # 8 x 540 points
def test_longer_transforms_run_fftw(a_shape, b_shape, dtype):
    """Just past FFT_POCKET_MAX_LEN or FFT_POCKET_MAX_POINTS, FFTW's plans run (faster there)."""
    made = []
    real = plans.make_fftw
    plans.clear_plans()
    try:
        plans.make_fftw = lambda *a, **k: made.append(a[0].shape) or real(*a, **k)
        rng = np.random.default_rng(2)
        a, b = rand(rng, a_shape, dtype), rand(rng, b_shape, dtype)
        full = tuple(x + y - 1 for x, y in zip(a_shape, b_shape))
        out = fft.convolve(a, b, (len(a_shape) - 1,), full, (0,) * len(full))
    finally:
        plans.make_fftw = real
    assert made
    check(out, a, b, (len(a_shape) - 1,), full, (0,) * len(full))


_FORK_FFT_SCRIPT = """
import hashlib, multiprocessing as mp
import numpy as np
import convkit

def job(_):
    rng = np.random.default_rng(3)
    x, h = rng.standard_normal(300_000), rng.standard_normal(4097)
    img, k = rng.standard_normal((600, 600)), rng.standard_normal((61, 61))
    digest = hashlib.sha256()
    for r in (convkit.fftconvolve(x, h, workers=2), convkit.oaconvolve(x, h, workers=2),
              convkit.fftconvolve(img, k, "same", workers=2)):
        digest.update(r.tobytes())
    return digest.hexdigest()

if __name__ == "__main__":
    parent = job(0)                # threaded FFT calls in the parent first
    with mp.get_context("fork").Pool(2) as pool:
        children = pool.map(job, range(4))
    assert set(children) == {parent}, (parent, children)
    print("ok")
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork start method")
def test_a_forked_child_runs_threaded_ffts_after_the_parent_did(tmp_path):
    """The FFT engines' worker threads (``_fft_plans.run_parallel``) do not exist in a forked
    child: its first threaded FFT call once waited for ever on the parent's executor. The child
    makes its own, and gives the parent's bits."""
    script = tmp_path / "fork_after_fft_threads.py"
    script.write_text(_FORK_FFT_SCRIPT)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ, PYTHONPATH=root + os.pathsep + os.environ.get("PYTHONPATH", ""))
    try:
        res = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        pytest.fail("a fork pool after threaded FFT calls hung")
    assert res.returncode == 0 and res.stdout.strip().endswith("ok"), res.stderr[-3000:]
