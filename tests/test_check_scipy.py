"""`python -m convkit check-scipy` and the pytest plugin (convkit._check_scipy): scipy's own tests with
convkit substituted, and the allow-list of deliberate differences."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import convkit
from convkit import _check_scipy

ROOT = Path(convkit.__file__).resolve().parent.parent


def _run(args, cwd=ROOT, timeout=600):
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)


def test_scipy_tests_are_installed():
    path = _check_scipy.scipy_test_file()
    text = path.read_text()
    for name in _check_scipy.CLASSES:
        assert f"class {name}" in text, name
    for file, node in _check_scipy.OTHERS:
        assert f"class {node}" in _check_scipy.scipy_test_file(file).read_text()


def test_check_scipy_small_sample_passes():
    """A few of scipy's tests per class, plus firwin_2d's impulse response (convolve2d must be direct),
    with the patch on: they pass (the report shows the patch was on)."""
    k = "test_basic or test_same or test_valid_mode or test_rank or test_impulse_response or test_zero_rank"
    proc = _run(["-m", "convkit", "check-scipy", "--sample", "quick", "--", "-k", k])
    tail = proc.stdout[-3000:] + proc.stderr[-2000:]
    assert proc.returncode == 0, tail
    patched = proc.stdout.split("patched in for: ", 1)[1].splitlines()[0].split(", ")
    for name in ("convolve", "correlate", "fftconvolve", "oaconvolve", "convolve2d", "correlate2d",
                 "choose_conv_method"):
        assert f"scipy.signal.{name}" in patched, tail
    assert "scipy.ndimage.gaussian_filter" in patched, tail  # convkit.ndimage provides it
    assert " passed" in proc.stdout and "failed" not in proc.stdout, tail


@pytest.mark.slow
def test_check_scipy_quick_sample_passes():
    proc = _run(["-m", "convkit", "check-scipy", "--sample", "quick"], timeout=1200)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]


def test_plugin_on_a_user_suite_patches_before_collection_and_marks_differences(tmp_path):
    """The documented way to run a user's own suite: `python -m pytest -p convkit._check_scipy`.
    A test module importing scipy.signal's names at import gets convkit's; allow-listed tests
    are xfail with their reason (here a stand-in allow-list set by the suite's conftest)."""
    (tmp_path / "conftest.py").write_text(textwrap.dedent("""
        from convkit import _check_scipy
        _check_scipy.DIFFERENCES["test_pinned_difference"] = "a stand-in reason"
    """))
    (tmp_path / "test_signaltools.py").write_text(textwrap.dedent("""
        import scipy.signal
        from scipy.signal import convolve, fftconvolve
        import convkit

        def test_names_imported_at_collection_are_convkit():
            assert convolve is convkit.convolve and fftconvolve is convkit.fftconvolve
            assert scipy.signal._signaltools.correlate2d is convkit.correlate2d

        def test_pinned_difference():
            assert False, "scipy's behaviour that convkit changes"
    """))
    proc = _run(["-m", "pytest", "-p", "convkit._check_scipy", "--convkit-differences", "-p", "no:cacheprovider",
                 "-rx", "-q", "--rootdir", str(tmp_path), str(tmp_path)], cwd=tmp_path, timeout=300)
    out = proc.stdout
    assert proc.returncode == 0, out[-3000:] + proc.stderr[-2000:]
    assert "1 passed, 1 xfailed" in out, out[-3000:]
    assert "convkit difference: a stand-in reason" in out, out[-3000:]
    # without --convkit-differences the same test fails: the allow-list is opt-in
    proc = _run(["-m", "pytest", "-p", "convkit._check_scipy", "-p", "no:cacheprovider", "-q",
                 "--rootdir", str(tmp_path), str(tmp_path)], cwd=tmp_path, timeout=300)
    assert proc.returncode == 1 and "1 failed, 1 passed" in proc.stdout, proc.stdout[-3000:]


def test_difference_ids_match_prefixes():
    saved = dict(_check_scipy.DIFFERENCES)
    try:
        _check_scipy.DIFFERENCES.clear()
        _check_scipy.DIFFERENCES["TestConvolve::test_x"] = "why"
        f = _check_scipy._difference
        assert f("a/test_signaltools.py::TestConvolve::test_x") == "why"
        assert f("a/test_signaltools.py::TestConvolve::test_x[numpy-f4]") == "why"
        assert f("a/test_signaltools.py::TestConvolve::test_xy") is None
        assert f("a/test_signaltools.py::TestOther::test_x") is None
        _check_scipy.DIFFERENCES["test_fir_filter_design.py::Testfirwin_2d::test_y"] = "other file"
        assert f("/x/tests/test_fir_filter_design.py::Testfirwin_2d::test_y[1]") == "other file"
        assert f("/x/tests/test_signaltools.py::Testfirwin_2d::test_y") is None
    finally:
        _check_scipy.DIFFERENCES.clear()
        _check_scipy.DIFFERENCES.update(saved)


def test_every_difference_has_a_reason_naming_readme():
    for key, reason in _check_scipy.DIFFERENCES.items():
        assert "::" in key and reason.strip(), key
