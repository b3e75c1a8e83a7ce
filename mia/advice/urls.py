app_name = "advice"
urlpatterns = []
