"""Streamlit glue for ``app.py`` and ``pages/``: cached data (``data``), session and URL state
(``state``), shared widgets (``widgets``), charts (``charts``) and the stylesheet (``style``).
Only layout and caching; everything computed comes from the ``bilingual`` core package.
"""

#: Page files, for ``st.page_link`` and ``st.switch_page``.
READER_PAGE = "pages/1_Reader.py"
GLOSSARY_PAGE = "pages/2_Glossary.py"
QUIZ_PAGE = "pages/3_Quiz.py"
MY_TERMS_PAGE = "pages/6_My_terms.py"

__all__ = ["GLOSSARY_PAGE", "MY_TERMS_PAGE", "QUIZ_PAGE", "READER_PAGE"]
