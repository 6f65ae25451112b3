"""StreamConvolver: concatenated outputs equal the one-shot convolution, for any chunk schedule.

Reference: scipy.signal.convolve(method='direct') on the whole signal in float64
/ complex128 (the tolerance rule of conftest.py: relative L2 <= 1e-12 for
float64/complex128, <= 1e-5 for float32). Partition boundaries (supercollider
#734) get their own deterministic cases: kernel lengths and chunk lengths at
block-size multiples and one off either side.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.signal as ss
from hypothesis import given, settings
from hypothesis import strategies as st

import convkit
from convkit._stream import DIRECT_MAX_TAPS, StreamConvolver

TOL = {"f": 1e-5, "d": 1e-12, "F": 1e-5, "D": 1e-12}


def _data(rng, shape, dtype):
    dtype = np.dtype(dtype)
    if dtype.kind == "c":
        return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)).astype(dtype)
    return rng.standard_normal(shape).astype(dtype)


def _reference(x, k, mode, axis):
    """Per-channel scipy direct convolution along ``axis`` in double precision."""
    wide = np.complex128 if np.result_type(x, k).kind == "c" else np.float64
    xm = np.moveaxis(np.asarray(x, wide), axis, -1)
    lead = xm.shape[:-1]
    rows = xm.reshape(-1, xm.shape[-1])
    out = np.stack([ss.convolve(r, np.asarray(k, wide), mode=mode, method="direct") for r in rows])
    return np.moveaxis(out.reshape(lead + (out.shape[-1],)), -1, axis)


def _rel(y, ref):
    den = np.linalg.norm(ref)
    return np.linalg.norm(y - ref) / (den if den else 1.0)


def _run(sc, x, lengths, axis):
    """Feed ``x`` cut into ``lengths`` (last piece = the rest) and flush; return the concatenation."""
    n = x.shape[axis]
    cuts = np.cumsum(lengths)
    cuts = cuts[cuts < n]
    pieces = np.split(x, cuts, axis=axis)
    outs = [sc.feed(p) for p in pieces]
    outs.append(sc.flush())
    for o in outs:
        assert o.dtype == sc.dtype
    return np.concatenate(outs, axis=axis)


def _check(y, x, k, mode, axis, dtype):
    ref = _reference(x, k, mode, axis)
    assert y.shape == ref.shape
    err = _rel(y, ref)
    assert err <= TOL[np.dtype(dtype).char], err


# ---------------------------------------------------------------- properties

_LAYOUTS = [((), -1), ((3,), -1), ((2,), 0), ((2, 3), 1)]   # (channel shape, axis)


def _shape(chan, axis, n):
    shape = list(chan)
    shape.insert(axis if axis >= 0 else len(shape) + 1 + axis, n)
    return tuple(shape)


@st.composite
def _schedules(draw, n, block):
    """Chunk lengths: zeros, ones, around block multiples, random, or one giant chunk."""
    if draw(st.booleans()) and draw(st.booleans()):
        return [n]
    special = [0, 1, 2, block - 1, block, block + 1, 2 * block - 1, 2 * block + 1, 3 * block]
    piece = st.one_of(st.sampled_from(special), st.integers(0, 3 * block))
    return draw(st.lists(piece, min_size=1, max_size=40))


@st.composite
def _cases(draw):
    block = draw(st.sampled_from([4, 8, 16, 32, 50, 64]))   # K >= 64 * block: two-level FDL
    kind = draw(st.sampled_from(["short", "partition", "long"]))
    if kind == "short":
        K = draw(st.integers(1, DIRECT_MAX_TAPS))
    elif kind == "partition":
        K = draw(st.integers(1, 6)) * block + draw(st.sampled_from([-1, 0, 1]))
        K = max(K, 1)
    else:
        K = draw(st.integers(DIRECT_MAX_TAPS + 1, 700))
    n = draw(st.one_of(st.integers(1, 40), st.integers(1, 1500),
                       st.sampled_from([K - 1, K, K + 1, block * 5, block * 5 + 1]).filter(lambda v: v >= 1)))
    return dict(block=block, K=K, n=n, lengths=draw(_schedules(n, block)),
                mode=draw(st.sampled_from(["full", "same", "valid"])),
                dtype=draw(st.sampled_from(["float64", "float32", "complex128"])),
                layout=draw(st.sampled_from(_LAYOUTS)),
                method=draw(st.sampled_from(["auto", "auto", "fdl", "direct"])),
                partition=draw(st.sampled_from(["auto", "uniform"])),
                seed=draw(st.integers(0, 2**32 - 1)))


@settings(max_examples=120, deadline=None)
@given(_cases())
def test_concatenated_output_equals_one_shot(case):
    rng = np.random.default_rng(case["seed"])
    chan, axis = case["layout"]
    x = _data(rng, _shape(chan, axis, case["n"]), case["dtype"])
    k = _data(rng, case["K"], case["dtype"])
    sc = StreamConvolver(k, mode=case["mode"], axis=axis, block_size=case["block"], method=case["method"],
                         partition=case["partition"])
    y = _run(sc, x, case["lengths"], axis)
    assert y.dtype == np.dtype(case["dtype"])
    _check(y, x, k, case["mode"], axis, case["dtype"])


# ---------------------------------------------------------------- partition boundaries


@pytest.mark.parametrize("mode", ["full", "same", "valid"])
@pytest.mark.parametrize("K", [31, 32, 33, 95, 96, 97, 129])
@pytest.mark.parametrize("chunk", [1, 31, 32, 33, 64, 1000])
def test_partition_boundaries(mode, K, chunk):
    rng = np.random.default_rng(K * 1000 + chunk)
    B = 32
    x = rng.standard_normal(32 * 9 + (K % 3))
    k = rng.standard_normal(K)
    sc = StreamConvolver(k, mode=mode, block_size=B, method="fdl")
    y = _run(sc, x, [chunk] * (x.size // chunk + 1), -1)
    _check(y, x, k, mode, -1, "float64")


@pytest.mark.parametrize("mode", ["full", "same", "valid"])
@pytest.mark.parametrize("K", [255, 256, 257, 320, 321, 600])
@pytest.mark.parametrize("chunk", [1, 3, 63, 64, 65, 129, 5000])
def test_two_level_boundaries(mode, K, chunk):
    # B = 4: the head level has 64 taps in blocks of 4, the tail level blocks of 64.
    rng = np.random.default_rng(K * 7 + chunk)
    x = rng.standard_normal(64 * 11 + K % 5)
    k = rng.standard_normal(K)
    sc = StreamConvolver(k, mode=mode, block_size=4)
    assert sc.method == "fdl"
    y = _run(sc, x, [chunk] * (x.size // chunk + 1), -1)
    assert sc._two_level == (K >= 64 * 4)
    _check(y, x, k, mode, -1, "float64")


def test_two_level_equals_uniform_and_keeps_latency():
    rng = np.random.default_rng(8)
    x, k = rng.standard_normal((2, 3000)), rng.standard_normal(1500)
    two = StreamConvolver(k, block_size=16)
    uni = StreamConvolver(k, block_size=16, partition="uniform")
    assert two.feed(x[:, :15]).shape == (2, 0) and uni.feed(x[:, :15]).shape == (2, 0)
    a = np.concatenate([two.feed(x[:, 15:]), two.flush()], axis=1)
    b = np.concatenate([uni.feed(x[:, 15:]), uni.flush()], axis=1)
    assert two._two_level and not uni._two_level
    assert _rel(a, b) <= 1e-13 and a.shape == (2, 3000 + 1500 - 1)


def test_fdl_latency_is_one_block():
    rng = np.random.default_rng(1)
    k = rng.standard_normal(1000)
    sc = StreamConvolver(k, block_size=128)
    assert sc.method == "fdl" and sc.latency == 127
    assert sc.feed(rng.standard_normal(127)).shape == (0,)
    assert sc.feed(rng.standard_normal(1)).shape == (128,)        # one block in, one block out
    assert sc.feed(rng.standard_normal(300)).shape == (256,)


def test_direct_has_no_latency():
    sc = StreamConvolver(np.ones(5))
    assert sc.method == "direct" and sc.latency == 0
    assert sc.feed(np.ones(3)).tolist() == [1, 2, 3]
    assert sc.feed(np.ones(1)).tolist() == [4]
    assert sc.flush().tolist() == [4, 3, 2, 1]


def test_equals_convkit_convolve_and_oaconvolve():
    rng = np.random.default_rng(5)
    x, k = rng.standard_normal((2, 20000)), rng.standard_normal(3000)
    for mode in ("full", "same", "valid"):
        sc = StreamConvolver(k, mode=mode, block_size=512)
        y = _run(sc, x, [700] * 40, -1)
        for ch in range(2):
            ref = convkit.convolve(x[ch], k, mode=mode)
            assert _rel(y[ch], ref) <= 1e-12
        assert _rel(y, convkit.oaconvolve(x, k[None], mode=mode, axes=-1)) <= 1e-12


# ---------------------------------------------------------------- 'valid' with a short signal


@pytest.mark.parametrize("method", ["direct", "fdl"])
@pytest.mark.parametrize("n", [1, 2, 39, 40, 41, 75, 100])
def test_valid_shorter_than_kernel_matches_convolve(method, n):
    rng = np.random.default_rng(n)
    x, k = rng.standard_normal(n), rng.standard_normal(40 if method == "direct" else 100)
    sc = StreamConvolver(k, mode="valid", block_size=16, method=method)
    y = _run(sc, x, [7] * 20, -1)
    ref = convkit.convolve(x, k, mode="valid")
    assert y.shape == ref.shape == (abs(n - k.size) + 1,)
    assert _rel(y, ref) <= 1e-12


# ---------------------------------------------------------------- state


@pytest.mark.parametrize("K,method,B", [(7, "direct", 64), (500, "fdl", 64), (700, "fdl", 8)])
def test_state_does_not_grow(K, method, B):
    rng = np.random.default_rng(2)
    sc = StreamConvolver(rng.standard_normal(K), block_size=B, method=method)
    lengths = rng.integers(0, 40, size=10_000)
    sc.feed(rng.standard_normal((2, 3)))
    size0 = sc.nbytes
    shapes0 = {k: v.shape for k, v in sc._state_arrays().items()}
    assert shapes0 and (method == "direct" or "_head_level.ring" in shapes0)
    total_out = 3 if method == "direct" else 0
    for n in lengths:
        total_out += sc.feed(rng.standard_normal((2, int(n)))).shape[-1]
    assert sc.nbytes == size0
    assert {k: v.shape for k, v in sc._state_arrays().items()} == shapes0
    assert size0 < 64 * (K + 2 * 64) * 2 * 16    # O(K + B) per channel, nothing per sample fed
    assert total_out >= 3 + lengths.sum() - B
    tail = sc.flush()
    assert tail.shape[0] == 2 and total_out + tail.shape[-1] == 3 + lengths.sum() + K - 1


def test_reset_starts_a_new_stream():
    rng = np.random.default_rng(3)
    k = rng.standard_normal(200)
    sc = StreamConvolver(k, mode="same", block_size=32)
    x1, x2 = rng.standard_normal(500), rng.standard_normal(300)
    y1 = _run(sc, x1, [33] * 20, -1)
    sc.reset()
    y2 = _run(sc, x2, [31] * 20, -1)
    assert _rel(y1, ss.convolve(x1, k, "same", method="direct")) <= 1e-12
    assert _rel(y2, ss.convolve(x2, k, "same", method="direct")) <= 1e-12


def test_outputs_are_fresh_and_inputs_untouched():
    rng = np.random.default_rng(4)
    k = rng.standard_normal(100)
    for method in ("direct", "fdl"):
        sc = StreamConvolver(k, block_size=16, method=method)
        x = rng.standard_normal(64)
        x.setflags(write=False)
        xc = x.copy()
        a = sc.feed(x)
        a_copy = a.copy()
        b = sc.feed(x)
        assert np.array_equal(a, a_copy) and not np.shares_memory(a, b)
        assert np.array_equal(x, xc)


def test_workers_do_not_change_results():
    rng = np.random.default_rng(6)
    x, k = rng.standard_normal((4, 5000)), rng.standard_normal(2000)
    y1 = _run(StreamConvolver(k, block_size=256, workers=1), x, [1000] * 5, -1)
    y2 = _run(StreamConvolver(k, block_size=256, workers=2), x, [1000] * 5, -1)
    assert _rel(y2, y1) <= 1e-14


# ---------------------------------------------------------------- dtypes


@pytest.mark.parametrize("kdt,xdt,expected", [
    ("float32", "float32", "float32"),
    ("float64", "float32", "float64"),
    ("int64", "int16", "float64"),
    ("bool", "int32", "float64"),
    ("float16", "float16", "float32"),
    ("float32", "complex64", "complex64"),
    ("float64", "complex64", "complex128"),
])
def test_dtype_rule(kdt, xdt, expected):
    rng = np.random.default_rng(7)
    k = (rng.standard_normal(80) * 5).astype(kdt)
    x = (rng.standard_normal(300) * 5).astype(xdt)
    sc = StreamConvolver(k, block_size=16)
    y = _run(sc, x, [50] * 7, -1)
    assert sc.dtype == y.dtype == np.dtype(expected)
    ref = ss.convolve(x.astype(np.complex128 if y.dtype.kind == "c" else np.float64), k.astype(np.float64), method="direct")
    assert _rel(y, ref) <= TOL[y.dtype.char]
    if kdt.startswith("int") or kdt == "bool":
        # float64 through the FFT path: within rounding of the exact integers convolve returns
        assert np.array_equal(np.rint(y), convkit.convolve(x, k))


def test_fixed_dtype_casts_chunks_of_the_same_kind():
    sc = StreamConvolver(np.ones(3), dtype=np.float32)
    y = sc.feed(np.arange(4, dtype=np.int64))
    assert y.dtype == np.float32 and y.tolist() == [0, 1, 3, 6]


# ---------------------------------------------------------------- errors


def test_feed_after_flush_raises_until_reset():
    sc = StreamConvolver(np.ones(100), block_size=16)
    sc.feed(np.ones(10))
    sc.flush()
    with pytest.raises(RuntimeError, match=r"after flush\(\); call reset\(\) first"):
        sc.feed(np.ones(3))
    with pytest.raises(RuntimeError, match="reset"):
        sc.flush()
    sc.reset()
    assert sc.feed(np.ones(16)).shape == (16,)


def test_complex_into_real_stream_raises():
    sc = StreamConvolver(np.ones(3), dtype="float64")
    with pytest.raises(ValueError, match=r"complex128.*float64|float64.*complex128"):
        sc.feed(np.ones(4, complex))
    sc = StreamConvolver(np.ones(3))
    sc.feed(np.ones(4))                      # first chunk fixes a real stream
    with pytest.raises(ValueError, match="expected a real"):
        sc.feed(np.ones(4, np.complex64))


def test_wrong_channel_shape_raises():
    sc = StreamConvolver(np.ones(3), axis=0)
    sc.feed(np.ones((5, 2)))
    with pytest.raises(ValueError, match=r"expected \(n, 2\).*got|got.*\(5, 3\)"):
        sc.feed(np.ones((5, 3)))
    with pytest.raises(ValueError, match="dimensions, expected 2"):
        sc.feed(np.ones(5))
    sc.feed(np.ones((0, 2)))                 # empty chunk with the right channels is fine


@pytest.mark.parametrize("kwargs,match", [
    (dict(kernel=np.ones((2, 2))), "1-D"),
    (dict(kernel=np.ones(0)), "empty"),
    (dict(kernel=np.ones(3), mode="middle"), "mode"),
    (dict(kernel=np.ones(3), block_size=0), "block_size"),
    (dict(kernel=np.ones(3) * 1j, dtype="float64"), "complex dtype"),
    (dict(kernel=np.ones(3), method="fast"), "method"),
])
def test_constructor_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        StreamConvolver(**kwargs)


def test_flush_without_samples_raises():
    sc = StreamConvolver(np.ones(3))
    sc.feed(np.ones(0))
    with pytest.raises(ValueError, match="no samples"):
        sc.flush()
    with pytest.raises(ValueError, match="empty"):
        convkit.convolve(np.ones(0), np.ones(3))     # the one-shot call it mirrors


def test_axis_out_of_bounds_and_scalars():
    with pytest.raises(ValueError, match="out of bounds"):
        StreamConvolver(np.ones(3), axis=2).feed(np.ones((2, 2)))
    with pytest.raises(ValueError, match="scalar"):
        StreamConvolver(np.ones(3)).feed(1.0)


# ---------------------------------------------------------------- real time (issue 12 item 5)


def test_construction_prepares_everything(monkeypatch):
    """Buffers, plans and kernels exist after construction; a matching first chunk builds nothing."""
    from convkit import _stream_levels

    rng = np.random.default_rng(40)
    for K, method, chan in [(2000, "fdl", ()), (40, "direct", (2,)), (5000, "fdl", (3,))]:
        k = rng.standard_normal(K)
        sc = StreamConvolver(k, block_size=16, method=method, channels=chan)
        assert sc._state_ready and sc.nbytes > 0
        if method == "fdl":
            assert _stream_levels._mac_kernel is not None
        monkeypatch.setattr(StreamConvolver, "_setup_state",
                            lambda self, dt=None: (_ for _ in ()).throw(AssertionError("set-up in feed")))
        x = rng.standard_normal(chan + (100,))
        y = np.concatenate([sc.feed(x[..., :37]), sc.feed(x[..., 37:]), sc.flush()], axis=-1)
        _check(y, x, k, "full", -1, "float64")
        monkeypatch.undo()


def test_other_first_chunk_prepares_again():
    rng = np.random.default_rng(41)
    k = rng.standard_normal(300)
    sc = StreamConvolver(k, block_size=32)                 # prepared for mono float64
    x = rng.standard_normal((2, 3, 500)).astype(np.float32)
    y = np.concatenate([sc.feed(x), sc.flush()], axis=-1)
    assert y.dtype == np.float64
    _check(y, x, k, "full", -1, "float64")
    with pytest.raises(ValueError, match="channels"):
        StreamConvolver(k, channels=(0,))


def test_two_level_spreads_the_long_block_over_short_blocks(monkeypatch):
    """Each feed of one short block does at most one part of a long block's work."""
    rng = np.random.default_rng(42)
    B, K = 8, 2000
    k, x = rng.standard_normal(K), rng.standard_normal(30 * 16 * B)
    sc = StreamConvolver(k, block_size=B)
    assert sc._two_level
    lv1 = sc._tail_level
    monkeypatch.setattr(lv1, "_block", lambda *a, **kw: (_ for _ in ()).throw(AssertionError("whole long block")))
    steps = []
    real_step = lv1.step
    monkeypatch.setattr(lv1, "step", lambda: steps.append(lv1.job) or real_step())
    outs = [sc.feed(x[i:i + B]) for i in range(0, x.size, B)]
    assert len(steps) == x.size // B                   # one step call per short block
    monkeypatch.undo()
    outs.append(sc.flush())
    _check(np.concatenate(outs), x, k, "full", -1, "float64")


