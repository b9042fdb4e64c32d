-- Schema 4: costs that stay linear (issue 18). Indexes that cover the aggregated queries of the
-- Library, the Quiz and the Progress page (counts and sums per learner, read from the index alone),
-- and the spellings of each learner's personal terms as match keys, so that adding a term checks
-- them by index instead of reading every term (filled for existing terms by a Python step:
-- bilingual.store.terms.fill_forms).
DROP INDEX reviews_profile_time;
CREATE INDEX reviews_profile_time ON reviews(profile_id, reviewed_at, correct);
DROP INDEX reviews_profile_article;
CREATE INDEX reviews_profile_article ON reviews(profile_id, article_id, correct);
CREATE INDEX reviews_profile_kind ON reviews(profile_id, kind, correct);
CREATE INDEX reviews_profile_card_result ON reviews(profile_id, card_id, correct, reviewed_at);
DROP INDEX cards_profile_article;
CREATE INDEX cards_profile_article ON cards(profile_id, article_id, due);
CREATE INDEX personal_terms_created ON personal_terms(profile_id, created_at, id);
CREATE TABLE personal_term_forms (
    profile_id INTEGER NOT NULL,
    form_key TEXT NOT NULL,          -- text.normalize.normalize() of one Arabic spelling of the term
    term_id TEXT NOT NULL,
    PRIMARY KEY (profile_id, form_key, term_id),
    FOREIGN KEY (profile_id, term_id) REFERENCES personal_terms(profile_id, id) ON DELETE CASCADE
);
CREATE INDEX personal_term_forms_term ON personal_term_forms(profile_id, term_id);
