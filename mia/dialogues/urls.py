from django.urls import path

from mia.dialogues import views

app_name = "dialogues"
urlpatterns = [
    path("<int:pk>/stap-2/deelnemers/", views.sessions, name="sessions"),
    path("<int:pk>/stap-3/", views.step3, name="step3"),
    path("<int:pk>/stap-3/sessie/<int:session_pk>/agenda/", views.agenda, name="agenda"),
    path("<int:pk>/stap-3/sessie/<int:session_pk>/kaartjes.pdf", views.cards_pdf, name="cards_pdf"),
    path("<int:pk>/stap-3/sessie/<int:session_pk>/invoer/", views.entry, name="entry"),
]
