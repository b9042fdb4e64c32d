"""Offline machine translation (Argos Translate ar→en): the installed model (``models``), its
install (``install``), the CTranslate2 engine (``engine``), translating through the cache
(``service``) and checks on the output (``checks``).

The names most callers need are re-exported here.
"""

from bilingual.errors import DownloadFailed, IndexUnreachable, InstallError, ModelNotInstalled
from bilingual.translation.checks import LOW_CHRF, AlignedSentence, GlossaryCheck, align, chrf, glossary_checks
from bilingual.translation.engine import DEFAULT_BEAM, Engine, get_engine, loaded_engine
from bilingual.translation.install import index_url, install_from_file, install_from_index
from bilingual.translation.jobs import Job, active_jobs, job_for, start_job
from bilingual.translation.models import (
    APPROX_DOWNLOAD,
    MODEL_FILE_NAME,
    MT_LABEL,
    ModelInfo,
    how_to_install,
    installed_model,
    package_checksum,
)
from bilingual.translation.service import (
    TranslationRun,
    cache_key,
    cached_translations,
    sentence_sources,
    translate_article,
    translate_sentences,
    translation_progress,
)

__all__ = [
    "APPROX_DOWNLOAD",
    "DEFAULT_BEAM",
    "LOW_CHRF",
    "MODEL_FILE_NAME",
    "MT_LABEL",
    "AlignedSentence",
    "DownloadFailed",
    "Engine",
    "GlossaryCheck",
    "IndexUnreachable",
    "InstallError",
    "Job",
    "ModelInfo",
    "ModelNotInstalled",
    "TranslationRun",
    "active_jobs",
    "align",
    "cache_key",
    "cached_translations",
    "chrf",
    "get_engine",
    "glossary_checks",
    "how_to_install",
    "index_url",
    "install_from_file",
    "install_from_index",
    "installed_model",
    "job_for",
    "loaded_engine",
    "package_checksum",
    "sentence_sources",
    "start_job",
    "translate_article",
    "translate_sentences",
    "translation_progress",
]
