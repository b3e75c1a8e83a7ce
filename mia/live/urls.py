from django.urls import path

from mia.live import views

app_name = "live"
urlpatterns = [
    path("doe-mee/", views.join, name="join"),
    path("deelnemer/<str:token>/", views.participant, name="participant"),
    path("mia/<int:pk>/stap-3/live/", views.overview, name="overview"),
    path("mia/<int:pk>/stap-3/live/plenair/", views.plenary, name="plenary"),
    path("mia/<int:pk>/stap-3/live/<int:session_pk>/", views.facilitator, name="facilitator"),
]
