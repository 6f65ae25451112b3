"""convkit._engines._fft_split: multi-axis FFT convolution as chunked separable passes.

Values against the direct oracle (every region kind, dtypes, 2-D, 3-D, batch axes and
broadcasting), the same bits at every ``workers`` and in fresh processes, a prepared kernel
spectrum giving the bits of the plain call, and the chunks following the shapes alone.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import numpy as np
import pytest

pytest.importorskip("pyfftw")

import scipy.signal  # noqa: E402

from convkit import _tuning  # noqa: E402
from convkit._engines import Geometry, _fft_split, _spectral, fft, overlap  # noqa: E402
from convkit._engines import _fft_plans as plans  # noqa: E402

from _helpers import LAYOUTS, check, keyed_rng, random_array, readonly  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Plan memo in a tmp dir; the pool emptied afterwards."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for name in ("CONVKIT_FFTW_PLANNER", "CONVKIT_FFTW_THREADS", "CONVKIT_FFT_SINGLE"):
        monkeypatch.delenv(name, raising=False)
    yield
    plans.clear_plans()


@pytest.fixture
def calls(monkeypatch):
    """Count the split path's calls (so a test cannot pass on another path)."""
    seen = []
    real = _fft_split.convolve

    def spy(*args, **kw):
        seen.append(1)
        return real(*args, **kw)
    monkeypatch.setattr(_fft_split, "convolve", spy)
    return seen


@pytest.fixture
def small(monkeypatch):
    """Small problems take the split path: no size floor, no scipy arithmetic."""
    monkeypatch.setattr(_fft_split, "SPLIT_MIN", 0)
    monkeypatch.setitem(_tuning.FFT_SCIPY_MAX_POINTS, "real", 0)
    monkeypatch.setitem(_tuning.FFT_SCIPY_MAX_POINTS, "complex", 0)


