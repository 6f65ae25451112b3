"""Shared test helpers: one data generator, one oracle, one tolerance table, layouts, regions and ``check``.

Import from here (``from _helpers import ...``: pytest puts ``tests/`` on the
path). ``conftest.py`` re-exports the names older test files import from it,
and keeps the public-API reference ``scipy_reference`` (scipy.signal's answer
with its known defects corrected).

* :func:`random_array`: the data generator, seeded through the caller's
  ``rng``: normal floats, small integers (so results are exact), sparse
  booleans.
* :func:`oracle`: the engine-contract oracle. The kept region of the
  unpadded direct convolution, by shift-and-add in float64/complex128
  (integers: in their own dtype, wrapping like the engines), batch axes
  broadcast. It is independent of scipy, and its non-finite results follow
  the IEEE sums of the in-range products only (NaN/inf land where a direct
  loop puts them). :func:`oracle_public` applies it to a public
  convolve/correlate call.
* :data:`REL_TOL`: the tolerance table (DESIGN.md contract 2), by result dtype
  character; :func:`assert_close` applies it with the input-scaled absolute
  bound for cancellation, :func:`check` applies it to an engine's output.
* :data:`LAYOUTS` / :func:`readonly`: the same data in other memory layouts.
* :func:`region` / :func:`regions`: the (start, length) an output keeps on
  one axis, for each mode and for random sub-ranges.
* :class:`FakeClock` / :func:`fake_contestants`: a clock that moves only when
  a fake contestant runs, for testing the timers without timing anything.
"""

from __future__ import annotations

import itertools
import zlib

import numpy as np

__all__ = [
    "ALL_DTYPES", "REL_TOL", "EPS", "LAYOUTS", "random_array", "wide_dtype", "oracle", "oracle_public",
    "region", "regions", "readonly", "rel_error", "assert_close", "check", "FakeClock", "fake_contestants",
]

ALL_DTYPES = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
              "float16", "float32", "float64", "complex64", "complex128"]

# Relative L2 tolerance per result dtype character (DESIGN.md contract 2: float64 1e-12,
# float32 1e-5; half precision 2e-3). Integers and booleans are exact.
REL_TOL = {"e": 2e-3, "f": 1e-5, "d": 1e-12, "F": 1e-5, "D": 1e-12}
EPS = {"e": np.finfo(np.float16).eps, "f": np.finfo(np.float32).eps, "d": np.finfo(np.float64).eps,
       "F": np.finfo(np.float32).eps, "D": np.finfo(np.float64).eps}


# ---------------------------------------------------------------- data


def keyed_rng(*key) -> np.random.Generator:
    """A generator seeded by ``key`` (any repr-able values): each test case gets its own stream,
    the same in every run and independent of the order tests run in."""
    return np.random.default_rng(zlib.crc32(repr(key).encode()))


def random_array(rng: np.random.Generator, shape, dtype) -> np.ndarray:
    """Seeded data in ``dtype``: normal floats, small integers (exactness), sparse booleans."""
    dtype = np.dtype(dtype)
    if dtype.kind == "b":
        return rng.random(shape) < 0.3
    if dtype.kind == "u":
        return rng.integers(0, 20, size=shape).astype(dtype)
    if dtype.kind == "i":
        return rng.integers(-20, 20, size=shape).astype(dtype)
    if dtype.kind == "c":
        return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)).astype(dtype)
    return rng.standard_normal(shape).astype(dtype)


def readonly(x) -> np.ndarray:
    """A read-only copy of ``x``: any write into it raises."""
    x = np.array(x, copy=True)
    x.flags.writeable = False
    return x


# Other memory layouts. All but "zero-stride" keep the values; "zero-stride" broadcasts the
# first sample of the last axis along it, so compare against ``np.array(view)``.
LAYOUTS = {
    "zero-stride": lambda x: np.broadcast_to(x[..., :1], x.shape),
    "non-contiguous": lambda x: np.repeat(x, 3, axis=-1)[..., 1::3],
    "negative-stride": lambda x: np.flip(np.flip(x).copy()),
    "fortran": np.asfortranarray,
    "big-endian": lambda x: x.astype(x.dtype.newbyteorder(">")),
    "read-only": readonly,
}


