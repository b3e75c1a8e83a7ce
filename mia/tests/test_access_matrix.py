"""The access matrix, from the URL conf (issue 11): every URL pattern × anonymous / a user of another
organisation / a user of the same organisation who is no member / a lezer / a kernteam member.

Every named URL must have a rule in ``RULES``: a new URL without one fails this suite, so whoever adds
a page decides who may open it. For each rule the roles that may not use the URL must get a 404 (or the
login page when anonymous), for a GET and, for POST-only views, a POST; the roles that may use it must
never get a server error, and get the page when all the URL's ids point at real objects.
"""

from __future__ import annotations

import re
import uuid

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from mia.tests.factories import make_assessment, make_dialogue, make_user

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "other_organisation", "same_organisation", "lezer", "kernteam")

# Who may use a URL, as the outcome per role: ok, login (anonymous: to the login page / 401), hidden (404).
CLASSES = {
    "public": ("ok", "ok", "ok", "ok", "ok"),
    "user": ("login", "ok", "ok", "ok", "ok"),
    "kernteam": ("login", "hidden", "hidden", "hidden", "ok"),
    "reader": ("login", "hidden", "hidden", "ok", "ok"),
    "organisation": ("login", "hidden", "ok", "ok", "ok"),
    "org_editor": ("login", "hidden", "ok", "hidden", "ok"),
    # Starting something new: any user with an editing role somewhere (a lezer is refused or finds no page).
    "creator": ("login", "ok", "ok", "denied", "ok"),
    "starter": ("login", "ok", "ok", "hidden", "ok"),
    "participant": ("ok", "ok", "ok", "ok", "ok"),  # the personal token is the key; a wrong one is a 404
    "staff": ("login", "login", "login", "login", "login"),
    # Only the organisation's beheerder (none of the roles here): scales, matrix, archiving.
    "beheerder": ("login", "hidden", "hidden", "hidden", "hidden"),
    "nobody": ("hidden", "hidden", "hidden", "hidden", "hidden"),  # ninja's API root: no page  # Django's admin: staff only, nobody here
}

MIA_APPS = {"assessments", "dialogues", "reports", "panels", "analysis", "live"}

# Not requested in the matrix: they change the session of the test client itself.
NOT_REQUESTED = {"logout", "set_language"}

