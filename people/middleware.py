from django.utils import timezone, translation

from people.models import Employee


class EmployeePreferencesMiddleware:
    """Loads the signed-in user's employee record once, with their site, and activates their
    language and their site's time zone for this request only: the next request served by the same
    thread (another user, or nobody) must not inherit them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            employee = Employee.objects.select_related("site", "team").filter(user=user).first()
            if employee is not None:
                user.employee = employee  # fills the one-to-one cache: no further query this request
                request.LANGUAGE_CODE = employee.language
                with translation.override(employee.language), timezone.override(employee.site.time_zone):
                    return self.get_response(request)
        return self.get_response(request)