# ---------------------------------------------------------------- regions


def region(mode: str, n: int, k: int) -> tuple[int, int]:
    """(start, length) of the kept region on one axis of a convolution of lengths ``n`` and ``k``."""
    if mode == "full":
        return 0, n + k - 1
    if mode == "valid":
        return min(n, k) - 1, abs(n - k) + 1
    if mode == "same":
        return (k - 1) // 2, n
    raise ValueError(mode)


def regions(n: int, k: int, rng: np.random.Generator | None = None, count: int = 2) -> list[tuple[int, int]]:
    """(start, length) pairs: full, same, valid, and ``count`` random sub-ranges of 'full' when ``rng`` is given."""
    full = n + k - 1
    found = [region(m, n, k) for m in ("full", "same", "valid")]
    if rng is not None:
        for _ in range(count):
            start = int(rng.integers(0, full))
            found.append((start, int(rng.integers(1, full - start + 1))))
    return found


# ---------------------------------------------------------------- the oracle


def wide_dtype(dtype) -> np.dtype:
    """float64 for real floats, complex128 for complex, the dtype itself otherwise."""
    dtype = np.dtype(dtype)
    return np.dtype({"f": np.float64, "c": np.complex128}.get(dtype.kind, dtype))


def oracle(a, b, axes, shape, start, *, wide: bool = True) -> np.ndarray:
    """The kept region of the unpadded direct convolution of ``a`` and ``b`` over ``axes``, by shift-and-add.

    ``shape``/``start`` give the region per axis (batch axes: ``shape`` is the
    broadcast length, ``start`` ignored). One numpy pass per sample of ``b``
    over the convolved axes; only in-range products are summed, so NaN/inf
    land exactly where a direct loop puts them. ``wide``: compute floats in
    float64/complex128 (integers always in their own dtype, wrapping).
    """
    a = np.asarray(a)
    b = np.asarray(b)
    dtype = np.result_type(a, b)
    if wide:
        dtype = wide_dtype(dtype)
    a = a.astype(dtype, copy=False)
    b = b.astype(dtype, copy=False)
    axes = tuple(axes)
    out = np.zeros(shape, dtype=dtype)
    ranges = [range(b.shape[d]) if d in axes else range(1) for d in range(a.ndim)]
    with np.errstate(all="ignore"):
        for j in itertools.product(*ranges):
            osl, asl, bsl = [], [], []
            for d in range(a.ndim):
                if d in axes:
                    lo = max(0, j[d] - start[d])
                    hi = min(shape[d], a.shape[d] + j[d] - start[d])
                    if lo >= hi:
                        break
                    osl.append(slice(lo, hi))
                    asl.append(slice(lo + start[d] - j[d], hi + start[d] - j[d]))
                    bsl.append(slice(j[d], j[d] + 1))
                else:
                    osl.append(slice(None))
                    asl.append(slice(None))
                    bsl.append(slice(None))
            else:
                out[tuple(osl)] += a[tuple(asl)] * b[tuple(bsl)]
    return out


def oracle_public(name: str, in1, in2, mode: str = "full", *, wide: bool = True) -> np.ndarray:
    """:func:`oracle` for a public ``convolve``/``correlate`` call (all axes, in1 and in2 as given)."""
    in1 = np.asarray(in1)
    in2 = np.asarray(in2)
    if name == "correlate":
        in2 = np.conj(in2[(slice(None, None, -1),) * in2.ndim])
    elif name != "convolve":
        raise ValueError(name)
    start, shape = zip(*(region(mode, n, k) for n, k in zip(in1.shape, in2.shape))) if in1.ndim else ((), ())
    return oracle(in1, in2, tuple(range(in1.ndim)), shape, start, wide=wide)


# ---------------------------------------------------------------- tolerance


def rel_error(actual, expected) -> float:
    """Relative L2 error of ``actual`` against ``expected`` (absolute when ``expected`` is all zeros)."""
    expected = np.asarray(expected, dtype=np.complex128)
    den = np.linalg.norm(expected)
    return float(np.linalg.norm(np.asarray(actual, dtype=np.complex128) - expected) / (den if den else 1.0))