RULES: dict[str, str] = {
    "logout": "public",  # not requested (see NOT_REQUESTED)
    "set_language": "public",
    "password_reset_confirm": "public",
    # -- URLs that came in with main (advice, consultations, crowd wall, report status): observed, then reviewed
    "reports:set_status": "kernteam",  # POST /mia/1/rapport/status/
    "reports:set_key_action": "kernteam",  # POST /mia/1/rapport/belangrijkste-vervolgstap/
    "reports:transcripts": "kernteam",  # /mia/1/rapport/transcripten/
    "reports:transcript_save": "kernteam",  # POST /mia/1/rapport/transcripten/1/
    "reports:transcript_delete": "kernteam",  # POST /mia/1/rapport/transcripten/1/verwijderen/
    "panels:example": "user",  # /mia/panel/voorbeeld/x.csv
    "analysis:theme_accept": "kernteam",  # POST /analyse/1/themas/1/naam-goedkeuren/
    "consultations:list": "user",  # /raadplegingen/
    "consultations:create": "creator",  # POST /raadplegingen/nieuw/
    "consultations:import": "creator",  # POST /raadplegingen/inlezen/
    "consultations:series": "organisation",  # /raadplegingen/1/
    "consultations:add_question": "organisation",  # POST /raadplegingen/1/vragen/
    "consultations:save_texts": "organisation",  # POST /raadplegingen/1/teksten/
    "consultations:add_session": "organisation",  # POST /raadplegingen/1/sessies/
    "consultations:toggle_signup": "organisation",  # POST /raadplegingen/1/aanmelden-open/
    "consultations:session": "organisation",  # /raadplegingen/1/sessies/1/
    "consultations:session_print": "organisation",  # /raadplegingen/1/sessies/1/afdrukken/
    "consultations:save_parts": "organisation",  # POST /raadplegingen/1/sessies/1/onderdelen/
    "consultations:save_notes": "organisation",  # POST /raadplegingen/1/sessies/1/notities/x/
    "consultations:add_creation": "organisation",  # POST /raadplegingen/1/sessies/1/creaties/
    "consultations:add_advice": "organisation",  # POST /raadplegingen/1/sessies/1/advies/
    "consultations:recruitment": "organisation",  # /raadplegingen/1/sessies/1/werving/
    "consultations:select": "organisation",  # POST /raadplegingen/1/sessies/1/loten/
    "consultations:invite": "organisation",  # POST /raadplegingen/1/sessies/1/uitnodigen/
    "consultations:creation_image": "organisation",  # /raadplegingen/1/creaties/1/foto/
    "consultations:remove": "organisation",  # POST /raadplegingen/1/verwijderen/x/1/
    "consultations:signups": "organisation",  # /raadplegingen/1/aanmeldingen/
    "consultations:import_signups": "organisation",  # POST /raadplegingen/1/aanmeldingen/inlezen/
    "consultations:set_status": "organisation",  # POST /raadplegingen/1/uitnodigingen/1/status/
    "consultations:invitation_letter": "organisation",  # /raadplegingen/1/uitnodigingen/1/brief/
    "consultations:draft": "organisation",  # /raadplegingen/1/concept/1/
    "consultations:make_draft": "organisation",  # POST /raadplegingen/1/concept/1/maken/
    "consultations:add_paragraph": "organisation",  # POST /raadplegingen/1/concept/1/alinea/
    "consultations:set_deadline": "organisation",  # POST /raadplegingen/1/concept/1/termijn/
    "consultations:edit_paragraph": "organisation",  # POST /raadplegingen/1/alineas/1/
    "consultations:decide": "organisation",  # POST /raadplegingen/1/reacties/1/
    "consultations:recommendations": "organisation",  # /raadplegingen/1/aanbevelingen/
    "consultations:add_recommendation": "organisation",  # POST /raadplegingen/1/aanbevelingen/nieuw/
    "consultations:add_thread": "organisation",  # POST /raadplegingen/1/rode-draden/
    "consultations:find_themes": "organisation",  # POST /raadplegingen/1/themas/zoeken/
    "consultations:add_quote": "organisation",  # POST /raadplegingen/1/citaat/x/1/
    "consultations:add_closing": "organisation",  # POST /raadplegingen/1/tot-slot/
    "consultations:characteristics": "organisation",  # /raadplegingen/1/kenmerken/
    "consultations:report": "organisation",  # /raadplegingen/1/rapport/
    "consultations:make_report": "organisation",  # POST /raadplegingen/1/rapport/maken/csv/
    "consultations:report_file": "organisation",  # /raadplegingen/1/rapport/bestand/1/
    "consultations:signup": "participant",  # /raadplegingen/aanmelden/<token>/
    "consultations:signup_submit": "participant",  # POST /raadplegingen/aanmelden/<token>/versturen/
    "consultations:participant": "participant",  # /raadplegingen/deelnemer/<token>/
    "consultations:participant_withdraw": "participant",  # POST /raadplegingen/deelnemer/<token>/stoppen/
    "consultations:participant_draft": "participant",  # /raadplegingen/deelnemer/<token>/verslag/1/
    "consultations:participant_react": "participant",  # POST /raadplegingen/deelnemer/<token>/reactie/1/
    "advice:list": "user",  # /adviesorganen/
    "advice:create": "creator",  # POST /adviesorganen/nieuw/
    "advice:register": "participant",  # /adviesorganen/register/<token>/
    "advice:structure": "organisation",  # /adviesorganen/1/
    "advice:structure_json": "organisation",  # /adviesorganen/1/structuur.json
    "advice:body_add": "organisation",  # /adviesorganen/1/organen/nieuw/
    "advice:body": "organisation",  # /adviesorganen/1/organen/1/
    "advice:body_update": "organisation",  # POST /adviesorganen/1/organen/1/opslaan/
    "advice:member_add": "organisation",  # POST /adviesorganen/1/organen/1/leden/nieuw/
    "advice:member_remove": "organisation",  # POST /adviesorganen/1/organen/1/leden/1/verwijderen/
    "advice:seat_panel": "organisation",  # POST /adviesorganen/1/organen/1/leden/uit-panel/
    "advice:subcommittee_add": "organisation",  # POST /adviesorganen/1/organen/1/subcommissies/nieuw/
    "advice:meeting_add": "organisation",  # POST /adviesorganen/1/organen/1/vergaderingen/nieuw/
    "advice:evaluation": "organisation",  # /adviesorganen/1/organen/1/evaluatie/
    "advice:evaluation_save": "organisation",  # /adviesorganen/1/organen/1/evaluatie/opslaan/
    "advice:flow_add": "organisation",  # /adviesorganen/1/stromen/nieuw/
    "advice:flow_remove": "organisation",  # /adviesorganen/1/stromen/1/verwijderen/
    "advice:items": "organisation",  # /adviesorganen/1/stukken/
    "advice:item_send": "organisation",  # /adviesorganen/1/stukken/verzenden/
    "advice:item": "organisation",  # /adviesorganen/1/stukken/1/
    "advice:item_respond": "organisation",  # /adviesorganen/1/stukken/1/reactie/
    "advice:experts": "organisation",  # /adviesorganen/1/experts/
    "advice:expert_add": "organisation",  # /adviesorganen/1/experts/nieuw/
    "advice:circle_add": "organisation",  # /adviesorganen/1/praktijkkringen/nieuw/
    "advice:trajectory_new": "organisation",  # /adviesorganen/1/trajecten/nieuw/
    "advice:trajectory_create": "organisation",  # /adviesorganen/1/trajecten/nieuw/opslaan/
    "advice:trajectory": "organisation",  # /adviesorganen/1/trajecten/1/
    "advice:trajectory_expert": "organisation",  # /adviesorganen/1/trajecten/1/experts/
    "advice:trajectory_circle": "organisation",  # /adviesorganen/1/trajecten/1/praktijkkringen/
    "advice:circle_refresh": "organisation",  # /adviesorganen/1/trajecten/1/praktijkkringen/1/kaartjes/
    "advice:trajectory_no_circles": "organisation",  # /adviesorganen/1/trajecten/1/geen-praktijkkring/
    "advice:trajectory_story": "organisation",  # /adviesorganen/1/trajecten/1/verhalen/
    "advice:story_withdraw": "organisation",  # /adviesorganen/1/trajecten/1/verhalen/1/intrekken/
    "advice:trajectory_text": "organisation",  # /adviesorganen/1/trajecten/1/advies/
    "advice:decision": "organisation",  # /adviesorganen/1/trajecten/1/stemming/
    "advice:decision_create": "organisation",  # /adviesorganen/1/trajecten/1/stemming/opslaan/
    "advice:trajectory_issue": "organisation",  # /adviesorganen/1/trajecten/1/uitbrengen/
    "advice:advice_pdf": "organisation",  # /adviesorganen/1/trajecten/1/advies.pdf
    "advice:advice_docx": "organisation",  # /adviesorganen/1/trajecten/1/advies.docx
    "advice:advice_json": "organisation",  # /adviesorganen/1/trajecten/1/advies.json
    "advice:advice_pdf_job": "organisation",  # POST /adviesorganen/1/trajecten/1/advies-pdf-maken/
    "advice:export_file": "organisation",  # /adviesorganen/1/trajecten/1/bestanden/1/
    "api:participant_stream": "participant",  # /api/live/deelnemer/<token>/stream
    "api:crowd_wall": "kernteam",  # /api/live/sessies/1/zaal
    "api:register": "public",  # /api/adviezen/register/1
    "live:facilitator_close_confirm": "kernteam",  # /mia/1/stap-3/live/1/sluiten/
    "live:crowd": "kernteam",  # /mia/1/stap-3/live/1/zaal/
    "live:crowd_themes": "kernteam",  # POST /mia/1/stap-3/live/1/zaal/thema-s/
    "live:crowd_hide": "kernteam",  # POST /mia/1/stap-3/live/1/zaal/1/verbergen/
    "live:crowd_show": "kernteam",  # POST /mia/1/stap-3/live/1/zaal/1/tonen/
    # name: class,  # (POST: a POST-only view) the path as requested in the matrix
    "home": "user",  # /
    "password_reset": "public",  # /account/password_reset/
    "login": "public",  # /account/login/
    "password_change": "user",  # /account/password_change/
    "password_change_done": "user",  # /account/password_change/done/
    "password_reset_done": "public",  # /account/password_reset/done/
    "password_reset_complete": "public",  # /account/reset/done/
    "assessments:list": "user",  # /mia/
    "assessments:create": "creator",  # /mia/nieuw/
    "assessments:about": "public",  # /mia/over/
    "assessments:detail": "kernteam",  # /mia/1/
    "assessments:members": "kernteam",  # /mia/1/leden/
    "assessments:member_remove": "kernteam",  # POST /mia/1/leden/1/verwijderen/
    "assessments:member_invite": "kernteam",  # POST /mia/1/leden/uitnodigen/
    "assessments:invitation": "kernteam",  # /mia/uitnodiging/<token>/
    "assessments:invitation_accept": "kernteam",  # POST /mia/uitnodiging/<token>/aannemen/
    "assessments:finish": "kernteam",  # POST /mia/1/afronden/
    "assessments:scan": "kernteam",  # /mia/1/stap-1/scan/
    "assessments:decision": "kernteam",  # /mia/1/stap-1/besluit/
    "assessments:domains": "kernteam",  # /mia/1/stap-1/domeinen/
    "assessments:questions": "kernteam",  # /mia/1/stap-2/vragen/
    "assessments:question_choose": "kernteam",  # POST /mia/1/stap-2/vragen/kiezen/
    "assessments:question_add_own": "kernteam",  # POST /mia/1/stap-2/vragen/eigen/
    "assessments:question_reword": "kernteam",  # POST /mia/1/stap-2/vragen/1/tekst/
    "assessments:question_restore": "kernteam",  # POST /mia/1/stap-2/vragen/1/oorspronkelijk/
    "assessments:question_remove": "kernteam",  # POST /mia/1/stap-2/vragen/1/weghalen/
    "assessments:question_up": "kernteam",  # POST /mia/1/stap-2/vragen/1/omhoog/
    "assessments:question_down": "kernteam",  # POST /mia/1/stap-2/vragen/1/omlaag/
    "assessments:preparation": "kernteam",  # /mia/1/stap-2/werkvorm/
    "assessments:chart": "kernteam",  # /mia/1/stap-4/mia-chart/
    "assessments:conclusions": "kernteam",  # /mia/1/stap-4/conclusies/
    "assessments:follow_up_add": "kernteam",  # POST /mia/1/stap-4/vervolgstappen/
    "assessments:follow_up_remove": "kernteam",  # POST /mia/1/stap-4/vervolgstappen/1/verwijderen/
    "dialogues:sessions": "kernteam",  # /mia/1/stap-2/deelnemers/
    "dialogues:session_add": "kernteam",  # POST /mia/1/stap-2/sessies/nieuw/
    "dialogues:session_update": "kernteam",  # POST /mia/1/stap-2/sessies/1/
    "dialogues:session_remove": "kernteam",  # POST /mia/1/stap-2/sessies/1/verwijderen/
    "dialogues:participant_add": "kernteam",  # POST /mia/1/stap-2/sessies/1/deelnemers/
    "dialogues:participant_export": "kernteam",  # POST /mia/1/stap-2/deelnemers/1/gegevens/
    "dialogues:participant_erase": "kernteam",  # POST /mia/1/stap-2/deelnemers/1/wissen/
    "dialogues:participant_remove": "kernteam",  # POST /mia/1/stap-2/deelnemers/1/verwijderen/
    "dialogues:step3": "kernteam",  # /mia/1/stap-3/
    "dialogues:agenda": "kernteam",  # /mia/1/stap-3/sessie/1/agenda/
    "dialogues:cards_pdf": "kernteam",  # /mia/1/stap-3/sessie/1/kaartjes.pdf
    "dialogues:entry": "kernteam",  # /mia/1/stap-3/sessie/1/invoer/
    "dialogues:round_notes": "kernteam",  # POST /mia/1/stap-3/sessie/1/ronde/2/notities/
    "dialogues:card_add": "kernteam",  # POST /mia/1/stap-3/sessie/1/ronde/2/kaartjes/
    "dialogues:card_delete": "kernteam",  # POST /mia/1/stap-3/sessie/1/ronde/2/kaartjes/1/verwijderen/
    "reports:report": "reader",  # /mia/1/rapport/
    "reports:pdf": "reader",  # /mia/1/rapport.pdf
    "reports:docx": "reader",  # /mia/1/rapport.docx
    "reports:pdf_job": "reader",  # POST /mia/1/rapport/pdf-maken/ (a large MIA's PDF by the job queue)
    "reports:docx_job": "reader",  # POST /mia/1/rapport/docx-maken/
    "reports:file": "reader",  # /mia/1/rapport/bestanden/1/ (a file the job made)
    "reports:json": "kernteam",  # /mia/1/export.json
    "reports:cards_csv": "kernteam",  # /mia/1/kaartjes.csv
    "reports:import": "creator",  # /mia/importeren/
    "panels:pools": "kernteam",  # /mia/1/stap-2/panel/
    "panels:pool_upload": "kernteam",  # POST /mia/1/stap-2/panel/inlezen/
    "panels:pool": "kernteam",  # /mia/1/stap-2/panel/1/
    "panels:quotas": "kernteam",  # POST /mia/1/stap-2/panel/1/quota/
    "panels:select": "kernteam",  # POST /mia/1/stap-2/panel/1/loten/
    "panels:selection": "kernteam",  # /mia/1/stap-2/panel/1/loting/1/
    "panels:selection_to_session": "kernteam",  # POST /mia/1/stap-2/panel/1/loting/1/deelnemers/
    "panels:selection_csv": "kernteam",  # /mia/1/stap-2/panel/1/loting/1/panel.csv
    "analysis:readability": "user",  # POST /analyse/taalcheck/
    "analysis:themes": "kernteam",  # /analyse/1/themas/
    "analysis:themes_run": "kernteam",  # POST /analyse/1/themas/zoeken/
    "analysis:themes_merge": "kernteam",  # POST /analyse/1/themas/samenvoegen/
    "analysis:code_add": "kernteam",  # POST /analyse/1/themas/codes/
    "analysis:theme_rename": "kernteam",  # POST /analyse/1/themas/1/naam/
    "analysis:theme_move": "kernteam",  # POST /analyse/1/themas/1/verplaatsen/
    "analysis:theme_split": "kernteam",  # POST /analyse/1/themas/1/splitsen/
    "analysis:theme_code": "kernteam",  # POST /analyse/1/themas/1/coderen/
    "analysis:themes_export": "kernteam",  # /analyse/1/themas.csv
    "analysis:responses": "kernteam",  # /analyse/1/reacties/
    "analysis:responses_upload": "kernteam",  # POST /analyse/1/reacties/inlezen/
    "analysis:response_job": "kernteam",  # /analyse/1/reacties/1/
    "jobs:detail": "kernteam",  # /taken/1/
    "jobs:retry": "kernteam",  # POST /taken/1/opnieuw/
    "measures:list": "user",  # /impactteam/
    "measures:create": "creator",  # POST /impactteam/nieuw/
    "measures:import": "starter",  # /impactteam/importeren/
    "measures:import_upload": "starter",  # POST /impactteam/importeren/inlezen/
    "measures:workspace": "organisation",  # /impactteam/1/
    "measures:export_json": "organisation",  # /impactteam/1/werkruimte.json
    "measures:export_file": "organisation",  # /impactteam/1/bestanden/1/
    "measures:settings": "organisation",  # /impactteam/1/instellingen/
    "measures:workspace_update": "org_editor",  # POST /impactteam/1/instellingen/opslaan/
    "measures:archive": "beheerder",  # /impactteam/1/instellingen/archief/
    "measures:scenario_add": "org_editor",  # POST /impactteam/1/instellingen/scenarios/nieuw/
    "measures:scenario_update": "org_editor",  # POST /impactteam/1/instellingen/scenarios/1/
    "measures:scenario_delete": "org_editor",  # POST /impactteam/1/instellingen/scenarios/1/verwijderen/
    "measures:group_add": "org_editor",  # POST /impactteam/1/instellingen/groepen/nieuw/
    "measures:group_update": "org_editor",  # POST /impactteam/1/instellingen/groepen/1/
    "measures:group_delete": "org_editor",  # POST /impactteam/1/instellingen/groepen/1/verwijderen/
    "measures:value_add": "org_editor",  # POST /impactteam/1/instellingen/waarden/nieuw/
    "measures:value_update": "org_editor",  # POST /impactteam/1/instellingen/waarden/1/
    "measures:value_delete": "org_editor",  # POST /impactteam/1/instellingen/waarden/1/verwijderen/
    "measures:scales": "organisation",  # /impactteam/1/instellingen/schalen/
    "measures:scales_update": "beheerder",  # /impactteam/1/instellingen/schalen/opslaan/
    "measures:fiches": "organisation",  # /impactteam/1/fiches/
    "measures:all_fiches_pdf": "organisation",  # POST /impactteam/1/fiches/alle.pdf
    "measures:measure_new": "org_editor",  # /impactteam/1/fiches/nieuw/
    "measures:measure_create": "org_editor",  # POST /impactteam/1/fiches/nieuw/opslaan/
    "measures:fiche": "organisation",  # /impactteam/1/fiches/1/
    "measures:measure_edit": "organisation",  # /impactteam/1/fiches/1/bewerken/
    "measures:measure_update": "organisation",  # POST /impactteam/1/fiches/1/bewerken/opslaan/
    "measures:measure_delete": "organisation",  # POST /impactteam/1/fiches/1/verwijderen/
    "measures:measure_scenarios": "organisation",  # /impactteam/1/fiches/1/scenarios/
    "measures:measure_scenarios_save": "organisation",  # POST /impactteam/1/fiches/1/scenarios/opslaan/
    "measures:group_impact_set": "organisation",  # POST /impactteam/1/fiches/1/groepen/
    "measures:group_impact_remove": "organisation",  # POST /impactteam/1/fiches/1/groepen/1/weg/
    "measures:source_add": "organisation",  # POST /impactteam/1/fiches/1/bronnen/
    "measures:source_delete": "organisation",  # POST /impactteam/1/fiches/1/bronnen/1/weg/
    "measures:consideration_add": "organisation",  # POST /impactteam/1/fiches/1/afwegingen/
    "measures:consideration_delete": "organisation",  # POST /impactteam/1/fiches/1/afwegingen/1/weg/
    "measures:status_set": "organisation",  # POST /impactteam/1/fiches/1/status/
    "measures:version_json": "organisation",  # /impactteam/1/fiches/1/versies/1.json
    "measures:link_assessment": "organisation",  # POST /impactteam/1/fiches/1/mia/
    "measures:adopt_mia": "organisation",  # POST /impactteam/1/fiches/1/mia/overnemen/
    "measures:fiche_pdf": "organisation",  # /impactteam/1/fiches/1/fiche.pdf
    "measures:fiche_docx": "organisation",  # /impactteam/1/fiches/1/fiche.docx
    "measures:packages": "organisation",  # /impactteam/1/pakketten/
    "measures:package_new": "org_editor",  # /impactteam/1/pakketten/nieuw/
    "measures:package_create": "org_editor",  # POST /impactteam/1/pakketten/nieuw/opslaan/
    "measures:package": "organisation",  # /impactteam/1/pakketten/1/
    "measures:package_edit": "organisation",  # /impactteam/1/pakketten/1/bewerken/
    "measures:package_update": "organisation",  # POST /impactteam/1/pakketten/1/bewerken/opslaan/
    "measures:package_delete": "organisation",  # POST /impactteam/1/pakketten/1/verwijderen/
    "measures:package_level_set": "organisation",  # POST /impactteam/1/pakketten/1/ladder/1/
    "measures:package_pdf": "organisation",  # /impactteam/1/pakketten/1/pakket.pdf
    "measures:package_docx": "organisation",  # /impactteam/1/pakketten/1/pakket.docx
    "measures:ladder": "organisation",  # /impactteam/1/ladder/
    "measures:scenario_ladder": "organisation",  # /impactteam/1/ladder/1/
    "measures:place": "organisation",  # POST /impactteam/1/ladder/1/plaatsen/
    "measures:dashboard": "organisation",  # /impactteam/1/dashboard/
    "measures:upload": "org_editor",  # POST /impactteam/1/dashboard/inlezen/
    "measures:dashboard_csv": "organisation",  # /impactteam/1/dashboard/cijfers.csv
    "measures:dashboard_xlsx": "organisation",  # /impactteam/1/dashboard/cijfers.xlsx
    "measures:indicator": "organisation",  # /impactteam/1/dashboard/indicatoren/1/
    "measures:indicator_update": "organisation",  # POST /impactteam/1/dashboard/indicatoren/1/opslaan/
    "measures:indicator_delete": "organisation",  # POST /impactteam/1/dashboard/indicatoren/1/verwijderen/
    "measures:composite_create": "org_editor",  # POST /impactteam/1/dashboard/kernwaarde/
    "measures:cbs_add": "org_editor",  # POST /impactteam/1/dashboard/cbs/
    "measures:cbs_refresh": "organisation",  # POST /impactteam/1/dashboard/cbs/1/verversen/
    "measures:cbs_delete": "organisation",  # POST /impactteam/1/dashboard/cbs/1/verwijderen/
    "measures:development_add": "org_editor",  # POST /impactteam/1/dashboard/ontwikkelingen/
    "measures:development_delete": "organisation",  # POST /impactteam/1/dashboard/ontwikkelingen/1/verwijderen/
    "measures:weighings": "organisation",  # /impactteam/1/afwegingen/
    "measures:weighing_new": "org_editor",  # /impactteam/1/afwegingen/nieuw/
    "measures:weighing_create": "org_editor",  # POST /impactteam/1/afwegingen/nieuw/opslaan/
    "measures:weighing": "organisation",  # /impactteam/1/afwegingen/1/
    "measures:weighing_edit": "organisation",  # /impactteam/1/afwegingen/1/bewerken/
    "measures:weighing_update": "organisation",  # POST /impactteam/1/afwegingen/1/bewerken/opslaan/
    "measures:weighing_delete": "organisation",  # POST /impactteam/1/afwegingen/1/verwijderen/
    "measures:weights_set": "organisation",  # POST /impactteam/1/afwegingen/1/gewichten/
    "measures:scores_set": "organisation",  # POST /impactteam/1/afwegingen/1/scores/
    "measures:criterion_add": "organisation",  # POST /impactteam/1/afwegingen/1/criteria/
    "measures:criterion_edit": "organisation",  # /impactteam/1/afwegingen/1/criteria/1/
    "measures:criterion_update": "organisation",  # POST /impactteam/1/afwegingen/1/criteria/1/opslaan/
    "measures:criterion_delete": "organisation",  # POST /impactteam/1/afwegingen/1/criteria/1/verwijderen/
    "measures:annex_pdf": "organisation",  # /impactteam/1/afwegingen/1/bijlage.pdf
    "measures:annex_docx": "organisation",  # /impactteam/1/afwegingen/1/bijlage.docx
    "inclusion:list": "user",  # /inclusie/
    "inclusion:create": "creator",  # /inclusie/nieuw/
    "inclusion:import": "creator",  # POST /inclusie/importeren/
    "inclusion:trajectory": "organisation",  # /inclusie/1/
    "inclusion:update": "org_editor",  # POST /inclusie/1/gegevens/
    "inclusion:close": "org_editor",  # POST /inclusie/1/afsluiten/
    "inclusion:reopen": "org_editor",  # POST /inclusie/1/heropenen/
    "inclusion:delete": "org_editor",  # POST /inclusie/1/verwijderen/
    "inclusion:step": "org_editor",  # /inclusie/1/stap-1/
    "inclusion:step_save": "org_editor",  # POST /inclusie/1/stap-1/opslaan/
    "inclusion:verkenning_save": "org_editor",  # POST /inclusie/1/stap-1/deel-1/
    "inclusion:levensdomein_save": "org_editor",  # POST /inclusie/1/stap-1/levensdomein/
    "inclusion:monitoring_save": "org_editor",  # POST /inclusie/1/stap-5/monitoring/
    "inclusion:goal_add": "org_editor",  # POST /inclusie/1/stap-5/doel/
    "inclusion:goal_remove": "organisation",  # POST /inclusie/1/stap-5/doel/1/verwijderen/
    "inclusion:indicator_add": "org_editor",  # POST /inclusie/1/stap-5/indicator/
    "inclusion:indicator": "organisation",  # /inclusie/1/stap-5/indicator/1/
    "inclusion:indicator_update": "organisation",  # POST /inclusie/1/stap-5/indicator/1/opslaan/
    "inclusion:indicator_remove": "organisation",  # POST /inclusie/1/stap-5/indicator/1/verwijderen/
    "inclusion:measurement_add": "organisation",  # POST /inclusie/1/stap-5/indicator/1/meting/
    "inclusion:measurement_remove": "organisation",  # POST /inclusie/1/stap-5/meting/1/verwijderen/
    "inclusion:qualitative_add": "org_editor",  # POST /inclusie/1/stap-5/kwalitatief/
    "inclusion:qualitative_remove": "organisation",  # POST /inclusie/1/stap-5/kwalitatief/1/verwijderen/
    "inclusion:measurements_csv": "organisation",  # /inclusie/1/stap-5/metingen.csv
    "inclusion:precondition": "org_editor",  # /inclusie/1/randvoorwaarde-1/
    "inclusion:check_create": "org_editor",  # POST /inclusie/1/randvoorwaarde-1/toets/
    "inclusion:check": "organisation",  # /inclusie/1/vlechtwerk/1/
    "inclusion:check_save": "organisation",  # POST /inclusie/1/vlechtwerk/1/opslaan/
    "inclusion:check_update": "organisation",  # POST /inclusie/1/vlechtwerk/1/gegevens/
    "inclusion:check_delete": "organisation",  # POST /inclusie/1/vlechtwerk/1/verwijderen/
    "inclusion:intersection_add": "organisation",  # POST /inclusie/1/vlechtwerk/1/combinatie/
    "inclusion:intersection_delete": "organisation",  # POST /inclusie/1/vlechtwerk/1/combinatie/1/verwijderen/
    "inclusion:group_save": "org_editor",  # POST /inclusie/1/randvoorwaarde-2/werkgroep/
    "inclusion:member_add": "org_editor",  # POST /inclusie/1/randvoorwaarde-2/lid/
    "inclusion:member": "organisation",  # /inclusie/1/randvoorwaarde-2/lid/1/
    "inclusion:member_update": "organisation",  # POST /inclusie/1/randvoorwaarde-2/lid/1/opslaan/
    "inclusion:member_remove": "organisation",  # POST /inclusie/1/randvoorwaarde-2/lid/1/verwijderen/
    "inclusion:member_erase": "organisation",  # POST /inclusie/1/randvoorwaarde-2/lid/1/wissen/
    "inclusion:member_export": "organisation",  # /inclusie/1/randvoorwaarde-2/lid/1/gegevens.json
    "inclusion:role_add": "org_editor",  # POST /inclusie/1/randvoorwaarde-2/rol/
    "inclusion:role_remove": "organisation",  # POST /inclusie/1/randvoorwaarde-2/rol/1/verwijderen/
    "inclusion:participation_save": "org_editor",  # POST /inclusie/1/randvoorwaarde-3/plan/
    "inclusion:activity_add": "org_editor",  # POST /inclusie/1/randvoorwaarde-3/activiteit/
    "inclusion:activity_remove": "organisation",  # POST /inclusie/1/randvoorwaarde-3/activiteit/1/verwijderen/
    "inclusion:tasks": "org_editor",  # /inclusie/1/taken/
    "inclusion:task_add": "org_editor",  # POST /inclusie/1/taken/nieuw/
    "inclusion:task": "organisation",  # /inclusie/1/taken/1/
    "inclusion:task_update": "organisation",  # POST /inclusie/1/taken/1/opslaan/
    "inclusion:task_done": "organisation",  # POST /inclusie/1/taken/1/klaar/
    "inclusion:task_reopen": "organisation",  # POST /inclusie/1/taken/1/heropenen/
    "inclusion:task_delete": "organisation",  # POST /inclusie/1/taken/1/verwijderen/
    "inclusion:coverage": "org_editor",  # /inclusie/1/wie-ontbreekt/
    "inclusion:coverage_file": "org_editor",  # POST /inclusie/1/wie-ontbreekt/bestand/
    "inclusion:summary": "organisation",  # /inclusie/1/overzicht/
    "inclusion:export_start": "organisation",  # POST /inclusie/1/export/
    "inclusion:export_file": "organisation",  # /inclusie/1/export/1/
    "inclusion:export_json": "organisation",  # /inclusie/1/export.json
    "programmes:list": "user",  # /programmas/
    "programmes:create": "creator",  # /programmas/nieuw/
    "programmes:import_json": "creator",  # /programmas/importeren/
    "programmes:guidelines": "user",  # /programmas/richtlijnen/
    "programmes:guidelines_pdf": "user",  # /programmas/richtlijnen.pdf
    "programmes:overview": "organisation",  # /programmas/1/
    "programmes:update": "org_editor",  # POST /programmas/1/bewerken/
    "programmes:delete": "org_editor",  # POST /programmas/1/verwijderen/
    "programmes:themes": "org_editor",  # /programmas/1/themas/
    "programmes:theme_add": "org_editor",  # POST /programmas/1/themas/nieuw/
    "programmes:theme_edit": "org_editor",  # /programmas/1/themas/1/
    "programmes:theme_delete": "org_editor",  # POST /programmas/1/themas/1/verwijderen/
    "programmes:problem_add": "org_editor",  # POST /programmas/1/probleemthemas/nieuw/
    "programmes:problem_edit": "org_editor",  # POST /programmas/1/probleemthemas/1/
    "programmes:settings": "org_editor",  # /programmas/1/instellingen/
    "programmes:term_add": "org_editor",  # POST /programmas/1/instellingen/nieuw/
    "programmes:term_update": "org_editor",  # POST /programmas/1/instellingen/1/
    "programmes:term_delete": "org_editor",  # POST /programmas/1/instellingen/1/verwijderen/
    "programmes:inventory": "org_editor",  # /programmas/1/initiatieven/
    "programmes:initiative_new": "org_editor",  # /programmas/1/initiatieven/nieuw/
    "programmes:initiative_edit": "organisation",  # /programmas/1/initiatieven/1/
    "programmes:initiative_delete": "organisation",  # POST /programmas/1/initiatieven/1/verwijderen/
    "programmes:inventory_import": "org_editor",  # /programmas/1/initiatieven/importeren/
    "programmes:example_file": "org_editor",  # /programmas/1/initiatieven/importeren/voorbeeld.csv
    "programmes:import": "organisation",  # /programmas/1/initiatieven/import/1/
    "programmes:inventory_csv": "organisation",  # /programmas/1/initiatieven.csv
    "programmes:inventory_xlsx": "organisation",  # /programmas/1/initiatieven.xlsx
    "programmes:gaps": "org_editor",  # /programmas/1/kansen-en-leemtes/
    "programmes:cell": "organisation",  # /programmas/1/kansen-en-leemtes/cel/
    "programmes:gap_note": "organisation",  # POST /programmas/1/kansen-en-leemtes/cel/conclusie/
    "programmes:matrix_csv": "organisation",  # /programmas/1/kansen-en-leemtes.csv
    "programmes:matrix_xlsx": "organisation",  # /programmas/1/kansen-en-leemtes.xlsx
    "programmes:priority_add": "org_editor",  # POST /programmas/1/prioriteiten/nieuw/
    "programmes:priority_delete": "organisation",  # POST /programmas/1/prioriteiten/1/verwijderen/
    "programmes:board": "org_editor",  # /programmas/1/cycli/
    "programmes:cycle_new": "org_editor",  # /programmas/1/cycli/nieuw/
    "programmes:cycle": "organisation",  # /programmas/1/cycli/1/
    "programmes:cycle_phase": "organisation",  # POST /programmas/1/cycli/1/fase/
    "programmes:cycle_close": "organisation",  # POST /programmas/1/cycli/1/afsluiten/
    "programmes:step_update": "organisation",  # POST /programmas/1/cycli/1/stappen/1/
    "programmes:approach": "organisation",  # /programmas/1/cycli/1/thema-aanpak/
    "programmes:approach_pdf": "organisation",  # /programmas/1/cycli/1/thema-aanpak.pdf
    "programmes:approach_docx": "organisation",  # /programmas/1/cycli/1/thema-aanpak.docx
    "programmes:goal_add": "organisation",  # POST /programmas/1/cycli/1/doelen/nieuw/
    "programmes:goal_update": "organisation",  # POST /programmas/1/cycli/1/doelen/1/
    "programmes:goal_delete": "organisation",  # POST /programmas/1/cycli/1/doelen/1/verwijderen/
    "programmes:links": "organisation",  # /programmas/1/cycli/1/koppelingen/
    "programmes:link_add": "organisation",  # POST /programmas/1/cycli/1/koppelingen/nieuw/
    "programmes:link_series_add": "organisation",  # POST /programmas/1/cycli/1/koppelingen/raadpleging/
    "programmes:link_update": "organisation",  # POST /programmas/1/cycli/1/koppelingen/1/
    "programmes:link_delete": "organisation",  # POST /programmas/1/cycli/1/koppelingen/1/verwijderen/
    "programmes:evaluation": "organisation",  # /programmas/1/cycli/1/evaluatie/
    "programmes:themes_start": "organisation",  # POST /programmas/1/cycli/1/evaluatie/themas/
    "programmes:summary": "organisation",  # POST /programmas/1/cycli/1/evaluatie/samenvatting/
    "programmes:goal_evaluate": "organisation",  # POST /programmas/1/cycli/1/evaluatie/doelen/1/
    "programmes:action_add": "organisation",  # POST /programmas/1/cycli/1/evaluatie/beleidsacties/nieuw/
    "programmes:action_update": "organisation",  # POST /programmas/1/cycli/1/evaluatie/beleidsacties/1/
    "programmes:action_delete": "organisation",  # POST /programmas/1/cycli/1/evaluatie/beleidsacties/1/verwijderen/
    "programmes:next_cycle": "organisation",  # POST /programmas/1/cycli/1/evaluatie/vervolg/
    "programmes:export_json": "organisation",  # /programmas/1/export.json
    "programmes:export_pdf": "organisation",  # /programmas/1/export.pdf
    "programmes:export_docx": "organisation",  # /programmas/1/export.docx
    "api:openapi-json": "public",  # /api/openapi.json
    "api:status": "public",  # /api/live/status
    "api:join": "public",  # POST /api/live/join
    "api:participant_state": "participant",  # /api/live/deelnemer/<token>/state
    "api:consent": "participant",  # POST /api/live/deelnemer/<token>/consent
    "api:put_card": "participant",  # POST /api/live/deelnemer/<token>/cards/<client_id>
    "api:session_wall": "kernteam",  # /api/live/sessies/1
    "api:steer": "kernteam",  # POST /api/live/sessies/1/stappen
    "api:overview": "kernteam",  # /api/live/mia/1/sessies
    "api:api-root": "nobody",  # /api/
    "live:join": "public",  # /doe-mee/
    "live:participant": "participant",  # /deelnemer/<token>/
    "live:participant_consent": "participant",  # POST /deelnemer/<token>/toestemming/
    "live:participant_card": "participant",  # POST /deelnemer/<token>/kaartje/
    "live:overview": "kernteam",  # /mia/1/stap-3/live/
    "live:plenary": "kernteam",  # /mia/1/stap-3/live/plenair/
    "live:facilitator": "kernteam",  # /mia/1/stap-3/live/1/
    "live:facilitator_step": "kernteam",  # POST /mia/1/stap-3/live/1/stap/x/
    "live:facilitator_open_round": "kernteam",  # POST /mia/1/stap-3/live/1/ronde/2/open/
    "live:facilitator_timer": "kernteam",  # POST /mia/1/stap-3/live/1/timer/
    "live:facilitator_closing_message": "kernteam",  # POST /mia/1/stap-3/live/1/slottekst/
}


