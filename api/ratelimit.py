"""Requests per token: a token bucket per key, in the memory of each API process."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

from api.errors import RateLimited


class TokenBuckets:
    def __init__(self, per_minute: int, burst: int, max_keys: int = 100_000, clock=time.monotonic) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.max_keys = max_keys
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, key: str) -> None:
        """Spend one request of `key`'s allowance, or raise `RateLimited`."""
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.pop(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            allowed = tokens >= 1.0
            self._buckets[key] = (tokens - 1.0 if allowed else tokens, now)
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
        if not allowed:
            raise RateLimited()
