"""convkit._workers: ``workers=`` as scipy.fft defines it, and the default's context.

scipy.fft is the oracle for the integer rules and their messages; the core
count is fixed by monkeypatching so the arithmetic does not depend on the
machine the tests run on.
"""

from __future__ import annotations

import asyncio
import threading

import numpy as np
import pytest
import scipy.fft

import convkit
from convkit import _workers


@pytest.fixture
def cores(monkeypatch):
    """Pretend the machine has 8 cores."""
    monkeypatch.setattr(_workers, "_cpu_count", lambda: 8)
    return 8


@pytest.mark.parametrize("workers,expected", [(None, 1), (1, 1), (3, 3), (64, 64), (-1, 8), (-2, 7), (-8, 1)])
def test_resolve(cores, workers, expected):
    assert _workers.resolve_workers(workers) == expected


@pytest.mark.parametrize("workers", [1, 2, -1, -2])
def test_resolve_agrees_with_scipy_fft(workers):
    """On this machine's real core count, the same thread count scipy.fft uses."""
    if workers < -(convkit._workers._cpu_count()):
        pytest.skip("fewer cores than that")
    with scipy.fft.set_workers(workers):
        expected = scipy.fft.get_workers()
    assert _workers.resolve_workers(workers) == expected


@pytest.mark.parametrize("workers", [0, -1000])
def test_out_of_range_raises_scipy_fft_s_error(workers):
    with pytest.raises(ValueError) as theirs:
        with scipy.fft.set_workers(workers):
            pass
    with pytest.raises(ValueError) as ours:
        _workers.resolve_workers(workers)
    assert str(ours.value) == str(theirs.value)


def test_just_below_the_core_count_is_out_of_range(cores):
    with pytest.raises(ValueError, match="got -9, must not be less than -8"):
        _workers.resolve_workers(-9)


@pytest.mark.parametrize("value", [np.int8(3), np.int64(3), np.uint16(3)])
def test_numpy_integers_are_integers(value):
    resolved = _workers.resolve_workers(value)
    assert resolved == 3 and type(resolved) is int


@pytest.mark.parametrize("value,hint", [("2", "(write workers=2)"), (2.0, "(write workers=2)"), (2.5, ""),
                                        (True, ""), (np.bool_(True), ""), ([2], ""), (object(), "")])
def test_other_types_are_a_typeerror_naming_workers(value, hint):
    with pytest.raises(TypeError, match="workers must be an int or None") as exc:
        _workers.resolve_workers(value)
    assert str(exc.value).endswith(hint)


def test_set_workers_nests_and_restores_even_on_error(cores):
    assert convkit.get_workers() == 1
    with convkit.set_workers(2):
        assert convkit.get_workers() == 2
        with pytest.raises(RuntimeError):
            with convkit.set_workers(-1):
                assert convkit.get_workers() == 8   # stored resolved, not as -1
                assert _workers.resolve_workers(None) == 8
                raise RuntimeError
        assert convkit.get_workers() == 2
    assert convkit.get_workers() == 1


def test_set_workers_rejects_bad_values_before_changing_anything():
    with pytest.raises(ValueError):
        with convkit.set_workers(0):
            pass
    assert convkit.get_workers() == 1


def test_a_new_thread_starts_from_the_default():
    """The default is a context variable: another thread does not see this one's set_workers."""
    seen = []
    with convkit.set_workers(2):
        t = threading.Thread(target=lambda: seen.append(convkit.get_workers()))
        t.start()
        t.join()
        assert convkit.get_workers() == 2
    assert seen == [1]


def test_asyncio_tasks_keep_their_own_default():
    async def task(n, out):
        with convkit.set_workers(n):
            await asyncio.sleep(0)           # let the other task run inside its own block
            out[n] = convkit.get_workers()

    async def main():
        out = {}
        await asyncio.gather(task(2, out), task(3, out))
        return out

    assert asyncio.run(main()) == {2: 2, 3: 3}
    assert convkit.get_workers() == 1
