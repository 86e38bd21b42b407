"""The session engine (SESSION_ENGINE): Django's sessions in the database, knowing when they expire."""

from django.contrib.sessions.backends import db


class SessionStore(db.SessionStore):
    """A database session that keeps the expiry of the row it loaded (`expire_date`; None while it is
    unread, new or unknown), so SessionIdleTimeoutMiddleware can tell when it was last written without
    a query of its own."""

    expire_date = None

    def _get_session_from_db(self):
        stored = super()._get_session_from_db()
        self.expire_date = stored.expire_date if stored else None
        return stored
