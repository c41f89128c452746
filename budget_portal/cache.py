"""The cache is a speed-up, never a dependency: when it fails (its table was never created, its
server is down) every read is a miss and every write is dropped, so pages are built uncached.

A warning goes to the log once per process and backend, not on every request. And `migrate`
creates the database cache table (`create_cache_table`, run on post_migrate), so the usual
upgrade step is all a deployment needs.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.management import call_command
from django.db import DatabaseError, connections, router, transaction

logger = logging.getLogger(__name__)

# Backends that have warned in this process.
_warned: set[str] = set()


def _faults() -> tuple[type[Exception], ...]:
    faults: list[type[Exception]] = [DatabaseError, OSError]
    try:
        from redis.exceptions import RedisError
    except ImportError:  # the redis client is an extra; without it there is no Redis cache
        pass
    else:
        faults.append(RedisError)
    return tuple(faults)


FAULTS = _faults()


class ForgivingCache:
    """Mixed in before a Django cache backend: its faults become misses and dropped writes."""

    def _call(self, method: str, fallback: Any, *args, **kwargs) -> Any:
        try:
            return self._run(getattr(super(), method), *args, **kwargs)
        except FAULTS as exc:
            name = type(self).__name__
            if name not in _warned:
                _warned.add(name)
                logger.warning(
                    "Cachen svarer ikke (%s: %s); siderne bygges uden cache.",
                    type(exc).__name__,
                    exc,
                )
            return fallback

    def _run(self, operation, *args, **kwargs):
        return operation(*args, **kwargs)

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def clear(self):
        return self._call("clear", None)


class DatabaseCache(ForgivingCache, DjangoDatabaseCache):
    def _run(self, operation, *args, **kwargs):
        # PostgreSQL aborts a transaction at its first error: inside one (ATOMIC_REQUESTS, a
        # service), a failed cache query gets a savepoint of its own so the rest goes on.
        alias = router.db_for_write(self.cache_model_class)
        if connections[alias].in_atomic_block:
            with transaction.atomic(using=alias):
                return operation(*args, **kwargs)
        return operation(*args, **kwargs)


class RedisCache(ForgivingCache, DjangoRedisCache):
    pass


def create_cache_table(sender, using: str = "default", **kwargs) -> None:
    """post_migrate: `createcachetable` for the database caches (it skips the others and the
    tables that exist), so a `migrate` after an upgrade is enough."""
    call_command("createcachetable", database=using, verbosity=0)
