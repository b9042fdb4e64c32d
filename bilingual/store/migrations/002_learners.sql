-- Schema 2: every learner owns their data; accounts, login sessions, classes, assignments, reading log.
--
-- What happens to a schema-1 database (one shared library, per-profile settings keyed by name):
-- * settings "pref.<name>.<key>", "quiz.new_per_day.<name>", "quiz.running.<name>" move to
--   learner_settings of the profile <name> ("pref.<key>", "quiz.new_per_day", "quiz.running");
--   those of a name that has no profile, and "last_profile" (it made one browser's choice everyone's),
--   are dropped.
-- * imported texts and personal terms were seen by every profile: every profile keeps them, as its
--   own copy. The original text (same id, so its links keep working) goes to the profile used last,
--   else the first one; a database with texts or terms but no profile gets the profile "default".
ALTER TABLE profiles ADD COLUMN role TEXT NOT NULL DEFAULT 'student';   -- student | teacher
ALTER TABLE profiles ADD COLUMN password_hash TEXT;                     -- bcrypt; NULL: no password (local use)
ALTER TABLE profiles ADD COLUMN password_changed_at TEXT;

CREATE TABLE learner_settings (
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (profile_id, key)
);
INSERT INTO learner_settings(profile_id, key, value)
    SELECT p.id, 'pref.' || substr(s.key, length(p.name) + 7), s.value
    FROM settings s JOIN profiles p ON substr(s.key, 1, length(p.name) + 6) = 'pref.' || p.name || '.'
    WHERE true ON CONFLICT DO NOTHING;
INSERT INTO learner_settings(profile_id, key, value)
    SELECT p.id, 'quiz.new_per_day', s.value FROM settings s JOIN profiles p ON s.key = 'quiz.new_per_day.' || p.name
    WHERE true ON CONFLICT DO NOTHING;
INSERT INTO learner_settings(profile_id, key, value)
    SELECT p.id, 'quiz.running', s.value FROM settings s JOIN profiles p ON s.key = 'quiz.running.' || p.name
    WHERE true ON CONFLICT DO NOTHING;

INSERT INTO profiles(name, created_at)
    SELECT 'default', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    WHERE NOT EXISTS (SELECT 1 FROM profiles)
      AND (EXISTS (SELECT 1 FROM texts) OR EXISTS (SELECT 1 FROM personal_terms));

CREATE TABLE texts2 (
    id INTEGER PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,   -- the owner
    title TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
INSERT INTO texts2(id, profile_id, title, source, date, body, created_at, updated_at)
    SELECT t.id,
           coalesce((SELECT p.id FROM profiles p JOIN settings s ON s.key = 'last_profile' AND s.value = p.name),
                    (SELECT min(id) FROM profiles)),
           t.title, t.source, t.date, t.body, t.created_at, t.updated_at
    FROM texts t ORDER BY t.id;
INSERT INTO texts2(profile_id, title, source, date, body, created_at, updated_at)
    SELECT p.id, t.title, t.source, t.date, t.body, t.created_at, t.updated_at
    FROM texts2 t CROSS JOIN profiles p
    WHERE p.id <> t.profile_id ORDER BY p.id, t.id;
DROP TABLE texts;
ALTER TABLE texts2 RENAME TO texts;
CREATE INDEX texts_owner ON texts(profile_id);

CREATE TABLE personal_terms2 (
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    id TEXT NOT NULL,               -- glossary-style id, unique per learner, never one of the curated ids
    entry TEXT NOT NULL,            -- glossary.Entry.to_dict() as JSON
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (profile_id, id)
);
INSERT INTO personal_terms2(profile_id, id, entry, created_at, updated_at)
    SELECT p.id, t.id, t.entry, t.created_at, t.updated_at FROM personal_terms t CROSS JOIN profiles p;
DROP TABLE personal_terms;
ALTER TABLE personal_terms2 RENAME TO personal_terms;

DELETE FROM settings
    WHERE substr(key, 1, 5) = 'pref.' OR substr(key, 1, 17) = 'quiz.new_per_day.' OR substr(key, 1, 13) = 'quiz.running.'
       OR key = 'last_profile';

CREATE TABLE login_sessions (
    id TEXT PRIMARY KEY,            -- random; the browser's signed cookie names it
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ended_at TEXT                   -- set by logout (or a password change)
);
CREATE INDEX login_sessions_profile ON login_sessions(profile_id);
CREATE TABLE login_failures (
    name_key TEXT NOT NULL,         -- the name tried, case-folded (no password is ever stored)
    failed_at TEXT NOT NULL
);
CREATE INDEX login_failures_name ON login_failures(name_key, failed_at);

CREATE TABLE classes (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    teacher_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
);
CREATE TABLE class_members (
    class_id INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    added_at TEXT NOT NULL,
    PRIMARY KEY (class_id, profile_id)
);
CREATE INDEX class_members_profile ON class_members(profile_id);
CREATE TABLE assignments (
    id INTEGER PRIMARY KEY,
    class_id INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,       -- a curated article's id, or mine-<n> for a text the teacher shares
    text_id INTEGER REFERENCES texts(id) ON DELETE CASCADE,
    due TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD, or '' for no due date
    created_at TEXT NOT NULL,
    UNIQUE (class_id, article_id)
);
CREATE TABLE reading_log (
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    first_read_at TEXT NOT NULL,
    last_read_at TEXT NOT NULL,
    PRIMARY KEY (profile_id, article_id)
);
CREATE INDEX reviews_profile_card ON reviews(profile_id, card_id, reviewed_at);
CREATE INDEX reviews_profile_article ON reviews(profile_id, article_id);
CREATE INDEX cards_profile_article ON cards(profile_id, article_id);
