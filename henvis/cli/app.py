"""Commands that run the web application: setup, demo, serve, manage."""

from __future__ import annotations

import os
import secrets
from importlib import import_module
from pathlib import Path

import click

from henvis.cli.django_setup import setup_django

DEMO_PASSWORD = "henvis-demo-2026"  # noqa: S105 - synthetic demo users on localhost only

# (user name, organisation slug, roles, what the user shows in the demo)
DEMO_USERS: list[tuple[str, str, list[str], str]] = [
    ("politi", "politi-oslo", ["first_line"], "first-line worker, Oslo police district"),
    ("rosa", "rosa", ["coordinator"], "case coordinator, ROSA"),
    ("filemon", "safe-house-filemon", ["coordinator"], "case coordinator, Safe House Filemon"),
    ("nav", "nav-htso", ["first_line", "coordinator"], "first-line worker and coordinator, NAV HTSO"),
    ("udi", "udi", ["first_line"], "first-line worker, UDI"),
    ("rosa-admin", "rosa", ["org_admin"], "organisation administrator, ROSA"),
    ("analytiker", "kom", ["analyst"], "statistics analyst, KOM (pseudonymised data only)"),
    ("revisor", "kom", ["auditor"], "auditor, KOM"),
    ("drift", "henvis-drift", ["system_admin"], "system administrator (users, no case data)"),
]


def _demo_environment(var_dir: Path) -> None:
    """Secrets for the local demo, generated once and kept in var/ (git-ignored)."""
    from cryptography.fernet import Fernet

    var_dir.mkdir(parents=True, exist_ok=True)
    secrets_file = var_dir / "demo-secrets.env"
    if not secrets_file.exists():
        secrets_file.write_text(
            f"HENVIS_SECRET_KEY={secrets.token_urlsafe(48)}\n"
            f"HENVIS_FIELD_KEYS={Fernet.generate_key().decode()}\n"
            f"HENVIS_LINKAGE_SECRET={secrets.token_urlsafe(32)}\n",
            encoding="utf-8",
        )
        secrets_file.chmod(0o600)
    for line in secrets_file.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        os.environ.setdefault(key, value)
    os.environ.setdefault("HENVIS_VAR_DIR", str(var_dir))
    os.environ.setdefault("HENVIS_ACCEPT_SYNTHETIC_IDS", "1")  # demo persons carry test numbers


def _migrate_and_load(verbosity: int = 0) -> None:
    from django.core.management import call_command

    from henvis.apps.organisations.loading import load_organisations

    call_command("migrate", interactive=False, verbosity=verbosity)
    count = load_organisations()
    click.echo(f"henvis: {count} organisations loaded")


@click.command()
def setup() -> None:
    """Migrate the database and load the organisations (safe to re-run)."""
    setup_django()
    _migrate_and_load(verbosity=1)


def create_demo_users() -> None:
    from henvis.apps.accounts.models import User
    from henvis.apps.organisations.models import Organisation

    for username, org_slug, roles, _ in DEMO_USERS:
        user, _created = User.objects.get_or_create(username=username)
        user.organisation = Organisation.objects.get(slug=org_slug)
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.set_roles(roles)


def load_demo_data(persons: int, seed: int) -> None:
    """Each area with demo data offers ``henvis.apps.<area>.demo.load(persons, seed)``."""
    from henvis.web.areas import DEMO_AREAS

    for area in DEMO_AREAS:
        summary = import_module(f"henvis.apps.{area}.demo").load(persons=persons, seed=seed)
        click.echo(f"henvis: demo data for {area}: {summary}")


@click.command()
@click.option("--port", default=8000, show_default=True)
@click.option("--persons", default=300, show_default=True, help="Synthetic persons to generate.")
@click.option("--seed", default=1, show_default=True)
@click.option("--no-serve", is_flag=True, help="Prepare the demo database and exit.")
@click.option("--fresh", is_flag=True, help="Delete the demo database first.")
def demo(port: int, persons: int, seed: int, no_serve: bool, fresh: bool) -> None:
    """Run the demo: SQLite, the real organisations, synthetic cases, demo users."""
    var_dir = Path(os.environ.get("HENVIS_VAR_DIR", Path.cwd() / "var"))
    _demo_environment(var_dir)
    database = var_dir / "henvis.sqlite3"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{database}")
    if fresh and database.exists():
        database.unlink()
    first_time = not database.exists()
    setup_django()
    _migrate_and_load()
    create_demo_users()
    if first_time:
        load_demo_data(persons, seed)
    url = f"http://127.0.0.1:{port}/"
    click.echo("")
    click.echo(f"Henvis demo: {url}   (synthetic data only)")
    click.echo(f"Log in with one of these users, password: {DEMO_PASSWORD}")
    for username, _org, _roles, what in DEMO_USERS:
        click.echo(f"  {username:<12} {what}")
    click.echo(f"Anonymous identification guide (no login): {url}screening/")
    click.echo("")
    if no_serve:
        return
    from django.core.management import call_command

    call_command("runserver", f"127.0.0.1:{port}", "--noreload", "--insecure")


@click.command()
@click.option("--bind", default="127.0.0.1:8000", show_default=True)
def serve(bind: str) -> None:
    """Serve the web application (development server; use a WSGI server in production)."""
    setup_django()
    from django.core.management import call_command

    call_command("runserver", bind, "--noreload")


@click.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.pass_context
def manage(ctx: click.Context) -> None:
    """Run a Django management command (e.g. `henvis manage createsuperuser`)."""
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["henvis manage", *ctx.args])
