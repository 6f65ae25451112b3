"""convkit._profile: where the machine profile lives, what makes it valid, and when it is read.

test_dispatch.py covers the round trip and corrupt files through the
dispatcher; these cover the module's own rules. Every test points the profile
at a temporary file and resets the one in force afterwards.
"""

from __future__ import annotations

import copy
import json
import threading
import warnings

import pytest

from convkit import _profile as profile


@pytest.fixture
def path(tmp_path, monkeypatch):
    p = tmp_path / "convkit" / "profile.json"
    monkeypatch.setenv("CONVKIT_PROFILE", str(p))
    profile.reset()
    yield p
    profile.reset()


def constants(**changes):
    """The shipped constants with ``changes`` applied as ``"engine.term": value`` (dots through dicts)."""
    c = copy.deepcopy(profile.DEFAULT_CONSTANTS)
    for key, value in changes.items():
        *parents, last = key.split(".")
        table = c
        for name in parents:
            table = table[name]
        if value is _DELETE:
            del table[last]
        else:
            table[last] = value
    return c


_DELETE = object()


def test_path_follows_the_variable_then_the_cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CONVKIT_PROFILE", str(tmp_path / "mine.json"))
    assert profile.profile_path() == tmp_path / "mine.json"
    monkeypatch.delenv("CONVKIT_PROFILE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert profile.profile_path() == tmp_path / "cache" / "convkit" / "profile.json"


def test_missing_file_gives_a_copy_of_the_defaults_without_a_warning(path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loaded = profile.load()
    assert loaded == profile.DEFAULT_CONSTANTS
    loaded["direct"]["overhead"] = 1.0
    assert profile.DEFAULT_CONSTANTS["direct"]["overhead"] != 1.0   # a copy, not the shipped table


@pytest.mark.parametrize("change", [
    {"direct.overhead": -1e-6}, {"fft.per_unit": float("inf")}, {"oa.parallel": True}, {"oa.parallel": "0.5"},
    {"direct.per_element": _DELETE}, {"fft.scale.f32": 0}, {"fft.scale.int": _DELETE}, {"oa": _DELETE},
    {"direct.scale": [1, 1, 1, 1, 1]},
], ids=lambda c: next(iter(c)) + "=" + repr(next(iter(c.values())))[:12])
def test_save_refuses_and_load_ignores_an_invalid_profile(path, change):
    bad = constants(**change)
    with pytest.raises(ValueError, match="refusing to save"):
        profile.save(bad, path)
    assert not path.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": profile.PROFILE_VERSION, "constants": bad}))
    with pytest.warns(RuntimeWarning, match="not a version-2 convkit profile"):
        assert profile.load() == profile.DEFAULT_CONSTANTS


def test_another_version_is_ignored(path):
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"version": profile.PROFILE_VERSION + 1, "constants": profile.DEFAULT_CONSTANTS}))
    with pytest.warns(RuntimeWarning, match="python -m convkit tune"):
        assert profile.load() == profile.DEFAULT_CONSTANTS


def test_save_is_atomic_keeps_metadata_and_leaves_no_temporary_file(path):
    c = constants(**{"fft.overhead": 2e-5})
    profile.save(c, note="test", machine="here")
    data = json.loads(path.read_text())
    assert data["note"] == "test" and data["machine"] == "here" and data["version"] == profile.PROFILE_VERSION
    assert data["constants"] == c
    assert [p.name for p in path.parent.iterdir()] == ["profile.json"]


def test_the_profile_is_read_once_until_reset(path):
    profile.save(constants(**{"direct.overhead": 1e-5}))
    assert profile.constants()["direct"]["overhead"] == 1e-5
    path.write_text(json.dumps({"version": profile.PROFILE_VERSION,
                                "constants": constants(**{"direct.overhead": 3e-5})}))
    assert profile.constants()["direct"]["overhead"] == 1e-5     # not read again
    profile.reset()
    assert profile.constants()["direct"]["overhead"] == 3e-5


def test_generation_changes_with_every_save_and_reset(path):
    seen = [profile.generation()]
    profile.save(constants())
    seen.append(profile.generation())
    profile.reset()
    seen.append(profile.generation())
    profile.constants()                      # reading does not change the profile in force
    seen.append(profile.generation())
    assert seen[0] != seen[1] != seen[2] == seen[3]


def test_a_failed_save_keeps_the_profile_in_force(path, tmp_path):
    profile.save(constants(**{"oa.overhead": 7e-5}))
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(OSError):
        profile.save(constants(**{"oa.overhead": 9e-5}), blocker / "profile.json")   # parent is a file
    assert profile.constants()["oa"]["overhead"] == 7e-5


def test_threads_reading_first_share_one_load(path, monkeypatch):
    profile.save(constants())
    profile.reset()
    loads = []
    real = profile.load
    monkeypatch.setattr(profile, "load", lambda *a: loads.append(1) or real(*a))
    got = []
    threads = [threading.Thread(target=lambda: got.append(profile.constants())) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(loads) == 1 and all(g is got[0] for g in got)
