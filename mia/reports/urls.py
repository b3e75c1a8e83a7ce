from django.urls import path

from mia.reports import views

app_name = "reports"
urlpatterns = [
    path("<int:pk>/rapport/", views.report, name="report"),
    path("<int:pk>/rapport.pdf", views.report_pdf, name="pdf"),
    path("<int:pk>/rapport.docx", views.report_docx, name="docx"),
    path("<int:pk>/rapport/pdf-maken/", views.report_pdf_job, name="pdf_job"),
    path("<int:pk>/rapport/docx-maken/", views.report_docx_job, name="docx_job"),
    path("<int:pk>/rapport/bestanden/<int:file_pk>/", views.report_file, name="file"),
    path("<int:pk>/rapport/status/", views.set_status, name="set_status"),
    path("<int:pk>/rapport/belangrijkste-vervolgstap/", views.set_key_action, name="set_key_action"),
    path("<int:pk>/rapport/transcripten/", views.transcripts, name="transcripts"),
    path("<int:pk>/rapport/transcripten/<int:session_pk>/", views.transcript_save, name="transcript_save"),
    path("<int:pk>/rapport/transcripten/<int:session_pk>/verwijderen/", views.transcript_delete, name="transcript_delete"),
    path("<int:pk>/export.json", views.export_json, name="json"),
    path("<int:pk>/kaartjes.csv", views.cards_csv, name="cards_csv"),
    path("importeren/", views.import_view, name="import"),
]
