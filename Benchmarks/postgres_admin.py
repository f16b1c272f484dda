"""One copy of what the benchmarks do to a PostgreSQL server around a run: a statement on its own
autocommitted connection, fresh databases that are dropped afterwards, and a database's URL."""
import urllib.parse
import uuid

import psycopg2


def admin(server_url, statement):
    """Runs `statement` alone (CREATE/DROP DATABASE need autocommit); its first row, or None."""
    conn = psycopg2.connect(server_url)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(statement)
            return cur.fetchone() if cur.description else None
    finally:
        conn.close()


def database_url(server_url, database, scheme=None):
    """`server_url` with another database (and scheme, for SQLAlchemy's `postgresql+psycopg2`)."""
    parts = urllib.parse.urlparse(server_url)
    return parts._replace(path="/" + database, scheme=scheme or parts.scheme).geturl()


def new_database(server_url, prefix):
    """Creates a database with a fresh name starting with `prefix`; returns its name."""
    name = prefix + uuid.uuid4().hex[:12]
    admin(server_url, f"CREATE DATABASE {name}")
    return name


def drop_database(server_url, name):
    """Drops a run's database once the run is over (they used to pile up on the server)."""
    admin(server_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
