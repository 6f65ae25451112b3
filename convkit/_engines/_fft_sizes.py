"""FFT sizes, overlap-save block plans and cost counts -- pure Python, no pyFFTW.

The dispatcher imports this module (through ``fft.cost``/``overlap.cost``'s
lazy twins) to predict what the frequency-domain engines will run, so it must
stay cheap: numpy is not even needed here.

Everything returned here is exactly what :mod:`convkit._engines.fft` and
:mod:`convkit._engines.overlap` execute; they call these same functions.
"""
from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from .. import _tuning  # constants only (no numpy)

__all__ = [
    "next_fast_len", "fast_fft_len", "circular_len", "fft_lengths", "fft_cost", "scipy_fast_len", "scipy_axes",
    "scipy_lengths", "scipy_arithmetic", "oa_whole", "pocket_one_axis",
    "BlockPlan", "block_plan", "oa_layout", "oa_groups", "oa_cost", "transform_flops", "work_itemsize",
]

# ---------------------------------------------------------------------------
# fast lengths
# ---------------------------------------------------------------------------

_LIMIT = 1 << 62


@lru_cache(maxsize=4096)
def next_fast_len(n: int, real: bool = False) -> int:
    """Smallest ``2**a * 3**b * 5**c * 7**d >= n`` (7-smooth).

    ``real=True`` asks for a length that suits a real-to-complex transform:
    the smallest *even* 7-smooth length above 16. FFTW's ESTIMATE plans of odd
    r2c/c2r lengths run 1.2-2x slower than the next even length (float64, one
    thread, thread CPU time, epyc-zen4-2c, interleaved with scipy's fftconvolve:
    'full' convolutions 10007 * 997 at 11025 = 3^2 5^2 7^2, 58049 * 1001 at
    59049 = 3^10, 500000 * 30000 at 531441 = 3^12 and 466x499 * 40x40 'same' at
    486x525 took 1.5, 1.7, 2.0 and 1.2x their time at the even lengths 11200,
    60000, 537600 and 486x540); even costs at most 3 % more points above 1000
    (14 % at 21 -> 24).
    Memoised.  ``next_fast_len(1000003) == 1000188`` (``2**2 * 3**6 * 7**3``);
    ``next_fast_len(1100000) == 1102248``.
    """
    n = int(n)
    if n <= 1:
        return 1
    if n > _LIMIT:
        raise ValueError("length too large")
    best = _smooth_at_least(n)
    if real and best % 2 and best > 16:
        best = _smooth_at_least(n, even=True)
    return best


def fast_fft_len(n: int, real: bool = False, costs=None) -> int:
    """The FFT length of a convolution axis that needs ``n`` points: of the 7-smooth lengths
    from ``n`` up to ``_tuning.FFT_LEN_WINDOW * n`` (even ones only for ``real``, as
    :func:`next_fast_len`), the one FFTW's ESTIMATE plans run fastest by
    :data:`convkit._tuning.FFT_LEN_COST`; ties go to the shorter length, and the smallest
    length stays unless the cheapest is predicted ``_tuning.FFT_LEN_MARGIN`` cheaper.

    The smallest length is not the fastest: at 69,984 = 2^5 3^7 points a real 'full' convolution
    took 1.34x its time at 72,000 = 2^6 3^2 5^3. Needs under ``_tuning.FFT_LEN_MIN`` points (where
    pocketfft runs and the gains were within the noise), and kinds the cost has no fit for
    (complex: its fit's picks ran up to 1.2x slower), keep :func:`next_fast_len`. Real lengths
    FFTW's in-place plans run about 2x slow (7^5 and more, ``_tuning.FFT_LEN_INPLACE_MAX_E7``)
    are never taken, not even when smallest. A pure function
    of ``n`` and ``real`` (``costs``: ``FFT_LEN_COST``'s layout, to try another fit), memoised.
    """
    if costs is not None:
        return _cheapest_len(int(n), bool(real), _freeze(costs))
    frozen = _freeze(None)
    if _picks_made_with[0] is not frozen:   # another fit (a test's): its own picks
        _picks.clear()
        _picks_made_with[0] = frozen
    key = (int(n), bool(real))
    got = _picks.get(key)
    if got is None:
        if len(_picks) >= 8192:              # bounded
            _picks.clear()
        got = _picks[key] = _cheapest_len(key[0], key[1], frozen)
    return got


_frozen = [None, None]          # FFT_LEN_COST as last frozen, and its frozen form
#: the default costs' picks by (n, real): a dict look-up, where lru_cache would hash the costs on
#: every call (6 us)
_picks: dict = {}
_picks_made_with = [None]       # the frozen costs the picks in _picks were made with


