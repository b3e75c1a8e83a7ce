from django.urls import path

from mia.analysis import views

app_name = "analysis"
urlpatterns = [
    path("taalcheck/", views.readability, name="readability"),
    path("<int:pk>/themas/", views.themes, name="themes"),
    path("<int:pk>/themas/zoeken/", views.themes_run, name="themes_run"),
    path("<int:pk>/themas/samenvoegen/", views.themes_merge, name="themes_merge"),
    path("<int:pk>/themas/codes/", views.code_add, name="code_add"),
    path("<int:pk>/themas/<int:theme_pk>/naam/", views.theme_rename, name="theme_rename"),
    path("<int:pk>/themas/<int:theme_pk>/naam-goedkeuren/", views.theme_accept, name="theme_accept"),
    path("<int:pk>/themas/<int:theme_pk>/verplaatsen/", views.theme_move, name="theme_move"),
    path("<int:pk>/themas/<int:theme_pk>/splitsen/", views.theme_split, name="theme_split"),
    path("<int:pk>/themas/<int:theme_pk>/coderen/", views.theme_code, name="theme_code"),
    path("<int:pk>/themas.<str:fmt>", views.themes_export, name="themes_export"),
    path("<int:pk>/reacties/", views.responses, name="responses"),
    path("<int:pk>/reacties/inlezen/", views.responses_upload, name="responses_upload"),
    path("<int:pk>/reacties/<int:job_pk>/", views.response_job, name="response_job"),
]
