"""convkit: scipy.signal's convolution family, computed fast.

Importing convkit compiles nothing and imports neither Numba nor pyFFTW; the
engines load on first use.
"""

from ._patch import patch_scipy, unpatch_scipy
from ._plan import Plan, plan
from ._signal import (
    choose_conv_method,
    choose_method,
    convolve,
    convolve2d,
    correlate,
    correlate2d,
    fftconvolve,
    oaconvolve,
)
from ._stream import StreamConvolver
from ._template import match_template, normalized_correlate
from ._tune import tune
from ._warmup import warmup
from ._workers import get_workers, set_workers

__version__ = "0.1.0"

__all__ = [
    "Plan",
    "StreamConvolver",
    "choose_conv_method",
    "choose_method",
    "convolve",
    "convolve2d",
    "correlate",
    "correlate2d",
    "fftconvolve",
    "get_workers",
    "kernels",
    "match_template",
    "ndimage",
    "normalized_correlate",
    "oaconvolve",
    "patch_scipy",
    "plan",
    "set_workers",
    "tune",
    "unpatch_scipy",
    "warmup",
]


def __getattr__(name):
    # convkit.ndimage and convkit.kernels load on first use (import convkit stays cheap).
    if name in ("ndimage", "kernels"):
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
