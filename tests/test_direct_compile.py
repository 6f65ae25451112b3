"""The direct engine compiles only what a call runs, and says whether that is ready."""
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from convkit._engines import Geometry
from convkit._engines import direct as D

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def geometry(a_shape, b_shape, dtype="float64", region="same"):
    nd = len(a_shape)
    if region == "same":
        shape, start = tuple(a_shape), tuple((q - 1) // 2 for q in b_shape)
    else:
        shape, start = tuple(p + q - 1 for p, q in zip(a_shape, b_shape)), (0,) * nd
    return Geometry(tuple(a_shape), tuple(b_shape), tuple(range(nd)), shape, start, np.dtype(dtype), 1)


def _compiled_state():
    from convkit._engines.direct import _compiled, _drivers
    return ({n: len(getattr(_drivers, n).signatures) for n in ("tiles", "blocks", "columns", "small_1d", "small_2d")},
            set(_compiled._cfuncs))


@pytest.mark.parametrize("a_shape, b_shape, dtype", [
    ((100000,), (64,), "float64"), ((20000,), (21,), "float32"), ((512, 512), (7, 7), "float64"),
    ((300, 200), (3, 3), "int64"), ((100, 120), (15, 1), "float64"), ((64, 70), (2, 3), "complex128"),
    ((10, 12, 14), (3, 2, 5), "float64"), ((50,), (4,), "float64"), ((30,), (5,), "uint64"),
    ((2000,), (5,), "complex128"), ((3000,), (40,), "int64"),
])
def test_prepare_compiles_everything_a_call_runs(a_shape, b_shape, dtype):
    rng = np.random.default_rng(0)
    g = geometry(a_shape, b_shape, dtype)
    a = rng.integers(0, 100, a_shape).astype(dtype)
    b = rng.integers(0, 100, b_shape).astype(dtype)
    prepared = D.ENGINE.prepare(b, g)
    assert D.ENGINE.compiled(g)
    before = _compiled_state()
    res = D.ENGINE.convolve(a, prepared, g, workers=1)
    assert _compiled_state() == before, "the call compiled something prepare() did not"
    assert res.shape == g.shape and res.dtype == np.dtype(dtype) and res.flags.c_contiguous


def test_kernels_for_names_only_what_the_shape_uses(cpu):
    cpu(AVX512)   # 64-byte vectors: float64 16 taps per pass, 4 output vectors per iteration; float32
    # 16 taps, 2 output vectors of 8 lanes (ymm: its entry names narrower kernels than the register)
    names = D.ENGINE.kernels_for(geometry((100000,), (64,)))
    assert names == ("_drivers.tiles[float64]", "_kernels.row_taps_16_v8r4[float64]")
    assert D.ENGINE.kernels_for(geometry((100000,), (64,), "float32"))[1] == "_kernels.row_taps_16_v8r2[float32]"
    # passes of 5 or 6 taps: the plain kernel (LLVM gathers in the 8-lane one), 7 taps: the 8-lane one
    assert D.ENGINE.kernels_for(geometry((100000,), (6,), "float32"))[1] == "_kernels.row_taps_6[float32]"
    assert D.ENGINE.kernels_for(geometry((100000,), (7,), "float32"))[1] == "_kernels.row_taps_7_v8r2[float32]"
    assert D.ENGINE.kernels_for(geometry((100000,), (6,)))[1] == "_kernels.row_taps_6_v8r4[float64]"
    names = D.ENGINE.kernels_for(geometry((512, 512), (7, 7)))
    # the rows outside the blocks: the plain row kernel (shared loads would buy little, and compile longer)
    assert names == ("_drivers.blocks[float64]", "_kernels.row_taps_7[float64]", "_kernels.row_block_2x7[float64]")
    cpu(AVX2)     # 32-byte vectors: 4 float64 lanes
    assert D.ENGINE.kernels_for(geometry((100000,), (64,)))[1].startswith("_kernels.row_taps_")
    assert D.ENGINE.kernels_for(geometry((100000,), (64,)))[1].endswith("_v4r4[float64]")
    assert D.ENGINE.kernels_for(geometry((50,), (4,))) == ("_drivers.small_1d[float64]",)


def test_long_rows_take_their_own_passes_and_kernels(cpu):
    """A ``DIRECT_ROW_LONG`` entry (AVX2 float32): rows from its tap count run passes of at most
    its taps with its kernels; shorter rows keep the register entry's passes (one pass up to 16 taps)."""
    from convkit import _tuning
    from convkit._engines.direct import _tiling
    cpu(AVX2)     # 32-byte vectors: 8 float32 lanes
    start, taps, R = _tuning.DIRECT_ROW_LONG[16][8]
    short, R_short = _tuning.DIRECT_ROW_KERNELS[16][8][:2]
    assert taps < short and R != R_short, "the entries under test differ"
    K = 3 * taps + 1
    assert K >= start
    # balanced passes of at most `taps` (e.g. 37 taps in 12s: 9, 9, 9, 10), each kernel with the long entry's R
    counts = {K // 4, -(-K // 4)}
    assert _tiling.kernels(1, K, 0, 0, 0, 4) == {(_tiling.ROW, c) for c in counts}
    names = D.ENGINE.kernels_for(geometry((100000,), (K,), "float32"))[1:]
    assert names == tuple(f"_kernels.row_taps_{c}_v8r{R}[float32]" for c in sorted(counts))
    # a row just below the long entry's start keeps the register entry's passes
    K = start - 1
    counts = {c for c in (K // -(-K // short), -(-K // -(-K // short)))}
    assert _tiling.kernels(1, K, 0, 0, 0, 4) == {(_tiling.ROW, c) for c in counts}
    # ... and a row of `short` taps is one pass of the register entry's R (more taps than the long ones)
    assert D.ENGINE.kernels_for(geometry((100000,), (short,), "float32"))[1] == (
        f"_kernels.row_taps_{short}_v8r{R_short}[float32]")
    # float64 on the same CPU has no long entry: 64 taps in its own passes
    mt64 = _tuning.DIRECT_ROW_KERNELS[16][4][0]
    assert _tiling.kernels(1, 64, 0, 0, 0, 8) == {(_tiling.ROW, c) for c in {64 // -(-64 // mt64),
                                                                                -(-64 // -(-64 // mt64))}}


def test_first_call_compiles_only_its_kernels(tmp_path):
    """With an empty cache: a 1-D call compiles its driver and one kernel; compiled() is False before,
    True after; a second process finds both in the cache without compiling."""
    code = textwrap.dedent("""
        import sys
        import numpy as np
        from convkit._engines import Geometry
        from convkit._engines import direct as D
        g = Geometry((20000,), (40,), (0,), (20000,), (19,), np.dtype("float64"), 1)
        ready = D.ENGINE.compiled(g)
        D.ENGINE.convolve(np.ones(20000), np.ones(40), g, workers=1)
        from convkit._engines.direct import _compiled, _drivers
        from convkit._engines.direct._tiling import row_taps
        kernels = sorted({(k, n) for (k, n, dt, name) in _compiled._cfuncs})
        print(ready, D.ENGINE.compiled(g), row_taps(8), kernels, len(_drivers.blocks.signatures),
              sum(_drivers.tiles.stats.cache_hits.values()))
    """)
    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp_path))
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    ready, after, mt, rest = first.stdout.split(" ", 3)
    # K=40 in balanced passes of at most mt taps (16 taps: 13, 14, 13; 10 taps: four of 10);
    # the generic row kernel fills the other slots; no row-block driver
    counts = {10: "(0, 10)", 16: "(0, 13), (0, 14)"}[int(mt)]
    assert (ready, after, rest.split()) == ("False", "True", f"[(0, 0), {counts}] 0 0".split())
    assert second.stdout.split()[:2] == ["True", "True"] and second.stdout.split()[-1] == "1"


@pytest.fixture
def cpu(monkeypatch):
    """Report the CPU features ``feats`` to the direct engine (``cpu(feats)``); the real ones after."""
    from convkit._engines.direct import _cpu

    def report(feats):
        monkeypatch.setattr(_cpu, "_host_features", lambda: frozenset(feats))
        _cpu.features.cache_clear()
    yield report
    monkeypatch.undo()
    _cpu.features.cache_clear()


AVX512 = {"avx", "avx2", "fma", "avx512f", "avx512dq"}
AVX2 = {"avx", "avx2", "fma"}


@pytest.mark.parametrize("feats, regs, vbytes", [(AVX512, 32, 64), (AVX2, 16, 32), ({"avx"}, 16, 32),
                                                 ({"sse2"}, 16, 16), (set(), 16, 16)])
@pytest.mark.parametrize("itemsize", [4, 8])
def test_blocking_follows_the_reported_cpu(cpu, feats, regs, vbytes, itemsize):
    from convkit import _tuning
    from convkit._engines.direct import _cpu, _tiling
    cpu(feats)
    assert (_cpu.registers(), _cpu.vector_bytes()) == (regs, vbytes)
    lanes = vbytes // itemsize
    mt, R, *narrow = _tuning.DIRECT_ROW_KERNELS[regs].get(lanes, (16, 0))
    long = _tuning.DIRECT_ROW_LONG.get(regs, {}).get(lanes)
    lanes = narrow[0] if narrow else lanes   # an entry may name kernels narrower than the register
    assert _tiling.row_blocking(itemsize, mt) == (lanes, R if lanes >= 4 else 0)
    assert _tiling.row_taps(itemsize, mt) == mt
    assert _tiling.row_blocks() == _tuning.DIRECT_ROW_BLOCKS[regs]
    if long is not None:   # rows from long[0] taps: the long entry's passes (its own test below)
        mt = long[1]
    # a 1-D kernel of 3 * mt + 1 taps runs in four passes of mt - 2 or mt - 1 taps (balanced)
    K = 3 * mt + 1
    assert long is None or K >= long[0]
    assert _tiling.kernels(1, K, 0, 0, 0, itemsize) == {(_tiling.ROW, K // 4), (_tiling.ROW, -(-K // 4))}
    # pooled passes (narrow 2-D rows) take 16 taps on every CPU: 3 x 4 taps in one pass
    assert _tiling.kernels(3, 4, 1, 3, 0, itemsize) == {(_tiling.POOLED, c) for c in (4, 8, 12)}
    rows, groups = _tuning.DIRECT_ROW_BLOCKS[regs][3]
    assert D.ENGINE.kernels_for(geometry((512, 512), (3, 3)))[-1] == (
        f"_kernels.row_block_{rows}x3{'_g' if groups else ''}"
        + "_".join(str(b - a) for a, b in groups or ()) + "[float64]")


@pytest.mark.parametrize("env, regs", [("+avx2,+fma,-avx512f", 16), ("+avx2,+avx512f", 32), ("", 16)])
def test_numba_cpu_features_override_the_host(monkeypatch, env, regs):
    """NUMBA_CPU_FEATURES, when set, is what Numba compiles for: the blocking follows it too."""
    from convkit._engines.direct import _cpu
    monkeypatch.setenv("NUMBA_CPU_FEATURES", env)
    _cpu.features.cache_clear()
    try:
        assert _cpu.registers() == regs
    finally:
        monkeypatch.undo()
        _cpu.features.cache_clear()


def _variant_cases():
    from convkit import _tuning
    cases = []
    for regs, feats, lanes in ((32, AVX512, 8), (16, AVX2, 4)):
        mt = _tuning.DIRECT_ROW_KERNELS[regs][lanes][0]
        for K in (mt - 1, mt, mt + 1, 2 * mt + 3):            # 1-D passes around the table's limit
            cases.append((feats, (3000,), (K,), "float64"))
            cases.append((feats, (2001,), (K + 1,), "float32"))
        for k in sorted(_tuning.DIRECT_ROW_BLOCKS[regs]):     # every row-block kernel, both dtypes
            for dt in ("float64", "float32"):
                cases.append((feats, (67, 90), (k, k), dt))
        cases.append((feats, (40, 50), (3, 4), "float64"))    # pooled passes of 12 taps
        cases.append((feats, (80, 30), (2 * mt + 1, 1), "float64"))   # column driver
        for start, taps, _ in _tuning.DIRECT_ROW_LONG.get(regs, {}).values():   # rows either side of a long entry
            for K in (start - 1, start, 3 * taps + 1):
                cases.append((feats, (2001,), (K,), "float32"))
    return cases


@pytest.mark.parametrize("feats, a_shape, b_shape, dtype", _variant_cases())
@pytest.mark.parametrize("region", ["same", "full"])
def test_every_blocking_variant_is_exact(cpu, feats, a_shape, b_shape, dtype, region):
    """Each CPU table's kernels (compiled here for this host) against the shift-and-add oracle."""
    from _helpers import assert_close, oracle, random_array
    cpu(feats)
    rng = np.random.default_rng(len(a_shape) * 100 + b_shape[0])
    a, b = random_array(rng, a_shape, dtype), random_array(rng, b_shape, dtype)
    g = geometry(a_shape, b_shape, dtype, region)
    out = D.ENGINE.convolve(a, D.ENGINE.prepare(b, g), g, workers=1)
    assert out.shape == g.shape and out.dtype == np.dtype(dtype)
    assert_close(out, oracle(a, b, g.axes, g.shape, g.start).astype(dtype), a, b)


@pytest.mark.parametrize("kernel, drivers, kinds", [
    # a 7x7 kernel that is not rank one: the row-blocked driver (its lone rows by row passes of
    # 7 taps), not the plain tiles driver, and no column pass
    ("random", ["blocks"], [(0, 0), (0, 7), (3, 7)]),
    # a rank-one 7x7 kernel: a row pass of 7 taps and a column pass of 1..7 pooled taps only
    ("outer", ["tiles"], [(0, 0), (0, 7), (1, 0)] + [(1, c) for c in range(1, 8)]),
])
def test_first_2d_call_compiles_only_its_path(tmp_path, kernel, drivers, kinds):
    code = textwrap.dedent(f"""
        import numpy as np
        import convkit
        from convkit._engines.direct import _compiled, _drivers
        rng = np.random.default_rng(0)
        b = rng.standard_normal((7, 7)) if {kernel!r} == "random" else np.outer(np.arange(1., 8), np.arange(2., 9))
        convkit.convolve(rng.standard_normal((512, 512)), b, mode="full", method="direct")
        print([n for n in ("blocks", "columns", "small_1d", "small_2d", "tiles") if _drivers.__dict__[n].signatures])
        print(sorted({{(k, n) for (k, n, dt, name) in _compiled._cfuncs}}))
    """)
    # the call waits for its kernels (by default it would run the plain loop while they compile elsewhere)
    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp_path), CONVKIT_COMPILE="foreground")
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == [str(drivers), str(kinds)]


def _shared_load_cases():
    """(feats, a_shape, b_shape, dtype) where the row kernels share loads between output vectors
    (a table entry with vectors per iteration > 0): elsewhere the plain kernels run, nothing to compare."""
    from convkit import _tuning

    shapes = [((100003,), (64,), "float64"), ((100003,), (37,), "float32"), ((5001,), (5,), "float64"),
              ((300, 301), (9, 9), "float64"), ((300, 301), (15, 15), "float32"), ((70, 90), (3, 11), "float64")]
    cases = []
    for feats, registers, vector_bytes, name in ((AVX512, 32, 64, "32 registers"), (AVX2, 16, 32, "16 registers")):
        for a_shape, b_shape, dtype in shapes:
            lanes = vector_bytes // np.dtype(dtype).itemsize
            if _tuning.DIRECT_ROW_KERNELS[registers].get(lanes, (16, 0))[1]:
                cases.append(pytest.param(feats, a_shape, b_shape, dtype, id=f"{name}-{dtype}-{a_shape}x{b_shape}"))
    return cases


@pytest.mark.parametrize("feats, a_shape, b_shape, dtype", _shared_load_cases())
def test_row_kernels_with_shared_loads_give_the_plain_kernels_bits(cpu, monkeypatch, feats, a_shape, b_shape, dtype):
    """Several output vectors per iteration change which loads feed which sums, not the order
    of any sum: the results are bit for bit those of one output vector per iteration."""
    from convkit import _tuning
    from convkit._engines.direct import _compiled, _cpu

    from _helpers import random_array
    cpu(feats)
    rng = np.random.default_rng(b_shape[-1])
    a, b = random_array(rng, a_shape, dtype), random_array(rng, b_shape, dtype)
    g = geometry(a_shape, b_shape, dtype)
    lanes = _cpu.vector_bytes() // np.dtype(dtype).itemsize
    taps, R, *narrow = _tuning.DIRECT_ROW_KERNELS[_cpu.registers()].get(lanes, (16, 0))
    assert R, "the case list holds only cases with shared loads"
    long = _tuning.DIRECT_ROW_LONG.get(_cpu.registers(), {}).get(lanes)
    out = {}
    for share in (0, R):
        monkeypatch.setitem(_tuning.DIRECT_ROW_KERNELS, _cpu.registers(), {lanes: (taps, share, *narrow)})
        if long is not None:   # its kernels share loads too: plain ones in the plain arm
            monkeypatch.setitem(_tuning.DIRECT_ROW_LONG, _cpu.registers(),
                                {lanes: long[:2] + (long[2] if share else 0,)})
        _compiled._tables.clear()   # address tables hold the other row kernels
        out[share] = D.ENGINE.convolve(a, D.ENGINE.prepare(b, g), g, workers=1)
    _compiled._tables.clear()
    assert out[0].tobytes() == out[R].tobytes()


@pytest.mark.parametrize("itemsize", [4, 8])
def test_one_tile_rows_are_bounded_in_columns_whatever_the_dtype(itemsize):
    """A row is one tile up to half a float64 tile of columns, for float32 too (its copy to
    scratch costs per column and kernel row, not per byte); wider rows keep their edges apart."""
    from convkit import _tuning
    from convkit._engines.direct import _tiling
    cols = _tuning.DIRECT_TILE_BYTES // 16
    for L, tiles in ((cols, 1), (cols + 1, 3)):   # 'same' with 5 taps: an edge tile at each end
        T = _tiling.tile_width(L, itemsize, False)
        assert len(_tiling.tile_bounds(L, L, 5, -2, T)) - 1 == tiles


@pytest.mark.parametrize("itemsize", [4, 8])
def test_rows_of_a_kernel_with_several_rows_split_from_a_quarter_tile(itemsize):
    """With two or more kernel rows (an edge row copies each of them to scratch) a row is one tile
    up to a quarter of a float64 tile of columns; a one-row kernel keeps half."""
    from convkit import _tuning
    from convkit._engines.direct import _tiling
    quarter = _tuning.DIRECT_TILE_BYTES // 32
    for L, rows, tiles in ((quarter, 2, 1), (quarter + 1, 2, 3), (quarter + 1, 9, 3), (quarter + 1, 1, 1)):
        T = _tiling.tile_width(L, itemsize, False)
        assert len(_tiling.tile_bounds(L, L, 5, -2, T, rows=rows)) - 1 == tiles


@pytest.mark.parametrize("a_shape, b_shape", [((9, 1500), (5, 6)), ((7, 2048), (3, 4)), ((6, 1100), (4, 17)),
                                              ((8, 700), (3, 9)), ((10, 600), (2, 5))])
@pytest.mark.parametrize("region", ["same", "full"])
def test_float32_rows_split_into_tiles_are_exact(a_shape, b_shape, region):
    """float32 rows of 1025..2048 columns, and of 513..1024 columns with several kernel rows, now split
    (edge tiles through scratch), against the oracle."""
    from _helpers import assert_close, oracle, random_array
    rng = np.random.default_rng(a_shape[1])
    a, b = random_array(rng, a_shape, "float32"), random_array(rng, b_shape, "float32")
    g = geometry(a_shape, b_shape, "float32", region)
    out = D.ENGINE.convolve(a, D.ENGINE.prepare(b, g), g, workers=1)
    assert_close(out, oracle(a, b, g.axes, g.shape, g.start).astype("float32"), a, b)
