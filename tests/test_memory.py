"""convkit._memory: an output that cannot fit in memory is refused before anything is allocated.

The machine's memory is monkeypatched, so the rule is tested the same on any
machine; test_reliability.py checks the real machine's numbers and messages.
"""

from __future__ import annotations

import numpy as np
import pytest

import convkit
from convkit import _memory

GIB = 1 << 30


@pytest.fixture
def memory(monkeypatch):
    """Pretend the machine has 4 GiB."""
    monkeypatch.setattr(_memory, "physical_memory", lambda: 4 * GIB)
    return 4 * GIB


@pytest.mark.parametrize("shape,dtype,fits", [
    ((GIB // 8,), np.float64, True),             # 1 GiB
    ((4 * GIB // 8,), np.float64, True),         # exactly the memory
    ((4 * GIB // 8 + 1,), np.float64, False),    # one element more
    ((2 * GIB // 16 + 1, 2), np.complex128, False),
    ((4 * GIB // 4,), np.float32, True),
    ((0, 2**62), np.float64, True),              # empty
])
def test_the_rule(memory, shape, dtype, fits):
    if fits:
        _memory.check_output_fits(shape, dtype)
    else:
        with pytest.raises(MemoryError, match=r"more than this machine's 4\.0 GiB of memory"):
            _memory.check_output_fits(shape, dtype)


def test_the_message_names_shape_dtype_and_size(memory):
    with pytest.raises(MemoryError) as exc:
        _memory.check_output_fits((3, 2**30), np.complex64)
    assert str(exc.value) == ("convkit: the output of shape (3, 1073741824) complex64 needs 24.0 GiB, "
                              "more than this machine's 4.0 GiB of memory")


def test_small_outputs_never_ask_for_the_memory(monkeypatch):
    def boom():
        raise AssertionError("physical_memory() called for a small output")
    monkeypatch.setattr(_memory, "physical_memory", boom)
    _memory.check_output_fits((1000, 1000), np.float64)    # 8 MB


def test_unknown_memory_lets_everything_through(monkeypatch):
    monkeypatch.setattr(_memory, "physical_memory", lambda: None)
    _memory.check_output_fits((2**40,), np.float64)


@pytest.mark.parametrize("pages,size", [(-1, 4096), (0, 4096), (1000, -1)])
def test_physical_memory_is_none_when_sysconf_says_nothing_useful(monkeypatch, pages, size):
    values = {"SC_PHYS_PAGES": pages, "SC_PAGE_SIZE": size}
    monkeypatch.setattr(_memory.os, "sysconf", values.__getitem__)
    _memory.physical_memory.cache_clear()
    try:
        assert _memory.physical_memory() is None
    finally:
        _memory.physical_memory.cache_clear()


def test_physical_memory_is_none_without_sysconf(monkeypatch):
    def missing(name):
        raise ValueError(name)
    monkeypatch.setattr(_memory.os, "sysconf", missing)
    _memory.physical_memory.cache_clear()
    try:
        assert _memory.physical_memory() is None
    finally:
        _memory.physical_memory.cache_clear()


@pytest.mark.parametrize("n,text", [(0, "0 B"), (1023, "1023 B"), (1024, "1.0 KiB"), (1536, "1.5 KiB"),
                                    (GIB, "1.0 GiB"), (80 * 2**40, "80.0 TiB"), (3 * 2**50, "3.0 PiB"),
                                    (2**60, "1024.0 PiB")])
def test_format_bytes(n, text):
    assert _memory.format_bytes(n) == text


def test_a_public_call_is_refused_before_allocating(memory):
    """A broadcast 'full' output of 4 GiB + 8 B: MemoryError with the message, not numpy's."""
    a = np.broadcast_to(np.ones((1, 1)), (2**16, 1))
    b = np.broadcast_to(np.ones((1, 1)), (1, 2**13 + 1))
    with pytest.raises(MemoryError, match="convkit: the output of shape"):
        convkit.convolve(a, b, method="direct")
