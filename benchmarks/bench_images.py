"""Image filters and template matching: convkit.ndimage and match_template against scipy.ndimage,
OpenCV and scikit-image.

``impl`` names the contestant: ``convkit`` (``convkit.ndimage.<func>`` or
``convkit.match_template``, ``workers=1``), ``ndimage`` (``scipy.ndimage.<func>``), ``cv2``
(``cv2.filter2D``/``cv2.GaussianBlur``/``cv2.blur``/``cv2.matchTemplate`` with
``cv2.setNumThreads(1)``) and ``skimage`` (``skimage.feature.match_template``). A contestant
that does not apply (no OpenCV equivalent, package not installed) raises NotImplementedError
in ``setup`` (asv: skipped). Operands come from the seeded generator; ``setup`` calls the
contestant three times so JIT compilation and FFT planning stay outside the timing.
"""

from __future__ import annotations

from . import random_array, require, safe_import

with safe_import():
    import numpy as np
with safe_import():
    import scipy.ndimage as nd
with safe_import():
    import convkit
    import convkit.ndimage as ck
with safe_import():
    import cv2

    cv2.setNumThreads(1)
with safe_import():
    import skimage.feature as skf

CV_BORDER = {"reflect": "BORDER_REFLECT", "mirror": "BORDER_REFLECT_101", "nearest": "BORDER_REPLICATE",
             "constant": "BORDER_CONSTANT"}


def _image(size, dtype):
    x = random_array((size, size), "float64", seed=3)
    if dtype == "uint8":
        return np.clip(x * 40 + 128, 0, 255).astype(np.uint8)
    return x.astype(dtype)


def filter_call(impl, func, img, k, mode):
    """A zero-argument call of ``impl`` running ndimage's ``func`` with size/sigma ``k``."""
    if impl in ("convkit", "ndimage"):
        require(globals(), "ck" if impl == "convkit" else "nd")
        mod = ck if impl == "convkit" else nd
        extra = {"workers": 1} if impl == "convkit" else {}
        f = getattr(mod, func)
        if func in ("correlate", "convolve"):
            w = random_array((k, k), "float64", seed=4)
            return lambda: f(img, w, mode=mode, **extra)
        if func in ("correlate1d", "convolve1d"):
            w = random_array((k,), "float64", seed=4)
            return lambda: f(img, w, axis=0, mode=mode, **extra)
        if func.startswith("uniform"):
            return lambda: f(img, k, mode=mode, **extra)
        return lambda: f(img, float(k), mode=mode, **extra)
    if impl == "cv2":
        require(globals(), "cv2")
        if mode not in CV_BORDER:
            raise NotImplementedError("OpenCV's filters have no wrap border")
        border = getattr(cv2, CV_BORDER[mode])
        if func == "correlate":
            w = random_array((k, k), "float64", seed=4)
            w = w.astype(img.dtype) if img.dtype != np.uint8 else w
            return lambda: cv2.filter2D(img, -1, w, borderType=border)
        if func == "uniform_filter":
            return lambda: cv2.blur(img, (k, k), borderType=border)
        if func == "gaussian_filter":
            ks = 2 * int(4 * k + 0.5) + 1
            return lambda: cv2.GaussianBlur(img, (ks, ks), k, borderType=border)
        raise NotImplementedError(f"no OpenCV counterpart for {func}")
    raise NotImplementedError(impl)


class Filters2D:
    """scipy.ndimage's filters on a square image, one thread; ``k`` is the kernel size
    (correlate, uniform) or sigma (gaussian)."""

    params = [["convkit", "ndimage", "cv2"],
              ["correlate", "correlate1d", "convolve", "uniform_filter", "gaussian_filter", "gaussian_filter1d"],
              ["float32", "float64", "uint8"], [3, 7, 15]]
    param_names = ["impl", "func", "dtype", "k"]
    timeout = 120

    def setup(self, impl, func, dtype, k):
        require(globals(), "np")
        if func.startswith("gaussian") and k > 7:
            raise NotImplementedError("sigma 15 is a large-kernel case, see LargeKernels")
        img = _image(1024, dtype)
        self.call = filter_call(impl, func, img, k, "reflect")
        with convkit.set_workers(1):
            for _ in range(3):
                self.call()

    def time_filter(self, impl, func, dtype, k):
        self.call()


class Modes:
    """Every boundary mode: 3x3 correlate and a 5-tap pass along axis 0, float32 1024x1024."""

    params = [["convkit", "ndimage", "cv2"], ["correlate", "correlate1d", "uniform_filter"],
              ["reflect", "constant", "nearest", "mirror", "wrap"]]
    param_names = ["impl", "func", "mode"]

    def setup(self, impl, func, mode):
        require(globals(), "np")
        img = _image(1024, "float32")
        self.call = filter_call(impl, func, img, 3 if func != "correlate1d" else 5, mode)
        for _ in range(3):
            self.call()

    def time_filter(self, impl, func, mode):
        self.call()


class Volumes3D:
    """3-D filters on a 128^3 volume (separable passes along each axis)."""

    params = [["convkit", "ndimage"], ["uniform_filter", "gaussian_filter"]]
    param_names = ["impl", "func"]

    def setup(self, impl, func):
        require(globals(), "np")
        vol = random_array((128, 128, 128), "float32", seed=5)
        mod = ck if impl == "convkit" else nd
        extra = {"workers": 1} if impl == "convkit" else {}
        f = getattr(mod, func)
        arg = 5 if func == "uniform_filter" else 1.5
        self.call = lambda: f(vol, arg, **extra)
        for _ in range(3):
            self.call()

    def time_filter(self, impl, func):
        self.call()


class MatchTemplate:
    """Normalised cross-correlation of a 1024x1024 image with a square template."""

    params = [["convkit", "skimage", "cv2"], ["float32", "float64", "uint8"], [16, 64]]
    param_names = ["impl", "dtype", "template"]
    timeout = 120

    def setup(self, impl, dtype, template):
        require(globals(), "np")
        img = _image(1024, dtype)
        tpl = img[100:100 + template, 300:300 + template].copy()
        if impl == "convkit":
            require(globals(), "convkit")
            self.call = lambda: convkit.match_template(img, tpl, workers=1)
        elif impl == "skimage":
            require(globals(), "skf")
            self.call = lambda: skf.match_template(img, tpl)
        else:
            require(globals(), "cv2")
            if dtype == "float64":
                raise NotImplementedError("cv2.matchTemplate takes uint8 or float32")
            self.call = lambda: cv2.matchTemplate(img, tpl, cv2.TM_CCOEFF_NORMED)
        for _ in range(3):
            self.call()

    def time_match(self, impl, dtype, template):
        self.call()
