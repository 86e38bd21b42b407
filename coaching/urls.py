app_name = "coaching"

urlpatterns = []

access = {}
