__version__ = "1.1.0"

from .celery import app as celery_app  # noqa: E402

__all__ = ("__version__", "celery_app")
