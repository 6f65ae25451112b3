"""Public-API benchmarks: convkit auto and each engine against scipy.signal and numpy.

The workloads, operands, contestant calls and skip estimates come from
``convkit._bench.cells``, the registry ``python -m convkit bench`` uses, so
both time the same thing. One class per workload family of the ``--quick``
grid (1-D sweep, 2-D images, dtypes, batched axes, tiny calls), plus every
mode of convolve and correlate, and the dispatcher's own cost. Parameters:
``impl`` is the contestant's name in that registry (``convkit.auto``,
``convkit.direct``, ``convkit.fft``, ``convkit.oa``, ``convkit.convolve2d``,
``scipy.auto``, ``scipy.direct``, ``scipy.fftconvolve``, ``scipy.oaconvolve``,
``scipy.convolve2d``, ``numpy.convolve``) and ``cell`` the cell's id.

``setup`` calls the contestant three times so JIT compilation and FFT planning
stay outside the timing, and raises NotImplementedError (asv: skipped) for
combinations that do not apply or that are predicted to take over
:data:`MAX_SECONDS` per call (the peers' direct loops on big cells).
"""

from __future__ import annotations

from . import require, safe_import

with safe_import():
    import scipy.signal as ss
with safe_import():
    import convkit
with safe_import():
    from convkit._bench import cells as _cells
    from convkit._timing import settle

# Skip a contestant predicted slower than this per call.
MAX_SECONDS = 2.0


# Where convkit._bench is not importable (an old commit, a broken build) every class gets one
# placeholder parameter, and setup's require() skips it: asv rejects an empty parameter list.
_UNAVAILABLE = ["convkit._bench not importable"]


def _ids(grid, family=None):
    """Cell ids of ``grid`` (a function name in convkit._bench.cells), one family or all."""
    if "_cells" not in globals():
        return _UNAVAILABLE
    found = getattr(_cells, grid)()
    return [c.id for c in found if family is None or c.family == family]


def _impls(*extra):
    """Contestant names of the registry, without the convolve2d functions unless given in ``extra``."""
    if "_cells" not in globals():
        return _UNAVAILABLE
    return [n for n in _cells.CONTESTANTS if not n.endswith("convolve2d")] + list(extra)


class _Contest:
    """Base: ``setup`` builds ``self.call`` for (contestant, cell) and warms it; time/peakmem call it."""

    timeout = 120
    grid = "quick_grid"

    def setup(self, impl, cell_id):
        require(globals(), "_cells", "convkit", "ss")
        cell = {c.id: c for c in getattr(_cells, self.grid)()}[cell_id]
        a, b = cell.data(seed=1)
        predicted = _cells.predicted_seconds(impl, cell, _cells.auto_choice(cell, a, b).predicted)
        if predicted is not None and predicted > MAX_SECONDS:
            raise NotImplementedError(f"{impl} predicted {predicted:.3g} s per call, over {MAX_SECONDS} s")
        self.call = _cells.make_call(impl, cell, a, b)
        if self.call is None:
            raise NotImplementedError(f"{impl} does not apply to {cell_id}")
        # JIT compile and FFT plans outside the timing; settle also waits for direct kernels
        # compiling in a background process (the call runs the slower plain loop meanwhile).
        settle(self.call)

    def time_call(self, impl, cell_id):
        self.call()


class _ContestMem(_Contest):
    def peakmem_call(self, impl, cell_id):
        self.call()


class Convolve1D(_ContestMem):
    """1-D convolution, mode='full': kernel-length sweep at four signal lengths."""

    params = [_impls(), _ids("quick_grid", "sweep1d")]
    param_names = ["impl", "cell"]


class Modes1D(_Contest):
    """convolve and correlate in every mode, float64, 100 000 samples * 512 taps."""

    grid = "modes_grid"
    params = [_impls(), _ids("modes_grid")]
    param_names = ["impl", "cell"]


class Image2D(_ContestMem):
    """2-D image kernels, mode='same' (square image and kernel), convolve2d included."""

    params = [_impls("convkit.convolve2d", "scipy.convolve2d"), _ids("quick_grid", "image2d")]
    param_names = ["impl", "cell"]


class Dtypes(_ContestMem):
    """1-D, mode='same', 100 000 samples * 256 taps in each floating dtype."""

    params = [_impls(), _ids("quick_grid", "dtype")]
    param_names = ["impl", "cell"]


class BatchedAxes(_ContestMem):
    """Many rows, one shared kernel, convolved along the last axis, mode='same'.

    convkit auto/direct and scipy auto/direct take the kernel as shape ``(1, k)``
    (a length-1 axis convolves as a batch); the transform contestants are
    called with ``axes=(1,)``.
    """

    params = [_impls(), _ids("quick_grid", "batched")]
    param_names = ["impl", "cell"]


class TinyCalls(_Contest):
    """Call overhead: inputs so small that validation and dispatch dominate."""

    params = [_impls(), _ids("quick_grid", "tiny")]
    param_names = ["impl", "cell"]


class Dispatch:
    """The price of a decision: ``convkit.choose_method`` (auto's cost model) against scipy's choose_conv_method."""

    params = [["convkit", "scipy"], _ids("dispatch_grid")]
    param_names = ["impl", "cell"]

    def setup(self, impl, cell_id):
        require(globals(), "_cells", "convkit" if impl == "convkit" else "ss")
        cell = {c.id: c for c in _cells.dispatch_grid()}[cell_id]
        a, b = cell.data(seed=1)
        if impl == "convkit":
            self.call = lambda: convkit.choose_method(a, b, cell.mode)
        else:
            self.call = lambda: ss.choose_conv_method(a, b, cell.mode)
        self.call()

    def time_choose(self, impl, cell_id):
        self.call()
