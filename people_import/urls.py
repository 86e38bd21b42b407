from django.urls import path

from people.models import Role
from people_import import views

app_name = "people_import"

HR = frozenset({Role.HR})  # and superusers, as every role rule

urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/discard/", views.discard, name="discard"),
]

access = {
    "upload": HR,
    "detail": HR,
    "confirm": HR,
    "discard": HR,
}

navigation = []  # reached from the People page (HR)
