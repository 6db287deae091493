"""Production settings with one change, used by bench/run.py only when needed.

The vendored Bootstrap files end in ``sourceMappingURL`` comments naming .map
files that are not vendored; ``CompressedManifestStaticFilesStorage`` refuses
them at ``collectstatic`` (MissingFileError), so pages cannot render with the
production storage. Until the vendored files lose those comments (or gain their
maps), the benchmarks serve static files through whitenoise's compressed
storage without the manifest: the same middleware, the same files.
"""

from config.settings import *  # noqa: F403
from config.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