@pytest.mark.parametrize("parts", [2, 4])
@pytest.mark.parametrize("dtype", ["float64", "float32", "complex128", "complex64"])
@pytest.mark.parametrize("mode", ["full", "valid"])
def test_tail_level_transforms_cut_into_sub_transforms(parts, dtype, mode, monkeypatch):
    """The tail level's long transforms done as 2 or 4 sub-transforms give the convolution,
    for real and complex data, several channels and chunks across block boundaries; no
    short block runs a whole long transform."""
    from convkit import _stream_levels

    # B = 4: tail blocks of 64 (L = 128), cut into `parts`; the head level is not spread
    monkeypatch.setattr(_stream_levels, "_split_parts", lambda L, B, steps, *args: parts if steps > 1 else 1)
    rng = np.random.default_rng(parts * 10 + len(dtype))
    x = rng.standard_normal((2, 64 * 12 + 5))
    k = rng.standard_normal(700)
    if dtype.startswith("complex"):
        x, k = x + 1j * rng.standard_normal(x.shape), k + 1j * rng.standard_normal(k.shape)
    x, k = x.astype(dtype), k.astype(dtype)
    sc = StreamConvolver(k, mode=mode, block_size=4, channels=2)
    assert sc._two_level and sc._tail_level.parts == parts and sc._tail_level.L % parts == 0
    lv1 = sc._tail_level
    monkeypatch.setattr(lv1, "_block", lambda *a, **kw: (_ for _ in ()).throw(AssertionError("whole long block")))
    y = [sc.feed(x[:, i:i + 7]) for i in range(0, x.shape[1], 7)]
    monkeypatch.undo()
    y = np.concatenate(y + [sc.flush()], axis=1)
    _check(y, x, k, mode, -1, dtype)


