from django.utils import timezone, translation

from people.models import Employee


class EmployeePreferencesMiddleware:
    """Loads the signed-in user's employee record once, with their site, and activates their
    language and their site's time zone for the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            employee = Employee.objects.select_related("site", "team").filter(user=user).first()
            if employee is not None:
                user.employee = employee  # fills the one-to-one cache: no further query this request
                translation.activate(employee.language)
                request.LANGUAGE_CODE = employee.language
                timezone.activate(employee.site.time_zone)
        return self.get_response(request)
