"""The engine contract (``convkit._engines``), checked for every registered engine.

One parametrised suite over the registry: each engine x each dtype it
supports x shapes (1-D, 2-D, N-d with batch axes, length-1 axes, kernels
longer than the signal, shapes long enough for overlap-save's blocks) x the
regions of 'full', 'same' and 'valid', then memory layouts, prepared kernels,
threads and the pure-Python cost model. Values come from the one oracle,
data generator and tolerance table in ``tests/_helpers.py``; nothing here
knows how an engine works inside.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading

import numpy as np
import pytest

from convkit import _engines
from convkit._engines import Geometry

from _helpers import LAYOUTS, check, random_array, region

# What the contract promises each engine computes in (the registry's docstring): an engine
# added to the registry must be added here, or test_every_registered_engine_is_listed fails.
CONTRACT_DTYPES = {
    "direct": ("float32", "float64", "complex64", "complex128", "int64", "uint64"),
    "fft": ("float32", "float64", "complex64", "complex128"),
    "oa": ("float32", "float64", "complex64", "complex128"),
}
OTHER_DTYPES = ("bool", "int8", "int32", "uint32", "float16", "longdouble", "clongdouble", "object", "U4")

# (label, a shape, b shape, convolution axes); every other axis is a batch axis.
SHAPES = [
    ("1-D", (50,), (7,), (0,)),
    ("1-D kernel longer", (7,), (50,), (0,)),
    ("1-D both length 1", (1,), (1,), (0,)),
    ("1-D signal length 1", (1,), (9,), (0,)),
    ("1-D long", (1500,), (40,), (0,)),              # several overlap-save blocks
    ("1-D long kernel longer", (40,), (1500,), (0,)),
    ("2-D", (20, 17), (5, 4), (0, 1)),
    ("2-D length-1 axis", (12, 1), (3, 1), (0, 1)),
    ("2-D larger on each side", (6, 9), (11, 3), (0, 1)),
    ("2-D long", (300, 40), (7, 5), (0, 1)),
    ("batch, kernel broadcast", (3, 600), (1, 17), (1,)),
    ("3-D, batch on both sides", (3, 300, 2), (3, 11, 1), (1,)),
]
MODES = ("full", "same", "valid")


def _engine(name):
    if name != "direct":
        pytest.importorskip("pyfftw")
    return _engines.get(name)


def geometry(a_shape, b_shape, axes, mode, dtype, workers=1) -> Geometry:
    """The region ``mode`` keeps, as a Geometry (batch axes: the broadcast length from 0)."""
    shape, start = [], []
    for i, (n, k) in enumerate(zip(a_shape, b_shape)):
        first, length = region(mode, n, k) if i in axes else (0, max(n, k))
        start.append(first)
        shape.append(length)
    return Geometry(tuple(a_shape), tuple(b_shape), tuple(axes), tuple(shape), tuple(start), np.dtype(dtype), 1)


def run(eng, a, b, g, workers=1):
    """prepare + convolve, as the executor calls an engine."""
    return eng.convolve(a, eng.prepare(b, g), g, workers=workers)


def _cases():
    for name, dtypes in CONTRACT_DTYPES.items():
        for dtype in dtypes:
            yield pytest.param(name, dtype, id=f"{name}-{dtype}")


ENGINE_DTYPES = list(_cases())


# ---------------------------------------------------------------- registry and supports


def test_every_registered_engine_is_listed():
    assert set(_engines.NAMES) == set(CONTRACT_DTYPES)


@pytest.mark.parametrize("name", list(CONTRACT_DTYPES))
def test_engine_has_its_name_and_supports_exactly_its_dtypes(name):
    eng = _engine(name)
    assert eng.name == name
    for dtype in CONTRACT_DTYPES[name]:
        assert eng.supports(np.dtype(dtype)) is True, dtype
    for dtype in OTHER_DTYPES:
        assert not eng.supports(np.dtype(dtype)), dtype


def test_unknown_engine_is_a_key_error():
    with pytest.raises(KeyError):
        _engines.get("winograd")


# ---------------------------------------------------------------- values, shapes, regions


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("label,a_shape,b_shape,axes", SHAPES, ids=[s[0] for s in SHAPES])
@pytest.mark.parametrize("name,dtype", ENGINE_DTYPES)
def test_convolve_keeps_the_region(name, dtype, label, a_shape, b_shape, axes, mode):
    eng = _engine(name)
    rng = np.random.default_rng([len(label), a_shape[0], b_shape[0], MODES.index(mode)])
    a, b = random_array(rng, a_shape, dtype), random_array(rng, b_shape, dtype)
    g = geometry(a_shape, b_shape, axes, mode, dtype)
    a0, b0 = a.copy(), b.copy()
    check(run(eng, a, b, g), a, b, g.axes, g.shape, g.start)
    np.testing.assert_array_equal(a, a0)   # inputs are never written to
    np.testing.assert_array_equal(b, b0)


@pytest.mark.parametrize("name", [n for n, d in CONTRACT_DTYPES.items() if "int64" in d])
@pytest.mark.parametrize("dtype", ["int64", "uint64"])
def test_integers_wrap_as_numpy_multiply_add(name, dtype):
    """Exact modular arithmetic: products and sums past 2**63 wrap, as numpy's integer ops do."""
    eng = _engine(name)
    rng = np.random.default_rng(7)
    info = np.iinfo(dtype)
    a = rng.integers(info.min // 4, info.max // 4, size=(9, 30), dtype=dtype)
    b = rng.integers(info.min // 4, info.max // 4, size=(3, 5), dtype=dtype)
    g = geometry(a.shape, b.shape, (0, 1), "full", dtype)
    check(run(eng, a, b, g), a, b, g.axes, g.shape, g.start)


# ---------------------------------------------------------------- layouts

# Operands arrive in native byte order (``problem`` converts), so "big-endian" is not the engines' case.
ENGINE_LAYOUTS = [name for name in LAYOUTS if name != "big-endian"]


@pytest.mark.parametrize("operand", ["a", "b", "both"])
@pytest.mark.parametrize("layout", ENGINE_LAYOUTS)
@pytest.mark.parametrize("name,dtype", [pytest.param(n, d, id=f"{n}-{d}") for n in CONTRACT_DTYPES
                                        for d in ("float32", "complex128")])
def test_layouts(name, dtype, layout, operand):
    eng = _engine(name)
    rng = np.random.default_rng([ENGINE_LAYOUTS.index(layout), len(operand)])
    a, b = random_array(rng, (60, 33), dtype), random_array(rng, (5, 4), dtype)
    if operand in ("a", "both"):
        a = LAYOUTS[layout](a)
    if operand in ("b", "both"):
        b = LAYOUTS[layout](b)
    g = geometry(a.shape, b.shape, (0, 1), "same", dtype)
    a0, b0 = np.array(a), np.array(b)
    check(run(eng, a, b, g), a, b, g.axes, g.shape, g.start)
    np.testing.assert_array_equal(a, a0)
    np.testing.assert_array_equal(b, b0)


# ---------------------------------------------------------------- prepare, threads, bits


@pytest.mark.parametrize("label,a_shape,b_shape,axes", [SHAPES[4], SHAPES[9], SHAPES[10]],
                         ids=[SHAPES[4][0], SHAPES[9][0], SHAPES[10][0]])
@pytest.mark.parametrize("name,dtype", [pytest.param(n, d, id=f"{n}-{d}") for n in CONTRACT_DTYPES
                                        for d in ("float64", "complex64")])
def test_prepared_kernel_is_reusable_and_shareable(name, dtype, label, a_shape, b_shape, axes):
    """One prepare serves many signals and threads; the same inputs give the same bits,
    whatever ``workers`` is and whether the kernel was prepared once or again."""
    eng = _engine(name)
    rng = np.random.default_rng(len(label))
    b = random_array(rng, b_shape, dtype)
    signals = [random_array(rng, a_shape, dtype) for _ in range(3)]
    g = geometry(a_shape, b_shape, axes, "same", dtype)
    b0 = b.copy()
    prepared = eng.prepare(b, g)
    first = [eng.convolve(a, prepared, g, workers=1) for a in signals]
    for a, out in zip(signals, first):
        check(out, a, b, g.axes, g.shape, g.start)
    np.testing.assert_array_equal(b, b0)
    for a, out in zip(signals, first):
        assert np.array_equal(eng.convolve(a, eng.prepare(b, g), g, workers=1), out)
        assert np.array_equal(eng.convolve(a, prepared, g, workers=2), out)
    results = {}

    def worker(i):
        results[i] = eng.convolve(signals[i % 3], prepared, g, workers=1)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i in range(6):
        assert np.array_equal(results[i], first[i % 3]), i


@pytest.mark.parametrize("name", list(CONTRACT_DTYPES))
def test_results_are_fresh_arrays(name):
    """Two calls never share memory with each other or with the inputs."""
    eng = _engine(name)
    rng = np.random.default_rng(11)
    a, b = rng.standard_normal(200), rng.standard_normal(9)
    g = geometry(a.shape, b.shape, (0,), "same", "float64")
    prepared = eng.prepare(b, g)
    one, two = eng.convolve(a, prepared, g, workers=1), eng.convolve(a, prepared, g, workers=1)
    assert not np.shares_memory(one, two)
    assert not np.shares_memory(one, a) and not np.shares_memory(one, b)


# ---------------------------------------------------------------- cost: pure Python

_COST_SCRIPT = textwrap.dedent("""
    import json, sys
    import numpy as np
    from convkit import _engines
    from convkit._engines import Cost, Geometry

    def geometry(a, b, axes, dtype):
        shape = tuple(a[i] + b[i] - 1 if i in axes else max(a[i], b[i]) for i in range(len(a)))
        return Geometry(a, b, axes, shape, (0,) * len(a), np.dtype(dtype), 1)

    cases = json.loads(sys.argv[1])
    out = {}
    for name in _engines.NAMES:
        eng = _engines.get(name)
        rows = []
        for a, b, axes, dtype in cases:
            g = geometry(tuple(a), tuple(b), tuple(axes), dtype)
            c = eng.cost(g)
            assert isinstance(c, Cost) and eng.cost(g) == c, (name, g, c)
            rows.append([float(c.arith), float(c.fixed)])
        out[name] = rows
    heavy = sorted(m for m in ("numba", "llvmlite", "pyfftw") if m in sys.modules)
    print(json.dumps({"costs": out, "heavy": heavy}))
""")

COST_KERNELS = (1, 3, 8, 33, 100, 513, 2000)
COST_SIGNALS = (1000, 4000, 100_000)
COST_CASES = ([[[n], [k], [0], "float64"] for n in COST_SIGNALS for k in COST_KERNELS]
              + [[[n, n], [k, k], [0, 1], "float32"] for n in (64, 256) for k in (3, 7, 31)]
              + [[[16, n], [1, 33], [1], "complex128"] for n in (1000, 8000)])


@pytest.fixture(scope="module")
def costs():
    """Every engine's cost for COST_CASES, computed in a fresh interpreter (so imports can be seen)."""
    pytest.importorskip("pyfftw")
    proc = subprocess.run([sys.executable, "-c", _COST_SCRIPT, json.dumps(COST_CASES)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_cost_imports_neither_numba_nor_pyfftw(costs):
    assert costs["heavy"] == []


@pytest.mark.parametrize("name", list(CONTRACT_DTYPES))
def test_cost_is_positive_and_finite(name, costs):
    for case, (arith, fixed) in zip(COST_CASES, costs["costs"][name]):
        assert np.isfinite(arith) and np.isfinite(fixed), case
        assert arith > 0 and fixed >= 0, case


@pytest.mark.parametrize("name", list(CONTRACT_DTYPES))
def test_cost_never_falls_as_the_work_grows(name, costs):
    """A longer kernel or a longer signal never costs less ('full' outputs, float64 1-D), except on the
    fft engine where the fitted cost of FFT lengths (``_tuning.FFT_LEN_COST``, one price per length,
    ``_fft_sizes.length_price``) prices the longer call's length cheaper, and then by exactly the
    fit's time ratio of the two lengths: 100000 x 2000 'full' runs at 102400 = 2^12 5^2 points, the
    fit's 0.91x the time of 100000 x 513 at 100800 = 2^6 3^2 5^2 7 (it ran 0.78-0.84x: thread CPU
    medians of 41 interleaved calls, epyc-zen4-2c)."""
    from convkit._engines._fft_sizes import fast_fft_len, len_cost

    def fft_len(n, k):
        return fast_fft_len(n + k - 1, True)

    table = {(case[0][0], case[1][0]): sum(costs["costs"][name][i])
             for i, case in enumerate(COST_CASES) if len(case[0]) == 1}

    def rises(small, big):
        if table[big] >= table[small]:
            return True
        if name != "fft":
            return False
        # the fit prices the longer call's length cheaper (same band: the lengths' fitted times)
        fitted = len_cost(fft_len(*big), True) / len_cost(fft_len(*small), True)
        return fitted < 1 and table[big] / table[small] == pytest.approx(fitted, rel=1e-9)

    for n in COST_SIGNALS:
        for k0, k1 in zip(COST_KERNELS, COST_KERNELS[1:]):
            assert rises((n, k0), (n, k1)), (n, k0, k1, table[n, k0], table[n, k1])
    for k in COST_KERNELS:
        for n0, n1 in zip(COST_SIGNALS, COST_SIGNALS[1:]):
            assert rises((n0, k), (n1, k)), (k, n0, n1, table[n0, k], table[n1, k])


@pytest.mark.parametrize("name", list(CONTRACT_DTYPES))
def test_cost_is_the_same_in_this_process(name, costs):
    """A pure function of the geometry: this process, with every engine loaded, predicts what a fresh one did."""
    eng = _engine(name)
    for case, (arith, fixed) in zip(COST_CASES, costs["costs"][name]):
        a, b, axes, dtype = case
        g = geometry(tuple(a), tuple(b), tuple(axes), "full", dtype)
        assert tuple(eng.cost(g)) == (arith, fixed), case
