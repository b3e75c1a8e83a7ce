from django.urls import path

from mia.programmes import cycle_views, export_views, views

app_name = "programmes"

P = "<int:pk>/"
C = P + "cycli/<int:cycle_pk>/"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("nieuw/", views.programme_create, name="create"),
    path("importeren/", views.programme_import, name="import_json"),
    path("richtlijnen/", views.guidelines, name="guidelines"),
    path("richtlijnen.pdf", export_views.guidelines_pdf, name="guidelines_pdf"),
    path(P, views.overview, name="overview"),
    path(P + "bewerken/", views.programme_update, name="update"),
    path(P + "verwijderen/", views.programme_delete, name="delete"),
    # Themes and settings
    path(P + "themas/", views.themes, name="themes"),
    path(P + "themas/nieuw/", views.theme_add, name="theme_add"),
    path(P + "themas/<int:theme_pk>/", views.theme_edit, name="theme_edit"),
    path(P + "themas/<int:theme_pk>/verwijderen/", views.theme_delete, name="theme_delete"),
    path(P + "probleemthemas/nieuw/", views.problem_add, name="problem_add"),
    path(P + "probleemthemas/<int:problem_pk>/", views.problem_edit, name="problem_edit"),
    path(P + "instellingen/", views.settings_page, name="settings"),
    path(P + "instellingen/nieuw/", views.term_add, name="term_add"),
    path(P + "instellingen/<int:term_pk>/", views.term_update, name="term_update"),
    path(P + "instellingen/<int:term_pk>/verwijderen/", views.term_delete, name="term_delete"),
    # The inventory
    path(P + "initiatieven/", views.inventory, name="inventory"),
    path(P + "initiatieven/nieuw/", views.initiative_new, name="initiative_new"),
    path(P + "initiatieven/<int:initiative_pk>/", views.initiative_edit, name="initiative_edit"),
    path(P + "initiatieven/<int:initiative_pk>/verwijderen/", views.initiative_delete, name="initiative_delete"),
    path(P + "initiatieven/importeren/", views.inventory_import, name="inventory_import"),
    path(P + "initiatieven/importeren/voorbeeld.csv", views.example_file, name="example_file"),
    path(P + "initiatieven/import/<int:import_pk>/", views.import_detail, name="import"),
    path(P + "initiatieven.csv", export_views.inventory_csv, name="inventory_csv"),
    path(P + "initiatieven.xlsx", export_views.inventory_xlsx, name="inventory_xlsx"),
    # Opportunities and gaps
    path(P + "kansen-en-leemtes/", views.gaps, name="gaps"),
    path(P + "kansen-en-leemtes/cel/", views.gap_cell, name="cell"),
    path(P + "kansen-en-leemtes/cel/conclusie/", views.gap_note_save, name="gap_note"),
    path(P + "kansen-en-leemtes.csv", export_views.matrix_csv, name="matrix_csv"),
    path(P + "kansen-en-leemtes.xlsx", export_views.matrix_xlsx, name="matrix_xlsx"),
    path(P + "prioriteiten/nieuw/", views.priority_add, name="priority_add"),
    path(P + "prioriteiten/<int:priority_pk>/verwijderen/", views.priority_delete, name="priority_delete"),
    # Cycles A–D
    path(P + "cycli/", cycle_views.board, name="board"),
    path(P + "cycli/nieuw/", cycle_views.cycle_new, name="cycle_new"),
    path(C, cycle_views.cycle_detail, name="cycle"),
    path(C + "fase/", cycle_views.cycle_phase, name="cycle_phase"),
    path(C + "afsluiten/", cycle_views.cycle_close, name="cycle_close"),
    path(C + "stappen/<int:step_pk>/", cycle_views.step_update, name="step_update"),
    path(C + "thema-aanpak/", cycle_views.approach, name="approach"),
    path(C + "thema-aanpak.pdf", export_views.approach_pdf, name="approach_pdf"),
    path(C + "thema-aanpak.docx", export_views.approach_docx, name="approach_docx"),
    path(C + "doelen/nieuw/", cycle_views.goal_add, name="goal_add"),
    path(C + "doelen/<int:goal_pk>/", cycle_views.goal_update, name="goal_update"),
    path(C + "doelen/<int:goal_pk>/verwijderen/", cycle_views.goal_delete, name="goal_delete"),
    path(C + "koppelingen/", cycle_views.links, name="links"),
    path(C + "koppelingen/nieuw/", cycle_views.link_add, name="link_add"),
    path(C + "koppelingen/raadpleging/", cycle_views.link_series_add, name="link_series_add"),
    path(C + "koppelingen/<int:link_pk>/", cycle_views.link_update, name="link_update"),
    path(C + "koppelingen/<int:link_pk>/verwijderen/", cycle_views.link_delete, name="link_delete"),
    path(C + "evaluatie/", cycle_views.evaluation, name="evaluation"),
    path(C + "evaluatie/themas/", cycle_views.themes_start, name="themes_start"),
    path(C + "evaluatie/samenvatting/", cycle_views.summary_save, name="summary"),
    path(C + "evaluatie/doelen/<int:goal_pk>/", cycle_views.goal_evaluate, name="goal_evaluate"),
    path(C + "evaluatie/beleidsacties/nieuw/", cycle_views.action_add, name="action_add"),
    path(C + "evaluatie/beleidsacties/<int:action_pk>/", cycle_views.action_update, name="action_update"),
    path(C + "evaluatie/beleidsacties/<int:action_pk>/verwijderen/", cycle_views.action_delete, name="action_delete"),
    path(C + "evaluatie/vervolg/", cycle_views.next_cycle, name="next_cycle"),
    # The whole programme
    path(P + "export.json", export_views.programme_json, name="export_json"),
    path(P + "export.pdf", export_views.programme_pdf, name="export_pdf"),
    path(P + "export.docx", export_views.programme_docx, name="export_docx"),
]
