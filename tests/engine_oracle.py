"""Former home of the engine tests' oracle and data generator: both are now ``tests/_helpers.py``'s.

``oracle`` is :func:`_helpers.oracle` (the kept region by shift-and-add, in
float64/complex128) and ``rand`` is :func:`_helpers.random_array` (the same
seeded draws the old generator made for float and complex dtypes). Kept only
until test_engine_fft.py and test_engine_overlap.py import from ``_helpers``;
then delete this file.
"""

from _helpers import oracle
from _helpers import random_array as rand

__all__ = ["oracle", "rand"]
