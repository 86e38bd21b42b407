app_name = "dashboards"

urlpatterns = []

access = {}
