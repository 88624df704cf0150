"""Alembic environment: runs on the connection handed over by `api.db.migrate`, or on the URL of
ONCOGUIDE_DATABASE_URL when called from the `alembic` command line."""

from alembic import context
from sqlmodel import SQLModel

import api.db  # noqa: F401  (registers the tables on SQLModel.metadata)

target_metadata = SQLModel.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # pragma: no cover - command-line use
    from api.db import make_engine
    from api.settings import load_settings

    engine = make_engine(load_settings().resolved_database_url)
    with engine.begin() as conn:
        _run(conn)
