"""Settings for Tuyên giáo số: one module, values from the environment, safe defaults.

Every value can be set through an environment variable of the same name.
``DATABASE_URL`` chooses the database (SQLite file under ``var/`` by default).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _default_var_dir() -> Path:
    # In a source checkout (src/tuyengiao/...), keep data beside the project; otherwise
    # under the current directory.
    checkout = PACKAGE_DIR.parent.parent
    if (checkout / "pyproject.toml").exists():
        return checkout / "var"
    return Path.cwd() / "var"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: expected true or false")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: expected an integer") from None


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: expected a number") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_secret(name: str, default: str | None = None) -> str | None:
    """Read ``NAME`` or, when ``NAME_FILE`` is set, the contents of that file."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={path!r}: {exc.strerror}") from None
    return os.environ.get(name, default)


VAR_DIR = Path(os.environ.get("TUYENGIAO_VAR_DIR") or _default_var_dir())
DEBUG = env_bool("DEBUG", False)
DEMO = env_bool("TUYENGIAO_DEMO", False)


def _secret_key() -> str:
    """SECRET_KEY (or SECRET_KEY_FILE); otherwise one made at first start and kept in VAR_DIR.

    Never a fixed key: a machine that was not given one makes its own, readable by its owner only.
    """
    key = env_secret("SECRET_KEY")
    if key:
        return key
    if env_bool("TUYENGIAO_PRODUCTION", False):
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must be set in production")
    path = VAR_DIR / "secret_key"
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        pass
    import secrets

    key = secrets.token_urlsafe(50)
    try:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(key)
    except FileExistsError:  # another process made it first
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        pass  # read-only place: a key for this process only
    return key


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "tuyengiao.accounts",
    "tuyengiao.org",
    "tuyengiao.documents",
    "tuyengiao.press",
    "tuyengiao.work",
    "tuyengiao.reports",
    "tuyengiao.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "tuyengiao.config.urls"
WSGI_APPLICATION = "tuyengiao.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'tuyengiao.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# Upper bound for one ingested file (bytes).
TUYENGIAO_MAX_FILE_BYTES = env_int("TUYENGIAO_MAX_FILE_BYTES", 20 * 1024 * 1024)

# The full-text index (derived data, rebuilt by `tuyengiao reindex`); empty = in memory.
TUYENGIAO_SEARCH_DIR = os.environ.get("TUYENGIAO_SEARCH_DIR", str(VAR_DIR / "search"))

# E-mail of reminders (SMTP); without EMAIL_HOST reminders are shown in the app only.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "tuyengiao@localhost")
#: Days before a deadline when units are reminded.
TUYENGIAO_REMIND_DAYS = env_int("TUYENGIAO_REMIND_DAYS", 7)

# Background work (crawls, topic matching): a queue in the database, run by `tuyengiao worker`
# processes on any number of machines; in the demo by a worker thread inside the web process.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TUYENGIAO_INPROCESS_WORKER = env_bool("TUYENGIAO_INPROCESS_WORKER", DEMO)
# Press crawling: who we say we are, and how patient we are with a site.
TUYENGIAO_USER_AGENT = os.environ.get(
    "TUYENGIAO_USER_AGENT", "TuyenGiaoSo/0.1 (+https://tuyengiao.local/bot)"
)
TUYENGIAO_CRAWL_DELAY = env_float("TUYENGIAO_CRAWL_DELAY", 1.0)
DATA_UPLOAD_MAX_MEMORY_SIZE = TUYENGIAO_MAX_FILE_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

if not DEBUG and env_bool("TUYENGIAO_PRODUCTION", False):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
