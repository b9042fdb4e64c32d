"""Logging in and out: a password check with rate limiting, and a signed session token with expiry.

``login`` checks the name and password (bcrypt) and starts a login session: a row in
``login_sessions`` and a token for the browser's cookie, ``v1.<session id>.<expiry>.<signature>``
(HMAC-SHA256 with a random secret kept in the database, so every app process sharing the database
accepts it). ``resolve`` turns a token back into the learner, or None when it is forged, expired,
logged out, or its learner or password changed. ``logout`` ends the session on the server, so a
copied cookie stops working too.

Wrong name and wrong password give the same answer. After ``MAX_FAILURES`` failed attempts on one
name within ``WINDOW`` the name is locked until the oldest of them is ``WINDOW`` old (counted in the
database: across app processes). Nothing here logs or stores a password.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from bilingual.accounts.learners import Learner, get_learner
from bilingual.accounts.names import name_key
from bilingual.accounts.passwords import check_password, hash_password
from bilingual.errors import LoginRefused
from bilingual.schedule.clock import UTC, iso, now_utc, parse_iso
from bilingual.store import Store
from bilingual.store import accounts as rows
from bilingual.store import profiles as profile_rows

__all__ = [
    "MAX_FAILURES",
    "SESSION_HOURS_ENV",
    "WINDOW",
    "LoginResult",
    "login",
    "logout",
    "resolve",
    "session_lifetime",
]

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
#: How long a login lasts, in hours (default 12).
SESSION_HOURS_ENV = "BILINGUAL_SESSION_HOURS"
_SECRET_KEY = "auth.secret"
_WRONG = "Wrong name or password."


@dataclass(frozen=True)
class LoginResult:
    learner: Learner
    token: str
    expires: datetime

    @property
    def max_age(self) -> int:
        """Seconds until the token expires (the cookie's Max-Age)."""
        return max(0, int((self.expires - now_utc()).total_seconds()))


def session_lifetime() -> timedelta:
    try:
        hours = float(os.environ.get(SESSION_HOURS_ENV) or 12)
    except ValueError:
        hours = 12.0
    return timedelta(hours=max(hours, 1 / 3600))


def _secret(store: Store) -> bytes:
    value = store.get_setting(_SECRET_KEY)
    if not value:
        candidate = secrets.token_urlsafe(32)
        with store.transaction():
            store.lock(_SECRET_KEY)
            value = store.get_setting(_SECRET_KEY)
            if not value:
                store.set_setting(_SECRET_KEY, candidate)
                value = candidate
    return value.encode("ascii")


def _sign(secret: bytes, payload: str) -> str:
    mac = hmac.new(secret, payload.encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode("ascii").rstrip("=")


@cache
def _dummy_hash() -> str:
    """Checked against when the name is unknown or has no password: the same work, the same answer."""
    return hash_password(secrets.token_urlsafe(16))


def _failures(store: Store, key: str, now: datetime) -> list[datetime]:
    return [parse_iso(t) for t in rows.failures_since(store, key, iso(now - WINDOW))]


def login(store: Store, name: str, password: str, *, now: datetime | None = None) -> LoginResult:
    """Check the password and start a login session; LoginRefused (same message for a wrong name or
    password; with ``retry_after`` when locked)."""
    now = (now or now_utc()).astimezone(UTC)
    key = name_key(name)
    recent = _failures(store, key, now)
    if len(recent) >= MAX_FAILURES:
        wait = (recent[-MAX_FAILURES] + WINDOW - now).total_seconds()
        minutes = max(1, round(wait / 60))
        raise LoginRefused(f"Too many failed attempts for this name. Try again in {minutes} minute{'s' if minutes != 1 else ''}.", wait)
    learner = _by_key(store, key)
    stored = profile_rows.get(store, learner.id)["password_hash"] if learner else None
    ok = check_password(password, stored or _dummy_hash()) and bool(stored)
    if not ok or learner is None:
        rows.add_failure(store, key, iso(now))
        raise LoginRefused(_WRONG)
    rows.forget_failures(store, key)
    session_id = secrets.token_urlsafe(24)
    expires = now + session_lifetime()
    rows.start_session(store, session_id, learner.id, iso(now), iso(expires))
    payload = f"v1.{session_id}.{int(expires.timestamp())}"
    return LoginResult(learner, f"{payload}.{_sign(_secret(store), payload)}", expires)


def _by_key(store: Store, key: str) -> Learner | None:
    matches = [r for r in profile_rows.all_rows(store) if r["name"].casefold() == key]
    return get_learner(store, int(matches[0]["id"])) if len(matches) == 1 else None


def _session_id(store: Store, token: str, now: datetime) -> str | None:
    """The session id in a well-formed, correctly signed, unexpired token."""
    if not isinstance(token, str) or len(token) > 300:
        return None
    parts = token.split(".")
    if len(parts) != 4 or parts[0] != "v1" or not parts[2].isdigit():
        return None
    payload = ".".join(parts[:3])
    if not hmac.compare_digest(_sign(_secret(store), payload), parts[3]):
        return None
    if int(parts[2]) <= now.timestamp():
        return None
    return parts[1]


def resolve(store: Store, token: str | None, *, now: datetime | None = None) -> Learner | None:
    """The learner a browser's token logs in, or None (forged, expired, logged out, learner gone or
    no longer with a password)."""
    now = (now or now_utc()).astimezone(UTC)
    session_id = _session_id(store, token or "", now)
    if session_id is None:
        return None
    row = rows.get_session(store, session_id)
    if row is None or row["ended_at"] or parse_iso(row["expires_at"]) <= now:
        return None
    learner = get_learner(store, int(row["profile_id"]))
    return learner if learner is not None and learner.has_password else None


def logout(store: Store, token: str | None, *, now: datetime | None = None) -> bool:
    """End the login session of ``token`` on the server; True when one was open."""
    now = (now or now_utc()).astimezone(UTC)
    parts = (token or "").split(".")
    session_id = _session_id(store, token or "", now) if len(parts) == 4 else None
    return rows.end_session(store, session_id, iso(now)) if session_id else False
