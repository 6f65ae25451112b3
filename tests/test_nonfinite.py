"""method='auto' on NaN/inf inputs: direct convolution's finiteness at FFT speed (convkit._execute_nonfinite).

The reference semantics are the unpadded direct convolution: an output is the
sum of ``a[i] * b[j]`` over the in-range pairs only, so it is NaN / +inf / -inf
exactly as that IEEE sum is. ``naive`` below computes it by shift-and-add (one
numpy pass per sample of the second operand). scipy.signal.convolve(method=
'direct') agrees with it for real 1-D inputs (numpy.convolve) and whenever
the non-finite samples sit in the larger operand; its N-d path zero-pads and
multiplies the padding, so a non-finite kernel sample also gives NaN where it
meets the padding (pinned in ``test_scipy_nd_padding_quirk``), and its 1-D
complex path (numpy's dot) mixes the real and imaginary classes. Those cases
are checked against the shared oracle (``_helpers.oracle``, shift-and-add
over the kept region), computed here in the result's own precision
(``wide=False``) so its non-finite classes are that precision's.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.signal as ss
from hypothesis import given
from hypothesis import strategies as st

import convkit
from convkit._engines import direct as direct_engine
from convkit._engines import fft as fft_engine
from convkit._engines import overlap as overlap_engine
from convkit._execute_nonfinite import convolve_nonfinite, plan_nonfinite

from _helpers import LAYOUTS, assert_close, oracle, random_array, region
from _helpers import oracle_public as _oracle_public

NAN, INF = np.nan, np.inf


# --------------------------------------------------------------------------
# oracle and helpers


def naive(a, b, axes, shape, start):
    """The oracle in the result's own precision (its NaN/inf classes are that precision's)."""
    return oracle(a, b, axes, shape, start, wide=False)


def naive_public(name, in1, in2, mode):
    """``naive`` for a public convolve/correlate call."""
    return _oracle_public(name, in1, in2, mode, wide=False)


def classes(x):
    """0 NaN, 1 +inf, 2 -inf, 3 finite; real and imaginary parts stacked for complex."""
    x = np.asarray(x)
    if x.dtype.kind == "c":
        return np.stack([classes(x.real), classes(x.imag)])
    return np.select([np.isnan(x), x == INF, x == -INF], [0, 1, 2], 3)


def assert_same_classes(actual, expected):
    ca, ce = classes(actual), classes(expected)
    bad = np.argwhere(ca != ce)
    first = tuple(bad[0]) if bad.size else ()
    assert bad.size == 0, f"{len(bad)} outputs differ in class, first at {list(first)}: {ca[first]} vs {ce[first]}"


def sprinkle(rng, x, count, values=(NAN, INF, -INF), imag=None):
    """``x`` with ``count`` samples replaced by non-finite values (in the imaginary part too, for complex)."""
    x = x.copy()
    flat = x.reshape(-1)
    for idx in rng.choice(flat.size, size=min(count, flat.size), replace=False):
        v = values[rng.integers(len(values))]
        if x.dtype.kind == "c" and (imag if imag is not None else rng.random() < 0.5):
            flat[idx] = complex(flat[idx].real, v)
        elif x.dtype.kind == "c":
            flat[idx] = complex(v, flat[idx].imag)
        else:
            flat[idx] = v
    return x


def assert_auto_not_direct(in1, in2, mode="full"):
    choice = convkit.choose_method(in1, in2, mode)
    assert choice.method != "direct", f"auto picked direct, the test needs an FFT engine: {choice}"


# --------------------------------------------------------------------------
# public API on long inputs (auto picks fft/oa)

LONG_1D = [((60000,), (601,)), ((20000,), (2500,))]  # auto picks an FFT engine for both dtypes


@pytest.mark.parametrize("s1,s2", LONG_1D)
@pytest.mark.parametrize("where", ["signal", "kernel", "both"])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("mode", ["full", "same", "valid"])
@pytest.mark.parametrize("name", ["convolve", "correlate"])
def test_auto_1d_matches_scipy_direct(s1, s2, where, dtype, mode, name, rng):
    x = random_array(rng, s1, dtype)
    h = random_array(rng, s2, dtype)
    assert_auto_not_direct(x, h, mode)
    if where in ("signal", "both"):
        x = sprinkle(rng, x, 6)
    if where in ("kernel", "both"):
        h = sprinkle(rng, h, 2)
    with np.errstate(invalid="ignore"):
        expected = getattr(ss, name)(x, h, mode, method="direct")
    actual = getattr(convkit, name)(x, h, mode)
    assert_same_classes(actual, expected)
    assert_close(actual, expected, x, h)


def test_auto_1d_three_kinds_each_exact(rng):
    """One NaN, one +inf, one -inf far apart, plus an inf - inf collision: every class appears."""
    x = rng.standard_normal(50000)
    h = np.abs(rng.standard_normal(401)) + 0.1  # positive kernel: signs are predictable
    x[1000], x[20000], x[40000], x[40100] = NAN, INF, -INF, INF
    h[7] = 0.0  # inf * 0 = NaN at one offset
    out = convkit.convolve(x, h)
    with np.errstate(invalid="ignore"):
        expected = ss.convolve(x, h, method="direct")
    assert_same_classes(out, expected)
    c = classes(out)
    assert {0, 1, 2, 3} <= set(np.unique(c).tolist())
    assert np.isnan(out[20007]) and out[20000] == INF and out[40000] == -INF
    assert np.isnan(out[40150])  # +inf and -inf in the same window


@pytest.mark.parametrize("mode", ["full", "same", "valid"])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_auto_2d_signal_nonfinite_matches_scipy_direct(mode, dtype, rng):
    x = random_array(rng, (300, 290), dtype)
    h = random_array(rng, (25, 23), dtype)
    assert_auto_not_direct(x, h, mode)
    x = sprinkle(rng, x, 5)
    with np.errstate(invalid="ignore"):
        expected = ss.convolve(x, h, mode, method="direct")
    actual = convkit.convolve(x, h, mode)
    assert_same_classes(actual, expected)
    assert_close(actual, expected, x, h)


@pytest.mark.parametrize("mode", ["full", "same", "valid"])
@pytest.mark.parametrize("name", ["convolve", "correlate"])
def test_auto_2d_kernel_nonfinite_matches_unpadded_direct(mode, name, rng):
    x = rng.standard_normal((300, 290))
    h = sprinkle(rng, rng.standard_normal((25, 23)), 3)
    assert_auto_not_direct(x, h, mode)
    expected = naive_public(name, x, h, mode)
    actual = getattr(convkit, name)(x, h, mode)
    assert_same_classes(actual, expected)
    assert_close(actual, expected, x, h)


def test_scipy_nd_padding_quirk(rng):
    """scipy's N-d direct path multiplies its zero padding by a non-finite kernel sample.

    convkit gives NaN/inf only where an in-range pair has a non-finite factor;
    scipy adds NaN where the kernel's inf meets the padding. Elsewhere they agree.
    """
    x = rng.standard_normal((300, 290))
    h = rng.standard_normal((25, 23))
    h[2, 3] = INF
    assert_auto_not_direct(x, h)
    ours = convkit.convolve(x, h, method="auto")
    with np.errstate(invalid="ignore"):
        theirs = ss.convolve(x, h, method="direct")
    assert_same_classes(ours, naive_public("convolve", x, h, "full"))
    extra = np.isnan(theirs) & ~np.isnan(ours)
    assert extra.any()  # the quirk is still there in scipy
    assert_same_classes(np.where(extra, 0, ours), np.where(extra, 0, theirs))


@pytest.mark.parametrize("dtype", ["complex128", "complex64"])
@pytest.mark.parametrize("part", ["real", "imag", "mixed"])
@pytest.mark.parametrize("name,mode", [("convolve", "full"), ("correlate", "same"), ("convolve", "valid")])
def test_auto_complex(dtype, part, name, mode, rng):
    imag = {"real": False, "imag": True, "mixed": None}[part]
    x = random_array(rng, (40000,), dtype)
    h = random_array(rng, (700,), dtype)
    assert_auto_not_direct(x, h)
    x = sprinkle(rng, x, 5, imag=imag)
    h = sprinkle(rng, h, 1, imag=imag)
    expected = naive_public(name, x, h, mode)
    actual = getattr(convkit, name)(x, h, mode)
    assert_same_classes(actual, expected)  # per component
    assert_close(actual, expected, x, h)


def test_auto_complex_2d_matches_scipy_direct(rng):
    x = sprinkle(rng, random_array(rng, (300, 280), "complex128"), 4)
    h = random_array(rng, (21, 19), "complex128")
    assert_auto_not_direct(x, h)
    with np.errstate(invalid="ignore"):
        expected = ss.convolve(x, h, method="direct")
    actual = convkit.convolve(x, h)
    assert_same_classes(actual, expected)
    assert_close(actual, expected, x, h)


def test_integer_with_nonfinite_float(rng):
    x = rng.integers(-5, 5, 60000)
    h = sprinkle(rng, rng.standard_normal(301), 2)
    with np.errstate(invalid="ignore"):
        expected = ss.convolve(x, h, method="direct")
    actual = convkit.convolve(x, h)
    assert_same_classes(actual, expected)
    assert_close(actual, expected, x, h)


# --------------------------------------------------------------------------
# all-NaN, all-inf, dense non-finite


@pytest.mark.parametrize("dtype", ["float64", "float32", "complex128"])
@pytest.mark.parametrize("mode", ["full", "same", "valid"])
@pytest.mark.parametrize("nan_first", [True, False])
def test_all_nan_input(dtype, mode, nan_first, rng):
    x = np.full(30000, NAN, dtype=dtype)
    h = random_array(rng, (500,), dtype)
    a, b = (x, h) if nan_first else (h, x)
    out = convkit.convolve(a, b, mode)
    assert out.dtype == np.dtype(dtype)
    with np.errstate(invalid="ignore"):
        expected = ss.convolve(a[None], b[None], mode, method="direct")[0]
    assert_same_classes(out, expected)
    assert np.isnan(out).all()


def test_all_nan_2d_and_plan(rng):
    x2 = np.full((200, 210), NAN)
    out = convkit.convolve(x2, rng.standard_normal((20, 20)), "same")
    assert out.shape == (200, 210) and np.isnan(out).all()
    x = np.full(30000, NAN)
    assert plan_nonfinite(x, rng.standard_normal(500), (0,), (30499,), (0,))["strategy"] == "all-nan"


def test_all_inf_and_dense_nonfinite(rng):
    x = np.full(20000, INF)
    x[::3] = -INF
    h = rng.standard_normal(600)
    out = convkit.convolve(x, h)
    with np.errstate(invalid="ignore"):
        expected = ss.convolve(x, h, method="direct")
    assert_same_classes(out, expected)
    y = sprinkle(rng, rng.standard_normal(30000), 3000)  # 10 % non-finite
    with np.errstate(invalid="ignore"):
        expected = ss.convolve(y, h, method="direct")
    assert_same_classes(convkit.convolve(y, h), expected)
    assert plan_nonfinite(y, h, (0,), (30599,), (0,))["strategy"] == "direct"


# --------------------------------------------------------------------------
# the module through the engines: N-d, batch axes, broadcasting, both strategies

ENGINES = {"fft": fft_engine.convolve, "oa": overlap_engine.convolve}

BATCH_CASES = [
    # (a shape, b shape, axes, modes per conv axis)
    ((4, 3000), (4, 201), (1,), ("full",)),
    ((4, 3000), (1, 201), (1,), ("same",)),
    ((1, 3000), (5, 201), (1,), ("valid",)),
    ((3, 80, 2, 70), (1, 9, 2, 11), (1, 3), ("full", "same")),
    ((60, 3, 50), (7, 3, 1), (0, 2), ("same", "valid")),
    ((2, 3, 400), (2, 1, 31), (2,), ("valid",)),
]


def _geometry(sa, sb, axes, modes):
    shape, start = [], []
    it = iter(modes)
    for d, (n, k) in enumerate(zip(sa, sb)):
        if d in axes:
            s0, length = region(next(it), n, k)
        else:
            s0, length = 0, max(n, k)
        shape.append(length)
        start.append(s0)
    return tuple(shape), tuple(start)


@pytest.mark.parametrize("sa,sb,axes,modes", BATCH_CASES)
@pytest.mark.parametrize("engine", list(ENGINES))
@pytest.mark.parametrize("dtype", ["float64", "complex128", "float32"])
@pytest.mark.parametrize("raw", [False, True])
def test_engines_batch_axes(sa, sb, axes, modes, engine, dtype, raw, rng):
    shape, start = _geometry(sa, sb, axes, modes)
    a = sprinkle(rng, random_array(rng, sa, dtype), 5)
    b = sprinkle(rng, random_array(rng, sb, dtype), 2)
    a_before, b_before = a.copy(), b.copy()
    expected = naive(a, b, axes, shape, start)
    poisoned = None
    if raw:  # the engine's NaN-poisoned result, handed over to be patched in place
        with np.errstate(invalid="ignore"):
            poisoned = ENGINES[engine](a, b, axes, shape, start)
    out = convolve_nonfinite(ENGINES[engine], direct_engine.convolve, a, b, axes, shape, start, strategy="sparse",
                             out=poisoned)
    if raw:
        assert out is poisoned
    assert out.shape == shape and out.dtype == a.dtype and out.flags.c_contiguous
    assert_same_classes(out, expected)
    assert_close(out, expected, a, b)
    np.testing.assert_array_equal(a, a_before)
    np.testing.assert_array_equal(b, b_before)


@pytest.mark.parametrize("sa,sb,axes,modes", BATCH_CASES[:4] + [((50,), (400,), (0,), ("valid",))])
@pytest.mark.parametrize("slab_bytes", [1, 200, 5000])
@pytest.mark.parametrize("raw", [False, True])
def test_slab_cleaning(sa, sb, axes, modes, slab_bytes, raw, rng, monkeypatch):
    """A large operand is cleaned slab by slab (sub-problems along its longest axis); forced small here."""
    import convkit._execute_nonfinite as nf

    monkeypatch.setattr(nf, "_CHUNK_MIN_BYTES", 0)
    monkeypatch.setattr(nf, "_SLAB_BYTES", slab_bytes)
    monkeypatch.setattr(nf, "_SLAB_KERNELS", 0)
    shape, start = _geometry(sa, sb, axes, modes)
    a = sprinkle(rng, rng.standard_normal(sa), 4)
    b = sprinkle(rng, rng.standard_normal(sb), 2)
    calls = []

    def fast(*args, **kw):
        calls.append(args[3])
        return fft_engine.convolve(*args, **kw)

    poisoned = None
    if raw:
        with np.errstate(invalid="ignore"):
            poisoned = overlap_engine.convolve(a, b, axes, shape, start)
    out = convolve_nonfinite(fast, direct_engine.convolve, a, b, axes, shape, start, strategy="sparse",
                             out=poisoned)
    assert len(calls) > 1 or slab_bytes == 5000 or raw  # 5000 B: one slab covers it, one whole copy
    expected = naive(a, b, axes, shape, start)
    assert_same_classes(out, expected)
    assert_close(out, expected, a, b)


@pytest.mark.parametrize("mode", ["full", "same", "valid"])
@pytest.mark.parametrize("sa,sb", [((5000,), (300,)), ((120, 90), (13, 9)), ((7, 8), (30, 40))])
def test_strategies_agree(sa, sb, mode, rng):
    """The sparse path and the direct fallback give the same classes (the direct engine is unpadded too)."""
    a = sprinkle(rng, rng.standard_normal(sa), 20)
    b = sprinkle(rng, rng.standard_normal(sb), 3)
    start, shape = zip(*(region(mode, n, k) for n, k in zip(sa, sb)))
    args = (fft_engine.convolve, direct_engine.convolve, a, b, tuple(range(len(sa))), shape, start)
    sparse = convolve_nonfinite(*args, strategy="sparse")
    direct = convolve_nonfinite(*args, strategy="direct")
    assert_same_classes(sparse, direct)
    assert_same_classes(direct, naive(a, b, tuple(range(len(sa))), shape, start))
    assert_close(sparse, direct, a, b)


def test_patching_recomputes_only_poisoned_blocks(rng, monkeypatch):
    """Given overlap-add's poisoned result, only the slabs around the non-finite samples are recomputed."""
    import convkit._execute_nonfinite as nf

    monkeypatch.setattr(nf, "_SLAB_BYTES", 8 << 10)
    a = rng.standard_normal(400_000)
    a[[1000, 300_000]] = [NAN, INF]
    b = rng.standard_normal(101)
    shape, start = (a.size + b.size - 1,), (0,)
    with np.errstate(invalid="ignore"):
        poisoned = overlap_engine.convolve(a, b, (0,), shape, start)
    assert 0 < (~np.isfinite(poisoned)).sum() < a.size // 4  # overlap-add poisons blocks, not everything
    computed = []

    def fast(x, y, axes, shape, start, **kw):
        computed.append(shape[0])
        return overlap_engine.convolve(x, y, axes, shape, start, **kw)

    out = convolve_nonfinite(fast, direct_engine.convolve, a, b, (0,), shape, start, strategy="sparse", out=poisoned)
    assert sum(computed) < a.size // 4
    with np.errstate(invalid="ignore"):
        expected = ss.convolve(a, b, method="direct")
    assert_same_classes(out, expected)
    assert_close(out, expected, a, b)


