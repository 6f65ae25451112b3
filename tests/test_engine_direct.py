"""Tests of the direct (Numba) engine against an independent oracle.

The oracle adds shifted copies of one operand scaled by each element of the
other with plain numpy (float64 / complex128 for float inputs, the input's own
modular integer arithmetic for int64/uint64), then slices the kept region;
the float paths are also checked against scipy.signal.convolve(method='direct').
"""
import os
import subprocess
import sys
import textwrap
import zlib

import numpy as np
import pytest
import scipy.signal as ss
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convkit import _tuning
from convkit._engines import direct as D
from convkit._engines.direct import _engine as E
from convkit._engines.direct import _separable, _tiling

GR_ROWS = {k: rows for k, (rows, _) in _tiling.row_blocks().items()}   # this CPU's table

DTYPES = ["float32", "float64", "complex64", "complex128", "int64", "uint64"]
TOL = {"float32": 1e-5, "complex64": 1e-5, "float64": 1e-12, "complex128": 1e-12}


def wide(dt):
    dt = np.dtype(dt)
    if dt.kind == "f":
        return np.float64
    if dt.kind == "c":
        return np.complex128
    return dt


def oracle(a, b, axes, shape, start):
    """Full convolution by shift-and-add, batch axes broadcast, then the region."""
    wd = wide(a.dtype)
    A = a.astype(wd)
    B = b.astype(wd)
    nd = a.ndim
    full = tuple(a.shape[i] + b.shape[i] - 1 if i in axes else shape[i] for i in range(nd))
    out = np.zeros(full, wd)
    kshape = [b.shape[i] for i in axes]
    with np.errstate(over="ignore"):
        for j in np.ndindex(*kshape):
            jb = [slice(None)] * nd
            tgt = [slice(None)] * nd
            for ax, jj in zip(axes, j):
                jb[ax] = slice(jj, jj + 1)
                tgt[ax] = slice(jj, jj + a.shape[ax])
            out[tuple(tgt)] += A * B[tuple(jb)]
    region = tuple(slice(start[i], start[i] + shape[i]) for i in range(nd))
    return out[region]


def check(res, a, b, axes, shape, start):
    dt = a.dtype
    assert res.dtype == dt
    assert res.shape == tuple(shape)
    assert res.flags.c_contiguous
    ref = oracle(a, b, axes, shape, start)
    if dt.kind in "iu":
        np.testing.assert_array_equal(res, ref)
    else:
        err = np.linalg.norm(res.astype(ref.dtype) - ref)
        # rounding error scales with sum |a||b|, not with the result: an output that
        # cancels to 1e-3 from terms of size 1 keeps float32's 1e-7 absolute error
        nrm = np.linalg.norm(oracle(np.abs(a), np.abs(b), axes, shape, start))
        assert err <= TOL[dt.name] * max(nrm, 1e-300) or (nrm == 0 and err == 0), (err, nrm)


def rand(rng, shape, dt):
    dt = np.dtype(dt)
    if dt.kind == "f":
        return rng.standard_normal(shape).astype(dt)
    if dt.kind == "c":
        return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)).astype(dt)
    # integers: full 64-bit range, so products wrap around
    return rng.integers(np.iinfo(np.int64).min, np.iinfo(np.int64).max, size=shape,
                        dtype=np.int64, endpoint=True).astype(dt)


def relayout(x, how):
    """Same values, different memory layout."""
    if how == "c":
        return x
    if how == "fortran":
        return np.asfortranarray(x)
    if how == "negative":
        y = np.ascontiguousarray(x[(slice(None, None, -1),) * x.ndim])
        return y[(slice(None, None, -1),) * x.ndim]
    if how == "noncontig":
        big = np.zeros(tuple(2 * s for s in x.shape), x.dtype)
        v = big[(slice(None, None, 2),) * x.ndim]
        v[...] = x
        return v
    if how == "readonly":
        y = x.copy()
        y.flags.writeable = False
        return y
    if how == "zerostride":  # a broadcast view (zero strides) of size-1 axes
        return x
    raise ValueError(how)


