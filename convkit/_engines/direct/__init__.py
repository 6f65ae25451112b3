"""Direct (Numba) convolution engine: :data:`ENGINE`.

Importing this package imports neither Numba nor anything that does: the
cost model (``_cost``) and the tiling decisions (``_tiling``) are pure
Python, and the compiled parts (``_engine``, ``_drivers``, ``_compiled``)
load inside :meth:`DirectEngine.prepare` / :meth:`DirectEngine.convolve`.

Files
-----
``_engine``     layout, complex/integer handling, threads: the Python side of a call
``_drivers``    compiled loops over tiles, row blocks and columns; tiny-call loops
``_compiled``   generated kernels compiled one by one on first use, called by address
``_plain``      the same bits as the tiled drivers from one quick-to-compile loop (cold calls)
``_fma``        the explicit fused multiply-add both use
``_kernels``    the generated kernels (``python tools/gen_direct_kernels.py``)
``_tiling``     tiles, row blocks, thread chunks and the kernels a call needs
``_separable``  rank-one 2-D kernels as two 1-D passes
``_dots``       few whole outputs of a long 1-D kernel (the small-call path's long-dot route)
``_ints``       1-D integer loops in the dtype's own arithmetic (the small-call path's int-shift route)
``_threads``    fork-safe Python worker threads over the nogil drivers
``_cost``       the cost model
"""

from __future__ import annotations

import functools
from typing import Any, NamedTuple

import numpy as np

from ... import _tuning
from .. import Cost, Geometry
from . import _cost, _cpu, _tiling

__all__ = ["ENGINE", "DirectEngine", "Prepared", "compile_all", "convolve", "cost", "fixed_cost", "small"]

_SUPPORTED = frozenset(np.dtype(t) for t in ("float32", "float64", "complex64", "complex128", "int64", "uint64"))
_engine_module = None   # ``_engine`` once loaded (:func:`_compiled_side`)


def _compiled_side():
    """The ``_engine`` module, imported on first use (it loads Numba, which importing this
    package must not). Kept in a global: an import statement in the call path cost 1.3 us
    a call, a twentieth of a 1e4 x 16 call."""
    global _engine_module
    if _engine_module is None:
        from . import _engine
        _engine_module = _engine
    return _engine_module


class Prepared(NamedTuple):
    """The kernel operand as given (the engine reverses and lays it out per call: that costs little)."""

    b: np.ndarray


def _real_dtype(dt: np.dtype) -> np.dtype:
    """The dtype the tiled loops run in for compute dtype ``dt``."""
    if dt.kind == "c":
        return np.dtype(np.float32 if dt == np.complex64 else np.float64)
    if dt.kind == "u":
        return np.dtype(np.int64)
    return dt


def _small_dtype(dt: np.dtype) -> np.dtype:
    """The dtype the plain 1-D loop runs in for compute dtype ``dt`` (complex natively)."""
    return np.dtype(np.int64) if dt.kind == "u" else dt


def _needs(g: Geometry, b: np.ndarray | None = None, rank1: bool | None = None) -> tuple:
    """(drivers, kernels) a call of geometry ``g`` runs: names of ``_drivers`` functions and
    (kind, n) kernels. The row and column passes of a rank-one 2-D kernel count only when
    the kernel ``b`` is given and is rank one (or when ``rank1``, and the shape allows them)."""
    dt = np.dtype(g.dtype)
    key = (tuple(g.a_shape), tuple(g.b_shape), tuple(g.axes), tuple(g.shape), tuple(g.start), dt)
    plane = _kernel_plane(*key)
    if plane is None or not (rank1 or (rank1 is None and b is not None and b.size == plane[0] * plane[1])):
        rank1 = False
    elif rank1 is None:
        from ._separable import rank_one  # no Numba
        rank1 = rank_one(b.reshape(plane), dt) is not None
    # the blocking tables follow the CPU the kernels are compiled for (tests change it)
    return _needs_of(*key, rank1, _cpu.registers(), _cpu.vector_bytes())


def _conv_layout(a_shape, b_shape, axes):
    """(kh, kw, nlead, hlead0, kernel is b) of the tiled loops: the smaller operand is the kernel."""
    pa = _tiling.prod(a_shape[i] for i in axes)
    pb = _tiling.prod(b_shape[i] for i in axes)
    hs = b_shape if pb <= pa else a_shape
    nlead = len(axes) - 1
    return (_tiling.prod(hs[i] for i in axes[:-1]), hs[axes[-1]], nlead, hs[axes[0]] if nlead else 0, pb <= pa)


