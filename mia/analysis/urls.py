from django.urls import path

from mia.analysis import views

app_name = "analysis"
urlpatterns = [
    path("taalcheck/", views.readability, name="readability"),
    path("<int:pk>/themas/", views.themes, name="themes"),
    path("<int:pk>/themas.<str:fmt>", views.themes_export, name="themes_export"),
    path("<int:pk>/reacties/", views.responses, name="responses"),
    path("<int:pk>/reacties/<int:job_pk>/", views.response_job, name="response_job"),
]