@st.composite
def problems(draw):
    dt = draw(st.sampled_from(DTYPES))
    nd = draw(st.integers(1, 3))
    naxes = draw(st.integers(1, nd))
    axes = tuple(sorted(draw(st.permutations(range(nd)))[:naxes]))
    lim = {1: 70, 2: 14, 3: 6}[naxes]
    sa, sb, shape, start = [], [], [], []
    for i in range(nd):
        if i in axes:
            na = draw(st.integers(1, lim))
            nb = draw(st.integers(1, lim))
            full = na + nb - 1
            s = draw(st.integers(0, full - 1))
            n = draw(st.integers(1, full - s))
            sa.append(na), sb.append(nb), shape.append(n), start.append(s)
        else:
            n = draw(st.integers(1, 3))
            sa.append(draw(st.sampled_from([1, n])))
            sb.append(draw(st.sampled_from([1, n])))
            shape.append(n), start.append(0)
    lay_a = draw(st.sampled_from(["c", "fortran", "negative", "noncontig", "readonly"]))
    lay_b = draw(st.sampled_from(["c", "fortran", "negative", "noncontig", "readonly"]))
    seed = draw(st.integers(0, 2 ** 32 - 1))
    workers = draw(st.sampled_from([1, 2]))
    return dt, tuple(sa), tuple(sb), axes, tuple(shape), tuple(start), lay_a, lay_b, seed, workers


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(problems())
def test_matches_oracle(p):
    dt, sa, sb, axes, shape, start, lay_a, lay_b, seed, workers = p
    rng = np.random.default_rng(seed)
    a = relayout(rand(rng, sa, dt), lay_a)
    b = relayout(rand(rng, sb, dt), lay_b)
    a0, b0 = a.copy(), b.copy()
    res = D.convolve(a, b, axes, shape, start, workers=workers)
    check(res, a, b, axes, shape, start)
    np.testing.assert_array_equal(a, a0)
    np.testing.assert_array_equal(b, b0)


MODE_SIZES = [((3000,), (37,)), ((40, 3000), (5, 19)), ((9, 11, 130), (3, 4, 17)), ((7,), (300,)),
              ((1,), (1,)), ((5, 1), (1, 6)), ((2100,), (2100,))]
# 'valid' needs one input at least as large as the other in every dimension.
MODE_CASES = [(mode, sizes) for mode in ("full", "same", "valid") for sizes in MODE_SIZES
              if mode != "valid" or all(x >= y for x, y in zip(*sizes)) or all(y >= x for x, y in zip(*sizes))]


