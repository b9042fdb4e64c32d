"""Passwords: checked for length, hashed with bcrypt (salted, slow on purpose), never kept in clear.

A password is normalised to NFKC before hashing (the same characters typed on another keyboard are
the same password). bcrypt reads at most 72 bytes, so a longer password is refused rather than
silently cut. The work factor is ``BILINGUAL_BCRYPT_ROUNDS`` (default 12; the tests use 4).
"""

from __future__ import annotations

import os
import unicodedata

from bilingual.errors import AccountError

__all__ = ["MAX_PASSWORD_BYTES", "MIN_PASSWORD", "ROUNDS_ENV", "check_password", "hash_password", "valid_password"]

MIN_PASSWORD = 8
MAX_PASSWORD_BYTES = 72
ROUNDS_ENV = "BILINGUAL_BCRYPT_ROUNDS"


def valid_password(password: str) -> bytes:
    """The password as bcrypt takes it (NFKC, UTF-8); AccountError when too short or too long."""
    text = unicodedata.normalize("NFKC", password or "")
    if len(text) < MIN_PASSWORD:
        raise AccountError(f"a password has at least {MIN_PASSWORD} characters")
    data = text.encode("utf-8")
    if len(data) > MAX_PASSWORD_BYTES:
        raise AccountError(f"a password has at most {MAX_PASSWORD_BYTES} bytes (UTF-8)")
    return data


def hash_password(password: str) -> str:
    """The bcrypt hash (``$2b$...``) to store."""
    import bcrypt

    rounds = int(os.environ.get(ROUNDS_ENV) or 12)
    return bcrypt.hashpw(valid_password(password), bcrypt.gensalt(rounds=max(4, min(rounds, 16)))).decode("ascii")


def check_password(password: str, stored_hash: str | None) -> bool:
    """True when ``password`` matches the stored hash (False for no hash, or a password bcrypt cannot take)."""
    import bcrypt

    if not stored_hash:
        return False
    data = unicodedata.normalize("NFKC", password or "").encode("utf-8")
    if not data or len(data) > MAX_PASSWORD_BYTES:
        return False
    try:
        return bcrypt.checkpw(data, stored_hash.encode("ascii"))
    except ValueError:
        return False
