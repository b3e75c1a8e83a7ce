from django.urls import path

from mia.jobs import views

app_name = "jobs"
urlpatterns = [
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/opnieuw/", views.job_retry, name="retry"),
]
