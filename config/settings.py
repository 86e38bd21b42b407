"""Samtal settings: one file, the environment decides (see .env.example and the README)."""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from sso.provider import origin as sso_origin

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # optional and git-ignored

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="django-insecure-dev-only")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "modeltranslation",  # before the admin, so that its translated admin forms take over
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    # rest_framework itself is not an app here: its catalogues would replace Django's wording of form
    # errors on the pages ("This field is required."); the API's messages are api/'s own.
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and Redoc as our own static files (no CDN, strict CSP)
    "people",
    "goals",
    "coaching",
    "onboarding",
    "dashboards",
    "reminders",
    "hr",
    "api",
    "sso",
    "people_import",
    "provisioning",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Pushes a session's expiry forward at most once a minute while it is used: SESSION_COOKIE_AGE is
    # an idle timeout without writing the session on every request (SESSION_SAVE_EVERY_REQUEST).
    "people.middleware.SessionIdleTimeoutMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "people.middleware.EmployeePreferencesMiddleware",
    "people.access.UrlPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "people.context_processors.viewer",
                "sso.context_processors.sso",
            ],
        },
    },
]

# Widget templates resolve through TEMPLATES, so templates/django/forms/ can render them faster.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Persistent connections save a connect per request (+50 % requests/s measured on the leader
# dashboard); the health check replaces a connection the database has closed.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # Shared by every web and worker process: the password-reset throttle and the time of the last
    # reminder sweep. Sessions and login lock-outs stay in the database (axes keeps its audit log there).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "people.auth.EmployeeBackend",
    "sso.backend.OidcBackend",  # does nothing unless OIDC_ISSUER and OIDC_RP_CLIENT_ID are set
]
# LOCAL_PASSWORDS=false: only superusers (the break-glass account) log in with a password; everyone
# else signs in through the identity provider, and password-reset e-mails go to superusers only.
LOCAL_PASSWORDS = env.bool("LOCAL_PASSWORDS", default=True)