def _freeze(costs) -> tuple:
    """``costs`` (default ``_tuning.FFT_LEN_COST``) as a hashable key of the memo."""
    if costs is None:
        costs = _tuning.FFT_LEN_COST
        if _frozen[0] is not costs:          # frozen once, not on every call (microseconds)
            _frozen[:] = [costs, _freeze(costs)]
        return _frozen[1]
    return tuple(sorted((k, tuple(v)) for k, v in costs.items())) if isinstance(costs, dict) else costs


def _exponents(L: int) -> tuple:
    """Exponents of 2, 3, 5 and 7 in the 7-smooth ``L``."""
    out = []
    for p in (2, 3, 5, 7):
        e = 0
        while L % p == 0:
            L //= p
            e += 1
        out.append(e)
    return tuple(out)


def len_cost(L: int, real: bool, need: int | None = None, costs=None) -> float:
    """Predicted seconds of a length-``L`` convolution's transforms by :data:`FFT_LEN_COST`, less
    the call's fixed costs: ``L * (b + a2 e2 + a3 e3 + a5 e5 + a7 e7)`` ns, with the coefficients
    of the band of ``log2 need`` (default ``L``): one window's candidates share a band."""
    bands = dict(_freeze(costs))["real" if real else "complex"]
    return _len_cost(int(L), _band(bands, int(need or L)))


def _band(bands: tuple, n: int) -> tuple:
    return _band_of(bands, n)[1]


def _len_cost(L: int, coef: tuple) -> float:
    b, *a = coef
    return L * (b + sum(x * e for x, e in zip(a, _exponents(L)))) * 1e-9


def _cheapest_len(n: int, real: bool, costs: tuple) -> int:
    first = next_fast_len(n, real)
    bands = dict(costs).get("real" if real else "complex")
    if n < _tuning.FFT_LEN_MIN or bands is None:      # no fit for the kind: the smallest
        return first
    b, a2, a3, a5, a7 = _band(bands, n)
    hi = max(first, int(n * _tuning.FFT_LEN_WINDOW))
    # every 7-smooth L in [first, hi] (even for real) with its price (a new size's first call pays
    # this once: a few microseconds from the table, 50-150 us searched)
    best = base = None
    for L, (e2, e3, e5, e7) in _smooth_with_exponents(first, hi):
        if real and not e2:
            continue
        if real and e7 > _tuning.FFT_LEN_INPLACE_MAX_E7 and \
                _tuning.FFT_SEPARATE_MAX < L <= _tuning.FFT_LEN_INPLACE_E7_MAX_LEN:
            continue        # transformed in place, where FFTW's ESTIMATE plans run these ~2x slow
        c = L * ((b + a3 * e3 + a5 * e5 + a7 * e7) + a2 * e2)
        if L == first:
            base = c
        if best is None or (c, L) < best:
            best = (c, L)
    if best is None:
        return first
    if base is None:                  # the smallest length is one of those: the cheapest other
        return best[1]
    # a longer length only for a clear predicted gain: the fit's error on one length is larger
    # than most gains (see _tuning.FFT_LEN_MARGIN)
    if base - best[0] <= _tuning.FFT_LEN_MARGIN * abs(base):
        return first
    return best[1]


def _smooth_with_exponents(lo: int, hi: int):
    """``(L, (e2, e3, e5, e7))`` for every 7-smooth ``L`` in ``[lo, hi]``, ascending."""
    if _table_ready(hi):
        table, exponents = _smooth_table(), _smooth_table_exponents()
        i, j = bisect_left(table, lo), bisect_right(table, hi)
        return zip(table[i:j], exponents[i:j])
    return ((L, _exponents(L)) for L in _smooth_enumerated(lo, hi))


def _smooth_at_least(n: int, even: bool = False) -> int:
    """The smallest 7-smooth length ``>= n`` (``even``: the smallest even one, for ``n >= 2``): a
    look-up in :func:`_smooth_table` (a new length's search took 20-50 us on every call of a new
    size), by :func:`_smooth_enumerated` before the table is built and beyond it."""
    # the answer is at most the power of two >= n, which is even and below 2n
    if _table_ready(2 * n):
        table = _smooth_table()
        i = bisect_left(table, n)
        while even and table[i] % 2:  # odd 7-smooth lengths are sparse: a step or two
            i += 1
        return table[i]
    return next(L for L in _smooth_enumerated(n, max(2 * n, 2)) if not even or L % 2 == 0)


#: :func:`_smooth_table` holds every 7-smooth length up to this (8,236 of them: transforms of up to 2^33
#: points, far beyond any array, are a look-up)
_TABLE_MAX = 1 << 34
#: searches a process makes before it builds the table (about 2 ms of CPU, once): a script that meets a
#: few sizes never pays for it, a loop over many pays it once and then looks lengths up
_TABLE_AFTER = 32
_searches = [0]


def _table_ready(hi: int) -> bool:
    """Whether 7-smooth lengths up to ``hi`` are looked up in :func:`_smooth_table` (else searched)."""
    if hi > _TABLE_MAX:
        return False
    if _searches[0] < _TABLE_AFTER:
        _searches[0] += 1
        return False
    return True