def _patterns(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}:{p.namespace}".strip(":") if p.namespace else namespace
            yield from _patterns(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern) and p.name:
            yield prefix + str(p.pattern), f"{namespace}:{p.name}".strip(":")


def all_urls() -> list[tuple[str, str]]:
    seen, out = set(), []
    for pattern, name in _patterns(get_resolver().url_patterns):
        if (pattern, name) not in seen:
            seen.add((pattern, name))
            out.append((pattern, name))
    return out


def rule_for(name: str) -> str | None:
    if name.startswith("admin:"):
        return "staff"
    return RULES.get(name)


def test_every_url_has_an_access_rule():
    missing = sorted({name for _pattern, name in all_urls() if rule_for(name) is None})
    assert not missing, "URLs without a rule in mia/tests/test_access_matrix.py RULES: " + ", ".join(missing)
    unknown = sorted(set(RULES) - {name for _pattern, name in all_urls()})
    assert not unknown, f"RULES name URLs that no longer exist: {unknown}"
    assert set(RULES.values()) <= set(CLASSES)


@pytest.fixture
def world(content):
    from mia.accounts.models import Organisation
    from mia.inclusion import actions as inclusion_actions
    from mia.inclusion.loader import load_stappenplan_file
    from mia.jobs.models import Job
    from mia.measures import actions as measures_actions
    from mia.programmes import actions as programme_actions

    kernteam = make_user("kern", role="kernteam")
    lezer = make_user("lezend", role="lezer")
    colleague = make_user("collega", role="kernteam")
    other = make_user("elders", role="kernteam", organisation="Andere gemeente")
    assessment = make_assessment(kernteam, reader=lezer)
    session = make_dialogue(assessment, participants=2, questions=1)
    participant = session.participants.first()
    organisation = Organisation.objects.get(name="Ministerie van Voorbeelden")
    workspace = measures_actions.create_workspace(kernteam, organisation, "Werkruimte", "", "")
    programme = programme_actions.create_programme(kernteam, "Programma", "", organisation)
    load_stappenplan_file()
    trajectory = inclusion_actions.create_trajectory(kernteam, organisation, title="Traject", municipality="Gemeente")
    job = Job.objects.create(kind="analysis.themes", subject=f"assessment:{assessment.pk}", created_by=kernteam)
    users = {"other_organisation": other, "same_organisation": colleague, "lezer": lezer, "kernteam": kernteam}
    containers = {"mia": assessment.pk, "measures": workspace.pk, "programmes": programme.pk, "inclusion": trajectory.pk,
                  "jobs": job.pk}
    ids = {
        "session_pk": session.pk, "session_id": session.pk, "assessment_id": assessment.pk, "ws": workspace.pk,
        "token": participant.invite_token, "participant_pk": participant.pk, "job_pk": job.pk,
        "round_pk": session.rounds.first().pk, "member_pk": assessment.memberships.get(user=kernteam).pk,
    }
    return {"users": users, "containers": containers, "ids": ids}


