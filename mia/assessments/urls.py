from django.urls import path

from mia.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("nieuw/", views.assessment_create, name="create"),
    path("<int:pk>/", views.assessment_detail, name="detail"),
    path("<int:pk>/leden/", views.members, name="members"),
    path("<int:pk>/afronden/", views.finish, name="finish"),
    path("<int:pk>/stap-1/scan/", views.scan, name="scan"),
    path("<int:pk>/stap-1/besluit/", views.decision, name="decision"),
    path("<int:pk>/stap-1/domeinen/", views.domains, name="domains"),
    path("<int:pk>/stap-2/vragen/", views.questions, name="questions"),
    path("<int:pk>/stap-2/werkvorm/", views.preparation, name="preparation"),
    path("<int:pk>/stap-4/mia-chart/", views.chart, name="chart"),
    path("<int:pk>/stap-4/conclusies/", views.conclusions, name="conclusions"),
]
