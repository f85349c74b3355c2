"""The README documents every command and every option the CLI has (and no option it lacks)."""

from __future__ import annotations

import re
from pathlib import Path

import click

from newsbrief.cli import cli

README = Path(__file__).resolve().parents[1] / "README.md"


def _synopses() -> dict[str, str]:
    """Each command's synopsis lines in the README's code blocks: a line ``newsbrief CMD ...`` and
    the indented lines that continue it (all of one command's lines joined)."""
    out: dict[str, str] = {}
    current: str | None = None
    for line in README.read_text(encoding="utf-8").splitlines():
        m = re.match(r"newsbrief (\w+)\b(.*)", line)
        if m:
            current = m.group(1)
            out[current] = out.get(current, "") + " " + m.group(2)
        elif current is not None and line.startswith("    ["):
            out[current] += " " + line
        else:
            current = None
    return out


def _options(cmd: click.Command) -> list[list[str]]:
    """Each option's names (``["-o", "--output"]``), --help left out."""
    return [list(p.opts) for p in cmd.params if isinstance(p, click.Option) and "--help" not in p.opts]


def test_every_command_and_option_is_in_the_readme_synopsis() -> None:
    synopses = _synopses()
    commands: dict[str, click.Command] = cli.commands  # type: ignore[attr-defined]
    assert set(commands) <= set(synopses), f"commands with no synopsis in README.md: {set(commands) - set(synopses)}"
    for name, cmd in commands.items():
        shown = set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", synopses[name]))
        missing = [opts[-1] for opts in _options(cmd) if not shown & set(opts)]
        assert not missing, f"README.md's synopsis of `newsbrief {name}` lacks {missing}"
        unknown = shown - {o for opts in _options(cmd) for o in opts}
        assert not unknown, f"README.md's synopsis of `newsbrief {name}` names options it does not have: {sorted(unknown)}"