# Pages that answer 404 without their query string (a cell of the gap matrix).
NEEDS_QUERY = {"programmes:cell"}

# POST-only API views get a body that passes their schema, so that the access check itself is reached.
POST_JSON = {"api:steer": {"action": "close_round"}, "api:join": {"code": "ABCDEF", "accept": True}}


def _url(pattern: str, name: str, world) -> tuple[str, bool]:
    app = name.split(":")[0]
    key = "mia" if app in MIA_APPS or app == "api" else app
    container = world["containers"].get(key, 1)
    # Apps without an object in this world (advice, consultations): only the refusals are checked.
    resolvable = key in world["containers"]

    def value(match):
        nonlocal resolvable
        converter, key = match.group(1) or "str", match.group(2)
        if key == "pk" and keys.index("pk") == 0:
            return str(container)
        if key in world["ids"]:
            if key == "token":
                resolvable = False  # a participant link is checked for server errors only
            return str(world["ids"][key])
        if key == "fmt":
            return "csv"
        if key == "client_id" or converter == "uuid":
            return str(uuid.uuid4())
        resolvable = False
        return "1" if converter in ("int", "str") else "x"

    keys = re.findall(r"<(?:\w+:)?(\w+)>", pattern)
    if "pk" in keys and keys.index("pk") > 0:
        resolvable = False  # a pk under a container (/impactteam/<ws>/fiches/<pk>/): an id we do not make
    if app != "assessments" and "member_pk" in keys:
        resolvable = False  # another app's member (an inclusion working-group member)
    if name in NEEDS_QUERY:
        resolvable = False
    if app == "jobs" or "job_pk" in keys:
        resolvable = False  # a job is seen through the page of its subject
    path = re.sub(r"<(?:(\w+):)?(\w+)>", value, pattern)
    path = re.sub(r"^\^|\$$", "", path).replace("\\", "")
    return "/" + path, resolvable


