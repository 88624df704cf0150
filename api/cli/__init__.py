"""The `oncoguide` command. Each subcommand lives in its own module and registers itself on `app`.

Errors from any stage are `OncoguideError`s: `main` prints their message (never record text) on
stderr and exits with the error's code from the taxonomy in `ingest/errors.py`.
"""

from __future__ import annotations

import sys

import typer

from ingest.errors import OncoguideError

app = typer.Typer(
    name="oncoguide",
    help="Read breast-cancer records, extract a profile with evidence, and tailor answers to it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """oncoguide: records in, profile with evidence, tailored guidance out."""

# Subcommand modules: importing one registers its commands on `app`.
from api.cli import version_cmd  # noqa: E402,F401  (one import line per subcommand module)
from api.cli import ingest_cmd  # noqa: E402,F401
from api.cli import serve_cmd, worker_cmd, user_cmd, patient_cmd, demo_cmd  # noqa: E402,F401
from api.cli import eval_cmd  # noqa: E402,F401
from api.cli import guide_cmd  # noqa: E402,F401
from api.cli import profile_cmd  # noqa: E402,F401
from api.cli import storage_cmd  # noqa: E402,F401


def main(argv: list[str] | None = None) -> int:
    try:
        # Without standalone mode click returns a raised typer.Exit's code instead of raising it.
        result = app(args=argv, standalone_mode=False)
    except OncoguideError as exc:
        typer.echo(f"error [{exc.code}]: {exc.message}", err=True)
        return exc.exit_code
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        typer.echo("aborted", err=True)
        return 130
    except Exception as exc:  # click usage errors carry their own exit code
        code = getattr(exc, "exit_code", None)
        if code is not None and hasattr(exc, "show"):
            exc.show()
            return code
        raise
    return result if isinstance(result, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
