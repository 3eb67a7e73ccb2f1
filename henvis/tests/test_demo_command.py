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
