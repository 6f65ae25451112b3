"""convkit._config: every environment variable declared once, parsed strictly, documented in README."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from convkit import _config

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


@pytest.mark.parametrize("name", sorted(_config.SETTINGS))
def test_every_variable_is_in_readme(name):
    assert f"`{name}`" in README


@pytest.mark.parametrize("name,bad", [("CONVKIT_FFTW_PLANNER", "fastest"), ("CONVKIT_FFT_CACHE_MB", "lots"),
                                      ("CONVKIT_FFT_CACHE_MB", "-1"), ("CONVKIT_FFTW_WISDOM", "maybe"),
                                      ("CONVKIT_FFT_SINGLE", "half"), ("CONVKIT_FFTW_THREADS", "2")])
def test_malformed_values_raise_naming_the_variable(name, bad, monkeypatch):
    monkeypatch.setenv(name, bad)
    with pytest.raises(ValueError, match=f"environment variable {name}={bad!r} is invalid"):
        _config.get(name)


def test_unset_and_empty_give_the_default(monkeypatch):
    monkeypatch.delenv("CONVKIT_FFTW_PLANNER", raising=False)
    assert _config.get("CONVKIT_FFTW_PLANNER") == "estimate"
    monkeypatch.setenv("CONVKIT_FFTW_PLANNER", "  ")
    assert _config.get("CONVKIT_FFTW_PLANNER") == "estimate"
    monkeypatch.setenv("CONVKIT_FFTW_PLANNER", "MEASURE")
    assert _config.get("CONVKIT_FFTW_PLANNER") == "measure"


def test_cache_dir_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert _config.cache_dir() == tmp_path / "convkit"


def test_a_malformed_value_does_not_break_import():
    proc = subprocess.run([sys.executable, "-c", "import convkit; print('ok')"], capture_output=True, text=True,
                          env={**__import__("os").environ, "CONVKIT_FFTW_PLANNER": "fastest",
                               "CONVKIT_FFT_CACHE_MB": "lots"}, timeout=120)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr


@pytest.mark.parametrize("value", ["background", "", "  ", "é-ünïcode", None])
def test_raw_reads_what_os_environ_holds(value, monkeypatch):
    """_config.raw is os.environ.get: set, empty, non-ASCII and unset values, after writes through
    os.environ (monkeypatch's), and after a delete."""
    name = "CONVKIT_TEST_RAW_VARIABLE"
    if value is None:
        monkeypatch.delenv(name, raising=False)
    else:
        monkeypatch.setenv(name, value)
    assert _config.raw(name) == os.environ.get(name) == value
    monkeypatch.delenv(name, raising=False)
    assert _config.raw(name) is None


def test_raw_falls_back_to_a_plain_mapping(monkeypatch):
    """Where os.environ is not CPython's mapping (no encoded ``_data``), raw asks it the public way."""
    monkeypatch.setattr(os, "environ", {"CONVKIT_TEST_RAW_VARIABLE": "x"})
    assert _config.raw("CONVKIT_TEST_RAW_VARIABLE") == "x"
    assert _config.raw("CONVKIT_TEST_RAW_OTHER") is None
