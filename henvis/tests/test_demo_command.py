"""`henvis demo` prepares a working SQLite demo: organisations, demo users, logins printed."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def test_demo_prepares_database_and_prints_logins(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "HENVIS_", "DJANGO_"))}
    env["HENVIS_VAR_DIR"] = str(tmp_path)
    env["HENVIS_LANGUAGE"] = "nb"
    result = subprocess.run(
        [sys.executable, "-m", "henvis.cli.main", "demo", "--no-serve", "--persons", "40"],
        capture_output=True, text=True, env=env, timeout=600, cwd=tmp_path, check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "http://127.0.0.1:8000/" in result.stdout
    assert "henvis-demo-2026" in result.stdout
    db = sqlite3.connect(tmp_path / "henvis.sqlite3")
    orgs = {row[0] for row in db.execute("SELECT slug FROM organisations_organisation")}
    assert {"rosa", "safe-house-filemon", "politi-finnmark", "kom", "iom-norway"} <= orgs
    users = {row[0] for row in db.execute("SELECT username FROM accounts_user")}
    assert {"politi", "rosa", "analytiker", "revisor", "drift"} <= users
    # Secrets were generated for the demo and kept out of the repository.
    assert (tmp_path / "demo-secrets.env").stat().st_mode & 0o077 == 0
    # The README's operator commands work in the demo folder as they are (issue 15 item 8):
    # the demo's database and keys are found without setting anything.
    verify = subprocess.run(
        [sys.executable, "-m", "henvis.cli.main", "audit", "verify"],
        capture_output=True, text=True, env=env, timeout=600, cwd=tmp_path, check=False,
    )
    assert verify.returncode == 0, verify.stderr[-3000:]
    assert "loggen er intakt" in verify.stdout and "Traceback" not in verify.stderr


def test_a_database_command_without_settings_or_demo_says_what_to_set(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "HENVIS_", "DJANGO_"))}
    env["HENVIS_VAR_DIR"] = str(tmp_path)  # no demo here
    for language, message in (("en", "HENVIS_SECRET_KEY is not set: run scripts/demo first"),
                              ("nb", "HENVIS_SECRET_KEY er ikke satt: kjør scripts/demo først")):
        result = subprocess.run(
            [sys.executable, "-m", "henvis.cli.main", "audit", "verify"],
            capture_output=True, text=True, env={**env, "HENVIS_LANGUAGE": language}, timeout=600, cwd=tmp_path,
            check=False,
        )
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert message in result.stderr and " / " not in result.stderr