@pytest.mark.parametrize("dt", DTYPES)
@pytest.mark.parametrize("mode,sizes", MODE_CASES)
def test_modes_vs_scipy(dt, mode, sizes):
    """Regions of scipy's three modes, on sizes that exercise tiles and edges."""
    sa, sb = sizes
    if mode == "valid" and not all(x >= y for x, y in zip(sa, sb)):
        sa, sb = sb, sa
    rng = np.random.default_rng(zlib.crc32(repr((dt, mode, sizes)).encode()))  # str hash() varies per process
    a = rand(rng, sa, dt)
    b = rand(rng, sb, dt)
    nd = len(sa)
    full = [x + y - 1 for x, y in zip(sa, sb)]
    if mode == "full":
        shape, start = full, [0] * nd
    elif mode == "same":
        shape, start = list(sa), [(y - 1) // 2 for y in sb]
    else:
        shape, start = [x - y + 1 for x, y in zip(sa, sb)], [y - 1 for y in sb]
    res = D.convolve(a, b, tuple(range(nd)), shape, start)
    check(res, a, b, tuple(range(nd)), shape, start)
    if np.dtype(dt).kind in "fc":
        wd = wide(dt)
        ref = ss.convolve(a.astype(wd), b.astype(wd), mode=mode, method="direct")
        if mode == "same" and ref.shape != tuple(shape):  # scipy: same is in1's shape
            pytest.skip("n/a")
        bound = np.linalg.norm(oracle(np.abs(a), np.abs(b), tuple(range(nd)), shape, start))
        assert np.linalg.norm(res - ref) <= TOL[dt] * bound  # rounding scales with sum |a||b|


def test_tolerance_long_kernels():
    """The tolerance rule on random normal data, long kernels (many passes)."""
    rng = np.random.default_rng(5)
    for K in (16, 64, 256, 257):
        x = rng.standard_normal(20000)
        h = rng.standard_normal(K)
        ref = ss.convolve(x, h, method="direct")
        r64 = D.convolve(x, h, (0,), ref.shape, (0,))
        r32 = D.convolve(x.astype(np.float32), h.astype(np.float32), (0,), ref.shape, (0,))
        assert np.linalg.norm(r64 - ref) / np.linalg.norm(ref) <= 1e-12
        assert np.linalg.norm(r32 - ref) / np.linalg.norm(ref) <= 1e-5
    x = rng.standard_normal((300, 400))
    for k in (3, 5, 7, 15):
        h = rng.standard_normal((k, k))
        ref = ss.convolve(x, h, method="direct", mode="same")
        r = D.convolve(x, h, (0, 1), x.shape, ((k - 1) // 2,) * 2)
        assert np.linalg.norm(r - ref) / np.linalg.norm(ref) <= 1e-12


@pytest.mark.parametrize("dt", ["float64", "float32", "int64", "complex128"])
def test_workers_bitwise(dt):
    """Every output is summed in the same order whichever thread computes it."""
    rng = np.random.default_rng(7)
    for sa, sb in [((40000,), (100,)), ((300, 500), (9, 9)), ((20, 30, 40), (3, 5, 7))]:
        a = rand(rng, sa, dt)
        b = rand(rng, sb, dt)
        nd = len(sa)
        shape = tuple(x + y - 1 for x, y in zip(sa, sb))
        r1 = D.convolve(a, b, tuple(range(nd)), shape, (0,) * nd, workers=1)
        r2 = D.convolve(a, b, tuple(range(nd)), shape, (0,) * nd, workers=2)
        assert r1.tobytes() == r2.tobytes()
        check(r2, a, b, tuple(range(nd)), shape, (0,) * nd)


def test_separable_path(monkeypatch):
    rng = np.random.default_rng(11)
    g = np.exp(-0.5 * (np.arange(31) - 15) ** 2 / 16.0)
    G = np.outer(g, g * 1.3)
    x = rng.standard_normal((260, 333))
    shape, start = x.shape, (15, 15)
    calls = []
    real = _separable.rank_one

    def spy(k, dt):
        f = real(k, dt)
        calls.append(f is not None)
        return f

    monkeypatch.setattr(_separable, "rank_one", spy)
    r_sep = D.convolve(x, G, (0, 1), shape, start)
    assert calls == [True]
    r_full = D.convolve(x, G, (0, 1), shape, start, separable=False)
    assert calls == [True]  # not even tested
    ref = ss.convolve(x, G, mode="same", method="direct")
    for r in (r_sep, r_full):
        assert np.linalg.norm(r - ref) <= 1e-12 * np.linalg.norm(ref)
    # float32, batch rows on the signal, full region
    x32 = rng.standard_normal((3, 90, 100)).astype(np.float32)
    G32 = G[None].astype(np.float32)
    r32 = D.convolve(x32, G32, (1, 2), (3, 120, 130), (0, 0, 0))
    assert calls[-1] is True
    check(r32, x32, G32, (1, 2), (3, 120, 130), (0, 0, 0))


def test_nearly_separable_is_not_separated():
    """A rank-one kernel plus a 1e-9 perturbation must take the exact path."""
    rng = np.random.default_rng(12)
    g = rng.standard_normal(21)
    G = np.outer(g, g) + 1e-9 * rng.standard_normal((21, 21))
    assert _separable.rank_one(G, np.dtype(np.float64)) is None
    x = rng.standard_normal((120, 140))
    r = D.convolve(x, G, (0, 1), (140, 160), (0, 0))
    check(r, x, G, (0, 1), (140, 160), (0, 0))
    # integers are never separated (exactness)
    gi = np.arange(1, 8, dtype=np.int64)
    Gi = np.outer(gi, gi)
    xi = rng.integers(-1000, 1000, (50, 60))
    ri = D.convolve(xi, Gi, (0, 1), (56, 66), (0, 0))
    check(ri, xi, Gi, (0, 1), (56, 66), (0, 0))


def test_integer_wraparound():
    big = np.iinfo(np.int64).max
    a = np.array([big, big - 5, 3, -big], dtype=np.int64)
    b = np.array([7, big, -2], dtype=np.int64)
    res = D.convolve(a, b, (0,), (6,), (0,))
    with np.errstate(over="ignore"):
        exact = [sum(int(a[i]) * int(b[k - i]) for i in range(4) if 0 <= k - i < 3) for k in range(6)]
    wrapped = np.array([(v + 2 ** 63) % 2 ** 64 - 2 ** 63 for v in exact], dtype=np.int64)
    np.testing.assert_array_equal(res, wrapped)
    ua = a.view(np.uint64)
    ub = b.view(np.uint64)
    ures = D.convolve(ua, ub, (0,), (6,), (0,))
    assert ures.dtype == np.uint64
    np.testing.assert_array_equal(ures, wrapped.view(np.uint64))
    # large, tiled path, 2-D
    rng = np.random.default_rng(3)
    A = rand(rng, (70, 300), "int64")
    B = rand(rng, (4, 20), "int64")
    check(D.convolve(A, B, (0, 1), (73, 319), (0, 0)), A, B, (0, 1), (73, 319), (0, 0))


def test_zero_stride_and_broadcast_inputs():
    rng = np.random.default_rng(4)
    row = rng.standard_normal(50)
    a = np.broadcast_to(row, (4, 50))  # zero stride on axis 0, read-only
    b = rng.standard_normal((1, 9))
    res = D.convolve(a, b, (1,), (4, 58), (0, 0))
    check(res, a, b, (1,), (4, 58), (0, 0))
    b2 = np.broadcast_to(rng.standard_normal((3, 1)), (3, 7))
    res = D.convolve(np.ascontiguousarray(a[:3]), b2, (0, 1), (5, 56), (0, 0))
    check(res, np.ascontiguousarray(a[:3]), b2, (0, 1), (5, 56), (0, 0))


def test_batch_axis_between_conv_axes():
    rng = np.random.default_rng(8)
    a = rand(rng, (12, 3, 40), "complex128")
    b = rand(rng, (4, 1, 6), "complex128")
    res = D.convolve(a, b, (0, 2), (15, 3, 45), (0, 0, 0), workers=2)
    check(res, a, b, (0, 2), (15, 3, 45), (0, 0, 0))


def test_cost():
    item = _tuning.DIRECT_ITEM_MACS  # the fixed cost of one tile item or one kernel pass, in multiply-adds
    # 1-D valid: exactly N-K+1 outputs x K taps, plus one tile (991 <= 2048 outputs) with one pass
    assert D.cost((1000,), (10,), (0,), (991,), (9,)) == 991 * 10 + item * 1 * (1 + 1)
    # symmetric in the operands
    assert D.cost((10,), (1000,), (0,), (991,), (9,)) == 991 * 10 + item * 2
    # 2-D same region: leading axis counts only valid rows; 100 rows of one tile, 5 passes each
    c = D.cost((100, 200), (5, 7), (0, 1), (100, 200), (2, 3))
    rows = sum(min(i, 4) - max(0, i - 99) + 1 for i in range(2, 102))
    assert c == rows * 200 * 7 + item * 100 * (1 + 5)
    # narrow kernel rows are pooled: 3x4 taps in one pass
    assert D.cost((64, 64), (3, 4), (0, 1), (66, 67), (0, 0)) == (64 * 3) * 67 * 4 + item * 66 * 2
    # square kernels in GR_ROWS run by row blocks: 3 tiles (edges apart) of 8 blocks of 8 rows
    # (one item and a 3-pass kernel call each) and 2 lone rows (one item, one pass)
    assert GR_ROWS[3] == 8
    assert D.cost((64, 64), (3, 3), (0, 1), (66, 66), (0, 0)) == \
        (64 * 3) * 66 * 3 + item * 3 * (8 * (1 + 3) + 2 * (1 + 1))
    # batch multiplies; a long row is cut into tiles (4 rows x (5 + 2 edge) tiles, one pass each)
    assert D.cost((4, 1000), (1, 10), (1,), (4, 1009), (0, 0)) == 4 * 1009 * 10 + item * 4 * 2
    assert D.cost((4, 10000), (1, 10), (1,), (4, 10009), (0, 0)) == 4 * 10009 * 10 + item * 4 * 7 * 2
    # tiny 1-D calls run the plain loop: multiply-adds only
    assert D.cost((100,), (5,), (0,), (104,), (0,)) == 100 * 5
    assert D.cost((4, 10), (1, 1), (1,), (4, 10), (0, 0)) > 0


def test_import_compiles_nothing_and_cache_loads():
    """Import compiles nothing; a second process loads kernels from the cache."""
    code = textwrap.dedent("""
        import numpy as np
        from convkit._engines import direct as D
        import sys
        assert "numba" not in sys.modules
        D.convolve(np.ones(5000), np.ones(40), (0,), (5039,), (0,))
        D.convolve(np.ones(50), np.ones(4), (0,), (53,), (0,))
        from convkit._engines.direct import _compiled, _drivers
        kernels = [f for (kind, n, dt, name), f in _compiled._cfuncs.items() if n]
        assert kernels
        print(sum(_drivers.tiles.stats.cache_hits.values()), sum(_drivers.small_1d.stats.cache_hits.values()),
              min(f.cache_hits for f in kernels))
    """)
    env = dict(os.environ)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True)
    out = subprocess.run([sys.executable, "-c", code], check=True, env=env,
                         capture_output=True, text=True).stdout.split()
    assert int(out[0]) >= 1 and int(out[1]) >= 1 and int(out[2]) >= 1


def test_kernel_longer_than_signal_and_length_one():
    rng = np.random.default_rng(9)
    for dt in DTYPES:
        for sa, sb in [((1,), (900,)), ((3,), (5000,)), ((1, 1), (30, 40)), ((2, 3), (40, 50)),
                       ((1,), (1,))]:
            a = rand(rng, sa, dt)
            b = rand(rng, sb, dt)
            nd = len(sa)
            shape = tuple(x + y - 1 for x, y in zip(sa, sb))
            check(D.convolve(a, b, tuple(range(nd)), shape, (0,) * nd), a, b,
                  tuple(range(nd)), shape, (0,) * nd)


@pytest.mark.parametrize("region", ["full", "same", "valid", "corner"])
def test_separable_banded_many_bands(region, monkeypatch):
    """Wide rows make the rolling row-pass buffer hold few rows: many bands."""
    rng = np.random.default_rng(13)
    g = np.exp(-0.5 * (np.arange(9) - 4) ** 2 / 4.0)
    G = np.outer(g, g[::-1] + 0.1)
    x = rng.standard_normal((100, 9000))
    full = (108, 9008)
    shape, start = {"full": (full, (0, 0)), "same": (x.shape, (4, 4)),
                    "valid": ((92, 8992), (8, 8)), "corner": ((5, 30), (103, 0))}[region]
    calls = []
    real = _separable.banded
    monkeypatch.setattr(_separable, "banded", lambda *a: calls.append(1) or real(*a))
    res = D.convolve(x, G, (0, 1), shape, start)
    assert calls
    check(res, x, G, (0, 1), shape, start)
    res2 = D.convolve(x, G, (0, 1), shape, start, workers=2)
    check(res2, x, G, (0, 1), shape, start)


def test_nonfinite_follow_the_contract():
    """Only overlapping products exist (contract): an inf kernel tap that only
    meets the zero region does not turn an output nan; inf/nan stay local."""
    rng = np.random.default_rng(21)
    x = rng.standard_normal(5000)
    h = rng.standard_normal(40)
    h[0] = np.inf
    r = D.convolve(x, h, (0,), (5039,), (0,))
    ref = np.convolve(x, h)  # numpy's direct loop forms overlapping products only
    np.testing.assert_array_equal(np.isnan(r), np.isnan(ref))
    np.testing.assert_array_equal(np.isinf(r), np.isinf(ref))
    fin = np.isfinite(ref)
    assert fin.sum() >= 39
    np.testing.assert_allclose(r[fin], ref[fin], rtol=1e-12, atol=1e-12)
    # 2-D: last row/column of the full output never meet h[0, 0]
    x2 = rng.standard_normal((30, 40))
    h2 = rng.standard_normal((3, 4))
    h2[0, 0] = -np.inf
    r2 = D.convolve(x2, h2, (0, 1), (32, 43), (0, 0))
    assert np.isfinite(r2[-2:, :]).all() and np.isfinite(r2[:, -3:]).all()
    assert np.isinf(r2[:30, :40]).all()
    # signal nan stays inside its window
    x3 = rng.standard_normal((50, 60))
    x3[10, 20] = np.nan
    r3 = D.convolve(x3, rng.standard_normal((5, 5)), (0, 1), (54, 64), (0, 0))
    assert np.isnan(r3[10:15, 20:25]).all() and np.isnan(r3).sum() == 25
    # complex: nonfinite values take the exact path (no 3M cross-talk)
    xc = (rng.standard_normal(3000) + 1j * rng.standard_normal(3000))
    xc[7] = np.inf
    hc = rng.standard_normal(30) + 1j * rng.standard_normal(30)
    rc = D.convolve(xc, hc, (0,), (3029,), (0,))
    assert np.isfinite(rc[37:]).all() and np.isfinite(rc[:7]).all()
    with np.errstate(invalid="ignore"):
        ref_c = oracle(xc, hc, (0,), (3029,), (0,))
    same = (rc == ref_c) | (np.isnan(rc.real) == np.isnan(ref_c.real)) & (np.isnan(rc.imag) == np.isnan(ref_c.imag))
    assert same[:40].all()
    np.testing.assert_allclose(rc[37:], ref_c[37:], rtol=1e-12)


@pytest.mark.parametrize("dt", ["float64", "float32", "int64"])
@pytest.mark.parametrize("case", [((300, 70), (31, 1), (330, 70), (0, 0)),
                                  ((300, 70), (31, 1), (300, 70), (15, 0)),
                                  ((9, 20), (13, 1), (21, 20), (0, 0)),
                                  ((40, 33), (12, 1), (5, 33), (20, 0)),
                                  ((41, 5000), (11, 1), (44, 5000), (4, 0))])
def test_column_kernels(dt, case):
    """(kh, 1) kernels take the blocked column path (_vert): every region edge."""
    sa, sb, shape, start = case
    rng = np.random.default_rng(17)
    x = rand(rng, sa, dt)
    h = rand(rng, sb, dt)
    for w in (1, 2):
        check(D.convolve(x, h, (0, 1), shape, start, workers=w), x, h, (0, 1), shape, start)
    if dt == "float64":
        x = x.copy()
        x[sa[0] // 2, 3] = np.nan
        r = D.convolve(x, h, (0, 1), (sa[0] + sb[0] - 1, sa[1]), (0, 0))
        assert np.isnan(r).sum() == sb[0]  # nan stays in its column window


def test_outputs_are_never_shared():
    """Large outputs reuse only memory that no live array reaches (``_buffers.empty_apart``):
    live results, and views of them, are never overwritten by later calls."""
    import threading
    rng = np.random.default_rng(23)
    x = rng.standard_normal((1100, 1000))  # 8.8 MB outputs: recycled
    h = rng.standard_normal((3, 3))
    ref = D.convolve(x, h, (0, 1), x.shape, (1, 1))
    keep = ref.copy()
    view = ref[5:, ::2]
    kview = view.copy()
    del ref
    others = [D.convolve(x * (i + 2), h, (0, 1), x.shape, (1, 1)) for i in range(3)]
    np.testing.assert_array_equal(view, kview)
    for i, o in enumerate(others):
        assert not np.shares_memory(o, view)
        np.testing.assert_allclose(o, keep * (i + 2), rtol=1e-12, atol=1e-12)
    del view, others
    out = D.convolve(x, h, (0, 1), x.shape, (1, 1))
    np.testing.assert_array_equal(out, keep)
    errors = []

    def worker(scale):
        for _ in range(5):
            r = D.convolve(x * scale, h, (0, 1), x.shape, (1, 1))
            if not np.allclose(r, keep * scale, rtol=1e-12, atol=1e-12):
                errors.append(scale)

    ts = [threading.Thread(target=worker, args=(s,)) for s in (1.0, 2.0, 3.0)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert not errors
    from convkit._engines import _buffers
    assert _buffers.idle_bytes() <= _buffers._POOL_CAP_BYTES


def test_rank_one_detection_factors_and_rejects():
    f64 = np.dtype(np.float64)
    sobel = np.outer([1.0, 2.0, 1.0], [1.0, 0.0, -1.0])
    for kernel in (sobel, np.ones((4, 6)), np.outer(np.hanning(9) + 0.1, np.arange(1.0, 6.0))):
        u, v = _separable.rank_one(kernel, f64)
        np.testing.assert_allclose(np.outer(u, v), kernel, rtol=0, atol=1e-14 * np.abs(kernel).max())
    for kernel in (np.zeros((3, 3)), np.eye(3), np.outer([1.0, np.nan, 1.0], [1.0, 2.0, 3.0]),
                   np.outer([1.0, np.inf, 1.0], [1.0, 2.0, 3.0])):
        assert _separable.rank_one(kernel, f64) is None
    assert _separable.rank_one(sobel, np.dtype(np.int64)) is None  # integers are never separated


def test_rank_one_answer_follows_the_kernel_asked_about():
    """The last answer is remembered by the kernel's bytes, shape and dtypes: a kernel of the same
    shape with other values, or the same values as another dtype, gets its own answer."""
    f64, f32 = np.dtype(np.float64), np.dtype(np.float32)
    sobel = np.outer([1.0, 2.0, 1.0], [1.0, 0.0, -1.0])
    first = _separable.rank_one(sobel, f64)
    assert _separable.rank_one(sobel.copy(), f64) is first    # asked again: the same answer
    changed = sobel.copy()
    changed[0, 0] += 1.0                                       # same shape, now rank two
    assert _separable.rank_one(changed, f64) is None
    u, v = _separable.rank_one(sobel, f32)
    assert u.dtype == f32 and v.dtype == f32
    assert _separable.rank_one(sobel.T.copy(), f64)[0].shape == (3,)
    np.testing.assert_allclose(np.outer(*_separable.rank_one(sobel.T.copy(), f64)), sobel.T, atol=1e-15)


def _regions(sa, sb):
    """(shape, start) of the full, same and valid regions and a corner, on two axes."""
    full = tuple(p + q - 1 for p, q in zip(sa, sb))
    out = {"full": (full, (0, 0)),
           "same": (tuple(sa), tuple((q - 1) // 2 for q in sb)),
           "corner": ((min(9, full[0]), min(21, full[1] - 1)), (full[0] - min(9, full[0]), 1))}
    if all(p >= q for p, q in zip(sa, sb)):
        out["valid"] = (tuple(p - q + 1 for p, q in zip(sa, sb)), tuple(q - 1 for q in sb))
    return out


def _spy_blocks(monkeypatch):
    """Records the calls that take the row-blocked path (``block_plan`` not None)."""
    calls = []
    real = E.block_plan

    def spy(*a):
        plan = real(*a)
        if plan is not None:
            calls.append(plan)
        return plan
    monkeypatch.setattr(E, "block_plan", spy)
    return calls


@pytest.mark.parametrize("dt", ["float64", "float32", "int64"])
@pytest.mark.parametrize("k", [3, 4, 5, 7, 9])
def test_row_blocks_edges(dt, k, monkeypatch):
    """Square 2-D kernels in GR_ROWS run by blocks of output rows (_blocks): heights
    that are not multiples of the block, images smaller than a block, every region,
    narrow and wide rows (one and several tiles), kernels outside the set."""
    calls = _spy_blocks(monkeypatch)
    rng = np.random.default_rng(100 + k)
    RB = GR_ROWS.get(k, 4)
    used = False
    for sa in [(RB * 3 + 1, 45), (RB + k - 2, 33), (2, 40), (3 * RB + k, 2100), (k + 2 * RB - 1, 7)]:
        x = rand(rng, sa, dt)
        h = rand(rng, (k, k), dt)
        for shape, start in _regions(sa, (k, k)).values():
            calls.clear()
            res = D.convolve(x, h, (0, 1), shape, start, separable=False)
            check(res, x, h, (0, 1), shape, start)
            used |= bool(calls)
            if k not in GR_ROWS:
                assert not calls
    assert used == (k in GR_ROWS)


def test_row_blocks_batch_axes(monkeypatch):
    calls = _spy_blocks(monkeypatch)
    rng = np.random.default_rng(31)
    for dt in ["float64", "int64"]:
        for sa, sb, axes in [((3, 40, 37), (1, 5, 5), (1, 2)), ((3, 40, 37), (3, 3, 3), (1, 2)),
                             ((29, 2, 31), (7, 1, 7), (0, 2)), ((1, 26, 30), (2, 7, 7), (1, 2))]:
            x = rand(rng, sa, dt)
            h = rand(rng, sb, dt)
            full = tuple(p + q - 1 if i in axes else max(p, q) for i, (p, q) in enumerate(zip(sa, sb)))
            same = tuple(p if i in axes else max(p, q) for i, (p, q) in enumerate(zip(sa, sb)))
            centre = tuple((q - 1) // 2 if i in axes else 0 for i, q in enumerate(sb))
            for shape, start in [(full, (0,) * 3), (same, centre)]:
                calls.clear()
                check(D.convolve(x, h, axes, shape, start), x, h, axes, shape, start)
                assert calls


@pytest.mark.parametrize("k", [3, 5, 7])
def test_row_blocks_nonfinite_and_workers(k, monkeypatch):
    """nan/inf in the signal give the non-finite pattern of shift-and-add (only
    overlapping products, no zero weight times data); workers=2 is bitwise workers=1."""
    calls = _spy_blocks(monkeypatch)
    rng = np.random.default_rng(40 + k)
    x = rng.standard_normal((203, 1301))
    h = rng.standard_normal((k, k))
    h[k // 2, 0] = 0.0  # a zero tap: 0 * inf is nan, as in shift-and-add
    for (i, j), v in zip([(0, 0), (5, 700), (100, 1300), (202, 3), (101, 20), (150, 1290)],
                         [np.nan, np.inf, -np.inf, np.inf, np.nan, -np.inf]):
        x[i, j] = v
    for region, (shape, start) in _regions(x.shape, h.shape).items():
        calls.clear()
        r1 = D.convolve(x, h, (0, 1), shape, start, workers=1)
        assert calls or region == "corner"  # the corner's rows may all reach below the image
        r2 = D.convolve(x, h, (0, 1), shape, start, workers=2)
        assert r1.tobytes() == r2.tobytes()
        ref = E.shift_add(x, h, (0, 1), shape, start)
        np.testing.assert_array_equal(np.isnan(r1), np.isnan(ref))
        np.testing.assert_array_equal(np.isposinf(r1), np.isposinf(ref))
        np.testing.assert_array_equal(np.isneginf(r1), np.isneginf(ref))
        assert np.isnan(r1).any() and np.isfinite(r1).sum() > r1.size // 2
        fin = np.isfinite(ref)
        np.testing.assert_allclose(r1[fin], ref[fin], rtol=1e-10, atol=1e-10)
    # integers: exact, and the same with threads
    xi = rand(rng, (301, 517), "int64")
    hi = rand(rng, (k, k), "int64")
    shape, start = xi.shape, ((k - 1) // 2,) * 2
    r1 = D.convolve(xi, hi, (0, 1), shape, start, workers=1)
    r2 = D.convolve(xi, hi, (0, 1), shape, start, workers=2)
    assert r1.tobytes() == r2.tobytes()
    check(r1, xi, hi, (0, 1), shape, start)


def test_row_blocks_chunks_cover_items():
    """Thread chunks of _blocks are increasing and cover every item once."""
    for R, Ro, L, k in [(1, 2048, 2048, 3), (3, 50, 100, 5), (2, 9, 3000, 7)]:
        RB = GR_ROWS[k]
        tb = _tiling.tile_bounds(L, L, k, -(k // 2), 2048, split=True)
        plan = _tiling.block_plan((R, Ro, L), (1, k, k), (R, Ro, L), 1, -(k // 2))
        assert plan is not None
        _, oa, nblk = plan
        n_items = R * (tb.shape[0] - 1) * (Ro - nblk * (RB - 1))
        for umaj in (True, False):
            cb = _tiling.block_chunks(tb, R, Ro, k, RB, oa, nblk, umaj, 16)
            assert cb[0] == 0 and cb[-1] == n_items and (np.diff(cb) >= 0).all()
