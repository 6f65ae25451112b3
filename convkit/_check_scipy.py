"""``python -m convkit check-scipy``: scipy.signal's own tests, run with convkit substituted.

This module is also a pytest plugin. Loaded with ``-p convkit._check_scipy``
it turns :func:`convkit.patch_scipy` on before pytest collects (so test
modules that run ``from scipy.signal import convolve`` get convkit's) and
off when the session ends, and it reports the patch in the header::

    python -m pytest -p convkit._check_scipy your_tests/

Add ``--convkit-everywhere`` to replace the functions also in modules that
imported them by name before the patch (libraries imported by a
``conftest.py``). With ``--convkit-differences`` the tests listed in
:data:`DIFFERENCES` (scipy's tests that pin a behaviour convkit deliberately
changes) are marked xfail with the reason; ``check-scipy`` always adds it.
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["DIFFERENCES", "CLASSES", "QUICK", "scipy_test_file", "main"]

#: The classes of scipy/signal/tests/test_signaltools.py that test the convolution family.
CLASSES = ("TestConvolve", "TestConvolve2d", "TestFFTConvolve", "TestOAConvolve", "TestAllFreqConvolves",
           "TestCorrelateReal", "TestCorrelate", "TestCorrelateComplex", "TestCorrelate2d")
#: Other scipy.signal tests that call the family: (file, node) pairs, run in every sample.
#: firwin_2d's impulse response needs direct summation's elementwise accuracy in convolve2d.
OTHERS = (("test_fir_filter_design.py", "Testfirwin_2d"),)

#: The quick sample: a few tests of every class (-k expression), about a minute on two cores.
QUICK = ("test_basic or test_complex or test_same or test_valid or test_mismatched_dims or "
         "test_invalid_shapes or test_rank or test_method or test_broadcastable or test_zero_rank or "
         "test_single_element or test_consistency_correlate_funcs or test_uint or test_large or "
         "test_fillvalue or test_wrap or test_symm or test_empty")

#: scipy tests that pin a behaviour convkit deliberately changes: test id -> the reason, which
#: README's "Differences from scipy.signal" documents. An id is ``Class::test`` (in
#: test_signaltools.py) or ``file.py::Class::test`` (another scipy.signal test file), and matches
#: every parametrization of it. Empty today: scipy 1.17's tests pin none of the differences.
DIFFERENCES: dict[str, str] = {}


def scipy_test_file(name: str = "test_signaltools.py") -> Path:
    """An installed scipy.signal test file (default test_signaltools.py).

    Raises
    ------
    FileNotFoundError
        When scipy was installed without its tests.
    """
    import scipy.signal

    path = Path(scipy.signal.__file__).parent / "tests" / name
    if not path.is_file():
        raise FileNotFoundError(f"scipy's tests are not installed ({path} is missing); "
                                "install scipy from a wheel that includes them")
    return path


# --------------------------------------------------------------------------
# pytest plugin hooks


def pytest_addoption(parser):
    group = parser.getgroup("convkit", "convkit.patch_scipy")
    group.addoption("--convkit-everywhere", action="store_true",
                    help="also patch modules that imported scipy.signal's functions by name before the patch")
    group.addoption("--convkit-differences", action="store_true",
                    help="mark scipy tests that pin one of convkit's documented differences as xfail")


_PATCH = None


def pytest_configure(config):
    global _PATCH
    from ._patch import patch_scipy

    if _PATCH is None:
        _PATCH = patch_scipy(everywhere=config.getoption("convkit_everywhere", False))
        _register_capabilities(_PATCH)


# Keys this plugin added to scipy's array-API capabilities table (removed at the end).
_CAPABILITIES: list = []


def _register_capabilities(patch) -> None:
    """scipy's tests decorate classes with ``make_xp_test_case(convolve)``, which looks the
    function up in scipy's capabilities table: give each convkit function its scipy original's
    entry (scipy's own capabilities are what the tests expect)."""
    from ._patch import original

    try:
        from scipy._lib._array_api import xp_capabilities_table as table
    except ImportError:  # an older or newer scipy without the table
        return
    for public, replacement in patch.patched.items():
        package, name = public.rsplit(".", 1)
        real = original(name, package)
        if real in table and replacement not in table:
            table[replacement] = table[real]
            _CAPABILITIES.append(replacement)


def pytest_unconfigure(config):
    global _PATCH
    if _PATCH is not None:
        try:
            from scipy._lib._array_api import xp_capabilities_table as table
        except ImportError:
            table = {}
        while _CAPABILITIES:
            table.pop(_CAPABILITIES.pop(), None)
        _PATCH.undo()
        _PATCH = None


def pytest_report_header(config):
    import convkit

    names = ", ".join(sorted(_PATCH.patched)) if _PATCH is not None else "nothing"
    return f"convkit {convkit.__version__} ({Path(convkit.__file__).parent}) patched in for: {names}"


def _difference(nodeid: str) -> str | None:
    """The allow-list's reason for a collected test id, or None."""
    base = nodeid.rsplit("/", 1)[-1]  # file.py::Class::test[params]
    candidates = [base]
    if base.startswith("test_signaltools.py::"):
        candidates.append(base.split("::", 1)[1])
    for key, reason in DIFFERENCES.items():
        for relative in candidates:
            if relative == key or relative.startswith(key + "[") or relative.startswith(key + "::"):
                return reason
    return None


def pytest_collection_modifyitems(config, items):
    if not config.getoption("convkit_differences", False):
        return
    import pytest

    for item in items:
        reason = _difference(item.nodeid)
        if reason is not None:
            item.add_marker(pytest.mark.xfail(reason=f"convkit difference: {reason}", strict=False))


# --------------------------------------------------------------------------
# the command


def main(sample: str = "full", extra=(), verbose: bool = False) -> int:
    """Run scipy's convolution tests with convkit patched in; returns pytest's exit status.

    Parameters
    ----------
    sample : {'quick', 'full', 'all'}
        'quick' runs the tests of :data:`CLASSES` whose names match
        :data:`QUICK`; 'full' every test of :data:`CLASSES`; both add
        :data:`OTHERS`. 'all' runs scipy.signal's whole test suite (about
        14,000 tests).
    extra : sequence of str
        Further pytest arguments (a leading '--' is dropped).
    verbose : bool
        List every test (pytest -v) instead of dots.
    """
    import pytest

    path = scipy_test_file()
    extra = list(extra)
    if extra[:1] == ["--"]:
        extra = extra[1:]
    if sample not in ("quick", "full", "all"):
        raise ValueError(f"sample must be 'quick', 'full' or 'all', not {sample!r}")
    if sample == "all":
        targets, select = [str(path.parent)], []
    else:
        targets = [f"{path}::{name}" for name in CLASSES]
        select = ["-k", QUICK] if sample == "quick" else []
        others = [f"{scipy_test_file(file)}::{node}" for file, node in OTHERS]
        if sample == "quick":
            # -k applies to every target: add the others' names to the expression
            select = ["-k", f"({QUICK}) or {' or '.join(node for _, node in OTHERS)}"]
        targets += others
    # rootdir is scipy's package folder, so that scipy/conftest.py (the xp fixture and
    # array-API markers) is loaded; no cache is written into site-packages.
    args = [*targets, *select, "--convkit-differences", "-p", "no:cacheprovider",
            "-rxXf", *(["-v"] if verbose else []), "--rootdir", str(path.parents[2]), *extra]
    if DIFFERENCES:
        print("convkit's documented differences from scipy.signal (these scipy tests are expected to fail):")
        for key, reason in DIFFERENCES.items():
            print(f"  {key}: {reason}")
    sys.stdout.flush()
    status = pytest.main(args, plugins=[sys.modules[__name__]])
    return int(status)
