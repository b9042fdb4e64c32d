"""My terms: the learner's own glossary layer (add, edit, delete), highlighted like the curated glossary.

Thin page: validation and storage are in ``bilingual.imports.personal_terms`` (the same checks as the curated
glossary, ``glossary.parse_entry``). The curated files in glossary/ are never modified.
Query parameters prefill the add form (the reader's word card, "Add as my term"): ``ar=`` the Arabic,
``en=`` the English name, ``romanization=``, ``type=`` (one of the entry types); each cleaned to one
line within the glossary's limits, shown in a text field (never as Markdown). The list is shown a page
at a time (``PER_PAGE`` terms, newest first), so the page costs the same with 10 or 10,000 terms.
"""

from __future__ import annotations

import streamlit as st

from bilingual.errors import ImportRefused
from bilingual.glossary import ENTRY_TYPES, LIMITS, TYPE_LABELS
from bilingual.imports import personal_terms
from bilingual.text.sanitize import clean_line
from bilingual.text.sanitize import markdown_literal as md
from ui import data
from ui.style import page_setup
from ui.widgets import confirm_delete

FIELDS = ("ar", "ar_variants", "en", "en_variants", "type", "romanization", "description", "lat", "lon", "acronym")
PER_PAGE = 25
#: The fields a link may prefill, with their length limits.
PREFILL = {"ar": LIMITS["name"], "en": LIMITS["name"], "romanization": LIMITS["romanization"]}

page_setup("My terms", icon="🏷️")
store = data.get_store()  # first: the login form or the learner chooser, when needed
st.title("My terms")
st.caption(
    "Names you add are highlighted in every article, next to the curated glossary, and marked “mine”. "
    "They live in your own database."
)
owner = data.learner().id  # every term here is this learner's own
curated = data.get_curated_glossary()

# clear the add form after a successful save (before its widgets exist in this run)
if st.session_state.pop("term_reset", False):
    for f in FIELDS:
        st.session_state.pop(f"term_new_{f}", None)
if "term_new_ar" not in st.session_state:  # a fresh form (entering the page): what the link brings
    for f, limit in PREFILL.items():
        st.session_state[f"term_new_{f}"] = clean_line(st.query_params.get(f, ""), limit)
    if st.query_params.get("type") in ENTRY_TYPES:
        st.session_state["term_new_type"] = st.query_params["type"]


def term_form(prefix: str, submit_label: str) -> tuple[bool, dict]:
    # required fields carry a "*" (the glossary's own rules: bilingual.glossary.parse_entry)
    c1, c2 = st.columns(2)
    c1.text_input("Arabic (as written) *", key=f"{prefix}ar")
    c2.text_input("English name *", key=f"{prefix}en")
    c1.text_area("Other Arabic spellings (one per line)", key=f"{prefix}ar_variants", height=90)
    c2.text_area("Other English spellings (one per line)", key=f"{prefix}en_variants", height=90)
    c1.selectbox("Type *", ENTRY_TYPES, key=f"{prefix}type", format_func=lambda t: TYPE_LABELS[t])
    c2.text_input("Romanization (optional)", key=f"{prefix}romanization")
    st.text_area("Description (1–3 sentences) *", key=f"{prefix}description", height=80)
    c3, c4, c5 = st.columns(3)
    c3.text_input("Latitude (places *)", key=f"{prefix}lat")
    c4.text_input("Longitude (places *)", key=f"{prefix}lon")
    c5.text_input("Acronym (optional)", key=f"{prefix}acronym")
    st.caption("\\* required; a place also needs its latitude and longitude.")
    submitted = st.form_submit_button(submit_label, type="primary")
    return submitted, {f: st.session_state.get(f"{prefix}{f}") for f in FIELDS}


st.subheader("Add a term")
with st.form("term_add"):
    submitted, fields = term_form("term_new_", "Add term")
if submitted:
    entry = None
    with data.saving("Your term"):
        try:
            entry = personal_terms.add_personal_term(store, fields, curated, owner=owner)
        except ImportRefused as exc:
            st.error(md(f"Not added: {exc}"))
    if entry is not None:
        st.session_state["term_reset"] = True
        st.session_state["term_added"] = entry.en
        st.session_state["terms_page"] = 1  # the newest term is first
        for f in (*PREFILL, "type"):  # the next term starts empty, not with the link's word again
            if f in st.query_params:
                del st.query_params[f]
        st.rerun()
if added := st.session_state.pop("term_added", None):
    st.success(f"Added “{md(added)}”: it is now highlighted wherever it appears.")

st.divider()
st.subheader("My terms")
total = personal_terms.personal_count(store, owner=owner)
pages = max(1, -(-total // PER_PAGE))
if st.session_state.get("terms_page", 1) > pages:
    st.session_state["terms_page"] = pages
if not total:
    st.caption("No terms of your own yet.")
elif pages > 1:
    c1, c2 = st.columns([1, 3], vertical_alignment="bottom")
    page = c1.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, step=1, key="terms_page")
    first = (page - 1) * PER_PAGE
    c2.caption(f"Terms {first + 1:,}–{min(first + PER_PAGE, total):,} of {total:,}, newest first.")
page_no = st.session_state.get("terms_page", 1) if pages > 1 else 1
terms = personal_terms.personal_page(store, owner=owner, offset=(page_no - 1) * PER_PAGE, limit=PER_PAGE)
for entry in terms:
    label = f"🏷️ mine · {md(entry.en)} — {md(entry.ar)}"
    with st.expander(label):
        st.text(entry.description)
        prefix = f"term_{entry.id}_"
        if f"{prefix}ar" not in st.session_state:
            for k, v in personal_terms.term_fields(entry).items():
                st.session_state[f"{prefix}{k}"] = v
        with st.form(f"term_edit_{entry.id}"):
            saved, fields = term_form(prefix, "Save changes")
        if saved:
            done = None
            with data.saving("Your changes to this term"):
                try:
                    done = personal_terms.update_personal_term(store, entry.id, fields, curated, owner=owner)
                except ImportRefused as exc:
                    st.error(md(f"Not saved: {exc}"))
            if done is not None:
                st.rerun()

        def _delete(term_id: str = entry.id, prefix: str = prefix) -> None:
            personal_terms.delete_personal_term(store, term_id, owner=owner)
            for f in FIELDS:
                st.session_state.pop(f"{prefix}{f}", None)

        confirm_delete("term", entry.id, "Delete this term? It will no longer be highlighted.", data.guarded(_delete, "Deleting this term"))