def test_plan_prefers_sparse_for_few_samples(rng):
    a = sprinkle(rng, rng.standard_normal(1_000_000), 10)
    b = rng.standard_normal(2001)
    info = plan_nonfinite(a, b, (0,), (a.size + b.size - 1,), (0,))
    assert info["strategy"] == "sparse" and info["nonfinite_a"] == 10
    assert info["terms"] <= 10 * b.size


@pytest.mark.parametrize("layout", [name for name in LAYOUTS if name != "zero-stride"])
def test_inputs_unchanged_and_odd_layouts(layout, rng):
    x = sprinkle(rng, rng.standard_normal(60000), 5)
    h = sprinkle(rng, rng.standard_normal(301), 1)
    with np.errstate(invalid="ignore"):
        expected = ss.convolve(x, h, method="direct")
    xv, hv = LAYOUTS[layout](x), LAYOUTS[layout](h)
    before = xv.copy(), hv.copy()
    out = convkit.convolve(xv, hv)
    assert_same_classes(out, expected)
    assert_close(out, expected, x, h)
    np.testing.assert_array_equal(xv, before[0])
    np.testing.assert_array_equal(hv, before[1])


# --------------------------------------------------------------------------
# scipy's behaviour kept where it is asked for


def test_fft_functions_keep_scipy_poisoning(rng):
    x = rng.standard_normal(5000)
    x[100] = NAN
    h = rng.standard_normal(50)
    ours, theirs = convkit.fftconvolve(x, h), ss.fftconvolve(x, h)
    assert np.isnan(theirs).all() and np.isnan(ours).all()
    # overlap-add poisons whole blocks; the block sizes are convkit's own, so only the
    # blocks around the NaN are NaN, a superset of direct convolution's NaNs.
    ours = convkit.oaconvolve(x, h)
    assert np.isnan(ours[100:150]).all() and np.isfinite(ours).sum() > 0
    with pytest.warns(RuntimeWarning, match="Use of fft convolution on input with NAN or inf"):
        out = convkit.convolve(x, h, method="fft")
    assert np.isnan(out).all()