@lru_cache(maxsize=1)
def _smooth_table() -> tuple:
    """Every 7-smooth length up to :data:`_TABLE_MAX`, ascending."""
    return tuple(v >> 24 for v in _smooth_table_packed())


@lru_cache(maxsize=1)
def _smooth_table_exponents() -> tuple:
    """The exponents ``(e2, e3, e5, e7)`` of each length of :func:`_smooth_table`, in its order."""
    return tuple((v & 63, (v >> 6) & 63, (v >> 12) & 63, (v >> 18) & 63) for v in _smooth_table_packed())


@lru_cache(maxsize=1)
def _smooth_table_packed() -> list:
    """Each 7-smooth ``L`` up to :data:`_TABLE_MAX` as one int, ``L << 24`` plus its exponents in
    6 bits each (``e2 | e3 << 6 | e5 << 12 | e7 << 18``), ascending: ints sort fast."""
    out = []
    p7, e7 = 1, 0
    while p7 <= _TABLE_MAX:
        p5, e5 = p7, 0
        while p5 <= _TABLE_MAX:
            p3, e3 = p5, 0
            while p3 <= _TABLE_MAX:
                m, e = p3, e3 << 6 | e5 << 12 | e7 << 18
                while m <= _TABLE_MAX:
                    out.append(m << 24 | e)
                    m, e = m * 2, e + 1
                p3, e3 = p3 * 3, e3 + 1
            p5, e5 = p5 * 5, e5 + 1
        p7, e7 = p7 * 7, e7 + 1
    out.sort()
    return out


def circular_len(n: int, k: int, start: int, m: int) -> int:
    """Smallest circular length whose wrap-around leaves ``[start, start+m)``
    of the full ``n+k-1`` convolution clean, and holds both operands."""
    full = n + k - 1
    return max(full - start, start + m, n, k)


def fft_lengths(a_shape: Sequence[int], b_shape: Sequence[int], axes: Sequence[int],
                shape: Sequence[int], start: Sequence[int], real: bool) -> tuple:
    """Padded FFT length per convolution axis (order of ``axes``): over one axis
    :func:`fast_fft_len` of the circular length it needs, over two or more
    :func:`next_fast_len` (lengths by speed were measured and fitted on one-axis
    transforms only; a multi-axis transform's passes run along strided lines).

    The last axis of ``axes`` is the halved one of an r2c transform, so it
    alone is rounded with ``real=real``.
    """
    out = []
    last = len(axes) - 1
    size = fast_fft_len if last == 0 else next_fast_len
    for j, ax in enumerate(axes):
        need = circular_len(a_shape[ax], b_shape[ax], start[ax], shape[ax])
        out.append(size(need, real=(real and j == last)))
    return tuple(out)


