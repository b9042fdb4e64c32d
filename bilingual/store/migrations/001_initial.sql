-- Schema 1: profiles, quiz cards and reviews, imported texts, personal terms, MT cache, settings.
CREATE TABLE profiles (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE TABLE cards (
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    card_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    article_id TEXT,
    state TEXT NOT NULL,            -- fsrs.Card.to_dict() as JSON
    due TEXT NOT NULL,              -- ISO 8601 UTC
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (profile_id, card_id)
);
CREATE INDEX cards_due ON cards(profile_id, due);
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    card_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    article_id TEXT,
    correct INTEGER NOT NULL,
    rating INTEGER NOT NULL,        -- fsrs.Rating value 1..4
    answer TEXT NOT NULL DEFAULT '',
    reviewed_at TEXT NOT NULL       -- ISO 8601 UTC
);
CREATE INDEX reviews_profile_time ON reviews(profile_id, reviewed_at);
CREATE TABLE texts (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE TABLE personal_terms (
    id TEXT PRIMARY KEY,            -- glossary-style id, never one of the curated ids
    entry TEXT NOT NULL,            -- glossary.Entry.to_dict() as JSON
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE TABLE mt_cache (
    model_key TEXT NOT NULL,        -- name@version#checksum of the Argos package
    source TEXT NOT NULL,           -- the exact Arabic sentence
    target TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (model_key, source)
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

