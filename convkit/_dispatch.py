"""Which engine computes a Problem: rules that force a method, then a cost model.

Each engine reports the work a call costs in its own unit (``Engine.cost``:
multiply-adds for direct, a transform flop count for fft and oa, split into
the part that scales with precision and the fixed loop overhead); the profile
turns units into seconds for this machine. Nothing here imports Numba or
pyFFTW: the engines' cost models are pure Python. The cheapest prediction wins unless
a rule forces the method. :func:`explain` returns the whole reasoning.
"""

from __future__ import annotations

import functools
import math
import types
from dataclasses import dataclass, field

import numpy as np

from . import _config, _engines, _profile, _tuning
from ._dots_numpy import LANE_BYTES as _LANE_BYTES
from ._engines import Cost, Geometry
from ._problem import Problem

__all__ = ["Choice", "Geometry", "choose", "cost", "dots_1d_seconds", "dots_1d_wins", "elements", "explain", "geometry",
           "limb_geometry", "limb_work", "limbs", "numpy_1d_seconds", "numpy_1d_wins", "precision", "predict",
           "small_route", "small_seconds", "window_1d_seconds"]

# Below this many multiply-adds a transform's set-up costs more than the loop.
TINY_DIRECT_OPS = 4096


@dataclass(frozen=True)
class Choice:
    """The dispatcher's decision for one call.

    Attributes
    ----------
    method : str
        'direct', 'fft' or 'oa'.
    predicted : mapping
        Predicted seconds for every engine considered (read-only).
    reason : str
        Why ``method`` was chosen, in words.
    """

    method: str
    predicted: dict[str, float] = field(default_factory=dict)
    reason: str = ""

    def __str__(self) -> str:
        ranked = sorted(self.predicted.items(), key=lambda kv: kv[1])
        times = ", ".join(f"{name} {secs * 1e3:.3g} ms" for name, secs in ranked)
        return f"method={self.method!r} ({self.reason}); predicted: {times or 'n/a'}"


def precision(dtype: np.dtype) -> str:
    """The profile's precision key for a compute dtype."""
    if dtype.kind in "iub":
        return "int"
    if dtype.kind == "f":
        return "f32" if dtype.itemsize == 4 else "f64"
    return "c64" if dtype.itemsize == 8 else "c128"


def geometry(problem: Problem) -> Geometry:
    """The hashable :class:`~convkit._engines.Geometry` of a problem."""
    return Geometry(problem.a.shape, problem.b.shape, problem.axes, problem.shape, problem.start,
                    problem.a.dtype, problem.workers)


def cost(name: str, problem: Problem | Geometry) -> Cost:
    """Engine ``name``'s work for ``problem`` in its own units (integers: as the float64 FFT would)."""
    g = problem if isinstance(problem, Geometry) else geometry(problem)
    if name != "direct" and g.dtype.kind in "iub":
        g = g._replace(dtype=np.dtype(np.float64))  # integer FFTs run in float64
    return _engines.get(name).cost(g)


def elements(problem: Problem | Geometry) -> float:
    """Array elements a call reads and writes: both inputs and the output."""
    g = problem if isinstance(problem, Geometry) else geometry(problem)
    return float(math.prod(g.a_shape) + math.prod(g.b_shape) + math.prod(g.shape))


