"""The engines' buffers: a result's memory is lent again only once no array reaches it; scratch
is lent and given back explicitly.

The first version recycled results by reading ``sys.getrefcount`` and evicted
pooled buffers with ``list.remove``, which compares arrays with ``==``: once
the pool was full, every large call failed for good. These tests replay that
sequence and run random sequences of calls against an independent oracle.
"""

from __future__ import annotations

import collections
import gc

import numpy as np
import pytest
import scipy.signal as ss
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

import convkit
from convkit._engines import _buffers

from _helpers import _holds_only_itself


def test_issue_sequence_no_longer_crashes():
    """The reported sequence: keep two large direct results, then convolve a bigger image."""
    rng = np.random.default_rng(0)
    img = rng.random((2048, 4096))
    k1 = rng.random((5, 5))
    a = convkit.convolve(img, k1, mode="same", method="direct")
    b = convkit.convolve(img, np.ones((9, 9)) / 81, mode="same", method="direct")
    big = rng.random((4096, 4096))
    c = convkit.convolve(big, k1, mode="same", method="direct")
    d = convkit.convolve2d(big, k1, mode="same")
    assert c.shape == d.shape == big.shape
    # spot checks against scipy on small windows (the full scipy call would take seconds)
    window = big[:40, :40]
    np.testing.assert_allclose(c[2:38, 2:38], ss.convolve(window, k1, "same", method="direct")[2:38, 2:38],
                               rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(d, c, rtol=1e-12, atol=1e-12)
    assert a.shape == b.shape == img.shape


def test_scratch_is_released_and_reused():
    other = np.zeros(10)
    shape = (1 << 16,)  # 512 KiB of float64: pooled
    with _buffers.scratch(shape, np.float64, other) as s1:
        s1[:] = 1.0
        first = s1.base
    assert _buffers.idle_bytes() >= s1.nbytes
    with _buffers.scratch(shape, np.float64, other) as s2:
        # the same memory is lent again: nothing else holds it
        assert s2.base is first
        with _buffers.scratch(shape, np.float64, other) as s3:
            # while s2 is lent, a second borrower never gets it
            assert not np.shares_memory(s2, s3)


def test_scratch_is_released_on_error():
    before = _buffers.idle_bytes()
    with pytest.raises(RuntimeError):
        with _buffers.scratch((1 << 16,), np.float64, np.zeros(1)):
            raise RuntimeError("boom")
    assert _buffers.idle_bytes() >= before


def test_empty_apart_offsets_and_owns_memory():
    other = np.zeros(1 << 15)
    out = _buffers.empty_apart((300, 300), np.dtype(np.float64), other)
    assert out.flags.c_contiguous and out.shape == (300, 300)
    # 2 KiB apart modulo 4 KiB, rounded down to a cache line
    assert 2048 - 64 < (out.ctypes.data - other.ctypes.data) % 4096 <= 2048
    again = _buffers.empty_apart((300, 300), np.dtype(np.float64), other)
    assert not np.shares_memory(out, again)


def test_a_result_is_reused_only_when_no_array_reaches_it():
    """Views and memoryviews of a large result keep its memory from the pool; once all are
    gone, a later result of that size gets that memory again (no fresh pages)."""
    other = np.zeros(10)
    shape = (1 << 16,)  # 512 KiB of float64: pooled
    first = _buffers.empty_apart(shape, np.dtype(np.float64), other)
    raws = [first.base.base.obj]   # the result's base is made over a memoryview of a raw buffer
    view = first[::3]
    del first
    second = _buffers.empty_apart(shape, np.dtype(np.float64), other)
    assert not np.shares_memory(second, view)
    raws.append(second.base.base.obj)
    exported = memoryview(second)
    del second
    third = _buffers.empty_apart(shape, np.dtype(np.float64), other)
    assert not np.shares_memory(third, view) and not np.shares_memory(third, np.asarray(exported))
    raws.append(third.base.base.obj)
    del view, exported, third
    again = _buffers.empty_apart(shape, np.dtype(np.float64), other)
    assert any(again.base.base.obj is raw for raw in raws)
    # and it holds no more memory than a fresh result would (the engines' contract check)
    assert _holds_only_itself(again)
    assert not _holds_only_itself(_buffers.empty_apart((1 << 15,), np.dtype(np.float64), other)[:100])


def test_dropped_results_keep_at_most_the_cap_idle(monkeypatch):
    """Result buffers no array reaches are kept for reuse only up to _RESULTS_CAP_BYTES in all."""
    monkeypatch.setattr(_buffers, "_RESULTS_CAP_BYTES", 3 << 20)
    monkeypatch.setattr(_buffers, "_results", [])
    other = np.zeros(10)
    for n in range(8):   # eight dropped 1 MiB results of different sizes (no reuse between them)
        _buffers.empty_apart(((1 << 17) + 64 * n,), np.dtype(np.float64), other)
    _buffers.empty_apart((10,), np.dtype(np.float64), other)
    idle = sum(b.nbytes for b, owner in _buffers._results if owner() is None)
    # the newest buffer may stay above the cap (it is kept while its result lives)
    assert idle <= (3 << 20) + (1 << 20) + 8192


# --------------------------------------------------------------------------
# random sequences of calls, results kept or dropped, against an oracle
# --------------------------------------------------------------------------

def _oracle(x, h, mode):
    """Direct convolution in float64 / complex128 by shifted adds (independent of convkit)."""
    wide = np.complex128 if (x.dtype.kind == "c" or h.dtype.kind == "c") else np.float64
    full_shape = tuple(n + k - 1 for n, k in zip(x.shape, h.shape))
    full = np.zeros(full_shape, wide)
    for j in np.ndindex(*h.shape):
        region = tuple(slice(jj, jj + n) for jj, n in zip(j, x.shape))
        full[region] += x.astype(wide) * h[j]
    if mode == "full":
        return full
    start = tuple((k - 1) // 2 for k in h.shape)  # 'same' for x at least as large as h
    return full[tuple(slice(s, s + n) for s, n in zip(start, x.shape))]


SHAPES_2D = [(300, 301), (520, 257), (64, 1030), (700, 129)]
KERNELS_2D = [(3, 3), (5, 5), (9, 9), (1, 7), (7, 1), (4, 6)]


class CallSequence(RuleBasedStateMachine):
    """Keeps some results, drops others, and checks that kept ones never change."""

    @initialize()
    def setup(self):
        self.rng = np.random.default_rng(5)
        self.kept = []
        # small pool caps make eviction happen within a few calls
        self._caps = _buffers._POOL_CAP_BYTES, _buffers._RESULTS_CAP_BYTES
        _buffers._POOL_CAP_BYTES = _buffers._RESULTS_CAP_BYTES = 4 << 20

    def teardown(self):
        _buffers._POOL_CAP_BYTES, _buffers._RESULTS_CAP_BYTES = self._caps

    @rule(shape=st.sampled_from(SHAPES_2D), kshape=st.sampled_from(KERNELS_2D),
          dtype=st.sampled_from(["float64", "float32", "complex128"]),
          separable=st.booleans(), keep=st.booleans(), func=st.sampled_from(["convolve", "convolve2d"]))
    def call_2d(self, shape, kshape, dtype, separable, keep, func):
        x = self.rng.standard_normal(shape).astype(dtype)
        if separable:
            h = np.outer(self.rng.standard_normal(kshape[0]), self.rng.standard_normal(kshape[1]))
        else:
            h = self.rng.standard_normal(kshape)
        h = h.astype(dtype)
        if func == "convolve":
            out = convkit.convolve(x, h, mode="same", method="direct")
        else:
            out = convkit.convolve2d(x, h, mode="same")
        self._check_and_keep(out, x, h, "same", keep)

    @rule(n=st.sampled_from([40_000, 70_001, 100_000]), k=st.sampled_from([1, 5, 33]),
          dtype=st.sampled_from(["complex128", "complex64", "float64"]), keep=st.booleans())
    def call_1d(self, n, k, dtype, keep):
        x = self.rng.standard_normal(n).astype(dtype)
        h = self.rng.standard_normal(k).astype(dtype)
        if dtype.startswith("complex"):
            x = x + 1j * self.rng.standard_normal(n).astype(dtype)
        out = convkit.convolve(x, h, method="direct")
        self._check_and_keep(out, x, h, "full", keep)

    @rule()
    def drop_oldest(self):
        if self.kept:
            self.kept.pop(0)

    def _check_and_keep(self, out, x, h, mode, keep):
        ref = _oracle(x, h, mode)
        tol = 1e-4 if out.dtype in (np.float32, np.complex64) else 1e-11
        scale = np.abs(x).sum() * np.abs(h).max() if x.size < 1000 else np.abs(ref).max()
        assert out.shape == ref.shape
        assert np.abs(out - ref).max() <= tol * max(scale, 1.0)
        if keep:
            self.kept.append((out, out.copy()))

    @invariant()
    def kept_results_unchanged(self):
        for out, copy in getattr(self, "kept", []):
            np.testing.assert_array_equal(out, copy)


CallSequence.TestCase.settings = settings(max_examples=8, stateful_step_count=10, deadline=None)
test_call_sequences = CallSequence.TestCase


# --------------------------------------------------------------------------
# lasting buffers (FFT plan bundles' transform buffers) from huge-page slabs
# --------------------------------------------------------------------------


@pytest.fixture
def fresh_slabs(monkeypatch):
    """An empty set of slabs for the test (the process's own are left alone), small ones so
    that a test fills several."""
    monkeypatch.setattr(_buffers, "_slabs", [])
    monkeypatch.setattr(_buffers, "_freed", collections.deque())
    monkeypatch.setattr(_buffers, "_SLAB_BYTES", 4 << 20)
    gc.collect()


def _span(x: np.ndarray) -> tuple[int, int]:
    return x.ctypes.data, x.ctypes.data + x.nbytes


def test_lasting_arrays_are_aligned_and_disjoint(fresh_slabs):
    arrays = [_buffers.lasting(shape, dt) for shape, dt in
              [((1000, 33), np.float64), ((70001,), np.complex128), ((5,), np.float32), ((300, 301), np.float64)]]
    for a, (shape, dt) in zip(arrays, [((1000, 33), np.float64), ((70001,), np.complex128), ((5,), np.float32),
                                       ((300, 301), np.float64)]):
        assert a.shape == shape and a.dtype == dt and a.flags.c_contiguous and a.flags.writeable
        assert a.ctypes.data % 64 == 0
    spans = sorted(_span(a) for a in arrays)
    assert all(hi <= lo for (_, hi), (lo, _) in zip(spans, spans[1:]))
    for i, a in enumerate(arrays):
        a[...] = i
    for i, a in enumerate(arrays):
        assert (a == i).all()


def test_a_lasting_range_is_reused_only_once_no_view_reaches_it(fresh_slabs):
    first = _buffers.lasting((1 << 16,), np.float64)
    where = _span(first)
    view = first[10:20]
    del first
    gc.collect()
    second = _buffers.lasting((1 << 16,), np.float64)
    assert not np.shares_memory(second, view)          # a view keeps the range carved
    del view, second
    gc.collect()
    again = _buffers.lasting((1 << 16,), np.float64)
    assert _span(again)[0] == where[0]       # first fit: the freed, coalesced range
    assert _buffers.lasting_stats()["live"] == 1


def test_slabs_grow_for_large_arrays_and_empty_ones_are_freed(fresh_slabs):
    big = _buffers.lasting((5 << 20,), np.uint8)        # over the (test's) 4 MiB slab
    small = [_buffers.lasting((1 << 20,), np.uint8) for _ in range(6)]   # more than one slab
    stats = _buffers.lasting_stats()
    assert stats["live"] == 7 and len(stats["slabs"]) >= 3 and max(stats["slabs"]) == 6 << 20
    del big, small
    gc.collect()
    stats = _buffers.lasting_stats()
    # every slab is free again; one of the default size is kept for the next bundle
    assert stats == {"slabs": [4 << 20], "carved": 0, "live": 0}


class LastingSequence(RuleBasedStateMachine):
    """Random carvings and drops against an oracle: live arrays never overlap, keep their
    contents, and every range comes back (nothing carved once all are dropped)."""

    @initialize()
    def setup(self):
        self._saved = _buffers._slabs, _buffers._freed, _buffers._SLAB_BYTES
        _buffers._slabs, _buffers._freed, _buffers._SLAB_BYTES = [], collections.deque(), 2 << 20
        self.live = []

    def teardown(self):
        self.live = []
        gc.collect()
        assert _buffers.lasting_stats()["carved"] == 0
        _buffers._slabs, _buffers._freed, _buffers._SLAB_BYTES = self._saved

    @rule(n=st.integers(1, 600_000), fill=st.integers(0, 255))
    def carve(self, n, fill):
        a = _buffers.lasting((n,), np.uint8)
        a[:] = fill
        self.live.append((a, fill))

    @rule(i=st.integers(0, 50))
    def drop(self, i):
        if self.live:
            self.live.pop(i % len(self.live))
            if i % 3 == 0:
                gc.collect()

    @invariant()
    def disjoint_and_intact(self):
        spans = sorted(_span(a) for a, _ in getattr(self, "live", []))
        assert all(hi <= lo for (_, hi), (lo, _) in zip(spans, spans[1:]))
        assert all((a == fill).all() for a, fill in getattr(self, "live", []))


LastingSequence.TestCase.settings = settings(max_examples=20, stateful_step_count=30, deadline=None)
test_lasting_sequences = LastingSequence.TestCase


FFT_CASES = [((20000,), (1000,), None), ((77777,), (5001,), None), ((16384,), (300,), None),
             ((64, 4096), (1, 129), -1), ((300, 301), (40, 9), None)]


@pytest.mark.parametrize("a_shape, b_shape, axes", FFT_CASES)
def test_fft_bits_do_not_depend_on_where_bundle_buffers_lie(monkeypatch, a_shape, b_shape, axes):
    """The same bits with the bundle's buffers from the slabs, at another offset in them, and
    from pyFFTW's own allocator (FFTW plans depend on the alignment class only)."""
    from convkit._engines import _fft_plans

    rng = np.random.default_rng(7)
    a, b = rng.standard_normal(a_shape), rng.standard_normal(b_shape)

    def run():
        _fft_plans.clear_plans()
        return convkit.fftconvolve(a, b, axes=axes)

    first = run()
    shift = _buffers.lasting((12345,), np.float64)     # later carvings start elsewhere
    second = run()
    monkeypatch.setattr(_buffers, "LASTING_MIN_BYTES", 1 << 62)   # every buffer from pyFFTW
    third = run()
    del shift
    assert first.tobytes() == second.tobytes() == third.tobytes()


def _thp_on() -> bool:
    """Transparent huge pages on, and numpy advising its large allocations for them."""
    try:
        with open("/sys/kernel/mm/transparent_hugepage/enabled") as fh:
            on = "[never]" not in fh.read()
    except OSError:
        return False
    core = getattr(np, "_core", None) or np.core
    return on and bool(getattr(core.multiarray, "_get_madvise_hugepage", lambda: False)())


@pytest.mark.skipif(not _thp_on(), reason="no transparent huge pages on this machine")
def test_a_fresh_slab_is_touched_in_huge_pages(fresh_slabs):
    """Writing 1 MiB of a new slab costs a huge page fault or two, not 256 small ones (the
    slab's start must be 2 MiB aligned in an allocation numpy advised for huge pages)."""
    import resource

    a = _buffers.lasting((1 << 17,), np.float64)
    before = resource.getrusage(resource.RUSAGE_THREAD).ru_minflt
    a[:] = 1.0
    assert resource.getrusage(resource.RUSAGE_THREAD).ru_minflt - before < 32
