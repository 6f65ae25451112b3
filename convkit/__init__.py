"""convkit: scipy.signal's convolution family, computed fast.

Importing convkit compiles nothing and imports neither Numba nor pyFFTW; the
engines load on first use.
"""

from .signal import (
    choose_conv_method,
    choose_method,
    convolve,
    convolve2d,
    correlate,
    correlate2d,
    fftconvolve,
    oaconvolve,
)
from .plan import Plan, plan
from .stream import StreamConvolver
from .tune import tune
from .workers import get_workers, set_workers

__version__ = "0.1.0"

__all__ = [
    "convolve", "correlate", "fftconvolve", "oaconvolve", "convolve2d", "correlate2d",
    "choose_conv_method", "choose_method", "set_workers", "get_workers", "tune", "plan", "Plan", "StreamConvolver",
]