@functools.lru_cache(maxsize=4096)
def _kernel_plane(a_shape, b_shape, axes, shape, start, dt) -> tuple | None:
    """(kh, kw) when a kernel of this geometry may run as a rank-one row and column pass, else None."""
    if not axes or 0 in a_shape or 0 in b_shape or dt.kind != "f" or len(shape) == 1:
        return None
    kh, kw, nlead, _, kernel_is_b = _conv_layout(a_shape, b_shape, axes)
    if nlead == 1 and kh >= 2 and kw >= 2 and kernel_is_b and kh * kw >= 2 * (kh + kw):
        return kh, kw
    return None


@functools.lru_cache(maxsize=4096)
def _needs_of(a_shape, b_shape, axes, shape, start, dt, rank1: bool, registers: int, vector_bytes: int) -> tuple:
    """:func:`_needs` for a geometry, given whether its kernel is rank one, on a CPU with these
    vector registers (memoised: a call's Python side costs microseconds)."""
    if not axes or 0 in a_shape or 0 in b_shape:
        return (), frozenset()
    if len(shape) == 1 and (_cost.plain_1d(a_shape[0], b_shape[0], shape[0]) or (
            dt.kind == "c" and a_shape[0] * b_shape[0] <= _tuning.DIRECT_SMALL_1D_COMPLEX)):
        return ("small_1d",), frozenset()   # the plain loop, in the compute dtype (complex too)
    kh, kw, nlead, hlead0, kernel_is_b = _conv_layout(a_shape, b_shape, axes)
    drivers, kernels = set(), set()

    def tiled(kh, kw, nlead, hlead0, block_k):
        if _tiling.is_column(kh, kw, nlead, hlead0):
            drivers.add("columns")
        else:
            drivers.add("blocks" if block_k else "tiles")
        kernels.update(_tiling.kernels(kh, kw, nlead, hlead0, block_k, _real_dtype(dt).itemsize))

    if rank1:   # a row pass and a column pass, nothing else
        tiled(1, kw, 1, 1, 0)
        tiled(kh, 1, 1, kh, 0)
        return tuple(sorted(drivers)), frozenset(kernels)
    # the row-blocked driver where the call has rows for a block, else the plain tiles: the
    # same decision as the engine's (``_tiling.block_plan`` on the signal's rows)
    block_k = 0
    if nlead == 1 and kh == kw and kw in _tiling.row_blocks():
        xs = a_shape if kernel_is_b else b_shape
        ax = axes[0]
        if _tiling.block_plan((1, xs[ax], 0), (1, kh, kw), (1, shape[ax], 0), 1,
                              start[ax] - (kh - 1)) is not None:
            block_k = kw
    tiled(kh, kw, nlead, hlead0, block_k)
    return tuple(sorted(drivers)), frozenset(kernels)