# --------------------------------------------------------------------------
# property test


@given(
    ndim=st.integers(1, 3), seed=st.integers(0, 2**32 - 1),
    dtype=st.sampled_from(["float64", "float32", "complex128"]),
    engine=st.sampled_from(list(ENGINES)), n_bad=st.integers(0, 6),
)
def test_nonfinite_property(ndim, seed, dtype, engine, n_bad):
    rng = np.random.default_rng(seed)
    axes = tuple(sorted(rng.choice(ndim, size=rng.integers(1, ndim + 1), replace=False).tolist()))
    sa, sb, modes = [], [], []
    for d in range(ndim):
        if d in axes:
            sa.append(int(rng.integers(1, 15)))
            sb.append(int(rng.integers(1, 15)))
            modes.append(["full", "same", "valid"][rng.integers(3)])
        else:
            size = int(rng.integers(1, 4))
            sa.append(int(rng.choice([1, size])))
            sb.append(int(rng.choice([1, size])))
    shape, start = _geometry(sa, sb, axes, modes)
    a = random_array(rng, tuple(sa), dtype)
    b = random_array(rng, tuple(sb), dtype)
    a = sprinkle(rng, a, int(rng.integers(0, n_bad + 1)), values=(NAN, INF, -INF, 0.0))
    b = sprinkle(rng, b, n_bad - int(rng.integers(0, n_bad + 1)) if n_bad else 0, values=(NAN, INF, -INF, 0.0))
    expected = naive(a, b, axes, shape, start)
    out = convolve_nonfinite(ENGINES[engine], direct_engine.convolve, a, b, axes, shape, start, strategy="sparse")
    assert_same_classes(out, expected)
    assert_close(out, expected, a, b)