def predict(name: str, problem: Problem | Geometry, consts: dict | None = None) -> float:
    """Predicted seconds for engine ``name`` on ``problem`` (profile in force unless ``consts``).

    ``overhead + per_unit * (scale * arith + fixed) + scale * per_element * elements``,
    the work divided by the parallel speed-up ``1 + parallel * (workers - 1)`` above ``parallel_min``;
    integer calls on an FFT engine add the float64 round trip (``_tuning.INT_FFT_TERMS``); real
    1-D direct calls pay shares of the overhead and of the per-element term on their first
    ``DIRECT_BIG_OUTPUT_BYTES`` of elements (``_tuning.DIRECT_1D_OVERHEAD_SHARE``,
    ``DIRECT_1D_ELEMENT_SHARE``).
    """
    g = problem if isinstance(problem, Geometry) else geometry(problem)
    c = (consts or _profile.constants())[name]
    prec = precision(g.dtype)
    extra = 0.0
    if name != "direct" and prec == "int":
        prec = "f64"  # integer FFTs run in float64: the operands cast there, the result rounded back
        call, per_element = _tuning.INT_FFT_TERMS
        extra = call + per_element * elements(g)
    overhead, n_elements = c["overhead"], elements(g)
    priced = n_elements  # elements at the profile's full per-element price
    if name == "direct" and len(g.shape) == 1 and prec in _tuning.DIRECT_1D_ELEMENT_SHARE:
        # the profile's direct terms are mostly 2-D calls' (see DIRECT_1D_ELEMENT_SHARE); the share
        # covers the first DIRECT_BIG_OUTPUT_BYTES of elements, as far as its fit reached
        overhead *= _tuning.DIRECT_1D_OVERHEAD_SHARE
        shared = min(n_elements, _tuning.DIRECT_BIG_OUTPUT_BYTES // np.dtype(g.dtype).itemsize)
        priced = n_elements - shared * (1.0 - _tuning.DIRECT_1D_ELEMENT_SHARE[prec])
    work_units = cost(name, g)
    scale = c["scale"][prec]
    work = c["per_unit"] * (scale * work_units.arith + work_units.fixed) + scale * c["per_element"] * priced
    if g.workers > 1 and work > c["parallel_min"]:
        work /= 1.0 + c["parallel"] * (g.workers - 1)
    return overhead + work + extra


def _fft_engine_seconds(name: str, g: Geometry) -> float:
    """:func:`predict` of FFT engine ``name`` ('fft' or 'oa') on ``g`` with the profile in force, memoised:
    the tiny path's :func:`small_route` and the general path's :func:`_decide` both rank a new shape
    (its transform lengths and block plan cost 20-60 us to work out), and both memoise per shape
    themselves, so a shape new to the process priced them twice (a loop over varied 1-D sizes ran
    each call 1.5-3x scipy.signal's time)."""
    return _fft_seconds_memo(name, g, _profile.generation(), _config.get("CONVKIT_FFT_SINGLE"))


@functools.lru_cache(maxsize=2048)
def _fft_seconds_memo(name: str, g: Geometry, generation: int, single: str) -> float:
    return predict(name, g)


def _fixed_seconds(name: str) -> float:
    """A floor under :func:`predict` of engine ``name`` on any call: its ``overhead``, which the
    prediction adds to work that costs no less than nothing; 0 for a profile with a negative
    term (then nothing is a floor)."""
    c = _profile.constants()[name]
    if min(c["per_unit"], c["per_element"], *c["scale"].values()) < 0:
        return 0.0
    return c["overhead"]


def pairs_1d(n: int, k: int, start: int, length: int) -> int:
    """Products of overlapping samples in outputs ``start .. start+length-1`` of a full 1-D convolution.

    Output ``o`` of the full convolution of lengths ``n`` and ``k`` sums
    ``min(o + 1, min(n, k), n + k - 1 - o)`` products: a ramp, a plateau and a
    ramp, summed here in closed form.
    """
    m, big = min(n, k), max(n, k)

    def upto(x: int) -> int:  # products of outputs 0 .. x-1
        r = min(x, m)
        p = max(0, x - big)
        return r * (r + 1) // 2 + max(0, min(x, big) - m) * m + p * (m - 1) - p * (p - 1) // 2

    return upto(start + length) - upto(start)


def numpy_1d_seconds(taps: int, outputs: int, kind: str, macs: float | None = None, itemsize: int = 8) -> float:
    """Predicted seconds of numpy's 1-D correlate: ``outputs`` outputs of at most ``taps`` taps, dtype kind ``kind``.

    numpy computes each output as one dot product: an unrolled loop for short
    float kernels, a BLAS call per output for longer float and all complex
    ones, a plain loop for integers (constants: ``_tuning.NUMPY_1D_*``).
    ``macs``: the products it forms (default ``outputs * taps``; edge outputs
    of 'full' and 'same' form fewer, see :func:`pairs_1d`). ``itemsize``:
    bytes per element (a float32 dot moves half a float64 one's bytes). Kernels
    longer than ``_tuning.NUMPY_1D_REVERSED_VIEW_TAPS`` add numpy's copy of the
    reversed kernel (``_tuning.NUMPY_1D_REVERSED_KERNEL_TERMS``).
    """
    if kind == "f":
        long_cls = "f32-long" if itemsize == 4 else "f-long"
        cls = "f-short" if taps <= _tuning.NUMPY_1D_SHORT_KERNEL_TAPS else long_cls
    else:
        cls = "c" if kind == "c" else "i"
    per_output, per_mac = _tuning.NUMPY_1D_TERMS[cls]
    seconds = _tuning.NUMPY_1D_CALL_S + outputs * per_output + (outputs * taps if macs is None else macs) * per_mac
    if taps > _tuning.NUMPY_1D_REVERSED_VIEW_TAPS:  # the reversed kernel reaches numpy as a view, which it copies
        call, per_tap = _tuning.NUMPY_1D_REVERSED_KERNEL_TERMS
        seconds += call + per_tap * taps
    return seconds


def dots_1d_seconds(taps: int, outputs: int, itemsize: int) -> float | None:
    """Predicted seconds of the long-dot loop (``_engines.direct._dots``) on ``outputs`` whole dot products of
    ``taps`` taps (float32 or float64 by ``itemsize``), None where it is not used: kernels under
    ``_tuning.DOTS_1D_MIN_TAPS`` taps, more than ``_tuning.DOTS_1D_MAX_OUTPUTS`` outputs."""
    terms = _tuning.DOTS_1D_TERMS.get(itemsize)
    if terms is None or taps < _tuning.DOTS_1D_MIN_TAPS or outputs > _tuning.DOTS_1D_MAX_OUTPUTS:
        return None
    call, per_output, per_mac = terms
    return call + outputs * per_output + outputs * taps * per_mac


@functools.lru_cache(maxsize=4096)
def dots_1d_wins(taps: int, outputs: int, itemsize: int) -> bool:
    """Whether ``outputs`` whole 1-D dot products of ``taps`` taps (a 'valid' window of a float32 or
    float64 call) run the long-dot loop rather than numpy's correlate: where it is predicted faster.
    A function of the shape only, so a call's bits are too (memoised: every such call asks)."""
    seconds = dots_1d_seconds(taps, outputs, itemsize)
    return seconds is not None and seconds < numpy_1d_seconds(taps, outputs, "f", None, itemsize)


def ramps_1d_seconds(taps: int, outputs: int, macs: float, itemsize: int) -> float | None:
    """Predicted seconds of the long-dot loop on a window that runs off an end of the signal (``_engines.direct.
    _dots.ramps``: 'full' and 'same' of a long kernel, whose edge outputs overlap part of it), float32 or float64
    by ``itemsize``: ``macs`` products plus about half a chunk of lanes per output (the chunks a block of four
    outputs shares), and the zero-padded copy of the window. None under ``_tuning.DOTS_1D_MIN_TAPS`` taps."""
    terms = _tuning.RAMPS_1D_TERMS.get(itemsize)
    if terms is None or taps < _tuning.DOTS_1D_MIN_TAPS:
        return None
    call, per_output, per_product = terms
    return call + outputs * per_output + (macs + outputs * (_LANE_BYTES // itemsize // 2)) * per_product


@functools.lru_cache(maxsize=4096)
def ramps_1d_wins(taps: int, outputs: int, macs: float, itemsize: int) -> bool:
    """Whether a float32 or float64 1-D window that runs off an end of the signal (``macs`` below
    ``outputs * taps``) runs the long-dot loop on its zero-padded samples rather than numpy's correlate:
    where it is predicted faster. A function of the shape only, so a call's bits are too (memoised)."""
    seconds = ramps_1d_seconds(taps, outputs, macs, itemsize)
    return seconds is not None and seconds < numpy_1d_seconds(taps, outputs, "f", macs, itemsize)


def window_1d_seconds(taps: int, outputs: int, kind: str, macs: float | None = None, itemsize: int = 8) -> float:
    """Predicted seconds of :func:`convkit._execute.numpy_window`'s loop: numpy's correlate
    (:func:`numpy_1d_seconds`), or the long-dot loop where every output is a whole dot product
    (``macs`` is ``outputs * taps``) and :func:`dots_1d_wins`, or where the window runs off an end
    (``macs`` less) and :func:`ramps_1d_wins`."""
    if kind == "f" and (macs is None or macs == outputs * taps) and dots_1d_wins(taps, outputs, itemsize):
        return dots_1d_seconds(taps, outputs, itemsize)
    if kind == "f" and macs is not None and macs < outputs * taps and ramps_1d_wins(taps, outputs, macs, itemsize):
        return ramps_1d_seconds(taps, outputs, macs, itemsize)
    return numpy_1d_seconds(taps, outputs, kind, macs, itemsize)


def small_seconds(ndim: int, kind: str, outputs: int, macs: float) -> float:
    """Predicted seconds of the direct engine's plain ``small_1d``/``small_2d`` loop (kinds 'f' and 'c')."""
    call, per_output, per_mac = (_tuning.SMALL_1D_TERMS if ndim == 1 else _tuning.SMALL_2D_TERMS)[kind]
    return call + outputs * per_output + macs * per_mac


def small_1d_pairs(n: int, k: int, start: int, length: int) -> tuple[int, int]:
    """The plain 1-D loop's products in outputs ``start .. start+length-1``: ``(full, edge)``, those of
    outputs that overlap the whole shorter input and those of partial overlaps (the ramps of 'full'
    and 'same', several times dearer a product in that loop; ``_tuning.SMALL_1D_EDGE_PAIR_S``)."""
    m, big = min(n, k), max(n, k)
    inner = max(0, min(big - 1, start + length - 1) - max(m - 1, start) + 1)
    return inner * m, pairs_1d(n, k, start, length) - inner * m


def _small_1d_seconds(kind: str, n: int, k: int, start: int, length: int) -> float:
    """:func:`small_seconds` of a 1-D call, with the partial outputs' products at their own price."""
    full, edge = small_1d_pairs(n, k, start, length)
    return small_seconds(1, kind, length, full) + edge * _tuning.SMALL_1D_EDGE_PAIR_S[kind]


def _engine_dtype(dtype: np.dtype) -> np.dtype:
    """The compute dtype the general path runs ``dtype`` in (integers and booleans: int64)."""
    return np.dtype(np.int64) if dtype.kind in "biu" and dtype != np.uint64 else dtype


def small_options(a_shape: tuple, b_shape: tuple, start: tuple, shape: tuple, dtype: np.dtype) -> dict:
    """Predicted seconds of each way the tiny path can run a small call (see :func:`small_route`),
    before its own checks and look-up: 'numpy' (1-D), 'small' (float, complex), 'small-int', 'numpy-int' (1-D),
    'int-shift' (1-D integers), 'product' (1-D with a length-1 operand, every output kept)."""
    ndim, kind = len(shape), dtype.kind
    outputs = math.prod(shape)
    taps = math.prod(min(n, k) for n, k in zip(a_shape, b_shape))
    options = {}
    if ndim == 1:
        options["numpy"] = window_1d_seconds(taps, outputs, kind, pairs_1d(a_shape[0], b_shape[0], start[0], outputs),
                                             dtype.itemsize)
        if taps == 1 and outputs == max(a_shape[0], b_shape[0]):
            # one operand of length 1 and every output kept: a broadcast multiply, which streams where
            # numpy's correlate makes a dot product per output (108327 x 1 float64: 22 us against 43)
            call, per_byte = _tuning.PRODUCT_1D_TERMS
            options["product"] = call + per_byte * outputs * dtype.itemsize
    def loop(kind):  # the plain loop, 1-D with its partial outputs priced apart
        if ndim == 1:
            return _small_1d_seconds(kind, a_shape[0], b_shape[0], start[0], outputs)
        # the products it makes: overlapping samples only (a 2-D output's overlap is the product of its
        # axes' overlaps), as SMALL_2D_TERMS were fitted; outputs * taps counted the zero padding of
        # 'full' and 'same' too ((9, 8) x (13, 9) float32 'full' was predicted at 2.1x its 14.8 us)
        pairs = math.prod(pairs_1d(n, k, s, o) for n, k, s, o in zip(a_shape, b_shape, start, shape))
        return small_seconds(ndim, kind, outputs, float(pairs))

    if kind in "fc":
        options["small"] = loop(kind)
    if kind in "iu" and ndim == 1 and taps > 1:  # (one tap: 'product', a single multiply)
        # the direct engine's vectorised integer loops in the dtype (numpy's bits: integer sums wrap alike
        # in any order), where numpy's integer correlate makes a plain scalar dot product per output
        call, per_tap, per_product = _tuning.INT_SHIFT_1D_TERMS
        options["int-shift"] = call + per_tap * taps + per_product * pairs_1d(a_shape[0], b_shape[0], start[0],
                                                                              outputs)
    if kind in "iu" and dtype.itemsize <= 4:
        # the float64 plain loop, exact when each partial sum is (the tiny path checks the bound per
        # call and otherwise goes the general way), with the casts in and out: beats numpy's plain
        # integer dot products from about 8 taps
        call, per_element = _tuning.SMALL_INT_CAST_TERMS[2 if dtype.itemsize <= 2 else 4]
        cast = call + per_element * (math.prod(a_shape) + math.prod(b_shape) + outputs)
        options["small-int"] = loop("f") + cast
        if ndim == 1 and max(a_shape[0], b_shape[0], outputs) <= _tuning.NUMPY_INT_MAX_SAMPLES:
            # numpy's float64 correlate under the same bound: its unrolled and BLAS dot products run
            # 3-5x faster than its plain integer ones (36838 x 3 int32 'valid': 21 us on the float64
            # values, 109 us on the int32 ones); not on long signals (NUMPY_INT_MAX_SAMPLES)
            call, per_element = _tuning.NUMPY_INT_CAST_TERMS
            options["numpy-int"] = (window_1d_seconds(taps, outputs, "f", pairs_1d(a_shape[0], b_shape[0], start[0],
                                                                                   outputs))
                                    + call + per_element * (a_shape[0] + b_shape[0] + outputs))
    return options


@functools.lru_cache(maxsize=4096)
def small_route(a_shape: tuple, b_shape: tuple, start: tuple, shape: tuple, dtype: np.dtype, method: str,
                generation: int) -> str | None:
    """How a small call on all its axes (1 or 2, none of length 1 in both operands) runs best.

    'numpy' (1-D: numpy's correlate), 'small' (the direct engine's plain
    loop, float and complex), 'small-int' (that loop in float64 on integers
    of at most 4 bytes), 'numpy-int' (1-D: numpy's correlate in float64 on
    those integers), 'product' (1-D with a length-1 operand: one product per
    output) or None when the general path (tiled direct
    engine, or with ``method='auto'`` an FFT engine) is predicted faster.
    Memoised per shape: the tiny path asks on every call. ``generation`` is
    the profile's (:func:`convkit._profile.generation`).
    """
    options = small_options(a_shape, b_shape, start, shape, dtype)
    if not options:
        return None
    if "numpy" in options:  # near-ties go to numpy's loop (see numpy_1d_wins)
        options["numpy"] *= 1.0 - _tuning.NUMPY_1D_TIE_MARGIN
    best = min(options, key=options.get)
    options[best] += _tuning.TINY_CALL_S  # the tiny path's own checks and look-up
    g = Geometry(a_shape, b_shape, tuple(range(len(shape))), shape, start, _engine_dtype(dtype), 1)
    engines = _engines.NAMES if method == "auto" else ("direct",)
    direct = predict("direct", g)
    if options[best] <= min([direct] + [_fixed_seconds(name) for name in engines if name != "direct"]):
        # below direct's prediction and every FFT engine's fixed cost, no engine's prediction can beat
        # it (whatever numpy_1d_wins says below): the FFT engines' transform lengths and block plans,
        # 20-60 us of Python for a shape new to the process, need not be worked out
        return best
    ranking = {name: direct if name == "direct" else _fft_engine_seconds(name, g) for name in engines}
    if (len(shape) == 1 and min(ranking, key=ranking.get) == "direct"
            and numpy_1d_wins(a_shape[0], b_shape[0], start[0], shape[0], g.dtype, generation)):
        return best  # the general path would run numpy's loop too, after its own checks
    general = min(ranking.values())
    if dtype.kind in "iu":  # the general path first casts integers to int64 and checks FFT exactness
        call, per_element = _tuning.INT_PREPARE_TERMS
        general += call + per_element * (math.prod(a_shape) + math.prod(b_shape))
    return best if options[best] <= general else None


@functools.lru_cache(maxsize=4096)
def numpy_1d_wins(n1: int, n2: int, start: int, outputs: int, dtype: np.dtype, generation: int) -> bool:
    """Whether numpy's correlate (or the long-dot loop, see :func:`window_1d_seconds`) runs a 1-D
    direct call rather than the engine (memoised).

    Near-ties go to numpy: the engine runs only where it is predicted faster
    than numpy's predicted time times ``1 - _tuning.NUMPY_1D_TIE_MARGIN``, as
    both predictions err by 10-15% and numpy.convolve is the peer a call must
    never be slower than.
    """
    g = Geometry((n1,), (n2,), (0,), (outputs,), (start,), dtype, 1)
    macs = pairs_1d(n1, n2, start, outputs)
    numpy_s = window_1d_seconds(min(n1, n2), outputs, dtype.kind, macs, dtype.itemsize)
    return numpy_s * (1.0 - _tuning.NUMPY_1D_TIE_MARGIN) <= predict("direct", g)


def _direct_seconds(g: Geometry) -> float:
    """Predicted seconds of direct convolution: the engine, or for 1-D calls numpy where that is faster."""
    t = predict("direct", g)
    if len(g.shape) == 1:
        (n, k), (start,), (outputs,) = (g.a_shape[0], g.b_shape[0]), g.start, g.shape
        t = min(t, window_1d_seconds(min(n, k), outputs, g.dtype.kind, pairs_1d(n, k, start, outputs),
                                     np.dtype(g.dtype).itemsize))
    return t


def limbs(problem: Problem):
    """The limb split that computes an integer ``problem`` exactly on an FFT engine (None: direct only).

    Only for integer problems whose plain float64 FFT would not round back
    exactly (``problem.fft_allowed`` False); see :mod:`convkit._execute_limbs`.
    """
    if problem.fft_allowed or problem.a.dtype.kind not in "iu":
        return None
    from ._execute_limbs import limb_plan

    n = math.prod(problem.a.shape[i] + problem.b.shape[i] - 1 for i in problem.axes)
    # only the result dtype's bits are kept (finish wraps): higher products are skipped
    return limb_plan(problem.a, problem.b, n, 8 * problem.result_dtype.itemsize)


def limb_geometry(g: Geometry, plan) -> Geometry:
    """The batched float64 geometry of the limb products: ``(n_a, 1) x (1, n_b)`` leading axes."""
    return Geometry((plan.n_a, 1) + tuple(g.a_shape), (1, plan.n_b) + tuple(g.b_shape),
                    tuple(ax + 2 for ax in g.axes), (plan.n_a, plan.n_b) + tuple(g.shape),
                    (0, 0) + tuple(g.start), np.dtype(np.float64), g.workers)


def limb_work(g: Geometry, plan) -> Geometry:
    """A geometry priced as the transforms the limb plan runs (for the cost models only, not an
    engine call): a forward transform per a-limb and per b-limb used, an inverse transform per
    product (per shift, ``plan.summed``), and one of each for the float64 estimate (``plan.low``),
    as batch rows of the a, b and output shapes."""
    groups = plan.groups()
    extra = 1 if plan.low else 0
    fwd_a = groups[-1][1] + extra
    # summed: each b-limb once; else once per engine call (group) that uses it
    fwd_b = (groups[0][2] if plan.summed else sum(nj for _, _, nj in groups)) + extra
    inverse = len(plan.terms()) + extra
    return Geometry((fwd_a,) + tuple(g.a_shape), (fwd_b,) + tuple(g.b_shape), tuple(ax + 1 for ax in g.axes),
                    (inverse,) + tuple(g.shape), (0,) + tuple(g.start), np.dtype(np.float64), g.workers)


def _tiny(g: Geometry) -> bool:
    return math.prod(g.a_shape) * math.prod(g.b_shape) <= TINY_DIRECT_OPS


@functools.lru_cache(maxsize=1024)
def _decide(g: Geometry, fft_allowed: bool, limb_plan, generation: int) -> Choice:
    # Memoised per geometry: repeated calls of one shape skip the cost models.
    # ``generation`` changes whenever the profile in force does.
    one = g._replace(workers=1)
    if _tiny(g):
        return Choice("direct", types.MappingProxyType({}), f"tiny call (at most {TINY_DIRECT_OPS} multiply-adds): "
                      "transform set-up would dominate")
    if not fft_allowed and limb_plan is None:
        return Choice("direct", _reported(g, {"direct": predict("direct", g)}),
                      "integer result: an FFT could not round back to the exact integers, "
                      "even split into 8-bit limbs")
    if not fft_allowed:
        lg = limb_work(g, limb_plan)
        ranking = {"direct": _direct_seconds(one), "fft": predict("fft", lg._replace(workers=1)),
                   "oa": predict("oa", lg._replace(workers=1))}
        best, why = _best(ranking)
        predicted = ranking if g.workers == 1 else {
            "direct": _direct_seconds(g), "fft": predict("fft", lg), "oa": predict("oa", lg)}
        reason = (f"{why}; integers beyond a plain FFT's exact range: "
                  f"the FFT engines run {limb_plan.describe()}")
        return Choice(best, _reported(g, predicted), reason)
    # The ranking uses one thread's predictions, so that the engine, and with it
    # the result's bits, never depends on ``workers`` (reproducible by default);
    # the predicted times reported are those at the requested thread count.
    ranking = {name: _direct_seconds(one) if name == "direct" else _fft_engine_seconds(name, one)
               for name in _engines.NAMES}
    best, why = _best(ranking)
    predicted = ranking if g.workers == 1 else {
        name: _direct_seconds(g) if name == "direct" else predict(name, g) for name in _engines.NAMES}
    return Choice(best, _reported(g, predicted), why)


def _reported(g: Geometry, predicted: dict) -> types.MappingProxyType:
    """The predicted seconds a Choice reports: integer calls with what every engine's call pays
    first (the int64 operands and the FFT-exactness check, ``_tuning.INT_PREPARE_TERMS``), which
    the ranking leaves out as it moves no engine against another. Read-only: the memoised
    Choice is shared by every call of this geometry."""
    if np.dtype(g.dtype).kind in "iub":
        call, per_element = _tuning.INT_PREPARE_TERMS
        prepare = call + per_element * (math.prod(g.a_shape) + math.prod(g.b_shape))
        predicted = {name: seconds + prepare for name, seconds in predicted.items()}
    return types.MappingProxyType(predicted)


def _best(ranking: dict) -> tuple[str, str]:
    """The engine with the lowest predicted time, and why; near-ties of oa with fft go to the other two.

    The overlap engine's predictions run about 10% lower, relative to the fft
    engine's, than their measured times (``_tuning.OA_TIE_MARGIN``): oa runs
    only where it is predicted below ``1 - OA_TIE_MARGIN`` times fft.
    """
    best = min(ranking, key=ranking.get)
    if best == "oa" and "fft" in ranking and ranking["oa"] > (1.0 - _tuning.OA_TIE_MARGIN) * ranking["fft"]:
        best = min((name for name in ranking if name != "oa"), key=ranking.get)
        return best, (f"lowest predicted time but oa's, which is within {_tuning.OA_TIE_MARGIN:.0%} of fft's "
                      "(a near-tie: oa's model runs low against fft's)")
    return best, "lowest predicted time"


def explain(problem: Problem) -> Choice:
    """Decide the engine for ``method='auto'`` and say why."""
    g = geometry(problem)
    return _decide(g, problem.fft_allowed, None if _tiny(g) else limbs(problem), _profile.generation())


def choose(problem: Problem, method: str) -> str:
    """The engine that runs ``problem`` for the user's ``method=``.

    A forced 'fft' or 'oa' on integers beyond a plain FFT's exact range runs
    on limbs, or direct where not even limbs are exact: convkit never returns
    wrong integers.
    """
    if method == "auto":
        return explain(problem).method
    if method in ("fft", "oa") and not problem.fft_allowed and limbs(problem) is None:
        return "direct"
    return method
