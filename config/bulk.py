"""Writing many rows fast: COPY on PostgreSQL, batched executemany elsewhere (SQLite). The demo seed and
the report figures refresh write with it."""

from collections.abc import Iterable
from contextlib import contextmanager
from itertools import islice

from django.db import connection, models

BATCH = 5000


def insert_rows(table: str, columns: list[str], rows: Iterable[tuple | list]) -> None:
    """Insert `rows` (values already prepared for the database, in `columns` order) into `table`.
    Rows are consumed as they come, so a generator keeps memory flat at any size."""
    quote = connection.ops.quote_name
    column_list = ", ".join(quote(column) for column in columns)
    rows = iter(rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One COPY stream instead of a statement per row: several times faster at a million rows.
            with cursor.cursor.copy(f"COPY {quote(table)} ({column_list}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {quote(table)} ({column_list}) VALUES ({', '.join(['%s'] * len(columns))})"
        while batch := list(islice(rows, BATCH)):
            cursor.executemany(sql, batch)


# Fields whose values PostgreSQL's driver takes as they are, exactly as Django's backend passes them.
UNCHANGED_ON_POSTGRESQL = (
    models.IntegerField,  # with the ids and foreign keys
    models.ForeignKey,
    models.CharField,
    models.TextField,
    models.DateField,  # and DateTimeField (aware datetimes)
    models.DecimalField,
    models.BooleanField,
)


def insert_values(model, rows: Iterable[tuple], columns: list[str]) -> None:
    """Insert plain tuples of Python values for `model`'s fields `columns` with insert_rows(): on a
    million rows this is many times faster than bulk_create. `rows` may be a generator. Values are
    prepared by their field only where the database needs it (on PostgreSQL: JSON and arrays)."""
    fields = [model._meta.get_field(column) for column in columns]
    postgresql = connection.vendor == "postgresql"
    to_prepare = [
        (position, field, {})  # the same dates and numbers recur: adapt each value once
        for position, field in enumerate(fields)
        if not (postgresql and isinstance(field, UNCHANGED_ON_POSTGRESQL))
    ]

    def prepared():
        for row in rows:
            row = list(row)
            for position, field, cache in to_prepare:
                value = row[position]
                if value not in cache:
                    cache[value] = field.get_db_prep_save(value, connection)
                row[position] = cache[value]
            yield row

    insert_rows(model._meta.db_table, [field.column for field in fields], prepared() if to_prepare else rows)


@contextmanager
def foreign_keys_checked_once(models):
    """On PostgreSQL, drop the foreign keys of `models`' tables for the block and add them back at
    its end, inside the caller's transaction. Each key then checks every row in one join when it is
    added, instead of one look-up per inserted row at commit (PostgreSQL's advice for bulk loads):
    at 25,000 people those look-ups took a fifth of the seed. A row that points nowhere still fails
    the whole seed. Elsewhere (SQLite) it does nothing."""
    if connection.vendor != "postgresql":
        yield
        return
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid = ANY(%s::regclass[]) ORDER BY 1, 2",
            [tables],
        )
        foreign_keys = cursor.fetchall()
        for table, name, _definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        for table, name, definition in foreign_keys:
            cursor.execute(
                f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}"
            )