# --------------------------------------------------------------------------
# the scan that finds non-finite samples


def _huge_finite(dtype):
    real = np.finfo(np.dtype(dtype)).dtype
    base = np.full((7, 33), np.finfo(real).max, dtype)  # huge finite values: no overflow to inf
    base[::2] *= -1
    return base


@pytest.mark.parametrize("dtype", ["float32", "float64", "complex64", "complex128"])
def test_all_finite_accepts_huge_finite_values(dtype):
    from convkit._engines._finite import all_finite

    base = _huge_finite(dtype)
    assert all_finite(base)
    assert all_finite(base[:, ::3])  # non-contiguous view
    assert all_finite(base[:0])


@pytest.mark.parametrize("index", [(0, 0), (3, 17), (6, 32)])
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf], ids=["nan", "inf", "-inf"])
@pytest.mark.parametrize("dtype", ["float32", "float64", "complex64", "complex128"])
def test_all_finite_finds_every_nonfinite_value(dtype, bad, index):
    from convkit._engines._finite import all_finite

    x = _huge_finite(dtype)
    x[index] = bad
    assert not all_finite(x)
    assert not all_finite(x.T)
    if x.dtype.kind == "c":
        x[index] = complex(1.0, bad)
        assert not all_finite(x)


@pytest.mark.parametrize("s1,s2", [((30,), (1,)), ((1,), (30,)), ((22, 2), (1, 1)), ((22, 5), (1, 1)),
                                   ((1, 7), (5, 1)), ((3, 1, 4), (1, 6, 1))])
