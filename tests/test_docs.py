"""The README documents every command, option, setting and error code, and the public API is
what `__all__` says."""
from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

import claimline
from claimline.cli import main
from claimline.errors import ERROR_CODES
from claimline.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_is_documented(name):
    assert f"claimline {name}" in README


@pytest.mark.parametrize("command,option", sorted(
    (name, opt) for name, cmd in main.commands.items() for p in cmd.params for opt in p.opts
    if opt.startswith("--") and opt != "--help"))
def test_every_option_is_documented(command, option):
    assert option in README, f"{command} {option}"


@pytest.mark.parametrize("code", sorted([*ERROR_CODES, "E020"]))
def test_every_error_code_is_documented(code):
    assert code in README


@pytest.mark.parametrize("setting", [f.name for f in fields(Settings)])
def test_every_setting_is_documented(setting):
    assert setting in README


def test_public_api():
    for name in claimline.__all__:
        assert hasattr(claimline, name)
    assert "run" in claimline.__all__ and "Ledger" in claimline.__all__