@pytest.mark.parametrize("B,parts", [(1, 1), (1, 2), (2, 4), (3, 1)])
def test_tiny_blocks_every_cut(B, parts, monkeypatch):
    """Blocks of 1-3 samples: tail transforms of 32-96 points, with more MAC steps than
    sub-spectrum bins when cut."""
    from convkit import _stream_levels

    monkeypatch.setattr(_stream_levels, "_split_parts", lambda L, B, steps, *args: parts if steps > 1 else 1)
    rng = np.random.default_rng(52 + B + parts)
    k, x = rng.standard_normal(70 * B + 3), rng.standard_normal(100 * B + 1)
    sc = StreamConvolver(k, block_size=B, method="fdl")
    assert sc._two_level and sc._tail_level.parts == parts
    _check(_run(sc, x, [5, 1, 2 * B] * 40, -1), x, k, "full", -1, "float64")


def test_split_parts_rule():
    """The cut that makes a job's steps most even, at the cases traced on epyc-zen4-2c
    (``stream_latency.py --trace``, K = 96000): B = 1024 (tail L = 32768, 4 partitions)
    had its costliest step at 4 parts, B = 256 (L = 8192, 22 partitions) at 2, and short
    transforms against many partitions (B = 64: L = 2048, 92) are not cut."""
    from convkit._stream_levels import _split_parts

    assert _split_parts(32768, 16384, 16, 4, 1, True) == 4
    assert _split_parts(8192, 4096, 16, 22, 1, True) == 2
    assert _split_parts(2048, 1024, 16, 92, 1, True) == 1
    assert _split_parts(32768, 16386, 16, 4, 1, True) == 2             # the block must divide
    assert _split_parts(32768, 16384, 8, 4, 1, True) == 2              # and leave a MAC slice
    assert _split_parts(32768, 16384, 1, 4, 1, True) == 1              # a level that is not spread


