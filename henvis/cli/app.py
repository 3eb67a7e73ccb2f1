"""Commands that run the web application: setup, demo, serve, manage."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import click

from henvis.cli.django_setup import setup_django
from henvis.cli.errors import Refused
from henvis.cli.language import say

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
# The same descriptions in Bokmål, for the demo's greeting in the command's language.
DEMO_USERS_NB: dict[str, str] = {
    "politi": "førstelinjeansatt, Oslo politidistrikt",
    "rosa": "saksansvarlig, ROSA",
    "filemon": "saksansvarlig, Safe House Filemon",
    "nav": "førstelinjeansatt og saksansvarlig, NAV HTSO",
    "udi": "førstelinjeansatt, UDI",
    "rosa-admin": "organisasjonsadministrator, ROSA",
    "analytiker": "statistikkanalytiker, KOM (bare pseudonymiserte data)",
    "revisor": "revisor, KOM",
    "drift": "systemadministrator (brukere, ingen saksdata)",
}


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
    if "HENVIS_AUDIT_KEYS=" not in secrets_file.read_text(encoding="utf-8"):
        # Demo folders made before the audit chain had its own key get one now.
        with secrets_file.open("a", encoding="utf-8") as f:
            f.write(f"HENVIS_AUDIT_KEYS={secrets.token_urlsafe(32)}\n")
    if "HENVIS_CROSSBORDER_SIGNING_KEY=" not in secrets_file.read_text(encoding="utf-8"):
        # the demo instance's Ed25519 key for referral files abroad (docs/crossborder.md)
        import base64

        with secrets_file.open("a", encoding="utf-8") as f:
            f.write(f"HENVIS_CROSSBORDER_SIGNING_KEY={base64.b64encode(secrets.token_bytes(32)).decode()}\n")
    for line in secrets_file.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        os.environ.setdefault(key, value)
    os.environ.setdefault("HENVIS_VAR_DIR", str(var_dir))
    os.environ.setdefault("HENVIS_ACCEPT_SYNTHETIC_IDS", "1")  # demo persons carry test numbers


def _migrate_and_load(verbosity: int = 0) -> None:
    from django.core.management import call_command

    from henvis.apps.organisations.loading import load_organisations

    call_command("migrate", interactive=False, verbosity=verbosity)
    # the table of the shared figures cache when no Redis is configured (a no-op if it
    # exists, or if the figures cache is Redis)
    call_command("createcachetable", verbosity=verbosity)
    count = load_organisations()
    click.echo(say(f"henvis: {count} organisasjoner lastet inn", f"henvis: {count} organisations loaded"))


@click.command(help=say("Migrer databasen og last inn organisasjonene (trygt å kjøre på nytt).",
                        "Migrate the database and load the organisations (safe to re-run)."))
def setup() -> None:
    setup_django()
    _migrate_and_load(verbosity=1)


def create_demo_users() -> None:
    from henvis.apps.accounts.models import User
    from henvis.apps.organisations.models import Organisation

    for username, org_slug, roles, _ in DEMO_USERS:
        # Idempotent: a second run writes nothing (a new password hash each run would be
        # a change, and would log out nobody but still rewrite every user row).
        user, created = User.objects.get_or_create(username=username)
        organisation = Organisation.objects.get(slug=org_slug)
        # A reserved domain (RFC 2606): the demo's notification e-mails go to var/mail.
        email = f"{username}@demo.henvis.invalid"
        if created or user.organisation_id != organisation.pk or not user.check_password(DEMO_PASSWORD):
            user.organisation = organisation
            user.set_password(DEMO_PASSWORD)
            user.email = email
            user.save()
        elif user.email != email:
            user.email = email
            user.save(update_fields=["email"])
        if sorted(user.groups.values_list("name", flat=True)) != sorted(roles):
            user.set_roles(roles)


# The model whose rows say that an area's demo data is already in the database: the
# demo decides by the database it runs against, not by whether an SQLite file exists.
DEMO_DATA_MARKERS = {"cases": "cases.Person", "referrals": "referrals.Referral",
                     "statistics": "statistics.PersonExtract"}


def demo_data_loaded(area: str) -> bool:
    from django.apps import apps

    return apps.get_model(DEMO_DATA_MARKERS[area]).objects.exists()


def load_demo_data(persons: int, seed: int) -> None:
    """Every area that has demo data offers ``henvis.apps.<area>.demo.load(persons, seed)``;
    an area whose data is already there is left as it is (a second run changes nothing)."""
    from henvis.web.areas import DEMO_AREAS

    for area in DEMO_AREAS:
        if demo_data_loaded(area):
            click.echo(say(f"henvis: demodata for {area}: allerede lastet inn", f"henvis: demo data for {area}: already loaded"))
            continue
        summary = import_module(f"henvis.apps.{area}.demo").load(persons=persons, seed=seed)
        click.echo(say(f"henvis: demodata for {area}", f"henvis: demo data for {area}") + f": {summary}")
    from henvis.apps.audit.chain import seal

    seal()  # the loaders' audit entries join the chain before the first request


@click.command(help=say("Kjør demoen: SQLite, de virkelige organisasjonene, syntetiske saker, demobrukere.",
                        "Run the demo: SQLite, the real organisations, synthetic cases, demo users."))
@click.option("--port", default=8000, show_default=True,
              help=say("Porten demoens webserver lytter på (localhost).", "Port the demo web server listens on (localhost)."))
@click.option("--persons", default=300, show_default=True,
              help=say("Antall syntetiske personer som lages.", "Synthetic persons to generate."))
@click.option("--seed", default=1, show_default=True,
              help=say("Frø for de syntetiske sakene; samme frø gir samme demo.",
                       "Random seed of the synthetic cases; the same seed gives the same demo."))
@click.option("--no-serve", is_flag=True, help=say("Klargjør demodatabasen og avslutt.", "Prepare the demo database and exit."))
@click.option("--fresh", is_flag=True, help=say("Slett demodatabasen først.", "Delete the demo database first."))
def demo(port: int, persons: int, seed: int, no_serve: bool, fresh: bool) -> None:
    var_dir = Path(os.environ.get("HENVIS_VAR_DIR", Path.cwd() / "var"))
    _demo_environment(var_dir)
    database = var_dir / "henvis.sqlite3"
    on_sqlite_file = os.environ.get("DATABASE_URL") in (None, "", f"sqlite:///{database}")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{database}")
    # The links in notification e-mails point at this server (the worker inherits it).
    os.environ.setdefault("HENVIS_BASE_URL", f"http://127.0.0.1:{port}")
    if fresh:
        if not on_sqlite_file:
            raise Refused(say("--fresh sletter bare demoens SQLite-fil; tøm en annen database selv.",
                              "--fresh deletes the demo's SQLite file only; empty another database yourself."))
        if database.exists():
            database.unlink()
    setup_django()
    _migrate_and_load()
    create_demo_users()
    load_demo_data(persons, seed)
    _collect_static()
    url = f"http://127.0.0.1:{port}/"
    click.echo("")
    click.echo(say(f"Henvis-demo: {url}   (bare syntetiske data)", f"Henvis demo: {url}   (synthetic data only)"))
    click.echo(say(f"Logg inn med en av disse brukerne, passord: {DEMO_PASSWORD}",
                   f"Log in with one of these users, password: {DEMO_PASSWORD}"))
    for username, _org, _roles, what in DEMO_USERS:
        click.echo(f"  {username:<12} {say(DEMO_USERS_NB[username], what)}")
    click.echo(say(f"Anonym identifiseringsveileder (uten innlogging): {url}screening/",
                   f"Anonymous identification guide (no login): {url}screening/"))
    click.echo("")
    if no_serve:
        return
    from django.core.management import call_command

    worker = _start_worker(var_dir)
    # a plain `kill` must stop the worker too: SIGTERM unwinds through the `finally`
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        # --nostatic: WhiteNoise serves the collected files, as under gunicorn in production
        call_command("runserver", f"127.0.0.1:{port}", "--noreload", "--nostatic")
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:  # a job still running: stop it rather than wait
            worker.kill()
            worker.wait()


def _start_worker(var_dir: Path) -> subprocess.Popen[bytes]:
    """The background worker beside the demo server, as production runs one beside
    gunicorn: without it the notification e-mails would wait in the queue forever."""
    log = var_dir / "worker.log"
    click.echo(say(f"Bakgrunnsjobber (e-post til {var_dir / 'mail'}): logg i {log}",
                   f"Background worker (e-mails to {var_dir / 'mail'}): log in {log}"))
    with log.open("ab") as out:
        return subprocess.Popen([sys.executable, "-m", "django", "run_jobs"], stdout=out,
                                stderr=subprocess.STDOUT, env=os.environ.copy())


def _collect_static() -> None:
    """The stylesheets as production serves them (hashed names, compressed copies in
    STATIC_ROOT): outside DEBUG the pages name the hashed files."""
    from django.conf import settings
    from django.core.management import call_command

    if not settings.DEBUG:
        call_command("collectstatic", interactive=False, verbosity=0)


@click.command(help=say("Kjør webapplikasjonen (utviklingsserver; bruk en WSGI-server i drift).",
                        "Serve the web application (development server; use a WSGI server in production)."))
@click.option("--bind", default="127.0.0.1:8000", show_default=True,
              help=say("Adresse og port å lytte på, som HOST:PORT.", "Address and port to listen on, as HOST:PORT."))
def serve(bind: str) -> None:
    setup_django()
    from django.core.management import call_command

    call_command("runserver", bind, "--noreload")


@click.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True}, help=say(
    "Kjør en Django-administrasjonskommando (f.eks. `henvis manage createsuperuser`).",
    "Run a Django management command (e.g. `henvis manage createsuperuser`)."))
@click.pass_context
def manage(ctx: click.Context) -> None:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["henvis manage", *ctx.args])
