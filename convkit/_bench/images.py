"""The "images" group's workloads: convkit.ndimage and match_template against their peers.

One registry for ``python -m convkit bench --group images``, the asv suite
(``benchmarks/bench_images.py``) and ``benchmarks/scripts/images.py``: each takes its
workloads, operands and contestant calls from here.

* :class:`ImageCell`: one workload, a ``scipy.ndimage`` filter (``func``) or
  ``match_template`` on seeded data, with its id and table label.
* Grids: :func:`quick_grid`, :func:`full_grid` (what ``bench`` runs) and
  :func:`asv_grid` (the asv suite's parameters).
* Contestants (:data:`CONTESTANTS`): ``convkit`` (``convkit.ndimage.<func>`` or
  ``convkit.match_template``, with ``workers``), ``ndimage`` (``scipy.ndimage.<func>``),
  ``cv2`` (OpenCV's counterpart, one thread: ``filter2D``, ``sepFilter2D``, ``blur``,
  ``GaussianBlur``, ``matchTemplate``) and ``skimage``
  (``skimage.feature.match_template``). :func:`make_call` returns None where a contestant
  has no counterpart for the cell or its package is not installed: OpenCV and
  scikit-image are optional, benchmark-only dependencies.
* :func:`reference`: the answer convkit's result is checked against (scipy.ndimage's, or
  scikit-image's for template matching; None without scikit-image).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass

import numpy as np

__all__ = ["ImageCell", "CONTESTANTS", "FAMILY_TITLES", "CV2_BORDER", "quick_grid", "full_grid", "asv_grid",
           "sweep_grid", "family", "make_call", "contestants_for", "reference", "tolerance", "cv2_module",
           "skimage_feature"]

CONTESTANTS: dict[str, str] = {"convkit": "convkit", "ndimage": "ndimage", "cv2": "cv2", "skimage": "skimage"}
PEERS = ("ndimage", "cv2", "skimage")

FAMILY_TITLES = {
    "filters2d": "2-D image filters (mode='reflect'; k: kernel side, size or sigma)",
    "small": "small images (fixed cost per call)",
    "modes": "boundary modes",
    "volumes3d": "3-D volumes",
    "match": "template matching (normalised cross-correlation, 'valid')",
    "sweep": "tiny and small arrays, every function (the fixed cost per call)",
    "custom": "custom image cells",
}

# ndimage's mode -> OpenCV's border (OpenCV's filters have no wrap border; constant is cval 0).
CV2_BORDER = {"reflect": "BORDER_REFLECT", "mirror": "BORDER_REFLECT_101", "nearest": "BORDER_REPLICATE",
              "constant": "BORDER_CONSTANT"}

_ONE_D = ("correlate1d", "convolve1d", "uniform_filter1d", "gaussian_filter1d")
_FUNCS = ("correlate", "convolve", "uniform_filter", "gaussian_filter", *_ONE_D, "match_template")


def _dims(shape: Sequence[int]) -> str:
    return "x".join(map(str, shape))


@dataclass(frozen=True)
class ImageCell:
    """One workload: ``func`` on a seeded image of ``shape`` and ``dtype``.

    ``k`` is the kernel's side for ``correlate``/``convolve`` (``k`` x ... x ``k`` random
    weights) and the 1-D filters' taps, the ``size`` of the uniform filters, ``sigma`` of
    the Gaussians (radius ``int(4 * sigma + 0.5)``), and the template's side for
    ``match_template`` (a patch of the image). ``axis`` is the 1-D filters' axis.
    """

    family: str
    func: str
    shape: tuple[int, ...]
    dtype: str = "float32"
    k: float = 3
    mode: str = "reflect"
    axis: int = -1

    def __post_init__(self):
        if self.func not in _FUNCS:
            raise ValueError(f"unknown image workload {self.func!r}; one of {', '.join(_FUNCS)}")

    @property
    def id(self) -> str:
        """Unique and stable: the JSON's key, asv's parameter."""
        axis = f" axis={self.axis}" if self.func in _ONE_D else ""
        return f"{self.family} {self.func} {_dims(self.shape)} {self.dtype} k={self.k:g} {self.mode}{axis}"

    @property
    def label(self) -> str:
        """Row label for the table (the family is the table's title)."""
        what = {"gaussian_filter": "sigma", "gaussian_filter1d": "sigma", "uniform_filter": "size",
                "uniform_filter1d": "size", "match_template": "template"}.get(self.func, "k")
        text = f"{self.func} {_dims(self.shape)} {self.dtype} {what}={self.k:g}"
        if self.func in _ONE_D:
            text += f" axis {self.axis}"
        return text + ("" if self.mode == "reflect" else f" {self.mode}")

    def as_dict(self) -> dict:
        d = asdict(self)
        d["shape"] = list(self.shape)
        return d

    @classmethod
    def from_dict(cls, d: Mapping) -> ImageCell:
        return cls(d["family"], d["func"], tuple(d["shape"]), d.get("dtype", "float32"), d.get("k", 3),
                   d.get("mode", "reflect"), d.get("axis", -1))

    def data(self, seed: int = 0) -> tuple[np.ndarray, np.ndarray | None]:
        """The image and the weights (correlate/convolve, 1-D taps) or template (match), else None."""
        rng = np.random.default_rng([seed, *self.shape, int(self.k * 10)])
        x = rng.standard_normal(self.shape)
        if self.dtype == "uint8":
            x = np.clip(x * 40 + 128, 0, 255)
        x = x.astype(self.dtype)
        k = int(self.k)
        if self.func == "match_template":
            return x, x[tuple(slice(n // 3, n // 3 + k) for n in self.shape)].copy()
        if self.func in ("correlate", "convolve"):
            return x, rng.standard_normal((k,) * len(self.shape)) / k
        if self.func in ("correlate1d", "convolve1d"):
            return x, rng.standard_normal(k) / k ** 0.5
        return x, None

    def radius(self) -> int:
        """Gaussians: ndimage's radius for ``truncate=4``; else the kernel's half width."""
        return int(4 * self.k + 0.5) if self.func.startswith("gaussian") else int(self.k) // 2


# ---------------------------------------------------------------- grids


def quick_grid() -> list[ImageCell]:
    """``bench --quick --group images``: 20 cells, about a minute on a 2-core machine."""
    cells = [ImageCell("filters2d", "correlate", (1024, 1024), "float32", k) for k in (3, 7, 15)]
    cells += [ImageCell("filters2d", "correlate", (1024, 1024), d, 5) for d in ("float64", "uint8")]
    cells += [ImageCell("filters2d", "correlate1d", (1024, 1024), "float32", 5, axis=0),
              ImageCell("filters2d", "uniform_filter", (1024, 1024), "float32", 5),
              ImageCell("filters2d", "uniform_filter1d", (1024, 1024), "float64", 9, axis=-1),
              ImageCell("filters2d", "gaussian_filter", (1024, 1024), "float32", 2),
              ImageCell("filters2d", "gaussian_filter1d", (1024, 1024), "float64", 2, axis=0)]
    cells += [ImageCell("small", f, (64, 64), "float64", 3) for f in ("correlate", "uniform_filter")]
    cells += [ImageCell("small", "gaussian_filter", (64, 64), "float64", 1)]
    cells += [ImageCell("modes", "correlate", (512, 512), "float32", 3, m)
              for m in ("constant", "nearest", "mirror", "wrap")]
    cells += [ImageCell("volumes3d", "uniform_filter", (64, 64, 64), "float32", 5),
              ImageCell("volumes3d", "gaussian_filter", (64, 64, 64), "float32", 1.5)]
    cells += [ImageCell("match", "match_template", (512, 512), d, 16) for d in ("float32", "uint8")]
    return cells


def full_grid() -> list[ImageCell]:
    """``bench --group images``: kernel sizes 3-15 in three dtypes, every filter, mode, small arrays, 3-D and match."""
    cells = [ImageCell("filters2d", "correlate", (1024, 1024), d, k)
             for d in ("float32", "float64", "uint8") for k in (3, 5, 7, 15)]
    cells += [ImageCell("filters2d", "convolve", (1024, 1024), "float32", 5)]
    cells += [ImageCell("filters2d", f, (1024, 1024), d, 5, axis=a)
              for f in ("correlate1d", "convolve1d") for d in ("float32", "float64") for a in (0, -1)]
    cells += [ImageCell("filters2d", "uniform_filter", (1024, 1024), d, k)
              for d in ("float32", "float64", "uint8") for k in (3, 9)]
    cells += [ImageCell("filters2d", "uniform_filter1d", (1024, 1024), d, 9, axis=a)
              for d in ("float32", "float64") for a in (0, -1)]
    cells += [ImageCell("filters2d", "gaussian_filter", (1024, 1024), d, s)
              for d in ("float32", "float64", "uint8") for s in (1, 2, 3)]
    cells += [ImageCell("filters2d", "gaussian_filter1d", (1024, 1024), d, 2, axis=a)
              for d in ("float32", "float64") for a in (0, -1)]
    cells += [ImageCell("small", f, (n, n), "float64", 3) for n in (32, 128)
              for f in ("correlate", "correlate1d", "uniform_filter", "gaussian_filter")]
    # the fixed cost on other shapes and dtypes: a short uint8 signal, small uint8 images, a small volume
    cells += [ImageCell("small", "correlate1d", (100,), "uint8", 3),
              ImageCell("small", "uniform_filter", (32, 32), "uint8", 3),
              ImageCell("small", "gaussian_filter", (32, 32), "uint8", 1),
              ImageCell("small", "correlate", (8, 8, 8), "float32", 3)]
    cells += [ImageCell("modes", f, (1024, 1024), "float32", 3, m)
              for f in ("correlate", "uniform_filter") for m in ("constant", "nearest", "mirror", "wrap")]
    cells += [ImageCell("volumes3d", f, (128, 128, 128), "float32", a)
              for f, a in (("uniform_filter", 5), ("gaussian_filter", 1.5), ("correlate", 3))]
    cells += [ImageCell("match", "match_template", (1024, 1024), d, t)
              for d in ("float32", "float64", "uint8") for t in (16, 64)]
    cells += [ImageCell("match", "match_template", (96, 96, 96), "float32", 8)]
    return cells


SWEEP_1D = (1, 3, 10, 30, 100, 300, 1000)
SWEEP_2D = ((2, 2), (4, 4), (8, 8), (16, 16), (32, 32), (64, 64), (1, 64), (64, 1))
SWEEP_DTYPES = ("uint8", "float32", "float64")
_SWEEP_K = {"correlate": 3, "convolve": 3, "correlate1d": 3, "convolve1d": 3, "uniform_filter": 3,
            "uniform_filter1d": 3, "gaussian_filter": 1, "gaussian_filter1d": 1}


def sweep_grid(shapes: Sequence[tuple[int, ...]] | None = None,
               dtypes: Sequence[str] = SWEEP_DTYPES) -> list[ImageCell]:
    """Every ndimage function on tiny and small arrays (1-D of 1..1000 samples, 2-D up to
    64x64, rows and columns), uint8/float32/float64, the default mode: where a call's fixed
    cost decides (``benchmarks/scripts/images.py --sweep``). 3 taps (a 3x3 kernel, a size-3
    box) and sigma 1; the 1-D filters along the last axis, and along the first of 2-D arrays."""
    if shapes is None:
        shapes = [(n,) for n in SWEEP_1D] + list(SWEEP_2D)
    cells = []
    for shape in shapes:
        for d in dtypes:
            for f, k in _SWEEP_K.items():
                cells.append(ImageCell("sweep", f, tuple(shape), d, k))
                if f in _ONE_D and len(shape) > 1:
                    cells.append(ImageCell("sweep", f, tuple(shape), d, k, axis=0))
    return cells


def asv_grid() -> list[ImageCell]:
    """The asv suite's cells (``benchmarks/bench_images.py``): the full grid."""
    return full_grid()


def family(cells: Sequence[ImageCell], name: str) -> list[ImageCell]:
    """The cells of one family, in grid order."""
    return [c for c in cells if c.family == name]


# ---------------------------------------------------------------- contestants


def cv2_module():
    """OpenCV limited to one thread, or None when opencv-python(-headless) is not installed."""
    try:
        import cv2
    except ImportError:
        return None
    cv2.setNumThreads(1)
    return cv2


def skimage_feature():
    """``skimage.feature``, or None when scikit-image is not installed."""
    try:
        import skimage.feature
    except ImportError:
        return None
    return skimage.feature


def _cv2_call(cv2, cell: ImageCell, x: np.ndarray, w) -> Callable[[], object] | None:
    """OpenCV's counterpart of the cell (2-D only, no wrap border), or None."""
    if cell.func == "match_template":
        if cell.dtype not in ("float32", "uint8") or x.ndim != 2:
            return None   # matchTemplate takes 2-D uint8 or float32
        return lambda: cv2.matchTemplate(x, w, cv2.TM_CCOEFF_NORMED)
    if x.ndim != 2 or cell.mode not in CV2_BORDER:
        return None
    border = getattr(cv2, CV2_BORDER[cell.mode])
    k = int(cell.k)
    one = np.ones(1)
    vertical = cell.axis in (0, -2)
    if cell.func in ("convolve", "convolve1d") and k % 2 == 0:
        return None   # ndimage centres an even flipped kernel one sample off OpenCV's default anchor
    if cell.func in ("correlate", "convolve"):
        kernel = w if cell.func == "correlate" else w[::-1, ::-1].copy()
        return lambda: cv2.filter2D(x, -1, kernel, borderType=border)
    if cell.func in ("correlate1d", "convolve1d"):
        taps = w if cell.func == "correlate1d" else w[::-1].copy()
        kx, ky = (one, taps) if vertical else (taps, one)
        return lambda: cv2.sepFilter2D(x, -1, kx, ky, borderType=border)
    if cell.func == "uniform_filter":
        return lambda: cv2.blur(x, (k, k), borderType=border)
    if cell.func == "uniform_filter1d":
        size = (1, k) if vertical else (k, 1)
        return lambda: cv2.blur(x, size, borderType=border)
    side = 2 * cell.radius() + 1
    s = float(cell.k)
    if cell.func == "gaussian_filter":
        return lambda: cv2.GaussianBlur(x, (side, side), s, sigmaY=s, borderType=border)
    size = (1, side) if vertical else (side, 1)   # gaussian_filter1d
    return lambda: cv2.GaussianBlur(x, size, s, sigmaY=s, borderType=border)


def _ndimage_call(mod, cell: ImageCell, x: np.ndarray, w, extra: dict) -> Callable[[], object]:
    f = getattr(mod, cell.func)
    kw = {"mode": cell.mode, **extra}
    if cell.func in ("correlate", "convolve"):
        return lambda: f(x, w, **kw)
    if cell.func in ("correlate1d", "convolve1d"):
        return lambda: f(x, w, axis=cell.axis, **kw)
    arg = int(cell.k) if cell.func.startswith("uniform") else float(cell.k)
    if cell.func.endswith("1d"):
        return lambda: f(x, arg, axis=cell.axis, **kw)
    return lambda: f(x, arg, **kw)


def make_call(name: str, cell: ImageCell, x: np.ndarray, w, workers: int = 1) -> Callable[[], object] | None:
    """Contestant ``name``'s zero-argument call on the cell's operands, or None where it does not apply."""
    if name not in CONTESTANTS:
        raise KeyError(f"unknown contestant {name!r}; one of {', '.join(CONTESTANTS)}")
    if cell.func == "match_template":
        if name == "convkit":
            import convkit

            return lambda: convkit.match_template(x, w, workers=workers)
        if name == "skimage":
            skf = skimage_feature()
            return None if skf is None else (lambda: skf.match_template(x, w))
        if name == "cv2":
            cv2 = cv2_module()
            return None if cv2 is None else _cv2_call(cv2, cell, x, w)
        return None
    if name == "convkit":
        import convkit.ndimage as ck

        return _ndimage_call(ck, cell, x, w, {"workers": workers})
    if name == "ndimage":
        import scipy.ndimage as nd

        return _ndimage_call(nd, cell, x, w, {})
    if name == "cv2":
        cv2 = cv2_module()
        return None if cv2 is None else _cv2_call(cv2, cell, x, w)
    return None


def contestants_for(cell: ImageCell, x: np.ndarray, w, workers: int = 1) -> dict[str, Callable[[], object]]:
    """Every contestant that applies to ``cell`` and is installed, in table order."""
    calls = {name: make_call(name, cell, x, w, workers) for name in CONTESTANTS}
    return {name: call for name, call in calls.items() if call is not None}


def reference(cell: ImageCell, x: np.ndarray, w) -> np.ndarray | None:
    """The answer convkit must give: scipy.ndimage's, scikit-image's for match (None without it)."""
    if cell.func == "match_template":
        skf = skimage_feature()
        return None if skf is None else skf.match_template(x, w)
    call = make_call("ndimage", cell, x, w)
    return call()


def tolerance(cell: ImageCell) -> float:
    """Relative L2 error allowed against the reference: float32 1e-5 (match: 1e-4, scikit-image
    sums in float32), float64 1e-12; integer outputs 1e-5 (a few pixels off by one where
    scipy truncates a float64 sum just short of an integer, see convkit.ndimage)."""
    if cell.func == "match_template":
        return 1e-4 if cell.dtype == "float32" else 1e-9
    return {"float32": 1e-5, "float64": 1e-12}.get(cell.dtype, 1e-5)
