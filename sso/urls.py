from django.urls import path

from people.access import ANONYMOUS
from sso import views

app_name = "sso"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign_in"),
    path("callback/", views.CallbackView.as_view(), name="callback"),
]

access = {
    "sign_in": ANONYMOUS,  # 404 unless single sign-on is configured
    "callback": ANONYMOUS,
}

navigation = []