def assert_close(actual, expected, in1=None, in2=None, *, check_dtype=True):
    """The tolerance rule: same shape and dtype; integers exact; floats within REL_TOL or the
    input-scaled absolute bound (an FFT's error scales with the inputs, not the output)."""
    actual = np.asarray(actual)
    expected = np.asarray(expected)
    assert actual.shape == expected.shape, f"shape {actual.shape} != {expected.shape}"
    if check_dtype:
        assert actual.dtype == expected.dtype, f"dtype {actual.dtype} != {expected.dtype}"
    if expected.dtype.kind in "biu":
        np.testing.assert_array_equal(actual, expected)
        return
    char = expected.dtype.char if expected.dtype.char in REL_TOL else "d"
    a64 = actual.astype(np.complex128)
    e64 = expected.astype(np.complex128)
    finite = np.isfinite(e64)
    np.testing.assert_array_equal(np.isfinite(a64), finite, err_msg="finiteness differs")
    np.testing.assert_array_equal(np.isnan(a64), np.isnan(e64), err_msg="NaN positions differ")
    if not finite.any():
        return
    diff = np.abs(a64[finite] - e64[finite])
    scale = np.linalg.norm(e64[finite])
    if scale > 0 and np.linalg.norm(diff) <= REL_TOL[char] * scale:
        return
    bound = 0.0
    if in1 is not None and in2 is not None:
        x = np.abs(np.asarray(in1, dtype=np.complex128))
        y = np.abs(np.asarray(in2, dtype=np.complex128))
        x, y = x[np.isfinite(x)], y[np.isfinite(y)]
        if x.size and y.size:
            bound = 64 * EPS[char] * max(x.sum() * y.max(), y.sum() * x.max())
    assert diff.max() <= max(bound, REL_TOL[char] * np.abs(e64[finite]).max()), (
        f"max abs error {diff.max():.3g}, relative L2 {np.linalg.norm(diff) / max(scale, 1e-300):.3g}"
    )


# Slack a result's buffer may have beyond its own bytes: the direct engine places large
# results 2 KiB (mod 4 KiB) away from the input in a buffer one page longer (_buffers.empty_apart).
_BUFFER_SLACK = 4096


def _holds_only_itself(x: np.ndarray) -> bool:
    """``x`` owns its memory, or is a view of a buffer of about its size (a reshape, dtype
    view or aligned placement in a fresh array): it keeps no scratch buffer or input alive."""
    root = x
    while isinstance(root, np.ndarray) and root.base is not None:
        root = root.base
        if isinstance(root, memoryview):  # a pooled result: an array made over a view of its buffer
            root = root.obj
    return isinstance(root, np.ndarray) and root.nbytes <= x.nbytes + _BUFFER_SLACK


def check(out, a, b, axes, shape, start):
    """An engine's output against the contract: the region's shape, ``a``'s dtype, a fresh C-contiguous
    array (its own memory, or a view of a buffer of about its size), and the values of
    :func:`oracle` (integers exact, floats by :func:`assert_close`)."""
    out = np.asarray(out)
    assert out.shape == tuple(shape), f"shape {out.shape} != {tuple(shape)}"
    assert out.dtype == a.dtype, f"dtype {out.dtype} != {a.dtype}"
    assert out.flags.c_contiguous and _holds_only_itself(out), "not a fresh C-contiguous array"
    # Rounding the float64 oracle to a's precision costs far less than that precision's tolerance.
    assert_close(out, oracle(a, b, axes, shape, start).astype(a.dtype), a, b)


# ---------------------------------------------------------------- a fake clock for the timers


class FakeClock:
    """A clock that only moves when a fake contestant 'runs' (pass it as ``clock=``)."""

    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def fake_contestants(clock: FakeClock, costs: dict, log: list) -> dict:
    """Zero-argument callables that advance ``clock`` by their cost in seconds and append their name to ``log``."""
    def make(name, cost):
        def call():
            log.append(name)
            clock.now += cost
        return call
    return {name: make(name, cost) for name, cost in costs.items()}
