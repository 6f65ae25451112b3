"""Project hygiene: README's commands, CI's command and import-time promises."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    return re.findall(r"```bash\n(.*?)\n```", text, flags=re.S)


def test_readme_opens_with_bench_and_test_commands():
    commands = _readme_commands()
    assert commands[0].strip() == 'python -m pip install -e ".[bench]" && python -m convkit bench --quick'
    assert commands[1].strip() == 'python -m pip install -e ".[test]" && python -m pytest'


def test_ci_runs_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert _readme_commands()[1].strip() in ci.splitlines()


def test_import_compiles_nothing_and_loads_no_engine():
    code = (
        "import sys, convkit\n"
        "heavy = [m for m in ('numba', 'pyfftw', 'scipy.signal', 'convkit._engines.direct', 'convkit._engines.fft')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == ""


def _pyproject() -> dict:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_license_file_matches_the_declared_licence():
    declared = _pyproject()["project"]["license"]["text"]
    assert declared == "BSD-3-Clause"
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("BSD 3-Clause License")
    assert "Copyright (c) 2026, the convkit developers" in text


def test_changelog_has_the_current_version_and_an_unreleased_section():
    import convkit

    version = _pyproject()["project"]["version"]
    assert convkit.__version__ == version
    headings = re.findall(r"^## (.+)$", (ROOT / "CHANGELOG.md").read_text(), flags=re.M)
    assert headings[0] == "Unreleased"
    assert any(h.split(" ")[0] == version for h in headings[1:]), headings


def test_py_typed_is_shipped_as_package_data():
    config = _pyproject()["tool"]["setuptools"]
    assert (ROOT / "convkit" / "py.typed").is_file()
    assert "py.typed" in config["package-data"]["convkit"]


def test_private_bench_package_is_packaged_and_nothing_public_replaces_it():
    from fnmatch import fnmatch

    include = _pyproject()["tool"]["setuptools"]["packages"]["find"]["include"]
    assert any(fnmatch("convkit._bench", pattern) for pattern in include)
    assert not (ROOT / "convkit" / "bench.py").exists()


def test_contributing_names_the_commands_it_documents():
    text = (ROOT / "CONTRIBUTING.md").read_text()
    for command in ("python -m pytest", "-m slow", "HYPOTHESIS_PROFILE=fuzz", "ruff check convkit tests benchmarks",
                    "python tools/gen_direct_kernels.py", "python -m convkit bench", "asv run",
                    "benchmarks/pytest", "python -m convkit tune"):
        assert command in text, command
