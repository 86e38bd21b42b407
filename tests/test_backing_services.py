"""The production back-ends answer when configured (CI sets them: PostgreSQL, Redis cache and broker)."""

import os

import pytest
from django.core.cache import cache, caches
from django.db import connection

from config.celery import app


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set")
def test_the_cache_is_shared_through_redis():
    cache.set("samtal-ci-probe", "ok", 10)
    assert cache.get("samtal-ci-probe") == "ok"
    assert type(caches["default"]).__name__ == "RedisCache"


@pytest.mark.skipif(
    not os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"), reason="the broker is not Redis"
)
def test_the_celery_broker_accepts_connections():
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=2)
        assert conn.transport.driver_type == "redis"


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="not on PostgreSQL")
def test_the_database_is_postgresql(db):
    assert connection.vendor == "postgresql"
