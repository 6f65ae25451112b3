"""convkit._engines.overlap (overlap-save) against an independent oracle.

The fallback to the single-FFT engine is monkeypatched to raise wherever the
block path must run, so the block code cannot hand its work off quietly.
"""
from __future__ import annotations

import threading
import tracemalloc

import numpy as np
import pytest

pytest.importorskip("pyfftw")

from convkit._engines import _fft_plans as plans  # noqa: E402
from convkit._engines import _fft_sizes as sizes  # noqa: E402
from convkit._engines import overlap  # noqa: E402

from _helpers import oracle  # noqa: E402
from _helpers import random_array as rand  # noqa: E402

DTYPES = ["float32", "float64", "complex64", "complex128"]
TOL = {"f": 1e-5, "d": 1e-12, "F": 1e-5, "D": 1e-12}


def check(out, a, b, axes, shape, start):
    assert out.shape == tuple(shape) and out.dtype == a.dtype
    assert out.flags.c_contiguous and out.flags.owndata
    ref = oracle(a, b, axes, shape, start)
    err = np.linalg.norm(out.astype(ref.dtype) - ref)
    if err <= TOL[a.dtype.char] * np.linalg.norm(ref):
        return
    atol = 8 * np.finfo(a.dtype).eps * np.abs(a).sum() * np.abs(b).max()
    assert np.abs(out - ref).max() <= atol, (err, np.linalg.norm(ref), atol)


@pytest.fixture
def no_fallback(monkeypatch):
    def boom(*args, **kw):
        raise AssertionError("overlap engine fell back to the single-FFT engine")
    monkeypatch.setattr(overlap._spectral, "convolve_whole", boom)


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("CONVKIT_FFTW_PLANNER", raising=False)
    yield
    plans.reset_planner_policy()