# Single sign-on with OpenID Connect (see the README): off unless the issuer and client id are set.
# The endpoints come from the provider's discovery document; the secret only from the environment.
OIDC_ISSUER = env("OIDC_ISSUER", default="")
OIDC_DISCOVERY_URL = env(
    "OIDC_DISCOVERY_URL", default=""
)  # default: <issuer>/.well-known/openid-configuration
OIDC_RP_CLIENT_ID = env("OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("OIDC_CLIENT_SECRET", default="")
OIDC_PROVIDER_NAME = env("OIDC_PROVIDER_NAME", default="")  # on the login button, e.g. Microsoft
OIDC_SUBJECT_CLAIM = env("OIDC_SUBJECT_CLAIM", default="sub")  # Entra ID: oid
OIDC_EMAIL_CLAIM = env(
    "OIDC_EMAIL_CLAIM", default="email"
)  # Entra ID without the email claim: preferred_username
OIDC_RP_SCOPES = env("OIDC_SCOPES", default="openid email profile")
OIDC_RP_SIGN_ALGO = env("OIDC_SIGN_ALGORITHM", default="RS256")
OIDC_CLOCK_LEEWAY_SECONDS = 60
OIDC_TIMEOUT = 10

# SCIM 2.0 provisioning at /scim/v2/ (django-scim2, see provisioning/): the identity provider's
# bearer token is a provisioning token issued on the API tokens page; nothing to set for it here.
# People created without a site in Samtal's SCIM extension go to this site (its name); with one
# site only, that one.
SCIM_DEFAULT_SITE = env("SCIM_DEFAULT_SITE", default="")
SCIM_SERVICE_PROVIDER = {
    "USER_MODEL_GETTER": "provisioning.adapters.employee_model",
    "USER_ADAPTER": "provisioning.adapters.ScimPerson",
    "GROUP_MODEL": "people.models.Team",
    "GROUP_ADAPTER": "provisioning.adapters.ScimTeam",
    "USER_FILTER_PARSER": "provisioning.filters.PersonFilter",
    "GROUP_FILTER_PARSER": "provisioning.filters.TeamFilter",
    "AUTH_CHECK_MIDDLEWARE": "provisioning.auth.ProvisioningTokenCheck",
    "BASE_LOCATION_GETTER": "provisioning.adapters.base_location",
    "SERVICE_PROVIDER_CONFIG_MODEL": "provisioning.views.ServiceProviderConfig",
    "AUTHENTICATION_SCHEMES": [
        {
            "type": "oauthbearertoken",
            "name": "Bearer token",
            "description": "A provisioning token issued by HR on Samtal's API tokens page.",
            "primary": True,
        }
    ],
}
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True  # the hint for the provider's sign-out
OIDC_AUTHENTICATION_CALLBACK_URL = "sso:callback"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Brute-force protection: lock the username+address pair after a few failures (another user, or the
# same user elsewhere, can still log in); the login form answers the same way whether or not the user
# exists, and a completed password reset lifts the user's lock. Behind the load balancer the client's
# address is the one the trusted proxies appended to X-Forwarded-For (people.auth.client_ip_address).
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
AXES_CLIENT_IP_CALLABLE = "people.auth.client_ip_address"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_WHITELIST_CALLABLE = "sso.backend.is_single_sign_on"
# Password-reset e-mails per hour, counted per user and per client address in the cache.
PASSWORD_RESET_MAILS_PER_HOUR = env.int("PASSWORD_RESET_MAILS_PER_HOUR", default=3)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("nb", _("Norwegian Bokmål")), ("sv", _("Swedish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]  # dates and numbers per language; one date style per context
# 12 500 and 79,2 % in nb/sv. Ids in URLs and attributes therefore go through |unlocalize.
USE_THOUSAND_SEPARATOR = True
# Reference content (conversation types, metrics) is stored per language; a missing translation shows English.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
USE_I18N = True
TIME_ZONE = "Europe/Stockholm"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}

# The read API (api/, see the README): session or bearer token, read only, paged, rate-limited per
# caller in the cache (with REDIS_URL, one count for every web process).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.ReadOnlyApi"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.CallerRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"caller": env("API_RATE_LIMIT", default="120/minute")},
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Samtal API",
    "DESCRIPTION": "Read-only access to people, teams, conversations and goals, within the caller's scope.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["api.permissions.ReadOnlyApi"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Mail: written to files under var/mail/ with one console line per message unless EMAIL_URL points
# at a server (smtp+tls://user:pw@host:587).
EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"
if "EMAIL_URL" in env:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "people.mail.FileAndLogEmailBackend"
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")  # links in e-mails
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Samtal <samtal@localhost>")

# Celery. No server needed by default: kombu's filesystem transport under var/ carries tasks
# between the web process, one worker and beat on this machine. Production sets redis://.
VAR_DIR = BASE_DIR / "var"
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL == "filesystem://":
    for folder in ("broker", "broker-done", "control"):  # kombu does not create them
        (VAR_DIR / folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(VAR_DIR / "broker"),
        "data_folder_out": str(VAR_DIR / "broker"),
        "processed_folder": str(VAR_DIR / "broker-done"),
        "control_folder": str(VAR_DIR / "control"),  # the worker's broadcast tables, not in the checkout
        "store_processed": False,
    }
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TIMEZONE = "UTC"
# The worker counts the reports again this often; pages read those figures and say "as of" when.
# Figures older than twice this (the worker is down) are not read: the page counts live instead.
REPORT_REFRESH_MINUTES = env.int("REPORT_REFRESH_MINUTES", default=15)
CELERY_BEAT_SCHEDULE = {
    # The sweep derives what is due from the database, so a missed or doubled tick is harmless; it
    # also sends the e-mails owed after a user action (invitations), so it ticks every minute.
    "reminder-sweep": {"task": "reminders.tasks.reminder_sweep_task", "schedule": 60.0},
    # Logins of people whose employment has ended; once a day, after midnight in every Nordic time zone.
    "employment-end-deactivate": {
        "task": "people.tasks.employment_end_deactivate_task",
        "schedule": crontab(hour=0, minute=30),
    },
    # Personal data of people who left more than the retention period ago, and old access-log rows.
    "retention-sweep": {"task": "hr.tasks.retention_sweep_task", "schedule": crontab(hour=1, minute=15)},
    "access-log-purge": {"task": "hr.tasks.access_log_purge_task", "schedule": crontab(hour=1, minute=45)},
    "report-figures-refresh": {
        "task": "dashboards.tasks.report_figures_refresh_task",
        "schedule": 60.0 * REPORT_REFRESH_MINUTES,
    },
    # The coverage page of managers and HR: the same interval, and the same "as of" on the page.
    "coverage-refresh": {
        "task": "dashboards.tasks.coverage_refresh_task",
        "schedule": 60.0 * REPORT_REFRESH_MINUTES,
    },
    # HR's trainings matrix per site: the same interval, and the same "as of" on the page.
    "site-compliance-refresh": {
        "task": "onboarding.tasks.site_compliance_refresh_task",
        "schedule": 60.0 * REPORT_REFRESH_MINUTES,
    },
}
# A worker's claim on a reminder (and a sweep's hand-out of its id) lasts this long; after that the
# worker is taken to be dead (or the message lost) and the next sweep queues the id again.
REMINDER_CLAIM_LEASE = timedelta(minutes=env.int("REMINDER_CLAIM_LEASE_MINUTES", default=5))
# Ids handed out per tick: the first tick after a deploy queues in chunks the workers can send (two
# processes send about 100 a second, so the 72,000 of a 25,000-person group go out in 12 ticks).
REMINDER_QUEUE_LIMIT = env.int("REMINDER_QUEUE_LIMIT", default=6000)
# Reminders per send task, sent over one SMTP connection (a batch must take far less than the lease).
REMINDER_SEND_BATCH = env.int("REMINDER_SEND_BATCH", default=50)
# Reports never show a group (a team in a month) of fewer people than this: smaller groups are merged
# into "Other teams" or hidden, so no one is singled out. Never below 3 (a system check refuses it).
REPORT_MIN_GROUP_SIZE = env.int("REPORT_MIN_GROUP_SIZE", default=5)
# The readiness check (/ready) wants a sweep within this many seconds; only with a shared cache,
# where the worker's record of its last sweep is visible to the web processes.
READINESS_SWEEP_MAX_AGE = 15 * 60 if REDIS_URL else None

# Microsoft Teams: reminders and team digests posted to Workflows webhooks (an Adaptive Card over
# HTTPS). Only addresses on these hosts (or their subdomains) are accepted, so that a webhook field
# cannot make the server call into the bank's own network.
TEAMS_WEBHOOK_HOSTS = env.list(
    "TEAMS_WEBHOOK_HOSTS", default=["logic.azure.com", "api.powerplatform.com", "webhook.office.com"]
)
TEAMS_TIMEOUT_SECONDS = env.float("TEAMS_TIMEOUT_SECONDS", default=10)

# HR and privacy. The organisation's name heads exported documents. Access-log rows are deleted after
# ACCESS_LOG_RETENTION_DAYS. What HR may read and how long personal data are kept after someone leaves
# are the data-protection officer's settings, in the admin (hr.PrivacySettings).
ORGANISATION_NAME = env("ORGANISATION_NAME", default="Samtal")
ACCESS_LOG_RETENTION_DAYS = env.int("ACCESS_LOG_RETENTION_DAYS", default=730)

# Security headers. Production sets DEBUG=false and gets the strict values below.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SESSION_ENGINE = "people.sessions"  # the database, as by default; see SessionIdleTimeoutMiddleware
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=60 * 60 * 8)  # an idle timeout (middleware)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^ready$"]  # load balancers probe readiness over plain HTTP
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None

# No inline scripts or styles anywhere: everything comes from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
if OIDC_ISSUER:
    # Signing out posts a form whose answer sends the browser on to the provider's sign-out page.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(sso_origin(OIDC_ISSUER))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},  # lockouts are warnings; every login is in axes' own log
}