def _smooth_next(n: int, primes: tuple) -> int:
    """Smallest ``m >= n`` whose prime factors are all in ``primes`` (which holds 2)."""
    best = 1 << max(0, (n - 1).bit_length())
    odd = [1]
    for p in primes[1:]:
        odd = [q * p ** e for q in odd for e in range(int(math.log(best, p)) + 1) if q * p ** e < best]
    for q in odd:
        m = q << max(0, (-(-n // q) - 1).bit_length())
        best = min(best, m)
    return best


@lru_cache(maxsize=4096)
def scipy_fast_len(n: int, real: bool) -> int:
    """``scipy.fft.next_fast_len(n, real)`` in pure Python: the smallest 5-smooth
    length ``>= n`` for real transforms, 11-smooth for complex ones."""
    n = int(n)
    if n <= 1:
        return max(n, 1)
    return _smooth_next(n, (2, 3, 5) if real else (2, 3, 5, 7, 11))


def scipy_axes(a_shape: Sequence[int], b_shape: Sequence[int], axes: Sequence[int]) -> tuple:
    """The axes of ``axes`` scipy.signal.fftconvolve transforms: those where neither
    operand has length 1 (on the others it broadcasts)."""
    return tuple(i for i in axes if a_shape[i] != 1 and b_shape[i] != 1)


def scipy_lengths(a_shape: Sequence[int], b_shape: Sequence[int], axes: Sequence[int],
                  real: bool) -> tuple:
    """scipy.signal.fftconvolve's padded lengths on :func:`scipy_axes`: the fast
    length of the full convolution, whatever region is kept."""
    return tuple(scipy_fast_len(a_shape[i] + b_shape[i] - 1, real)
                 for i in scipy_axes(a_shape, b_shape, axes))


# ---------------------------------------------------------------------------
# flop counts
# ---------------------------------------------------------------------------

def _is_real(dtype) -> bool:
    # accepts numpy dtypes, type objects or strings without importing numpy; a dtype by its kind
    # (its ``name`` is built in Python on every read: a microsecond, several times per prediction)
    kind = getattr(dtype, "kind", None)
    if isinstance(kind, str):
        return kind != "c"
    s = str(getattr(dtype, "__name__", None) or dtype)
    return "complex" not in s and s not in ("F", "D", "c8", "c16")


def transform_flops(lengths: Sequence[int], howmany: int, real: bool) -> float:
    """2.5*N*log2(N) per transform of ``N = prod(lengths)`` points, halved for
    r2c/c2r, times the number of transforms ``howmany``."""
    N = 1
    for L in lengths:
        N *= int(L)
    if N <= 1:
        return float(howmany)
    f = 2.5 * N * math.log2(N)
    if real:
        f *= 0.5
    return f * howmany


def _batch(shape_, axes) -> int:
    p = 1
    for i, s in enumerate(shape_):
        if i not in axes:
            p *= int(s)
    return p


def work_itemsize(dtype) -> int:
    """Bytes per element of the dtype the FFT engines transform ``dtype`` data in:
    single precision runs in double unless ``CONVKIT_FFT_SINGLE=native``."""
    size = _itemsize(dtype)
    is_single = size == 4 or (size == 8 and not _is_real(dtype))
    if is_single:
        from .. import _config
        if _config.get("CONVKIT_FFT_SINGLE") == "double":
            return size * 2
    return size


def _dtype_name(dtype) -> str:
    return str(getattr(dtype, "name", None) or getattr(dtype, "__name__", None) or dtype)


_SINGLE = ("float32", "complex64", "f", "F", "f4", "c8")
_DOUBLE = {"float64": "real", "d": "real", "f8": "real", "complex128": "complex", "D": "complex",
           "c16": "complex"}


def scipy_arithmetic(dtype, a_shape: Sequence[int], b_shape: Sequence[int], axes: Sequence[int]) -> bool:
    """Whether the one-transform convolution runs scipy.signal.fftconvolve's own
    arithmetic (:func:`convkit._engines._spectral.convolve_scipy`, scipy.fft's pocketfft)
    instead of FFTW. Over two or more axes only: float32/complex64 always (unless
    ``CONVKIT_FFT_SINGLE=native``), float64/complex128 while scipy's padded transform
    holds at most :data:`convkit._tuning.FFT_SCIPY_MAX_POINTS` points. A function of the
    shapes and dtype alone, so every call of a problem takes the same path."""
    if len(tuple(axes)) < 2:
        return False
    name = _dtype_name(dtype)
    if name in _SINGLE:
        from .. import _config
        return _config.get("CONVKIT_FFT_SINGLE") == "double"
    kind = _DOUBLE.get(name)
    if kind is None:
        return False
    return math.prod(scipy_lengths(a_shape, b_shape, axes, kind == "real")) <= _tuning.FFT_SCIPY_MAX_POINTS[kind]


def pocket_one_axis(dtype, lengths: Sequence[int], points: int) -> bool:
    """Whether a one-transform convolution at FFT ``lengths`` (one per convolution axis, from
    :func:`fft_lengths`) runs pocketfft instead of FFTW: one convolution axis whose length is
    at most :data:`convkit._tuning.FFT_POCKET_MAX_LEN` for ``dtype``'s kind (the transforms'
    dtype), in transforms of at most :data:`convkit._tuning.FFT_POCKET_MAX_POINTS` points
    (``points``: the larger padded operand, batch axes included). A function of the problem
    alone, so every call of a problem runs the same arithmetic."""
    if len(lengths) != 1:
        return False
    kind = getattr(dtype, "kind", None)       # numpy dtypes; names and types otherwise
    real = kind == "f" if kind is not None else _is_real(dtype)
    return (lengths[0] <= _tuning.FFT_POCKET_MAX_LEN["real" if real else "complex"]
            and points <= _tuning.FFT_POCKET_MAX_POINTS)


def oa_whole(dtype, a_shape: Sequence[int], b_shape: Sequence[int], axes: Sequence[int]) -> bool:
    """Whether the overlap engine runs the one-transform convolution whatever the block plan:
    single precision that takes scipy's arithmetic (:func:`scipy_arithmetic`), where its
    double-precision blocks ran 1.2-1.9x the single-precision whole transform's time (2-D and
    3-D float32 cells of ``benchmarks/scripts/fft_vs_scipy.py``, epyc-zen4-2c)."""
    return _dtype_name(dtype) in _SINGLE and scipy_arithmetic(dtype, a_shape, b_shape, axes)


def fft_cost(a_shape, b_shape, axes, shape, start, dtype) -> float:
    """Flop-like count of the three transforms the fft engine runs, in units of
    double-precision FFTW flops (scipy's single-precision arithmetic is weighted
    by :data:`convkit._tuning.FFT_SCIPY_SINGLE_PER_FLOP`); over one axis, times the
    fitted price of the length that runs (:func:`length_price`)."""
    axes = tuple(axes)
    if not axes:
        return float(_batch(shape, axes))
    real = _is_real(dtype)
    if scipy_arithmetic(dtype, a_shape, b_shape, axes):
        taxes = scipy_axes(a_shape, b_shape, axes)
        lens = scipy_lengths(a_shape, b_shape, axes, real)
        ba, bb, bo = _batch(a_shape, taxes), _batch(b_shape, taxes), _batch(shape, taxes)
        per_flop = (_tuning.FFT_SCIPY_SINGLE_PER_FLOP if _dtype_name(dtype) in _SINGLE
                    else _tuning.FFT_SCIPY_DOUBLE_PER_FLOP)
        return (transform_flops(lens, ba + bb + bo, real) * per_flop * _multi_axis(len(lens))
                + _tuning.FFT_SCIPY_CALL_FLOPS)
    lens = fft_lengths(a_shape, b_shape, axes, shape, start, real)
    ba, bb, bo = _batch(a_shape, axes), _batch(b_shape, axes), _batch(shape, axes)
    flops = transform_flops(lens, ba + bb + bo, real) * _multi_axis(len(lens), _elements(lens) * max(ba, bb))
    if len(lens) == 1:       # the fitted price of the length that runs (picked or not)
        flops *= length_price(lens[0], real)
    if any(int(shape[i]) > 1 and i not in axes for i in range(min(axes) + 1, len(shape))):
        # a batch axis after a convolved one: the transform buffers hold the convolved axes
        # innermost, so filling them and copying the result out are transposing copies
        elements = _elements(a_shape) + _elements(shape)
        flops += _tuning.FFT_TRANSPOSED_FLOPS_PER_BYTE * elements * work_itemsize(dtype)
    return flops


def length_price(L: int, real: bool, costs=None) -> float:
    """Relative time per transform flop of a one-axis length-``L`` transform: for real lengths of
    ``_tuning.FFT_LEN_MIN`` points or more, :data:`convkit._tuning.FFT_LEN_COST`'s price of ``L``
    (the band of ``L``) over ``L log2 L`` times the geometric mean of that ratio over the band's
    even 7-smooth lengths (so the fit reorders lengths without moving the band's mean price, which
    the profile's fft ``per_unit`` was fitted to); 1.0 otherwise (complex lengths: no fit).

    One function of the length that runs, whether :func:`fast_fft_len` picked it or not: the
    dispatcher prices a radix-heavy smallest length and a cheaper picked one on one scale.
    ``costs``: ``FFT_LEN_COST``'s layout, to try another fit. Memoised."""
    L = int(L)
    if not real or L < _tuning.FFT_LEN_MIN:
        return 1.0
    frozen = _freeze(costs)
    if _prices_made_with[0] is not frozen:
        _prices.clear()
        _prices_made_with[0] = frozen
    got = _prices.get(L)
    if got is None:
        bands = dict(frozen).get("real")
        if bands is None:
            return 1.0
        hi, coef = _band_of(bands, L)
        if len(_prices) >= 8192:              # bounded
            _prices.clear()
        got = _prices[L] = _len_cost(L, coef) / (L * math.log2(L)) / _band_mean(bands, hi)
    return got


#: real lengths' prices by L, made with the frozen costs in _prices_made_with
_prices: dict = {}
_prices_made_with = [None]
#: above the fit's longest windows (3.7e6 points) the last band's mean is taken up to here
_PRICE_MEAN_MAX = 1 << 22


def _band_of(bands: tuple, n: int) -> tuple:
    """``(upper log2 bound, coefficients)`` of the band holding ``n``."""
    lg = n.bit_length() - 1
    return next(((hi, coef) for hi, coef in bands if lg < hi), bands[-1])


@lru_cache(maxsize=64)
def _band_mean(bands: tuple, hi: int) -> float:
    """Geometric mean of ``price(L) / (L log2 L)`` over the even 7-smooth ``L`` of the band below
    ``2**hi`` (from ``FFT_LEN_MIN``): about 400-900 lengths, once per band and fit."""
    lo = next((2 ** h for h, _ in reversed(bands) if h < hi), 1)
    lo, top = max(lo, _tuning.FFT_LEN_MIN), min(2 ** hi, _PRICE_MEAN_MAX) - 1
    coef = _band_of(bands, lo)[1]
    logs = [math.log(_len_cost(L, coef) / (L * math.log2(L))) for L in _smooth_between(lo, top) if L % 2 == 0]
    return math.exp(math.fsum(logs) / len(logs))


def _elements(shape_) -> int:
    p = 1
    for s in shape_:
        p *= int(s)
    return p


def _multi_axis(n_axes: int, points: int = 0) -> float:
    """Relative time per flop of transforms over ``n_axes`` axes (1 for one axis); ``points``:
    the larger padded operand's, which decides whether FFTW's multi-axis plan or the chunked
    separable passes (``_fft_split``, from ``_tuning.FFT_SPLIT_MIN`` points) run them."""
    if n_axes < 2:
        return 1.0
    if points >= _tuning.FFT_SPLIT_MIN:
        return _tuning.FFT_SPLIT_PER_FLOP
    return _tuning.FFT_MULTI_AXIS_PER_FLOP


# ---------------------------------------------------------------------------
# overlap-save block plans
# ---------------------------------------------------------------------------

class BlockPlan(NamedTuple):
    """Overlap-save plan along the blocked axis.

    fft_len  L: transform length of one block
    step     S = L - k + 1: kept outputs per block
    n_blocks ceil(m / S) blocks for the m kept outputs
    group    blocks transformed together by one batched FFTW call
    """
    fft_len: int
    step: int
    n_blocks: int
    group: int


# Relative per-point speed of FFTW lengths by largest prime factor, measured on
# this project's 2-core reference machine (real r2c+c2r, length 1e3..1e5).
_RADIX_PENALTY = {2: 1.0, 3: 1.08, 5: 1.12, 7: 1.25}
# Per-point cost outside the transforms (gather, multiply, scatter) in units
# of 2.5*log2 flops; fitted the same way.
_ELEMENTWISE = 6.0
_GROUP_BYTES = 1 << 18          # about 256 KiB of input per group (measured best)


def _largest_factor(L: int) -> int:
    for p in (7, 5, 3):
        if L % p == 0:
            return p
    return 2


@lru_cache(maxsize=256)
def _smooth_between(lo: int, hi: int) -> tuple:
    """Every 7-smooth length in ``[lo, hi]``, ascending: a slice of :func:`_smooth_table` (stepping
    with ``next_fast_len`` took 36 ms for the 500 lengths of one first 'oa' call)."""
    if _table_ready(hi):
        table = _smooth_table()
        return table[bisect_left(table, lo):bisect_right(table, hi)]
    return _smooth_enumerated(lo, hi)


def _smooth_enumerated(lo: int, hi: int) -> tuple:
    """Every 7-smooth length in ``[lo, hi]``, ascending, enumerated directly."""
    out = []
    p7 = 1
    while p7 <= hi:
        p5 = p7
        while p5 <= hi:
            p3 = p5
            while p3 <= hi:
                m = p3
                while m < lo:
                    m *= 2
                while m <= hi:
                    out.append(m)
                    m *= 2
                p3 *= 3
            p5 *= 5
        p7 *= 7
    return tuple(sorted(out))


# Relative time per flop of a transform by log2 of its length in float64-sized
# points (interpolated between, constant beyond the ends). Up to 2^17 the
# earlier fit on batched in-place r2c+c2r blocks (K=1024: 8192..16384 flat;
# K=8192: L=65536 best); above, block-length sweeps of overlap-save on 1e6
# samples (K=65536: L=2^18 7.7 ms, 2^19 10.7 ms, one 1.07e6 transform 18.9 ms;
# K=131072: L=2^19 11.0 ms against 17.5 ms in one transform) and whole fft
# convolutions of 2^18..2^21 points (per flop 1.14, 1.24, 3.1, 3.3x 2^14's).
# Measured with the first version's automatic MEASURE plans up to 2^17 points
# (plans are ESTIMATE by default now); from 2^20 the buffers no longer share
# the 32 MiB L3 with the operands.
_PENALTY_BY_LOG2 = ((15, 1.0), (16, 1.1), (17, 1.2), (18, 1.5), (19, 2.3), (20, 4.0), (21, 4.4))


def _cache_penalty(L: int, itemsize: int) -> float:
    """Relative time per flop of one length-``L`` transform of ``itemsize``-byte inputs."""
    p = math.log2(max(1.0, L * itemsize / 8.0))
    lo_p, lo_v = _PENALTY_BY_LOG2[0]
    if p <= lo_p:
        return lo_v
    for hi_p, hi_v in _PENALTY_BY_LOG2[1:]:
        if p <= hi_p:
            return lo_v + (hi_v - lo_v) * (p - lo_p) / (hi_p - lo_p)
        lo_p, lo_v = hi_p, hi_v
    return lo_v


def _radix_penalty(L: int, real: bool) -> float:
    """Relative per-flop time of a length-``L`` block transform by its factors: real blocks of
    ``2^j``, ``3 * 2^j`` and ``5 * 2^j`` points from ``OA_REAL_RADIX_MIN_LEN`` up to
    ``FFT_SEPARATE_MAX`` by :data:`convkit._tuning.OA_REAL_RADIX_PENALTY` (ESTIMATE plans), the
    rest by ``_RADIX_PENALTY``."""
    if real and _tuning.OA_REAL_RADIX_MIN_LEN <= L <= _tuning.FFT_SEPARATE_MAX:
        odd = L >> ((L & -L).bit_length() - 1)          # L without its factors of two
        if odd in _tuning.OA_REAL_RADIX_PENALTY:
            return _tuning.OA_REAL_RADIX_PENALTY[odd]
    return _RADIX_PENALTY[_largest_factor(L)]


def _block_time(L: int, k: int, real: bool, itemsize: int = 8, estimate: bool = True) -> float:
    """Predicted time per kept output of one block of length L (``estimate``: with the radix
    penalties of ESTIMATE plans, :func:`_radix_penalty`; else ``_RADIX_PENALTY`` alone)."""
    radix = _radix_penalty(L, real) if estimate else _RADIX_PENALTY[_largest_factor(L)]
    f = (transform_flops((L,), 2, real) * radix
         * _cache_penalty(L, itemsize))
    f += _ELEMENTWISE * L * (itemsize / 8.0)
    return f / (L - k + 1)


def _one_fft(L: int, real: bool) -> float:
    return transform_flops((L,), 2, real) * _RADIX_PENALTY[_largest_factor(L)]


@lru_cache(maxsize=512)
def _block_table(k: int, real: bool, itemsize: int) -> tuple:
    """Every candidate block length of kernel length ``k`` (the 7-smooth lengths from ``max(2k, 16)``
    to ``max(64k, 4096)``, ascending) with, for each prefix of that list, the index of its first
    cheapest length by :func:`_block_time` without the ESTIMATE radix penalties; and, for real
    blocks, the index ``j0`` of the first length from ``OA_REAL_RADIX_MIN_LEN`` on with the same
    prefix minima over ``cands[j0:]`` with those penalties.

    :func:`_best_block_len` caps the range by the single transform's length, which changes with the
    signal's length: a cap is then a look-up in these prefixes, not a new search (a new signal
    length searched 100-200 lengths, about 0.25 ms, on every call of a new size)."""
    lo = max(2 * k, 16)
    cands = _smooth_between(lo, max(lo, 64 * k, 4096))

    def first_minima(times) -> tuple:
        out, best = [], 0
        for i, t in enumerate(times):
            if t < times[best]:
                best = i
            out.append(best)
        return tuple(out)

    plain = first_minima([_block_time(L, k, real, itemsize, estimate=False) for L in cands])
    j0 = len(cands)
    if real:
        j0 = next((j for j, L in enumerate(cands) if L >= _tuning.OA_REAL_RADIX_MIN_LEN), len(cands))
    est = first_minima([_block_time(L, k, real, itemsize) for L in cands[j0:]])
    return cands, plain, j0, est


@lru_cache(maxsize=1024)
def _best_block_len(k: int, m_cap: int, real: bool, itemsize: int = 8) -> int:
    """The block length of overlap-save for kernel length ``k`` when one transform would take ``m_cap``
    points: the cheapest 7-smooth length per kept output in ``[max(2k, 16), min(max(64k, 4096), m_cap)]``
    (the first of equals), the ESTIMATE radix penalties applied among real lengths from
    ``OA_REAL_RADIX_MIN_LEN`` when the plain pick is one of them."""
    lo = max(2 * k, 16)
    hi = max(lo, min(max(64 * k, 4096), m_cap))
    cands, plain, j0, est = _block_table(k, bool(real), int(itemsize))
    i = bisect_right(cands, hi) - 1       # the last candidate the cap keeps
    if i < 0:                             # none (lo is not 7-smooth and the cap is below the next)
        return next_fast_len(lo)
    pick = cands[plain[i]]
    if not real or pick < _tuning.OA_REAL_RADIX_MIN_LEN:
        return pick
    # ESTIMATE plans' radix penalties reorder the lengths of the range they were measured in, but
    # never pull a shorter pick into it: the predicted time per output is so flat in L that they
    # moved K=200 from 2048 to 10240 points, 1.13x slower (see _tuning.OA_REAL_RADIX_MIN_LEN)
    return cands[j0 + est[i - j0]]


def _itemsize(dtype) -> int:
    """Bytes of one element of a float/complex dtype (no numpy import)."""
    sz = getattr(dtype, "itemsize", None)
    if isinstance(sz, int):
        return sz
    s = str(getattr(dtype, "__name__", None) or dtype)
    table = {"float32": 4, "f": 4, "f4": 4, "float64": 8, "d": 8, "f8": 8, "complex64": 8,
             "F": 8, "c8": 8, "complex128": 16, "D": 16, "c16": 16}
    return table.get(s, 8)


def block_plan(n: int, k: int, m: int | None = None, start: int = 0, *,
               real: bool = True, itemsize: int = 8, other: int = 1) -> BlockPlan:
    """Overlap-save plan for a signal of length ``n`` and kernel of length ``k``
    (``k <= n``) keeping ``m`` outputs from ``start`` of the full convolution.

    ``other`` is the number of points per block on every other axis (batch
    rows times transform lengths of the other convolution axes), ``itemsize``
    the bytes of one input element (4 for float32, 16 for complex128).  The
    block length minimises the predicted time per kept output (transform
    flops with radix and cache penalties plus elementwise passes, divided by
    the step ``L-k+1``); a group holds about ``_GROUP_BYTES`` of input.  When
    one transform of everything is predicted cheaper, ``n_blocks == 1``.
    """
    n, k = int(n), int(k)
    if m is None:
        m = n + k - 1
    single = next_fast_len(circular_len(n, k, start, m), real)
    L = _best_block_len(k, single, bool(real), int(itemsize))
    S = L - k + 1
    nb = -(-m // S)
    # the single transform pays the cache penalty too (1e6 x 65536: blocks of 2^18
    # 7.7 ms, one transform 18.9 ms)
    if L >= single or nb * _block_time(L, k, real, itemsize) * S + _one_fft(L, real) >= \
            (1.5 * _one_fft(single, real) * _cache_penalty(single, itemsize)
             + 2 * _ELEMENTWISE * single * (itemsize / 8.0)):
        # one transform of the whole thing (three FFTs) is predicted cheaper
        return BlockPlan(single, single - k + 1, 1, 1)
    per_block = L * itemsize * max(1, int(other))
    G = max(1, min(nb, _GROUP_BYTES // per_block))
    return BlockPlan(L, S, nb, G)


def oa_groups(L: int, itemsize: int, row_pts: int, rows: int, n_blocks: int) -> tuple:
    """Group shape ``(R, G)``: ``R`` rows of the largest batch axis (of
    ``rows``) times ``G`` blocks per batched FFTW call, about ``_GROUP_BYTES``
    of input.  ``row_pts`` is the points per block of one such row (other
    batch axes and other convolution axes' lengths).  Rows are split only
    when one block of all rows exceeds the group budget."""
    per_row = max(1, L * itemsize * max(1, row_pts))
    R = max(1, min(rows, _GROUP_BYTES // per_row))
    nchunks = -(-rows // R)
    R = -(-rows // nchunks)                  # even chunks
    G = max(1, min(n_blocks, _GROUP_BYTES // (per_row * R)))
    return R, G


def oa_layout(a_shape, b_shape, axes, shape, start, real, itemsize=8):
    """Choose the blocked axis and the operand that slides.

    Returns ``(ax, swap, plan, other_lens)`` or ``None`` when overlap-save
    would be a single block (the fft engine does that better).  ``swap`` is
    True when ``b`` is the longer operand on ``ax``; ``other_lens`` maps each
    other convolution axis to its full circular FFT length.
    """
    axes = tuple(axes)
    if not axes:
        return None
    # block the axis with the longest signal relative to its kernel
    ax = max(axes, key=lambda i: (max(a_shape[i], b_shape[i]) - min(a_shape[i], b_shape[i]),
                                  max(a_shape[i], b_shape[i]), i))
    n, k = a_shape[ax], b_shape[ax]
    swap = k > n
    if swap:
        n, k = k, n
    other_lens = {}
    other_pts = 1
    rest = [i for i in axes if i != ax]
    for i in rest:
        L = next_fast_len(circular_len(a_shape[i], b_shape[i], start[i], shape[i]))
        other_lens[i] = L
        other_pts *= L
    # batch points of the sliding operand per block
    sig_shape = b_shape if swap else a_shape
    for i, s in enumerate(sig_shape):
        if i not in axes:
            other_pts *= int(s)
    plan = block_plan(n, k, shape[ax], start[ax], real=real,
                      itemsize=itemsize, other=other_pts)
    if plan.n_blocks <= 1:
        return None
    return ax, swap, plan, other_lens


def oa_cost(a_shape, b_shape, axes, shape, start, dtype) -> float:
    """Flop-like count of the transforms the overlap engine runs."""
    axes = tuple(axes)
    real = _is_real(dtype)
    lay = None if oa_whole(dtype, a_shape, b_shape, axes) else \
        oa_layout(a_shape, b_shape, axes, shape, start, real, work_itemsize(dtype))
    if lay is None:
        return fft_cost(a_shape, b_shape, axes, shape, start, dtype)
    ax, swap, plan, other_lens = lay
    sig, ker = (b_shape, a_shape) if swap else (a_shape, b_shape)
    lens = [other_lens[i] if i != ax else plan.fft_len for i in axes]
    # H once (kernel batch), then per block forward (signal batch) + inverse
    # (output batch); halved only by the r2c along the blocked axis
    fwd = transform_flops(lens, _batch(ker, axes), real)
    blocks = transform_flops(lens, _batch(sig, axes) + _batch(shape, axes), real)
    return (fwd + blocks * plan.n_blocks) * _multi_axis(len(lens))
