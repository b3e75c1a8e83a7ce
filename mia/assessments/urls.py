from django.urls import path

from mia.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("nieuw/", views.assessment_create, name="create"),
    path("over/", views.about, name="about"),
    path("<int:pk>/", views.assessment_detail, name="detail"),
    path("<int:pk>/leden/", views.members, name="members"),
    path("<int:pk>/leden/<int:member_pk>/verwijderen/", views.member_remove, name="member_remove"),
    path("<int:pk>/leden/uitnodigen/", views.member_invite, name="member_invite"),
    path("uitnodiging/<str:token>/", views.invitation, name="invitation"),
    path("uitnodiging/<str:token>/aannemen/", views.invitation_accept, name="invitation_accept"),
    path("<int:pk>/afronden/", views.finish, name="finish"),
    path("<int:pk>/stap-1/scan/", views.scan, name="scan"),
    path("<int:pk>/stap-1/besluit/", views.decision, name="decision"),
    path("<int:pk>/stap-1/domeinen/", views.domains, name="domains"),
    path("<int:pk>/stap-2/vragen/", views.questions, name="questions"),
    path("<int:pk>/stap-2/vragen/kiezen/", views.question_choose, name="question_choose"),
    path("<int:pk>/stap-2/vragen/eigen/", views.question_add_own, name="question_add_own"),
    path("<int:pk>/stap-2/vragen/<int:question_pk>/tekst/", views.question_reword, name="question_reword"),
    path("<int:pk>/stap-2/vragen/<int:question_pk>/oorspronkelijk/", views.question_restore, name="question_restore"),
    path("<int:pk>/stap-2/vragen/<int:question_pk>/weghalen/", views.question_remove, name="question_remove"),
    path("<int:pk>/stap-2/vragen/<int:question_pk>/omhoog/", views.question_move, {"direction": "omhoog"}, name="question_up"),
    path("<int:pk>/stap-2/vragen/<int:question_pk>/omlaag/", views.question_move, {"direction": "omlaag"}, name="question_down"),
    path("<int:pk>/stap-2/werkvorm/", views.preparation, name="preparation"),
    path("<int:pk>/stap-4/mia-chart/", views.chart, name="chart"),
    path("<int:pk>/stap-4/conclusies/", views.conclusions, name="conclusions"),
    path("<int:pk>/stap-4/vervolgstappen/", views.follow_up_add, name="follow_up_add"),
    path("<int:pk>/stap-4/vervolgstappen/<int:action_pk>/verwijderen/", views.follow_up_remove, name="follow_up_remove"),
]
