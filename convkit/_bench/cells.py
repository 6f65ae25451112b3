"""The benchmark workloads ("cells") and the contestants that run on them.

One registry for every benchmark in the repository: ``python -m convkit
bench``, the asv suite (``benchmarks/bench_api.py``) and the pytest-benchmark
suite (``benchmarks/pytest/``) all take their workloads, their operands, their
contestant calls and their "too slow to run" rule from here.

* :class:`Cell`: one workload, ``convolve(in1, in2, mode)`` (or ``correlate``)
  on seeded random data, with its id, table label and multiply-add count.
* Grids: :func:`quick_grid` (``bench --quick``), :func:`full_grid` (``bench``),
  :func:`modes_grid` (every mode of convolve and correlate),
  :func:`compare_grid` (a few representative cells for pytest-benchmark),
  :func:`dispatch_grid` (the dispatcher's own cost).
* Contestants: :data:`CONTESTANTS`; :func:`contestants_for` gives the
  zero-argument calls that apply to a cell, :func:`make_call` one of them.
* :func:`predicted_seconds`: how long a contestant should take on a cell
  (the dispatcher's prediction for convkit's engines, a seconds-per-MAC
  estimate for the peers' direct loops), used to skip hopeless contestants.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass

import numpy as np

__all__ = [
    "Cell", "CONTESTANTS", "ENGINES", "SCIPY", "FAMILY_TITLES", "PEER_SECONDS_PER_MAC",
    "operand", "quick_grid", "full_grid", "modes_grid", "compare_grid", "dispatch_grid", "family",
    "contestants_for", "make_call", "reference", "auto_choice", "predicted_seconds",
]

# Every contestant, in table order, with its column label.
CONTESTANTS: dict[str, str] = {
    "convkit.auto": "ck auto",
    "convkit.direct": "ck direct",
    "convkit.fft": "ck fft",
    "convkit.oa": "ck oa",
    "convkit.convolve2d": "ck conv2d",
    "scipy.auto": "sp auto",
    "scipy.direct": "sp direct",
    "scipy.fftconvolve": "sp fft",
    "scipy.oaconvolve": "sp oa",
    "scipy.convolve2d": "sp conv2d",
    "numpy.convolve": "numpy",
}
ENGINES = ("direct", "fft", "oa")
SCIPY = ("scipy.auto", "scipy.direct", "scipy.fftconvolve", "scipy.oaconvolve", "scipy.convolve2d")

# Seconds per multiply-add of the peers' direct loops, measured on the 2-core AMD EPYC (Zen 5)
# reference machine with head room (numpy's 1-D loop and scipy's 1-D direct path are a BLAS
# dot; scipy's N-d direct is a plain C loop; convolve2d its own C loop). Used only to skip
# contestants that would take too long, never to choose a method.
PEER_SECONDS_PER_MAC = {"numpy": 0.2e-9, "nd": 12e-9, "convolve2d": 2e-9}

FAMILY_TITLES = {
    "sweep1d": "1-D kernel-length sweep (float64, mode='full')",
    "image2d": "2-D image kernels (float64, mode='same')",
    "dtype": "dtypes (1-D, mode='same')",
    "batched": "batched axes (rows × samples, one shared kernel, mode='same', axes=-1)",
    "tiny": "tiny calls (call overhead)",
    "modes": "modes (1-D float64, convolve and correlate)",
    "custom": "custom cells",
}


def _dims(shape: Sequence[int]) -> str:
    return "x".join(map(str, shape))


def operand(shape: Sequence[int], dtype, rng: np.random.Generator) -> np.ndarray:
    """Standard-normal data of ``shape`` in ``dtype`` (complex: independent real and imaginary parts)."""
    dtype = np.dtype(dtype)
    x = rng.standard_normal(shape)
    if dtype.kind == "c":
        x = x + 1j * rng.standard_normal(shape)
    return x.astype(dtype)


@dataclass(frozen=True)
class Cell:
    """One workload: ``convolve(in1, in2, mode)`` (``op='correlate'``: ``correlate``) on seeded random data.

    ``axes`` set means a batched call: only those axes are convolved (the
    other axes of ``shape2`` are 1, one kernel shared by every row).
    """

    family: str
    shape1: tuple[int, ...]
    shape2: tuple[int, ...]
    dtype: str = "float64"
    mode: str = "full"
    axes: tuple[int, ...] | None = None
    op: str = "convolve"

    @property
    def id(self) -> str:
        """Unique and stable: the JSON's cell key, asv's and pytest's parameter."""
        axes = "" if self.axes is None else f" axes={','.join(map(str, self.axes))}"
        op = "" if self.op == "convolve" else f" {self.op}"
        return f"{self.family} {_dims(self.shape1)}*{_dims(self.shape2)} {self.dtype} {self.mode}{axes}{op}"

    @property
    def label(self) -> str:
        """Short row label for the table (the family is the table's title)."""
        text = f"{_dims(self.shape1)} * {_dims(self.shape2)}"
        if self.family in ("dtype", "tiny", "custom"):
            text += f" {np.dtype(self.dtype).name}"
        if self.family in ("tiny", "custom", "modes"):
            text += f" {self.mode}"
        if self.op != "convolve":
            text += f" {self.op}"
        return text

    def as_dict(self) -> dict:
        """JSON-friendly fields (lists for tuples)."""
        d = asdict(self)
        d["shape1"], d["shape2"] = list(self.shape1), list(self.shape2)
        d["axes"] = None if self.axes is None else list(self.axes)
        return d

    @classmethod
    def from_dict(cls, d: Mapping) -> Cell:
        """The cell :meth:`as_dict` wrote (older records without ``op`` are convolutions)."""
        axes = d.get("axes")
        return cls(d["family"], tuple(d["shape1"]), tuple(d["shape2"]), d.get("dtype", "float64"),
                   d.get("mode", "full"), None if axes is None else tuple(axes), d.get("op", "convolve"))

    def data(self, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """The two operands, from a generator seeded by ``seed`` and the cell's shapes."""
        rng = np.random.default_rng([seed, *self.shape1, *self.shape2])
        return operand(self.shape1, self.dtype, rng), operand(self.shape2, self.dtype, rng)

    def direct_macs(self) -> float:
        """Multiply-adds a direct loop does for the kept output (what the skip estimates scale)."""
        axes = range(len(self.shape1)) if self.axes is None else self.axes
        macs = 1.0
        for i, (n, k) in enumerate(zip(self.shape1, self.shape2)):
            if i not in axes:
                macs *= max(n, k)
                continue
            out = {"full": n + k - 1, "same": n, "valid": max(n, k) - min(n, k) + 1}[self.mode]
            macs *= out * min(n, k)
        return macs


# ---------------------------------------------------------------- grids


def _sweep_cells(signals: Sequence[int], kernels: Sequence[int]) -> list[Cell]:
    return [Cell("sweep1d", (n,), (k,)) for n in signals for k in kernels if k <= n]


def quick_grid() -> list[Cell]:
    """The ``--quick`` grid: 36 cells, under 3 minutes on a 2-core machine."""
    cells = _sweep_cells([1_000, 10_000, 100_000, 1_000_000], [4, 16, 64, 256, 1024, 4096])
    cells += [Cell("image2d", (512, 512), (k, k), mode="same") for k in (3, 11, 31)]
    cells += [Cell("image2d", (2048, 2048), (5, 5), mode="same")]
    cells += [Cell("dtype", (100_000,), (256,), dtype=d, mode="same")
              for d in ("float32", "float64", "complex64", "complex128")]
    cells += [Cell("batched", (64, 8192), (1, 64), mode="same", axes=(1,)),
              Cell("batched", (256, 4096), (1, 512), mode="same", axes=(1,))]
    cells += [Cell("tiny", (16,), (3,)), Cell("tiny", (64,), (8,)), Cell("tiny", (256,), (16,), mode="same"),
              Cell("tiny", (8, 8), (3, 3), mode="same")]
    return cells


def full_grid() -> list[Cell]:
    """The default grid: a finer sweep (powers of 2 and 4) and more 2-D, dtype and batched cells."""
    cells = _sweep_cells([256, 1_024, 4_096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304],
                         [2, 4, 8, 16, 32, 64, 128, 256, 512, 1_024, 2_048, 4_096, 8_192, 16_384])
    cells += [Cell("image2d", (n, n), (k, k), mode="same") for n in (256, 1024) for k in (3, 5, 11, 31, 63)]
    cells += [Cell("image2d", (4096, 4096), (k, k), mode="same") for k in (3, 11)]
    cells += [Cell("dtype", (n,), (k,), dtype=d, mode="same")
              for n, k in ((100_000, 32), (100_000, 1024), (1_000_000, 256))
              for d in ("float32", "float64", "complex64", "complex128")]
    cells += [Cell("batched", (b, n), (1, k), mode="same", axes=(1,))
              for b, n, k in ((64, 8192, 16), (64, 8192, 64), (256, 4096, 512), (16, 65536, 2048), (1024, 1024, 32))]
    cells += [Cell("tiny", (n,), (k,), mode=m) for n, k in ((4, 2), (16, 3), (64, 8), (256, 16), (1024, 4))
              for m in ("full", "same")]
    cells += [Cell("tiny", (8, 8), (3, 3), mode="same"), Cell("tiny", (32, 32), (3, 3), mode="same")]
    return cells


def modes_grid() -> list[Cell]:
    """convolve and correlate in every mode: 100 000 samples * 512 taps, float64."""
    return [Cell("modes", (100_000,), (512,), mode=m, op=op)
            for op in ("convolve", "correlate") for m in ("full", "same", "valid")]


def compare_grid() -> list[Cell]:
    """A few representative cells (one or two per family) for quick before/after comparisons."""
    return [
        Cell("sweep1d", (100_000,), (16,)), Cell("sweep1d", (100_000,), (1024,)),
        Cell("sweep1d", (1_000_000,), (4096,)),
        Cell("image2d", (512, 512), (5, 5), mode="same"), Cell("image2d", (512, 512), (31, 31), mode="same"),
        Cell("dtype", (100_000,), (256,), dtype="float32", mode="same"),
        Cell("dtype", (100_000,), (256,), dtype="complex128", mode="same"),
        Cell("batched", (64, 8192), (1, 64), mode="same", axes=(1,)),
        Cell("tiny", (16,), (3,)),
    ]


def dispatch_grid() -> list[Cell]:
    """Cells on which the price of a decision (``choose_method``) is timed: tiny, 1-D, 2-D."""
    return [Cell("tiny", (16,), (3,)), Cell("dtype", (100_000,), (256,), mode="same"),
            Cell("image2d", (1024, 1024), (11, 11), mode="same")]


def family(cells: Sequence[Cell], name: str) -> list[Cell]:
    """The cells of one family, in grid order."""
    return [c for c in cells if c.family == name]


# ---------------------------------------------------------------- contestants


def make_call(name: str, cell: Cell, a: np.ndarray, b: np.ndarray, workers: int = 1) -> Callable[[], object] | None:
    """The zero-argument call of contestant ``name`` on ``cell``'s operands, or None where it does not apply.

    convkit's engines go through the same front door as auto
    (``convkit.convolve(method=...)``, or ``correlate``) so auto's regret
    compares like with like; batched cells call ``fftconvolve``/``oaconvolve``
    with ``axes`` for the transform engines and scipy's (no batched
    correlate exists: n/a). numpy.convolve applies to 1-D calls whose
    'same'/'valid' window agrees with scipy's (``in1`` the longer); the
    convolve2d functions to 2-D image cells. scipy has no overlap-add
    correlate.
    """
    import scipy.signal as ss

    import convkit as ck

    mode, axes, corr = cell.mode, cell.axes, cell.op == "correlate"
    if name in ("convkit.auto", "convkit.direct") or (name in ("convkit.fft", "convkit.oa") and axes is None):
        func = ck.correlate if corr else ck.convolve
        method = name.split(".", 1)[1]
        return lambda: func(a, b, mode, method, workers=workers)
    if name in ("convkit.fft", "convkit.oa"):
        if corr:
            return None
        func = ck.fftconvolve if name == "convkit.fft" else ck.oaconvolve
        return lambda: func(a, b, mode, axes, workers=workers)
    if name in ("scipy.auto", "scipy.direct"):
        func = ss.correlate if corr else ss.convolve
        method = name.split(".", 1)[1]
        return lambda: func(a, b, mode, method)
    if name in ("scipy.fftconvolve", "scipy.oaconvolve"):
        if corr:
            return (lambda: ss.correlate(a, b, mode, "fft")) if name == "scipy.fftconvolve" and axes is None else None
        func = ss.fftconvolve if name == "scipy.fftconvolve" else ss.oaconvolve
        return lambda: func(a, b, mode, axes)
    if name in ("convkit.convolve2d", "scipy.convolve2d"):
        if cell.family != "image2d" or a.ndim != 2:
            return None
        mod = ck if name.startswith("convkit") else ss
        func = mod.correlate2d if corr else mod.convolve2d
        return (lambda: func(a, b, mode, workers=workers)) if mod is ck else (lambda: func(a, b, mode))
    if name == "numpy.convolve":
        if a.ndim != 1 or axes is not None or (mode != "full" and a.shape[0] < b.shape[0]):
            return None
        func = np.correlate if corr else np.convolve
        return lambda: func(a, b, mode)
    raise KeyError(f"unknown contestant {name!r}; one of {', '.join(CONTESTANTS)}")


def contestants_for(cell: Cell, a: np.ndarray, b: np.ndarray, workers: int = 1) -> dict[str, Callable[[], object]]:
    """Every contestant that applies to ``cell`` (see :func:`make_call`), in table order."""
    calls = {name: make_call(name, cell, a, b, workers) for name in CONTESTANTS}
    return {name: call for name, call in calls.items() if call is not None}


def reference(cell: Cell, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """scipy's answer for ``cell``, which convkit's contestants are checked against."""
    import scipy.signal as ss

    if cell.op == "correlate":
        return ss.correlate(a, b, cell.mode)
    if np.dtype(cell.dtype).kind in "fc":
        return ss.fftconvolve(a, b, cell.mode, cell.axes)
    return ss.convolve(a, b, cell.mode)


def auto_choice(cell: Cell, a: np.ndarray, b: np.ndarray, workers: int = 1):
    """What ``convkit.convolve(a, b, mode)`` (the ``convkit.auto`` contestant) runs: no ``axes``, even in batched
    cells, because auto is called without them. A :class:`convkit._dispatch.Choice`."""
    import convkit as ck

    return ck.choose_method(a, b, cell.mode, workers=workers)


def predicted_seconds(name: str, cell: Cell, engines: Mapping[str, float] | None = None) -> float | None:
    """Seconds per call ``name`` should take on ``cell``; None where no estimate exists (never skipped).

    convkit's engines: ``engines[engine]`` (the dispatcher's predictions,
    :func:`auto_choice`'s ``.predicted``). The peers' direct loops:
    :data:`PEER_SECONDS_PER_MAC` times the cell's multiply-adds (twice for
    complex). Transform methods and auto have no estimate.
    """
    if name.startswith("convkit."):
        engine = name.split(".", 1)[1]
        return None if engines is None or engine not in ENGINES else engines.get(engine)
    complex_factor = 2.0 if np.dtype(cell.dtype).kind == "c" else 1.0
    if name == "numpy.convolve" or (name == "scipy.direct" and len(cell.shape1) == 1):
        per_mac = PEER_SECONDS_PER_MAC["numpy"]
    elif name == "scipy.direct":
        per_mac = PEER_SECONDS_PER_MAC["nd"]
    elif name == "scipy.convolve2d":
        per_mac = PEER_SECONDS_PER_MAC["convolve2d"]
    else:
        return None
    return cell.direct_macs() * per_mac * complex_factor
