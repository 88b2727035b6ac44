"""Django settings for Minga, read from MINGA_* environment variables.

MINGA_HOME          folder for the SQLite file, logs and uploads (default ./var)
MINGA_DATABASE_URL  database URL (default sqlite:///$MINGA_HOME/minga.sqlite3); postgres://… for PostgreSQL
MINGA_SECRET_KEY    secret key; a placeholder or short key is refused unless MINGA_DEBUG=1. Unset: a random key
                    is made once and kept in $MINGA_HOME/secret.key
MINGA_DEBUG         1 for development (default 0)
MINGA_ALLOWED_HOSTS comma-separated host names (default localhost,127.0.0.1)
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
MINGA_HOME = Path(os.environ.get("MINGA_HOME", "var")).resolve()
MINGA_HOME.mkdir(parents=True, exist_ok=True)

DEBUG = os.environ.get("MINGA_DEBUG", "0") == "1"
_PLACEHOLDERS = {"change-me", "changeme", "secret", "placeholder", "insecure", "your-secret-key", "xxx"}


def _secret_key_file() -> str:
    """A random key kept in $MINGA_HOME/secret.key (mode 600), made on first use, for a local instance."""
    path = MINGA_HOME / "secret.key"
    if not path.exists():
        import secrets

        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = os.environ.get("MINGA_SECRET_KEY") or _secret_key_file()
if SECRET_KEY.lower() in _PLACEHOLDERS or SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 32:
    if not DEBUG:
        raise ImproperlyConfigured(
            "MINGA_SECRET_KEY is a placeholder or shorter than 32 characters. Set it to a long random string "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), or set MINGA_DEBUG=1 for development."
        )
    SECRET_KEY = "minga-debug-only-key-not-for-production-" + "x" * 20

ALLOWED_HOSTS = [h for h in os.environ.get("MINGA_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "minga.core",
    "minga.territories",
    "minga.vocab",
    "minga.registry",
    "minga.knowledge",
    "minga.ecosystem",
    "minga.forum",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "minga.urls"
WSGI_APPLICATION = "minga.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

_default_db = f"sqlite:///{MINGA_HOME / 'minga.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("MINGA_DATABASE_URL", _default_db))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL: readers never block the writer; busy timeout: writers wait instead of failing.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;"  # 64 MiB page cache
        ),
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(MINGA_HOME / "test-minga.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = MINGA_HOME / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"] if (BASE_DIR / "static").exists() else []
WHITENOISE_USE_FINDERS = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