@pytest.mark.parametrize("dtype", ["float64", "complex64"])
@pytest.mark.parametrize("mode", ["full", "same", "valid"])
def test_forced_fft_with_no_sum_keeps_nonfinite_local(s1, s2, dtype, mode, rng):
    """A forced FFT call where every convolved axis has a length-1 operand sums nothing: scipy's
    fftconvolve drops those axes and returns ``in1 * in2``, so a NaN or inf stays where it is;
    convkit's fft and oa engines must not spread it over the output with a transform."""
    a = rng.standard_normal(s1).astype(dtype)
    b = rng.standard_normal(s2).astype(dtype)
    a.flat[a.size // 2] = np.inf
    for name in ("fftconvolve", "oaconvolve"):
        try:
            expected = getattr(ss, name)(a, b, mode)
        except ValueError:
            continue
        out = getattr(convkit, name)(a, b, mode)
        np.testing.assert_array_equal(np.isfinite(out), np.isfinite(expected))
    if len(s1) == 1 or mode != "valid":
        for method in ("fft", "oa"):
            expected = ss.convolve(a, b, mode, method="fft")
            out = convkit.convolve(a, b, mode, method=method)
            np.testing.assert_array_equal(np.isfinite(out), np.isfinite(expected))
            finite = np.isfinite(expected)
            np.testing.assert_allclose(out[finite], expected[finite], rtol=1e-6)


@pytest.mark.parametrize("road", ["numpy", "compiled"])
@pytest.mark.parametrize("dtype", ["float32", "float64", "complex64", "complex128"])
@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf, None])
@pytest.mark.parametrize("where", [0, 1, 4095, 9999])
def test_fft_result_check_finds_every_nonfinite_value(road, dtype, value, where, monkeypatch):
    """_execute._all_finite (auto's test of an FFT result) by either road, numpy's min/max while the
    compiled loop is not ready and the loop itself, finds a NaN or an infinity anywhere, in the real or
    the imaginary part, and passes finite arrays with huge values and signed zeros."""
    from convkit import _execute

    if road == "numpy":
        monkeypatch.setattr(_execute, "_ready_loop", lambda *a, **k: None)
    else:
        monkeypatch.setenv("CONVKIT_COMPILE", "foreground")   # the loop, compiled in the call
        import numba  # noqa: F401  (the compiled road runs in a process that has loaded Numba)
    x = np.random.default_rng(where).standard_normal(10000).astype(dtype)
    x[7] = np.finfo(x.real.dtype).max
    x[8] = -0.0
    if value is not None:
        if x.dtype.kind == "c" and where % 2:
            x.imag[where] = value
        else:
            x[where] = value
    assert _execute._all_finite(x) is (value is None)
    assert _execute._all_finite(x.reshape(100, 100)) is (value is None)
