"""Two people, two tabs or two clicks at once: run calls at the same moment, each thread on its own
database connection. Row locks need PostgreSQL, so race tests skip elsewhere."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

racing = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def race(*calls):
    """Run `calls` at the same moment in threads of their own; return what each returned or raised
    (a ValidationError is returned, anything else fails the test)."""
    start = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        start.wait()
        try:
            results[index] = call()
        except ValidationError as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
