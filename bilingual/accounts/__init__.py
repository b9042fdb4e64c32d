"""Learners and accounts: names (``names``: one normal form, no look-alikes), passwords
(``passwords``: bcrypt), learners with roles and server mode (``learners``), logging in and out with
signed, expiring session tokens and rate limiting (``sessions``), and a learner's portable export
(``portable``)."""

from bilingual.accounts.learners import (
    ACCOUNTS_ENV,
    Learner,
    Role,
    create_learner,
    find_learner,
    get_learner,
    list_learners,
    remove_learner,
    server_mode,
    set_password,
)
from bilingual.accounts.names import clean_name, look_alike
from bilingual.accounts.sessions import LoginResult, login, logout, resolve

__all__ = [
    "ACCOUNTS_ENV",
    "Learner",
    "LoginResult",
    "Role",
    "clean_name",
    "create_learner",
    "find_learner",
    "get_learner",
    "list_learners",
    "login",
    "logout",
    "look_alike",
    "remove_learner",
    "resolve",
    "server_mode",
    "set_password",
]
