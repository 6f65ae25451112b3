"""Image filters and template matching: convkit.ndimage and match_template against scipy.ndimage,
OpenCV and scikit-image.

The workloads, operands and contestant calls come from ``convkit._bench.images``, the
registry ``python -m convkit bench --group images`` uses, so both time the same thing.
One class per family of its full grid (2-D filters, small images, boundary modes, 3-D
volumes, template matching). Parameters: ``impl`` is the contestant (``convkit``,
``ndimage``, ``cv2``: OpenCV at one thread, ``skimage``) and ``cell`` the cell's id.
``setup`` raises NotImplementedError (asv: skipped) where a contestant has no counterpart
or is not installed, and calls the contestant three times so JIT compilation and FFT
planning stay outside the timing.
"""

from __future__ import annotations

from . import require, safe_import

with safe_import():
    import convkit
with safe_import():
    from convkit._bench import images as _images

# Where convkit._bench is not importable (an old commit) every class gets one placeholder
# parameter, and setup's require() skips it: asv rejects an empty parameter list.
_UNAVAILABLE = ["convkit._bench.images not importable"]


def _ids(family):
    if "_images" not in globals():
        return _UNAVAILABLE
    return [c.id for c in _images.family(_images.asv_grid(), family)]


def _impls():
    return list(_images.CONTESTANTS) if "_images" in globals() else _UNAVAILABLE


class _ImageContest:
    """Base: ``setup`` builds ``self.call`` for (contestant, cell) and warms it."""

    timeout = 120
    param_names = ["impl", "cell"]

    def setup(self, impl, cell_id):
        require(globals(), "_images", "convkit")
        cell = {c.id: c for c in _images.asv_grid()}[cell_id]
        x, w = cell.data(seed=1)
        self.call = _images.make_call(impl, cell, x, w, workers=1)
        if self.call is None:
            raise NotImplementedError(f"{impl} does not apply to {cell_id} or is not installed")
        with convkit.set_workers(1):
            for _ in range(3):
                self.call()

    def time_call(self, impl, cell_id):
        self.call()


class Filters2D(_ImageContest):
    """scipy.ndimage's filters on 1024x1024 images, kernel sizes 3-15, three dtypes."""

    params = [_impls(), _ids("filters2d")]


class SmallImages(_ImageContest):
    """32x32 and 128x128 images: the fixed cost of a call."""

    params = [_impls(), _ids("small")]


class Modes(_ImageContest):
    """Every boundary mode (OpenCV has no wrap border)."""

    params = [_impls(), _ids("modes")]


class Volumes3D(_ImageContest):
    """3-D volumes: separable passes along each axis, and a 3x3x3 correlation."""

    params = [_impls(), _ids("volumes3d")]


class MatchTemplate(_ImageContest):
    """Normalised cross-correlation: 1024x1024 with 16^2 and 64^2 templates, and a 3-D volume."""

    params = [_impls(), _ids("match")]


class ScratchMemory:
    """convkit.ndimage's per-thread scratch (padded copies, separable filters' intermediate
    passes) after filtering a float64 image: bytes the thread keeps (``track_``; at most
    ``_ndimage_padding._SCRATCH_MAX_BYTES``) and the process's peak memory (``peakmem_``)."""

    params = [["correlate", "gaussian_filter", "uniform_filter"], [1024, 2800]]
    param_names = ["func", "n"]
    timeout = 120

    def setup(self, func, n):
        require(globals(), "convkit")
        import numpy as np

        import convkit.ndimage as ck

        self.x = np.random.default_rng(0).standard_normal((n, n))
        arg = np.ones((3, 3)) / 9 if func == "correlate" else 1.0 if func == "gaussian_filter" else 3
        self.call = lambda: getattr(ck, func)(self.x, arg, mode="mirror")
        self.call()

    def track_scratch_mib(self, func, n):
        from convkit import _ndimage_padding

        self.call()
        return _ndimage_padding._scratch_bytes() / 2 ** 20

    track_scratch_mib.unit = "MiB"

    def peakmem_filter(self, func, n):
        self.call()
