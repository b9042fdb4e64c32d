"""The learner's own material: files and pasted text (``decode``, ``clean``), imported texts
(``texts``) and personal glossary terms (``personal_terms``)."""
