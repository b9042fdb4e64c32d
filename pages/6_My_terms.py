"""My terms: the learner's own glossary layer (add, edit, delete), highlighted like the curated glossary.

Thin page: validation and storage are in ``bilingual.imports.personal_terms`` (the same checks as the curated
glossary, ``glossary.parse_entry``). The curated files in glossary/ are never modified.
Query parameters prefill the add form (the reader's word card, "Add as my term"): ``ar=`` the Arabic,
``en=`` the English name, ``romanization=``, ``type=`` (one of the entry types); each cleaned to one
line within the glossary's limits, shown in a text field (never as Markdown).
"""

from __future__ import annotations

import streamlit as st

from bilingual.errors import ImportRefused
from bilingual.glossary import ENTRY_TYPES, LIMITS, ORIGIN_MINE, TYPE_LABELS, Glossary
from bilingual.imports import personal_terms
from bilingual.text.sanitize import clean_line
from bilingual.text.sanitize import markdown_literal as md
from ui import data
from ui.style import page_setup
from ui.widgets import confirm_delete

FIELDS = ("ar", "ar_variants", "en", "en_variants", "type", "romanization", "description", "lat", "lon", "acronym")
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
merged = data.get_glossary()
curated = Glossary(tuple(e for e in merged if e.origin != ORIGIN_MINE))

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
    try:
        entry = personal_terms.add_personal_term(store, fields, curated, owner=owner)
    except ImportRefused as exc:
        st.error(md(f"Not added: {exc}"))
    else:
        st.session_state["term_reset"] = True
        st.session_state["term_added"] = entry.en
        for f in (*PREFILL, "type"):  # the next term starts empty, not with the link's word again
            if f in st.query_params:
                del st.query_params[f]
        st.rerun()
if added := st.session_state.pop("term_added", None):
    st.success(f"Added “{md(added)}”: it is now highlighted wherever it appears.")

st.divider()
st.subheader("My terms")
terms = personal_terms.personal_entries(store, owner=owner)
if not terms:
    st.caption("No terms of your own yet.")
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
            try:
                personal_terms.update_personal_term(store, entry.id, fields, curated, owner=owner)
            except ImportRefused as exc:
                st.error(md(f"Not saved: {exc}"))
            else:
                st.rerun()

        def _delete(term_id: str = entry.id, prefix: str = prefix) -> None:
            personal_terms.delete_personal_term(store, term_id, owner=owner)
            for f in FIELDS:
                st.session_state.pop(f"{prefix}{f}", None)

        confirm_delete("term", entry.id, "Delete this term? It will no longer be highlighted.", _delete)