def _region(mode, a_shape, b_shape, axes):
    """(shape, start) of scipy's ``mode`` over ``axes`` (batch axes broadcast)."""
    shape, start = [], []
    for i, (n, k) in enumerate(zip(a_shape, b_shape)):
        if i not in axes:
            shape.append(max(n, k))
            start.append(0)
        elif mode == "full":
            shape.append(n + k - 1)
            start.append(0)
        elif mode == "same":
            shape.append(n)
            start.append((k - 1) // 2)
        else:
            shape.append(abs(n - k) + 1)
            start.append(min(n, k) - 1)
    return tuple(shape), tuple(start)


CASES = [((30, 41), (7, 12), (0, 1)), ((12, 9), (13, 20), (0, 1)), ((9, 10, 11), (4, 3, 5), (0, 1, 2)),
         ((5, 33, 20), (1, 6, 7), (1, 2)), ((4, 18, 3, 22), (4, 5, 1, 3), (1, 3)),
         ((1, 25, 16), (3, 4, 9), (1, 2)), ((17, 1), (4, 6), (0, 1))]


@pytest.mark.parametrize("dtype", ["float64", "complex128"])
@pytest.mark.parametrize("sa,sb,axes", CASES)
@pytest.mark.parametrize("mode", ["full", "same", "valid"])
def test_regions_against_the_oracle(small, calls, dtype, sa, sb, axes, mode):
    rng = keyed_rng("split", dtype, sa, sb, mode)
    a, b = random_array(rng, sa, dtype), random_array(rng, sb, dtype)
    if mode == "valid" and not all(a.shape[i] >= b.shape[i] for i in axes):
        a, b = b, a
    shape, start = _region(mode, a.shape, b.shape, axes)
    check(fft.convolve(a, b, axes, shape, start, workers=3), a, b, axes, shape, start)
    assert calls


@pytest.mark.parametrize("dtype", ["float32", "complex64"])
def test_native_single_precision(small, calls, monkeypatch, dtype):
    monkeypatch.setenv("CONVKIT_FFT_SINGLE", "native")
    rng = keyed_rng("split-single", dtype)
    a, b = random_array(rng, (40, 37), dtype), random_array(rng, (9, 14), dtype)
    check(fft.convolve(a, b, (0, 1), (48, 50), (0, 0), workers=2), a, b, (0, 1), (48, 50), (0, 0))
    assert calls


def test_random_sub_regions(small, calls):
    rng = keyed_rng("split-sub")
    a, b = random_array(rng, (50, 40), "float64"), random_array(rng, (21, 30), "float64")
    for _ in range(6):
        start = tuple(int(rng.integers(0, n + k - 1)) for n, k in zip(a.shape, b.shape))
        shape = tuple(int(rng.integers(1, n + k - s)) for n, k, s in zip(a.shape, b.shape, start))
        check(fft.convolve(a, b, (0, 1), shape, start), a, b, (0, 1), shape, start)
    assert len(calls) == 6


@pytest.mark.parametrize("dtype,sa,sb", [("float64", (300, 1030), (45, 38)),
                                         # complex: past scipy's arithmetic (2**20 points)
                                         ("complex128", (1000, 1060), (25, 31))])
def test_default_sizes_match_scipy_and_every_workers_gives_the_same_bits(calls, dtype, sa, sb):
    """A problem above the floor, at its own sizes: scipy.signal.fftconvolve's values within the
    fft engine's tolerance, and identical bits at workers 1, 2, 3 and 4."""
    rng = keyed_rng("split-workers", dtype)
    a, b = random_array(rng, sa, dtype), random_array(rng, sb, dtype)
    start = tuple((k - 1) // 2 for k in sb)
    outs = [fft.convolve(a, b, (0, 1), a.shape, start, workers=w) for w in (1, 2, 3, 4)]
    assert len(calls) == 4
    # one plan bundle served every thread count: its chunks do not depend on workers
    assert len([k for k in plans._pool if k[0] == "split"]) == 1
    for out in outs[1:]:
        assert np.array_equal(out, outs[0])
    ref = scipy.signal.fftconvolve(a, b, "same")
    assert np.linalg.norm(outs[0] - ref) <= 1e-12 * np.linalg.norm(ref)


@pytest.mark.parametrize("engine", [fft, overlap])
def test_prepared_spectrum_gives_the_plain_bits(small, calls, engine):
    """``prepare`` then ``convolve`` gives bitwise what the plain call gives (the spectrum is
    the same chunk plans' work), whatever ``workers``."""
    rng = keyed_rng("split-prepared")
    a, b = random_array(rng, (3, 60, 50), "float64"), random_array(rng, (1, 17, 9), "float64")
    g = Geometry(a.shape, b.shape, (1, 2), (3, 60, 50), (0, 8, 4), a.dtype, 1)
    plain = engine.ENGINE.convolve(a, b, g, workers=1)
    prepared = engine.ENGINE.prepare(b, g)
    assert getattr(prepared, "backend", "split") == "split"
    for w in (1, 3):
        assert np.array_equal(engine.ENGINE.convolve(a, prepared, g, workers=w), plain)
    assert calls


def test_only_lines_that_hold_data_or_are_kept_are_transformed(small):
    """The first forward pass transforms the operand's own lines, the last inverse pass the
    kept ones; the padding lines of the spectrum are zeroed instead."""
    a, b = np.ones((40, 50)), np.ones((7, 9))
    fft.convolve(a, b, (0, 1), (20, 50), (10, 0))
    (bd,) = [b_ for pool in plans._pool.values() for b_ in pool if b_.key[0] == "split"]
    rows = lambda chunks: sum(p.input_array.shape[0] for _, p in chunks)  # noqa: E731
    assert rows(bd.fwd_a.first) == 40 and rows(bd.fwd_b.first) == 7
    assert sum(c[0].input_array.shape[0] for c in bd.inv_last) == 20
    assert bd.B.shape[0] > 7 and bd.fwd_b.zero


@pytest.mark.parametrize("region,ax", [(((0, 1152), (0, 577)), 1), (((0, 1152), (0, 577)), 0),
                                       (((0, 7), (0, 300), (0, 129)), 2), (((0, 3), (5, 9)), 0)])
def test_chunks_cover_the_lines_once_and_align_inner_cuts(region, ax):
    order = list(range(len(region)))
    chunks = _fft_split._chunks(region, ax, order, 16)
    assert 1 <= len(chunks) <= _fft_split.MAX_PARTS
    cut = [i for i in range(len(region)) if len({c[i] for c in chunks}) > 1]
    assert len(cut) <= 1 and ax not in cut
    if cut:
        (c,) = cut
        bounds = [ch[c] for ch in chunks]
        assert bounds[0][0] == region[c][0] and bounds[-1][1] == region[c][1]
        assert all(x[1] == y[0] and x[0] < x[1] for x, y in zip(bounds, bounds[1:]))
        if c == order[-1]:
            assert all((lo - region[c][0]) * 16 % 64 == 0 for lo, _ in bounds)
    assert _fft_split._chunks(region, ax, order, 16) == chunks


def test_one_axis_and_small_problems_keep_their_paths(calls):
    rng = keyed_rng("split-not")
    fft.convolve(random_array(rng, 300_000, "float64"), random_array(rng, 999, "float64"), (0,), (300_998,), (0,))
    fft.convolve(random_array(rng, (60, 70), "float64"), random_array(rng, (9, 9), "float64"), (0, 1), (68, 78),
                 (0, 0))
    assert not calls
    assert not _fft_split.applies((0,), (1 << 20,), (1 << 20,))
    assert _fft_split.applies((0, 1), (512, 512), (8, 8))


SCRIPT = r"""
import hashlib, json, sys
import numpy as np
from convkit._engines import fft
rng = np.random.default_rng(7)
a, b = rng.standard_normal((520, 300)), rng.standard_normal((61, 40))
c, d = rng.standard_normal((6, 150, 160)) + 1j, rng.standard_normal((1, 30, 20)) + 0j
out = {}
for w in map(int, sys.argv[1:]):
    r1 = fft.convolve(a, b, (0, 1), (520, 300), (30, 20), workers=w)
    r2 = fft.convolve(c, d, (1, 2), (6, 179, 179), (0, 0, 0), workers=w)
    out[w] = hashlib.sha256(r1.tobytes() + r2.tobytes()).hexdigest()
print(json.dumps(out))
"""


def _fresh(tmp_path, tag, *workers, **variables):
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / tag), **variables)
    for name in ("CONVKIT_FFTW_PLANNER", "CONVKIT_FFTW_THREADS", "CONVKIT_FFTW_PLAN_MEMO_DIR"):
        env.pop(name, None)
    res = subprocess.run([sys.executable, "-c", SCRIPT, *map(str, workers)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr[-3000:]
    return json.loads(res.stdout.strip().splitlines()[-1])


def test_same_bits_in_fresh_processes(tmp_path):
    """Fresh processes with the plan memo empty, then warm, then off, at workers 1 to 4: one
    set of bits (the complex problem has over 2**20 points: FFTW, not scipy's arithmetic)."""
    empty = _fresh(tmp_path, "memo", 1, 2)
    warm = _fresh(tmp_path, "memo", 3, 1)
    off = _fresh(tmp_path, "off", 4, CONVKIT_FFTW_PLAN_MEMO="0")
    assert len(set(empty.values()) | set(warm.values()) | set(off.values())) == 1


def test_spectrum_backend_is_checked():
    rng = keyed_rng("split-spec")
    a, b = random_array(rng, (400, 400), "float64"), random_array(rng, (20, 20), "float64")
    spec = _spectral.whole_spectrum(b, a.shape, (0, 1), (419, 419), (0, 0))
    assert spec.backend == "split"
    ref = hashlib.sha256(fft.convolve(a, b, (0, 1), (419, 419), (0, 0)).tobytes()).hexdigest()
    got = _spectral.convolve_whole(a, spec, (0, 1), (419, 419), (0, 0), 2)
    assert hashlib.sha256(got.tobytes()).hexdigest() == ref


@pytest.mark.parametrize("dtype", ["float64", "complex128"])
def test_fused_and_separate_product_give_the_same_bits(small, monkeypatch, dtype):
    """The product runs within the column chunks (large spectra) or apart in row blocks (small
    ones): the same elementwise products, so the same bits, and both values right."""
    rng = keyed_rng("split-fuse", dtype)
    a, b = random_array(rng, (2, 70, 90), dtype), random_array(rng, (1, 13, 11), dtype)
    outs = []
    for fuse_min in (0, 1 << 62):
        monkeypatch.setattr(_fft_split, "FUSE_MIN", fuse_min)
        plans.clear_plans()
        outs.append(fft.convolve(a, b, (1, 2), (2, 82, 100), (0, 0, 0), workers=2))
        (bd,) = [b_ for pool in plans._pool.values() for b_ in pool if b_.key[0] == "split"]
        assert bd.fused == (fuse_min == 0)
    assert np.array_equal(outs[0], outs[1])
    check(outs[0], a, b, (1, 2), (2, 82, 100), (0, 0, 0))


@pytest.mark.parametrize("layout", sorted(set(LAYOUTS) - {"big-endian"}))   # the problem layer swaps bytes
def test_layouts_give_the_contiguous_bits_and_leave_inputs_alone(small, calls, layout):
    rng = keyed_rng("split-layout", layout)
    a0, b0 = random_array(rng, (3, 40, 30), "float64"), random_array(rng, (1, 9, 12), "float64")
    a, b = LAYOUTS[layout](a0), LAYOUTS[layout](b0)
    before = (np.array(a), np.array(b))
    ref = fft.convolve(before[0], before[1], (1, 2), (3, 48, 41), (0, 0, 0), workers=2)
    for x, y in ((a, b), (readonly(a), readonly(b))):
        assert np.array_equal(fft.convolve(x, y, (1, 2), (3, 48, 41), (0, 0, 0), workers=2), ref)
    assert np.array_equal(a, before[0]) and np.array_equal(b, before[1])
    assert len(calls) == 3


def test_public_call_with_swapped_bytes(calls):
    import convkit

    rng = keyed_rng("split-public")
    a, b = random_array(rng, (400, 400), "float64"), random_array(rng, (9, 9), "float64")
    native = convkit.fftconvolve(a, b, "same", workers=2)
    assert np.array_equal(convkit.fftconvolve(a.astype(">f8"), b.astype(">f8"), "same"), native)
    assert len(calls) == 2
    ref = scipy.signal.fftconvolve(a, b, "same")
    assert np.linalg.norm(native - ref) <= 1e-12 * np.linalg.norm(ref)
