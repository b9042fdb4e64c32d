-- Schema 3: vocabulary. A learner's word statuses (per lemma, not per spelling: وبالأمن، الأمن and أمن
-- are one word), the history of those statuses (the Progress page's "known words over time"), the
-- words they saved with the sentence they met them in, and their own English translation of an
-- imported text, sentence by sentence.
CREATE TABLE word_statuses (
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    lemma_key TEXT NOT NULL,        -- words.analysis.Analysis.lemma_key, e.g. '>amon/N'
    status INTEGER NOT NULL,        -- 0 new, 1-4 learning, 5 known, 9 ignored (bilingual.vocab.status.Status)
    updated_at TEXT NOT NULL,
    PRIMARY KEY (profile_id, lemma_key)
);
CREATE TABLE word_status_log (
    id INTEGER PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    lemma_key TEXT NOT NULL,
    status INTEGER NOT NULL,        -- the status set at changed_at
    changed_at TEXT NOT NULL
);
CREATE INDEX word_status_log_profile ON word_status_log(profile_id, changed_at);
CREATE TABLE saved_words (
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    lemma_key TEXT NOT NULL,
    lemma TEXT NOT NULL,            -- the Arabic citation form, vowelled (أَمْن)
    surface TEXT NOT NULL,          -- the word as it was met (وبالأمن)
    article_id TEXT NOT NULL,       -- where: a curated article or mine-<n>
    sentence_id TEXT NOT NULL,
    token_index INTEGER NOT NULL,   -- the word's place among the sentence's Arabic words
    sentence TEXT NOT NULL,         -- the sentence's Arabic, kept with the word (its cards outlive the text)
    gloss TEXT NOT NULL,            -- the English the learner chose
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (profile_id, lemma_key)
);
CREATE TABLE own_translations (
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,   -- whose translation
    text_id INTEGER NOT NULL REFERENCES texts(id) ON DELETE CASCADE,         -- goes with its text
    sentence_id TEXT NOT NULL,
    english TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (profile_id, text_id, sentence_id)
);
CREATE INDEX own_translations_text ON own_translations(text_id);
