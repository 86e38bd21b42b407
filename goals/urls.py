app_name = "goals"

urlpatterns = []

access = {}