class DirectEngine:
    """The direct engine (see ``convkit._engines`` for the contract)."""

    name = "direct"

    def supports(self, dtype) -> bool:
        return np.dtype(dtype) in _SUPPORTED

    def cost(self, g: Geometry) -> Cost:
        """Multiply-adds (``arith``) and tile-loop overhead (``fixed``; complex: three loops and the split)."""
        dt = np.dtype(g.dtype)
        complex_ = dt.kind == "c"
        single = _cost.fixed_cost(g.a_shape, g.b_shape, g.axes, g.shape, g.start,
                                  dt.itemsize // 2 if complex_ else dt.itemsize)
        arith = _cost.macs(g.a_shape, g.b_shape, g.axes, g.shape, g.start)
        if complex_:  # three real loops, and the planes they run on
            return Cost(arith, 3.0 * single + _cost.complex_split(g.a_shape, g.b_shape, g.shape, dt.itemsize))
        return Cost(arith, single)

    def kernels_for(self, g: Geometry) -> tuple:
        """Names of the compiled functions a call of geometry ``g`` runs with a kernel that is not
        rank one (pooled passes: a superset where values decide)."""
        drivers, kernels = _needs(g)
        dt = _real_dtype(np.dtype(g.dtype))
        small = _small_dtype(np.dtype(g.dtype))
        return tuple(f"_drivers.{d}[{small if d == 'small_1d' else dt}]" for d in drivers) + tuple(
            f"_kernels.{_tiling.kernel_name(k, n, dt, kernels)}[{dt}]" for k, n in sorted(kernels))

    def needs(self, g: Geometry, b: np.ndarray | None = None) -> tuple:
        """What a call of geometry ``g`` compiles (kernel ``b``: its rank-one passes when it is one;
        ``None``: a kernel that is not): (drivers, kernels, tiled dtype, small-loop dtype), hashable."""
        drivers, kernels = _needs(g, b)
        dt = np.dtype(g.dtype)
        return drivers, kernels, _real_dtype(dt), _small_dtype(dt)

    def variants(self, g: Geometry) -> tuple:
        """:meth:`needs` of every kernel a call of geometry ``g`` may have: one that is not rank
        one, and a rank-one one where the shape runs those as two passes."""
        dt = np.dtype(g.dtype)
        out = (self.needs(g),)
        if _kernel_plane(tuple(g.a_shape), tuple(g.b_shape), tuple(g.axes), tuple(g.shape), tuple(g.start), dt):
            drivers, kernels = _needs(g, rank1=True)
            out += ((drivers, kernels, _real_dtype(dt), _small_dtype(dt)),)
        return out

    @staticmethod
    def slow_to_compile(needs: tuple) -> bool:
        """Whether :meth:`needs`' answer holds more than the small loops (which compile quickly)."""
        return bool(needs[1]) or any(d not in ("small_1d", "small_2d") for d in needs[0])

    def compiled(self, g: Geometry, b: np.ndarray | None = None) -> bool:
        """Whether every kernel ``g`` needs (see :meth:`needs`) is compiled or loads from Numba's
        cache without compiling.

        Imports Numba (about 0.5 s the first time); loads what it finds.
        """
        from . import _ready
        return _ready.ready(*self.needs(g, b))

    def convolve_plain(self, a: np.ndarray, b: np.ndarray, g: Geometry) -> np.ndarray:
        """What :meth:`convolve` returns, the same bits, on the plain loop (``_plain``): for a call
        made while the tiled drivers and kernels compile elsewhere (one thread)."""
        return _compiled_side().convolve(a, b, g.axes, g.shape, g.start, workers=1, plain=True)

    def prepare(self, b: np.ndarray | None, g: Geometry) -> Prepared:
        """Compile (or load) the kernels ``g`` needs, so calls with this kernel never compile.

        Only what this kernel runs: the row and column passes for a rank-one 2-D kernel, the
        row-blocked or the plain tiled driver, not both. ``b=None``: what :meth:`compiled`
        checks (any kernel of that shape that is not rank one).
        """
        from . import _ready
        drivers, kernels = _needs(g, b)
        dt = np.dtype(g.dtype)
        _ready.ensure(drivers, kernels, _real_dtype(dt), _small_dtype(dt))
        return Prepared(b)

    def convolve(self, a: np.ndarray, prepared: Any, g: Geometry, *, workers: int) -> np.ndarray:
        b = prepared.b if isinstance(prepared, Prepared) else prepared
        return _compiled_side().convolve(a, b, g.axes, g.shape, g.start, workers=workers)


ENGINE = DirectEngine()


# --- the first version's module-level entry points (dispatch uses them until it switches to ENGINE) ---

def convolve(a, b, axes, shape, start, *, workers=1, separable=None):
    """Direct convolution of the kept region (engine contract, see ``convkit._engines``).

    ``separable``: ``None`` runs a rank-one 2-D float kernel as two 1-D passes
    when that saves work, ``False`` never, ``True`` whenever it is rank one.
    """
    return _compiled_side().convolve(a, b, axes, shape, start, workers=workers, separable=separable)


def small(a, b, start, shape):
    """The kept region of a small 1-D or 2-D full convolution (see ``_engine.small``)."""
    return _compiled_side().small(a, b, start, shape)


def cost(a_shape, b_shape, axes, shape, start) -> float:
    """Multiply-adds plus one real loop's overhead (pure Python, no compilation)."""
    return _cost.cost(a_shape, b_shape, axes, shape, start)


def fixed_cost(a_shape, b_shape, axes, shape, start) -> float:
    """The part of :func:`cost` that is loop overhead (one real loop)."""
    return _cost.fixed_cost(a_shape, b_shape, axes, shape, start)


def compile_all(dtypes=("float64",), progress=None) -> None:
    """Compile (or load from Numba's cache) every direct kernel for these compute dtypes.

    ``progress(text)`` is called before each compiled function (for ``convkit.warmup``).
    """
    from . import _ready
    for dt in dtypes:
        _ready.compile_all(dt, progress)
