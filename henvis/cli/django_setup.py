from __future__ import annotations

import os
import sys
from pathlib import Path

from henvis.cli.errors import failed
from henvis.cli.language import say


def _demo_secrets() -> Path:
    var_dir = Path(os.environ.get("HENVIS_VAR_DIR", Path(__file__).resolve().parents[2] / "var"))
    return var_dir / "demo-secrets.env"


def setup_django() -> None:
    """Django for a command that touches the database. In the demo folder (no
    production settings in the environment, and the demo's secrets in var/) the demo's
    own settings are used, so that e.g. ``henvis audit verify`` works there as the README
    says; anywhere else a missing setting is one line, not a traceback."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "henvis.web.settings")
    production = "HENVIS_SECRET_KEY" in os.environ or "DATABASE_URL" in os.environ
    if not production and os.environ.get("HENVIS_TESTING") != "1":
        secrets = _demo_secrets()
        if not secrets.exists():
            raise failed(
                "HENVIS_SECRET_KEY er ikke satt: kjør scripts/demo først, eller sett miljøvariablene for "
                "drift (README.md)",
                "HENVIS_SECRET_KEY is not set: run scripts/demo first, or set the production variables (README.md)")
        for line in secrets.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            if key:
                os.environ.setdefault(key, value)
        os.environ.setdefault("HENVIS_ACCEPT_SYNTHETIC_IDS", "1")
        print(say(f"henvis: demoens database og nøkler ({secrets.parent})",
                  f"henvis: the demo's database and keys ({secrets.parent})"), file=sys.stderr)
    import django

    django.setup()