@pytest.mark.parametrize("parts", [1, 2])
def test_feed_of_a_block_allocates_only_its_output(parts, monkeypatch):
    """A feed of one block of a two-level stream (head and tail level, every step of the
    tail level's job) allocates the array it returns and no temporary of block size."""
    import tracemalloc

    from convkit import _stream_levels

    monkeypatch.setattr(_stream_levels, "_split_parts", lambda L, B, steps, *args: parts if steps > 1 else 1)
    rng = np.random.default_rng(50)
    B = 512
    sc = StreamConvolver(rng.standard_normal(70 * B), block_size=B)
    assert sc._two_level and sc._tail_level.parts == parts
    x = rng.standard_normal((40, B))
    sc.feed(x[0])
    tracemalloc.start()
    try:
        grown = []
        for row in x[1:]:                     # more than two long blocks: every step runs
            tracemalloc.reset_peak()
            before = tracemalloc.get_traced_memory()[0]
            y = sc.feed(row)
            grown.append(tracemalloc.get_traced_memory()[1] - before - y.nbytes)
            del y
    finally:
        tracemalloc.stop()
    assert max(grown) < B * 8 // 2, grown      # Python objects only: below half a block's bytes


def test_bits_do_not_depend_on_the_chunks():
    """Blocks of B, arbitrary chunk lengths and one whole chunk give the same bits (the
    same arithmetic on every block), and so does the same stream again after reset."""
    rng = np.random.default_rng(51)
    B = 16
    k, x = rng.standard_normal(80 * B), rng.standard_normal(70 * B + 5)
    sc = StreamConvolver(k, block_size=B)
    assert sc._two_level
    runs = [_run(sc, x, [B] * (x.size // B), -1)]
    for lengths in ([7, 1, 0, 33] * 200, [x.size]):
        sc.reset()
        runs.append(_run(sc, x, lengths, -1))
    for y in runs[1:]:
        assert np.array_equal(y, runs[0])
    _check(runs[0], x, k, "full", -1, "float64")