def regions(n, k):
    F = n + k - 1
    return [(0, F), ((k - 1) // 2, n), (min(n, k) - 1, abs(n - k) + 1), (F // 3, F // 3),
            (F - 7, 7), (k + 3, max(1, n - 2 * k))]


# ---------------------------------------------------------------------------

@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("n,k", [(6000, 3), (20000, 300), (5000, 64), (20000, 701)])
@pytest.mark.parametrize("workers", [1, 2])
def test_1d_regions(dtype, n, k, workers, no_fallback):
    rng = np.random.default_rng(n + k)
    a, b = rand(rng, n, dtype), rand(rng, k, dtype)
    assert sizes.oa_layout((n,), (k,), (0,), (n + k - 1,), (0,), True) is not None
    for s, m in regions(n, k):
        if sizes.oa_layout((n,), (k,), (0,), (m,), (s,), dtype[0] == "f") is None:
            continue
        check(overlap.convolve(a, b, (0,), (m,), (s,), workers=workers), a, b, (0,), (m,), (s,))
        # either operand may be the longer one
        check(overlap.convolve(b, a, (0,), (m,), (s,), workers=workers), b, a, (0,), (m,), (s,))


@pytest.mark.parametrize("delta", [-1, 0, 1])
@pytest.mark.parametrize("k", [17, 256])
def test_block_boundaries(delta, k, no_fallback):
    """Signal lengths around multiples of the step, every region, tiny groups."""
    rng = np.random.default_rng(k + 10 * delta)
    plan = sizes.block_plan(50 * k, k)
    S = plan.step
    assert plan.fft_len - k + 1 == S
    for mult in (3, 8):
        n = mult * S + delta
        a, b = rand(rng, n, "float64"), rand(rng, k, "float64")
        for s, m in regions(n, k):
            if sizes.oa_layout((n,), (k,), (0,), (m,), (s,), True) is None:
                continue
            check(overlap.convolve(a, b, (0,), (m,), (s,)), a, b, (0,), (m,), (s,))


def test_many_groups_across_threads(monkeypatch, no_fallback):
    monkeypatch.setattr(sizes, "_GROUP_BYTES", 1)          # one block per group
    rng = np.random.default_rng(11)
    a, b = rand(rng, 30011, "float32"), rand(rng, 100, "float32")
    ref = overlap.convolve(a, b, (0,), (30110,), (0,))
    check(ref, a, b, (0,), (30110,), (0,))
    for w in (2, 3, 7):
        assert np.array_equal(overlap.convolve(a, b, (0,), (30110,), (0,), workers=w), ref)


@pytest.mark.parametrize("group_bytes", [1, 40000])
def test_row_chunks(monkeypatch, no_fallback, group_bytes):
    """Batch rows split into chunks (groups of R rows x G blocks), threads."""
    monkeypatch.setattr(sizes, "_GROUP_BYTES", group_bytes)
    rng = np.random.default_rng(18)
    for sa, sb in [((7, 5000), (1, 64)), ((7, 5000), (7, 64)), ((1, 5000), (7, 64)),
                   ((5, 3, 4000), (5, 1, 40))]:
        a, b = rand(rng, sa, "float64"), rand(rng, sb, "float32").astype("float64")
        ax = len(sa) - 1
        shape = tuple(max(x, y) for x, y in zip(sa[:-1], sb[:-1])) + (sa[-1] - sb[-1] + 1,)
        start = (0,) * ax + (sb[-1] - 1,)
        for w in (1, 3):
            check(overlap.convolve(a, b, (ax,), shape, start, workers=w), a, b, (ax,), shape, start)


@pytest.mark.parametrize("dtype", ["float64", "complex64"])
def test_multi_axis_and_batch(dtype, no_fallback, monkeypatch):
    # single precision over 2+ axes runs the whole transform by default (_fft_sizes.oa_whole):
    # the blocks must still be right for it
    monkeypatch.setattr(overlap, "oa_whole", lambda *args: False)
    rng = np.random.default_rng(12)
    # 2-D, blocked along the long axis, other axis transformed whole
    a, b = rand(rng, (30, 4000), dtype), rand(rng, (5, 40), dtype)
    for start, shape in [((0, 0), (34, 4039)), ((2, 19), (30, 4000)), ((4, 39), (26, 3961))]:
        check(overlap.convolve(a, b, (0, 1), shape, start, workers=2), a, b, (0, 1), shape, start)
    # long axis first (blocked axis is not the last one in memory)
    check(overlap.convolve(a.T, b.T, (0, 1), (4039, 34), (0, 0)), a.T, b.T, (0, 1), (4039, 34), (0, 0))
    # 3-D with a batch axis in the middle and a broadcast kernel
    a, b = rand(rng, (3, 4, 2500), dtype), rand(rng, (2, 1, 33), dtype)
    check(overlap.convolve(a, b, (0, 2), (4, 4, 2532), (0, 0, 0)), a, b, (0, 2), (4, 4, 2532), (0, 0, 0))
    # one kernel per row against one signal; and outer-product batching
    a, b = rand(rng, (1, 3000), dtype), rand(rng, (3, 50), dtype)
    check(overlap.convolve(a, b, (1,), (3, 3049), (0, 0)), a, b, (1,), (3, 3049), (0, 0))
    a, b = rand(rng, (3, 1, 3000), dtype), rand(rng, (1, 2, 50), dtype)
    check(overlap.convolve(a, b, (2,), (3, 2, 2951), (0, 0, 49)), a, b, (2,), (3, 2, 2951), (0, 0, 49))


@pytest.mark.parametrize("dtype", DTYPES)
def test_layouts_inputs_unchanged_no_alias(dtype, no_fallback):
    rng = np.random.default_rng(13)
    base = rand(rng, (3, 9000), dtype)
    kern = rand(rng, (1, 90), dtype)
    ro = base.copy()
    ro.flags.writeable = False
    for a, b in [(base[:, ::-1], kern[:, ::-1]), (base[:, ::2], kern[:, 1::2]),
                 (np.asfortranarray(base), np.asfortranarray(kern)), (ro, kern)]:
        before = a.copy(), b.copy()
        shape = (3, a.shape[1] + b.shape[1] - 1)
        r1 = overlap.convolve(a, b, (1,), shape, (0, 0))
        check(r1, a, b, (1,), shape, (0, 0))
        keep = r1.copy()
        r2 = overlap.convolve(a, b, (1,), shape, (0, 0))
        r1[...] = 7
        np.testing.assert_array_equal(r2, keep)
        np.testing.assert_array_equal(a, before[0])
        np.testing.assert_array_equal(b, before[1])


def test_concurrent_threads_match_serial():
    rng = np.random.default_rng(14)
    cases = [(rand(rng, 20000, d), rand(rng, 200, d), (0,), (20000,), (99,)) for d in DTYPES]
    cases += [(rand(rng, (2, 9000), d), rand(rng, (1, 64), d), (1,), (2, 9063), (0, 0)) for d in DTYPES]
    serial = [overlap.convolve(*c) for c in cases]
    errors = []

    def worker(t):
        try:
            for j in np.random.default_rng(t).permutation(len(cases) * 3) % len(cases):
                if not np.array_equal(overlap.convolve(*cases[j]), serial[j]):
                    errors.append((t, j))
        except Exception as exc:  # pragma: no cover
            errors.append(exc)

    ths = [threading.Thread(target=worker, args=(t,)) for t in range(8)]
    for th in ths:
        th.start()
    for th in ths:
        th.join()
    assert not errors


def test_kernel_longer_than_signal_and_fallback():
    rng = np.random.default_rng(15)
    a, b = rand(rng, 40, "float64"), rand(rng, 3000, "float64")
    check(overlap.convolve(a, b, (0,), (3039,), (0,)), a, b, (0,), (3039,), (0,))
    a, b = rand(rng, 100, "float64"), rand(rng, 90, "float64")     # one block: fft engine
    check(overlap.convolve(a, b, (0,), (189,), (0,)), a, b, (0,), (189,), (0,))
    a, b = rand(rng, 1, "complex64"), rand(rng, 1, "complex64")
    check(overlap.convolve(a, b, (0,), (1,), (0,)), a, b, (0,), (1,), (0,))


def test_peak_memory_is_output_plus_blocks():
    """No full-size temporaries: peak growth <= 1.5x the output size."""
    n, k = 2_000_000, 2001
    a = np.random.default_rng(16).standard_normal(n)
    b = np.random.default_rng(17).standard_normal(k)
    overlap.convolve(a[:100000], b, (0,), (100000 + k - 1,), (0,))     # plans exist
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        out = overlap.convolve(a, b, (0,), (n + k - 1,), (0,))
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    assert peak <= 1.5 * out.nbytes, (peak, out.nbytes)


@pytest.mark.parametrize("k", [10, 100, 200, 300, 500, 700, 1000, 2364, 5000, 10000])
def test_block_length_estimate_penalties(k):
    """Real block lengths from OA_REAL_RADIX_MIN_LEN are picked with the ESTIMATE plans' radix
    penalties, among 2^j, 3 * 2^j and 5 * 2^j only where they were measured; a pick under the
    plain radix penalties below that length stays (the predicted time per output is flat in L)."""
    from convkit import _tuning

    lo = max(2 * k, 16)
    cands = sizes._smooth_between(lo, max(lo, max(64 * k, 4096)))
    plain = min(cands, key=lambda L: sizes._block_time(L, k, True, 8, estimate=False))
    L = sizes._best_block_len(k, 10**7, True, 8)
    if plain < _tuning.OA_REAL_RADIX_MIN_LEN:
        assert L == plain
    else:
        assert L >= _tuning.OA_REAL_RADIX_MIN_LEN
        odd = L // (L & -L)
        assert odd in (1, 3, 5) or L > _tuning.FFT_SEPARATE_MAX
        # no candidate in the range is predicted faster (the order the discounts give)
        assert all(sizes._block_time(L, k, True, 8) <= sizes._block_time(c, k, True, 8)
                   for c in cands if c >= _tuning.OA_REAL_RADIX_MIN_LEN)
    # complex blocks keep the plain penalties
    assert sizes._best_block_len(k, 10**7, False, 16) == min(
        cands, key=lambda c: sizes._block_time(c, k, False, 16, estimate=False))


@pytest.mark.parametrize("real, itemsize", [(True, 8), (True, 4), (False, 16)])
def test_block_length_under_every_cap_is_the_cheapest_below_it(real, itemsize):
    """The single transform's length caps the candidate block lengths; a cap is a look-up in one
    table per kernel length: each pick must still be the rule's over the capped range, searched
    here over the candidates directly."""
    import random

    from convkit import _tuning

    rng = random.Random(11)
    for k in [1, 2, 3, 8, 100, 257, 1000, 2364] + [rng.randrange(1, 20000) for _ in range(12)]:
        lo = max(2 * k, 16)
        for cap in [1, lo - 1, lo, lo + 1, 64 * k, 10**7] + [rng.randrange(lo, 70 * k + 5000) for _ in range(8)]:
            hi = max(lo, min(max(64 * k, 4096), cap))
            cands = sizes._smooth_between(lo, hi) or (sizes.next_fast_len(lo),)
            want = min(cands, key=lambda L: sizes._block_time(L, k, real, itemsize, estimate=False))
            if real and want >= _tuning.OA_REAL_RADIX_MIN_LEN:
                want = min((L for L in cands if L >= _tuning.OA_REAL_RADIX_MIN_LEN),
                           key=lambda L: sizes._block_time(L, k, real, itemsize))
            assert sizes._best_block_len(k, cap, real, itemsize) == want, (k, cap)


def test_block_length_of_the_float32_cliff_cell():
    """1842436 x 2364 float32 'full' (issue #13's hunt): 5 * 4096-point blocks, which ran 12.2 ms
    against 32768's 15.1 (the plain penalties' pick) and scipy's oaconvolve 13.4 ms."""
    lay = sizes.oa_layout((1842436,), (2364,), (0,), (1842436 + 2363,), (0,), True, 8)
    assert lay[2].fft_len == 20480


def test_block_plan_and_cost():
    for n, k in [(10**5, 512), (4 * 10**6, 1024), (4 * 10**6, 8192), (10**6, 64)]:
        p = overlap.block_plan(n, k)
        assert p.step == p.fft_len - k + 1 > 0
        assert p.n_blocks == -(-(n + k - 1) // p.step)
        assert p.fft_len == sizes.next_fast_len(p.fft_len)
        assert 1 <= p.group <= p.n_blocks
    # the oa cost is cheaper than one big FFT for a long signal and short kernel
    full = (4 * 10**6 + 1023,)
    assert overlap.cost((4 * 10**6,), (1024,), (0,), full, (0,), "float64") < \
        sizes.fft_cost((4 * 10**6,), (1024,), (0,), full, (0,), "float64")
    # when one block covers it all, cost equals the fft engine's
    assert overlap.cost((100,), (90,), (0,), (189,), (0,), "float64") == \
        sizes.fft_cost((100,), (90,), (0,), (189,), (0,), "float64")


def _is_7_smooth(v):
    for p in (2, 3, 5, 7):
        while v % p == 0:
            v //= p
    return v == 1


@pytest.mark.parametrize("lo,hi", [(1, 100), (16, 4096), (4002, 128_064), (7, 6), (1000, 1000), (999, 1001)])
def test_smooth_between_lists_every_7_smooth_length(lo, hi):
    # the block-length candidates, against a brute-force scan of the range
    expect = tuple(v for v in range(max(lo, 1), hi + 1) if _is_7_smooth(v))
    assert sizes._smooth_between(lo, hi) == expect


@pytest.mark.parametrize("sa, sb, axes, mode", [
    ((20000,), (16,), (0,), "full"),                    # 128-sample blocks, many per group
    ((20000,), (300,), (0,), "same"),                   # 2048-sample blocks
    ((300, 200), (5, 7), (0, 1), "full"),               # 2-D: short rows of blocks
    ((7, 5000), (7, 64), (1,), "valid"),                # batched rows
])
def test_normalising_apart_gives_the_bits_of_normalising_while_copying(sa, sb, axes, mode, no_fallback, monkeypatch):
    """Short blocks are scaled over their whole buffer and then copied out (``OA_SCALE_APART_MAX_LEN``),
    longer ones multiplied while copied: the same products, so the same bits."""
    from convkit import _tuning

    rng = np.random.default_rng(41)
    a, b = rand(rng, sa, "float64"), rand(rng, sb, "float64")
    nd = len(sa)
    full = tuple(p + q - 1 if i in axes else max(p, q) for i, (p, q) in enumerate(zip(sa, sb)))
    region = {"full": (full, (0,) * nd),
              "same": (sa, tuple((q - 1) // 2 if i in axes else 0 for i, q in enumerate(sb))),
              "valid": (tuple(p - q + 1 if i in axes else max(p, q) for i, (p, q) in enumerate(zip(sa, sb))),
                        tuple(q - 1 if i in axes else 0 for i, q in enumerate(sb)))}[mode]
    out = {}
    for bound in (0, 1 << 20):   # never apart, always apart (where the blocks have a buffer of their own)
        monkeypatch.setattr(_tuning, "OA_SCALE_APART_MAX_LEN", bound)
        plans.clear_plans()      # the rule is fixed when a group's plans are made
        out[bound] = overlap.convolve(a, b, axes, *region)
        check(out[bound], a, b, axes, *region)
    plans.clear_plans()
    assert out[0].tobytes() == out[1 << 20].tobytes()
