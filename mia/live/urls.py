from django.urls import path

from mia.live import views

app_name = "live"
urlpatterns = [
    path("doe-mee/", views.join, name="join"),
    path("deelnemer/<str:token>/", views.participant, name="participant"),
    path("deelnemer/<str:token>/toestemming/", views.participant_consent, name="participant_consent"),
    path("deelnemer/<str:token>/kaartje/", views.participant_card, name="participant_card"),
    path("mia/<int:pk>/stap-3/live/", views.overview, name="overview"),
    path("mia/<int:pk>/stap-3/live/plenair/", views.plenary, name="plenary"),
    path("mia/<int:pk>/stap-3/live/<int:session_pk>/", views.facilitator, name="facilitator"),
    path("mia/<int:pk>/stap-3/live/<int:session_pk>/stap/<slug:step>/", views.facilitator_step, name="facilitator_step"),
    path("mia/<int:pk>/stap-3/live/<int:session_pk>/ronde/<int:round_pk>/open/", views.facilitator_open_round,
         name="facilitator_open_round"),
    path("mia/<int:pk>/stap-3/live/<int:session_pk>/sluiten/", views.facilitator_close_confirm,
         name="facilitator_close_confirm"),
    path("mia/<int:pk>/stap-3/live/<int:session_pk>/timer/", views.facilitator_timer, name="facilitator_timer"),
    path("mia/<int:pk>/stap-3/live/<int:session_pk>/slottekst/", views.facilitator_closing_message,
         name="facilitator_closing_message"),
    path("mia/<int:pk>/stap-3/live/<int:session_pk>/zaal/", views.crowd, name="crowd"),
    path("mia/<int:pk>/stap-3/live/<int:session_pk>/zaal/thema-s/", views.crowd_themes, name="crowd_themes"),
    path("mia/<int:pk>/stap-3/live/<int:session_pk>/zaal/<int:card_pk>/verbergen/", views.crowd_hide, name="crowd_hide"),
    path("mia/<int:pk>/stap-3/live/<int:session_pk>/zaal/<int:card_pk>/tonen/", views.crowd_show, name="crowd_show"),
]
