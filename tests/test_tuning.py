"""convkit._tuning: every measured constant says what was measured, on which machine, and the command.

The provenance of a constant is the comment block right above it (a run of
constants with no blank line between them shares the block above the first),
its trailing comment and the comment lines that continue it, plus the text of
any ``PROVENANCE_*`` string of the module the comment names. It must name a
machine (one of those the module docstring lists as ````name````, or an
"N-core" CPU described in place) and a command that measures it again (``python
...``, a script under ``benchmarks/`` or ``tools/``, or ``python -m convkit ...``).
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

from convkit import _tuning

_CONSTANT = re.compile(r"^[A-Z][A-Z0-9_]*$")
_COMMAND = re.compile(r"python3?\s+(-m\s+)?[\w./-]+|\b(benchmarks|tools)/[\w/.-]+\.py\b")
_DESCRIBED_CPU = re.compile(r"\b\d+-core\b")
# Commands a comment may name that measure nothing (they regenerate code from a table).
_NOT_MEASURING = ("python tools/gen_direct_kernels.py", "tools/gen_direct_kernels.py")

# Constants whose comment does not yet name both a machine and a command (each with what it
# lacks). Each is an expected failure; strict, so that whoever adds the provenance must also
# remove the name here. A new constant belongs here only with a reason a reviewer accepts.
KNOWN_GAPS: dict[str, str] = {}


def machines(docstring: str) -> set[str]:
    """The machine names a tunables module's docstring defines (bullets ``* ``name``: description``)."""
    return set(re.findall(r"^\s*\*\s+``([\w.-]+)``\s*:\s*\S", docstring, flags=re.M))


def provenance(source: str) -> dict[str, str]:
    """Each module-level constant of ``source`` -> the comment text that documents it."""
    tree = ast.parse(source)
    lines = source.splitlines()
    strings = {}
    found = {}
    last_end = {}   # line number where a constant's assignment ends -> its name
    for node in tree.body:
        if not isinstance(node, (ast.Assign, ast.AnnAssign)):
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        names = [t.id for t in targets if isinstance(t, ast.Name) and _CONSTANT.match(t.id)]
        if not names:
            continue
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            strings.update(dict.fromkeys(names, node.value.value))
        above = []
        i = node.lineno - 2                       # 0-based index of the line above
        while i >= 0 and lines[i].startswith("#"):   # column 0: not a continuation above
            above.insert(0, lines[i])
            i -= 1
        if not above and i >= 0 and (i + 1) in last_end:
            text = found[last_end[i + 1]]         # one of a group: the group's block
        else:
            text = "\n".join(above)
        j = node.end_lineno                       # 0-based index of the line below
        own = [ln.split("#", 1)[1] for ln in lines[node.lineno - 1:node.end_lineno] if "#" in ln]
        while j < len(lines) and lines[j][:1].isspace() and lines[j].lstrip().startswith("#"):
            own.append(lines[j])
            j += 1
        text = "\n".join([text, *own])
        for name in names:
            found[name] = text
            last_end[node.end_lineno] = name
    for name, text in found.items():   # "see PROVENANCE_X": include that record's text
        for ref in re.findall(r"\bPROVENANCE_\w+\b", text):
            text += "\n" + strings.get(ref, "")
        found[name] = text
    return {k: v for k, v in found.items() if not k.startswith("PROVENANCE_")}


def missing(text: str, known_machines: set[str]) -> list[str]:
    """What a provenance text lacks: 'machine' and/or 'command'."""
    gaps = []
    if not (any(re.search(rf"\b{re.escape(m)}\b", text) for m in known_machines) or _DESCRIBED_CPU.search(text)):
        gaps.append("machine")
    for command in _NOT_MEASURING:
        text = text.replace(command, "")
    if not _COMMAND.search(text):
        gaps.append("command")
    return gaps


SOURCE = inspect.getsource(_tuning)
MACHINES = machines(_tuning.__doc__)
PROVENANCE = provenance(SOURCE)


def test_machines_are_listed():
    assert MACHINES, "the module docstring lists no machine"


def test_the_parser_sees_every_constant():
    """A constant the comment parser missed would escape the provenance check."""
    public = {n for n in vars(_tuning) if _CONSTANT.match(n) and not n.startswith("PROVENANCE_")}
    assert set(PROVENANCE) == public


def test_scripts_named_as_commands_exist():
    """A provenance that names a script names one this checkout has."""
    root = Path(__file__).resolve().parents[1]
    if not (root / "convkit" / "_tuning.py").is_file():
        pytest.skip("not run from a checkout")
    named = set(re.findall(r"\b(?:benchmarks|tools)/[\w/.-]+\.py\b", SOURCE))
    assert named, "no script named at all"
    assert sorted(p for p in named if not (root / p).is_file()) == []


def test_measure_tunables_sub_commands_named_exist():
    """``python tools/measure_tunables.py NAME`` in a provenance names a sub-command the tool has."""
    root = Path(__file__).resolve().parents[1]
    tool = root / "tools" / "measure_tunables.py"
    if not tool.is_file():
        pytest.skip("not run from a checkout")
    named = set(re.findall(r"tools/measure_tunables\.py\s+([\w-]+)", SOURCE))
    assert named, "no sub-command named at all"
    # the tool's COMMANDS table, read without importing the tool (it sets environment variables)
    table = next(node.value for node in ast.parse(tool.read_text()).body
                 if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "COMMANDS" for t in node.targets))
    assert sorted(named - {key.value for key in table.keys}) == []


def test_gaps_list_only_existing_constants():
    assert set(KNOWN_GAPS) <= set(PROVENANCE), set(KNOWN_GAPS) - set(PROVENANCE)


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=f"known gap: {KNOWN_GAPS[n]}")) if n in KNOWN_GAPS
    else n for n in sorted(PROVENANCE)])
def test_constant_names_a_machine_and_a_command(name):
    assert missing(PROVENANCE[name], MACHINES) == [], PROVENANCE[name]


# ---------------------------------------------------------------- the checker itself

_SAMPLE = '''"""Constants.

* ``box-4c``: 4-core box.
"""
# Measured on box-4c with ``python benchmarks/scripts/x.py``.
GOOD = 1
OF_GOOD_GROUP = 2

# Measured once, somewhere.
NO_COMMAND = 3
NO_COMMENT = 4  # on box-4c
# a 2-core machine:
TRAILING = 5  # python tools/y.py
              # continued
REGENERATES = 8  # on box-4c; after changing it run python tools/gen_direct_kernels.py
REFERS = 6  # see PROVENANCE_Z
PROVENANCE_Z = "box-4c, python -m convkit tune"
lower = 7
'''


def test_checker_on_a_sample():
    found = provenance(_SAMPLE)
    known = machines(ast.get_docstring(ast.parse(_SAMPLE)))
    assert known == {"box-4c"}
    assert set(found) == {"GOOD", "OF_GOOD_GROUP", "NO_COMMAND", "NO_COMMENT", "TRAILING", "REGENERATES",
                          "REFERS"}
    assert {name: missing(text, known) for name, text in found.items()} == {
        "GOOD": [], "OF_GOOD_GROUP": [], "NO_COMMAND": ["machine", "command"], "NO_COMMENT": ["command"],
        "TRAILING": [], "REGENERATES": ["command"], "REFERS": []}
    assert "continued" in found["TRAILING"]