def _outcome(response) -> str:
    status = response.status_code
    location = response.get("Location", "")
    if status == 401 or (status == 302 and ("/account/login/" in location or "/admin/login/" in location)):
        return "login"
    if status == 404:
        return "hidden"
    if status >= 500:
        return "error"
    if status == 403:
        return "denied"
    return "ok"


def test_access_matrix(world):
    clients = {"anonymous": Client()}
    for role, user in world["users"].items():
        clients[role] = Client()
        clients[role].force_login(user)
    problems = []
    for pattern, name in all_urls():
        rule = rule_for(name)
        if rule is None or name in NOT_REQUESTED or (name.startswith("admin:") and name not in ("admin:index",)):
            continue
        if name.startswith(("password_reset_confirm",)):
            continue
        url, resolvable = _url(pattern, name, world)
        kernteam_get = clients["kernteam"].get(url)
        post_only = kernteam_get.status_code == 405
        for role, expected in zip(ROLES, CLASSES[rule], strict=True):
            client = clients[role]
            if post_only and name in POST_JSON:
                response = client.post(url, POST_JSON[name], content_type="application/json")
            else:
                response = client.post(url, {}) if post_only else client.get(url)
            got = _outcome(response)
            if got == "error":
                problems.append(f"{name} {url} as {role}: server error {response.status_code}")
            elif expected != "ok" and got != expected:
                problems.append(f"{name} {url} ({rule}) as {role}: {got} ({response.status_code}), expected {expected}")
            elif expected == "ok" and resolvable and not post_only and got == "hidden":
                problems.append(f"{name} {url} ({rule}) as {role}: 404, expected the page")
    assert not problems, "\n".join(problems)


def test_superusers_stay_out_of_other_organisations_in_the_app(world):
    """Issue 11 item 14: a superuser works in the admin; in the app they are no back door."""
    from django.contrib.auth import get_user_model

    boss = get_user_model().objects.create_superuser("baas", "baas@example.org", "geheim-wachtwoord-123")
    client = Client()
    client.force_login(boss)
    c = world["containers"]
    for url in (f"/mia/{c['mia']}/", f"/mia/{c['mia']}/rapport/", f"/impactteam/{c['measures']}/",
                f"/programmas/{c['programmes']}/", f"/inclusie/{c['inclusion']}/"):
        assert client.get(url).status_code == 404, url
    lists = {"/mia/": f"/mia/{c['mia']}/", "/impactteam/": f"/impactteam/{c['measures']}/",
             "/programmas/": f"/programmas/{c['programmes']}/", "/inclusie/": f"/inclusie/{c['inclusion']}/"}
    for url, link in lists.items():
        body = client.get(url).content.decode()
        assert f'href="{link}"' not in body, url
