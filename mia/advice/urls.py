from django.urls import path

from mia.advice import views

app_name = "advice"
S = "<int:pk>/"
T = S + "trajecten/<int:t>/"
urlpatterns = [
    path("", views.structure_list, name="list"),
    path("nieuw/", views.structure_create, name="create"),
    path("register/<uuid:uid>/", views.register, name="register"),
    path(S, views.structure_detail, name="structure"),
    path(S + "structuur.json", views.structure_json, name="structure_json"),
    path(S + "organen/nieuw/", views.body_add, name="body_add"),
    path(S + "organen/<int:body>/", views.body_detail, name="body"),
    path(S + "organen/<int:body>/opslaan/", views.body_update, name="body_update"),
    path(S + "organen/<int:body>/leden/nieuw/", views.member_add, name="member_add"),
    path(S + "organen/<int:body>/leden/<int:member>/verwijderen/", views.member_remove, name="member_remove"),
    path(S + "organen/<int:body>/leden/uit-panel/", views.seat_panel, name="seat_panel"),
    path(S + "organen/<int:body>/subcommissies/nieuw/", views.subcommittee_add, name="subcommittee_add"),
    path(S + "organen/<int:body>/vergaderingen/nieuw/", views.meeting_add, name="meeting_add"),
    path(S + "organen/<int:body>/evaluatie/", views.evaluation, name="evaluation"),
    path(S + "organen/<int:body>/evaluatie/opslaan/", views.evaluation_save, name="evaluation_save"),
    path(S + "stromen/nieuw/", views.flow_add, name="flow_add"),
    path(S + "stromen/<int:rule>/verwijderen/", views.flow_remove, name="flow_remove"),
    path(S + "stukken/", views.items, name="items"),
    path(S + "stukken/verzenden/", views.item_send, name="item_send"),
    path(S + "stukken/<int:item>/", views.item_detail, name="item"),
    path(S + "stukken/<int:item>/reactie/", views.item_respond, name="item_respond"),
    path(S + "experts/", views.experts, name="experts"),
    path(S + "experts/nieuw/", views.expert_add, name="expert_add"),
    path(S + "praktijkkringen/nieuw/", views.circle_add, name="circle_add"),
    path(S + "trajecten/nieuw/", views.trajectory_new, name="trajectory_new"),
    path(S + "trajecten/nieuw/opslaan/", views.trajectory_create, name="trajectory_create"),
    path(T, views.trajectory_detail, name="trajectory"),
    path(T + "experts/", views.trajectory_expert, name="trajectory_expert"),
    path(T + "praktijkkringen/", views.trajectory_circle, name="trajectory_circle"),
    path(T + "praktijkkringen/<int:ci>/kaartjes/", views.circle_refresh, name="circle_refresh"),
    path(T + "geen-praktijkkring/", views.trajectory_no_circles, name="trajectory_no_circles"),
    path(T + "verhalen/", views.trajectory_story, name="trajectory_story"),
    path(T + "verhalen/<int:story>/intrekken/", views.story_withdraw, name="story_withdraw"),
    path(T + "advies/", views.trajectory_text, name="trajectory_text"),
    path(T + "stemming/", views.decision_new, name="decision"),
    path(T + "stemming/opslaan/", views.decision_create, name="decision_create"),
    path(T + "uitbrengen/", views.trajectory_issue, name="trajectory_issue"),
    path(T + "advies.pdf", views.advice_pdf, name="advice_pdf"),
    path(T + "advies.docx", views.advice_docx, name="advice_docx"),
    path(T + "advies.json", views.advice_json, name="advice_json"),
]
