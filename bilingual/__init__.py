"""Core of the Arabic–English reader: corpus, Arabic text, glossary, translation, quiz, store.

Nothing in this package imports Streamlit; the pages in ``pages/`` only lay out what it computes.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
