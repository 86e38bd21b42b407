from rest_framework.throttling import SimpleRateThrottle


class CallerRateThrottle(SimpleRateThrottle):
    """API_RATE_LIMIT requests per caller: per token (a person's tokens and session count apart),
    else per signed-in user, counted in the cache that every web process shares."""

    scope = "caller"

    def get_cache_key(self, request, view):
        if request.auth is not None and hasattr(request.auth, "key_hash"):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
