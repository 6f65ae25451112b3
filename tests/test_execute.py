"""convkit._execute's small-call path: its memoised plans follow the profile in force.

The per-call results of the tiny path are covered in test_signal.py (every
shape, mode, layout and dtype against scipy); these cover the memo itself.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest

from convkit import _execute
from convkit import _profile as profile


@pytest.fixture
def default_profile(tmp_path, monkeypatch):
    """The shipped constants, whatever profile this machine has saved."""
    monkeypatch.setenv("CONVKIT_PROFILE", str(tmp_path / "profile.json"))
    profile.reset()
    yield
    profile.reset()


def _free_general_path() -> dict:
    """Shipped constants under which every engine of the general path is predicted to cost nothing."""
    consts = copy.deepcopy(profile.DEFAULT_CONSTANTS)
    for table in consts.values():
        table.update(overhead=0.0, per_unit=0.0, per_element=0.0)
    return consts


def test_a_new_profile_replans_small_calls(default_profile):
    """A small 2-D call takes the plain loop under the shipped profile; once a profile predicts the
    general path cheaper, the memoised plan is dropped and the call goes the general way, and
    back again under the shipped constants."""
    x, h = np.ones((8, 8)), np.ones((3, 3))
    assert _execute.tiny(x, h, "same", "auto", None, False) is not None
    assert _execute._PLANS
    profile.save(_free_general_path())
    assert not _execute._PLANS
    assert _execute.tiny(x, h, "same", "auto", None, False) is None
    profile.save(copy.deepcopy(profile.DEFAULT_CONSTANTS))
    assert _execute.tiny(x, h, "same", "auto", None, False) is not None


@pytest.mark.parametrize("workers", [True, False, 1.0, 0, -1, "1"])
def test_thread_counts_the_plan_ignores_are_left_to_the_general_path(workers):
    """The plan's key omits the thread count: only None and positive ints may share it
    (True == 1 and 1.0 == 1 as dict keys, yet the general path resolves or rejects them itself)."""
    x, h = np.ones(10), np.ones(3)
    assert _execute.tiny(x, h, "full", "auto", 1, False) is not None
    assert _execute.tiny(x, h, "full", "auto", workers, False) is None


def test_equal_dtypes_that_are_distinct_objects_share_the_path():
    """The dtype check is by identity first, then equality: an equal dtype object still takes the path."""
    x = np.ones(10)
    h = np.frombuffer(np.ones(3).tobytes(), dtype=np.dtype("<f8", metadata={"unit": "V"}))
    assert h.dtype == x.dtype
    out = _execute.tiny(x, h.copy(), "full", "auto", None, False)
    np.testing.assert_array_equal(out, np.convolve(x, np.ones(3)))
