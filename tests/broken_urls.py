"""The project's URLs plus one that raises, for the test of the server error page."""

from django.urls import path

from config.urls import access, urlpatterns


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [*urlpatterns, path("broken/", broken, name="broken")]
access = {**access, "broken": "authenticated"}
