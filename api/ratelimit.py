"""Rate limits, in the memory of each API process: requests per token, and failed
authentications per client address.

Both are token buckets: a key may spend `burst` at once, then `per_minute` a minute as the bucket
refills. A refused request says when to try again (`RateLimited.retry_after`, sent as
`Retry-After`).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

from api.errors import RateLimited


class TokenBuckets:
    def __init__(self, per_minute: float, burst: float, max_keys: int = 100_000, clock=time.monotonic) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.max_keys = max_keys
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def _update(self, key: str, cost: float) -> float:
        """Refill `key`'s bucket, spend `cost` if it holds that much; return what it held before."""
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.pop(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            self._buckets[key] = (tokens - cost if tokens >= cost else tokens, now)
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
        return tokens

    def _refused(self, held: float) -> RateLimited:
        return RateLimited(retry_after=(1.0 - held) / self.rate if self.rate > 0 else 60.0)

    def take(self, key: str) -> None:
        """Spend one request of `key`'s allowance, or raise `RateLimited`."""
        held = self._update(key, 1.0)
        if held < 1.0:
            raise self._refused(held)

    def check(self, key: str) -> None:
        """Raise `RateLimited` when `key` has nothing left, without spending."""
        held = self._update(key, 0.0)
        if held < 1.0:
            raise self._refused(held)

    def spend(self, key: str) -> None:
        """Spend one of `key`'s allowance if any is left (what was refused is not spent again)."""
        self._update(key, 1.0)


class AuthFailures:
    """Failed authentications per client address, shared by the API (bearer tokens), the pages'
    session cookies and the web sign-in (passwords).

    Each failure (an unknown or revoked token, a wrong password) spends one from the address's
    bucket; while it is empty, that address's authentications are refused with 429 before the
    database is asked (or scrypt runs). Only failures spend, so nobody is locked out for longer
    than the refill of one failure (60 / `per_minute` seconds) after the failures stop. A token
    that authenticated in this process is let through even while its address is limited, so a
    user sharing an address (a clinic's network, a proxy) with a misbehaving client keeps working.
    """

    def __init__(self, per_minute: float, burst: float, *, remember: int = 100_000, clock=time.monotonic) -> None:
        self.buckets = TokenBuckets(per_minute, burst, clock=clock)
        self.remember = remember
        self._good: OrderedDict[str, None] = OrderedDict()  # sha256 of tokens that authenticated
        self._lock = threading.Lock()

    @staticmethod
    def _key(address: str | None) -> str:
        return f"auth:{address or 'unknown'}"

    def check(self, address: str | None, token_hash: str | None = None) -> None:
        """Raise `RateLimited` when `address` has used up its failures (unless `token_hash` is
        a token that authenticated before)."""
        if token_hash is not None:
            with self._lock:
                if token_hash in self._good:
                    return
        self.buckets.check(self._key(address))

    def failed(self, address: str | None, token_hash: str | None = None) -> None:
        if token_hash is not None:
            with self._lock:
                self._good.pop(token_hash, None)
        self.buckets.spend(self._key(address))

    def succeeded(self, token_hash: str) -> None:
        with self._lock:
            self._good.pop(token_hash, None)
            self._good[token_hash] = None
            while len(self._good) > self.remember:
                self._good.popitem(last=False)
