from django.urls import path

from mia.dialogues import views

app_name = "dialogues"
urlpatterns = [
    path("<int:pk>/stap-2/deelnemers/", views.sessions, name="sessions"),
    path("<int:pk>/stap-2/sessies/nieuw/", views.session_add, name="session_add"),
    path("<int:pk>/stap-2/sessies/<int:session_pk>/", views.session_update, name="session_update"),
    path("<int:pk>/stap-2/sessies/<int:session_pk>/verwijderen/", views.session_remove, name="session_remove"),
    path("<int:pk>/stap-2/sessies/<int:session_pk>/deelnemers/", views.participant_add, name="participant_add"),
    path("<int:pk>/stap-2/deelnemers/<int:participant_pk>/gegevens/", views.participant_export, name="participant_export"),
    path("<int:pk>/stap-2/deelnemers/<int:participant_pk>/wissen/", views.participant_erase, name="participant_erase"),
    path("<int:pk>/stap-2/deelnemers/<int:participant_pk>/verwijderen/", views.participant_remove, name="participant_remove"),
    path("<int:pk>/stap-3/", views.step3, name="step3"),
    path("<int:pk>/stap-3/sessie/<int:session_pk>/agenda/", views.agenda, name="agenda"),
    path("<int:pk>/stap-3/sessie/<int:session_pk>/kaartjes.pdf", views.cards_pdf, name="cards_pdf"),
    path("<int:pk>/stap-3/sessie/<int:session_pk>/invoer/", views.entry, name="entry"),
    path("<int:pk>/stap-3/sessie/<int:session_pk>/ronde/<int:round_pk>/notities/", views.round_notes, name="round_notes"),
    path("<int:pk>/stap-3/sessie/<int:session_pk>/ronde/<int:round_pk>/kaartjes/", views.card_add, name="card_add"),
    path("<int:pk>/stap-3/sessie/<int:session_pk>/ronde/<int:round_pk>/kaartjes/<int:card_pk>/verwijderen/",
         views.card_delete, name="card_delete"),
]
