"""The public API as a type checker sees it: ``mypy tests/typing_example.py`` reports no error.

Not run by CI's mypy (there is none); ``tests/test_typing.py`` runs :func:`main` so the
example stays a working program. ``assert_type`` is checked by mypy and returns its
argument unchanged at run time. The lines marked ``type: ignore[arg-type]`` are calls a
type checker must reject (a mode or method outside its ``Literal``); mypy's
``--warn-unused-ignores`` reports them if the annotations stop rejecting them.

convkit.ndimage's functions reach a type checker through their ``workers=`` decorator as
``(...) -> NDArray[Any]``: their return type is checked, their arguments are not (a
decorator cannot add a keyword-only parameter to a signature in PEP 612's terms);
``inspect.signature`` and ``typing.get_type_hints`` give the full annotations.
"""

from __future__ import annotations

from typing import Any, assert_type

import numpy as np
from numpy.typing import NDArray

import convkit
import convkit.kernels
import convkit.ndimage


def main() -> None:
    x = np.linspace(0.0, 1.0, 64)
    k = convkit.kernels.gaussian(1.5)
    assert_type(k, NDArray[np.float64])

    assert_type(convkit.convolve(x, k, mode="same"), NDArray[Any])
    assert_type(convkit.correlate([1, 2, 3], [1, 1], method="direct", workers=1), NDArray[Any])
    assert_type(convkit.fftconvolve(x, k, axes=-1), NDArray[Any])
    assert_type(convkit.oaconvolve(x, k, "valid", axes=[0]), NDArray[Any])
    assert_type(convkit.convolve2d(np.ones((4, 4)), np.ones((2, 2)), boundary="symm", fillvalue=0.5),
                NDArray[Any])
    method = convkit.choose_conv_method(x, k)
    assert method in ("direct", "fft")
    print(convkit.choose_method(x, k).method)

    p = convkit.plan((64,), k.shape, "float64", "same", kernel=k)
    assert_type(p, convkit.Plan)
    assert_type(p(x), NDArray[Any])

    sc = convkit.StreamConvolver(k, mode="same", block_size=16)
    pieces = [sc.feed(c) for c in np.array_split(x, 4)] + [sc.flush()]
    assert_type(pieces, list[NDArray[Any]])
    assert_type(sc.latency, int)

    with convkit.set_workers(1):
        assert_type(convkit.get_workers(), int)

    smooth = convkit.ndimage.gaussian_filter(np.ones((8, 8)), sigma=[1.0, 2.0], mode=["reflect", "nearest"],
                                             workers=1)
    assert_type(smooth, NDArray[Any])
    assert_type(convkit.ndimage.uniform_filter1d(x, 5, output=np.float32), NDArray[Any])
    assert_type(convkit.normalized_correlate(x, x[:8], "same"), NDArray[np.floating[Any]])


def rejected(x: NDArray[np.float64], k: NDArray[np.float64]) -> None:
    """Calls a type checker rejects (never run)."""
    convkit.convolve(x, k, mode="half")  # type: ignore[arg-type]
    convkit.convolve(x, k, method="fast")  # type: ignore[arg-type]
    convkit.StreamConvolver(k, method="oa")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
