"""The type aliases of convkit's public signatures, each written once.

The public modules annotate their signatures with these names (under
``from __future__ import annotations``, so nothing is evaluated at import) and
import them at run time, so that ``typing.get_type_hints`` resolves every public
signature. Importing this module costs ``typing`` and ``numpy.typing``, which
numpy has already loaded but for one small module.

The ``Literal`` values are the strings each function accepts (its docstring's
``{...}`` list, spellings scipy also accepts included); a caller holding a plain
``str`` is told so by a type checker, as scipy's and numpy's stubs do.
"""

from collections.abc import Sequence
from typing import Any, Literal, TypeAlias

import numpy as np
from numpy.typing import DTypeLike, NDArray

#: ``mode=`` of the scipy.signal family, :func:`convkit.plan` and :class:`convkit.StreamConvolver`
Mode: TypeAlias = Literal["full", "valid", "same"]
#: ``method=`` of :func:`convkit.convolve` and the functions that take its engines
Method: TypeAlias = Literal["auto", "direct", "fft", "oa"]
#: ``method=`` of :class:`convkit.StreamConvolver` (its own engines)
StreamMethod: TypeAlias = Literal["auto", "direct", "fdl"]
#: ``partition=`` of :class:`convkit.StreamConvolver`
Partition: TypeAlias = Literal["auto", "uniform"]
#: ``boundary=`` of convolve2d/correlate2d, with scipy's long spellings
Boundary: TypeAlias = Literal["fill", "wrap", "circular", "symm", "symmetric"]
#: ``mode=`` of :func:`convkit.match_template` with ``pad_input=True`` (numpy.pad's named modes)
PadMode: TypeAlias = Literal["constant", "edge", "linear_ramp", "maximum", "mean", "median", "minimum",
                             "reflect", "symmetric", "wrap", "empty"]
#: ``mode=`` of convkit.ndimage for one axis (scipy.ndimage's names)
NdMode: TypeAlias = Literal["reflect", "constant", "nearest", "mirror", "wrap", "grid-mirror", "grid-constant",
                            "grid-wrap"]
#: ``mode=`` of convkit.ndimage: one for every axis or one per axis
NdModes: TypeAlias = NdMode | Sequence[NdMode]
#: ``axes=``: one axis, several, or ``None`` for all
Axes: TypeAlias = int | Sequence[int] | None
#: ``workers=``: a thread count (negative counts back from the cores) or ``None`` for the default
Workers: TypeAlias = int | None
#: a scalar fill value (``fillvalue``, ``cval``, ``constant_values``): Python's or numpy's
Scalar: TypeAlias = complex | np.number[Any] | np.bool_
#: a value given once for every axis or once per axis (ndimage's ``origin``, ``size``, ``sigma`` ...)
IntOrSeq: TypeAlias = int | Sequence[int]
FloatOrSeq: TypeAlias = float | Sequence[float]
#: ``output=`` of convkit.ndimage: the array to write into, or the dtype of a new one
Output: TypeAlias = NDArray[Any] | DTypeLike
