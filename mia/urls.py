from django.contrib import admin
from django.urls import include, path

from mia.accounts.throttle import ThrottledPasswordResetView
from mia.core import views as core_views
from mia.live.api import api

handler400 = "mia.core.views.bad_request"
handler403 = "mia.core.views.permission_denied"
handler404 = "mia.core.views.page_not_found"
handler500 = "mia.core.views.server_error"

urlpatterns = [
    path("", core_views.home, name="home"),
    # Before Django's own: the reset mail is limited (issue 11 item 3).
    path("account/password_reset/", ThrottledPasswordResetView.as_view(), name="password_reset"),
    path("account/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("mia/", include("mia.assessments.urls")),
    path("mia/", include("mia.dialogues.urls")),
    path("mia/", include("mia.reports.urls")),
    path("mia/", include("mia.panels.urls")),
    path("analyse/", include("mia.analysis.urls")),
    path("taken/", include("mia.jobs.urls")),
    path("impactteam/", include("mia.measures.urls")),
    path("inclusie/", include("mia.inclusion.urls")),
    path("programmas/", include("mia.programmes.urls")),
    path("raadplegingen/", include("mia.consultations.urls")),
    # issue 16: advisory bodies
    path("adviesorganen/", include("mia.advice.urls")),
    path("api/", api.urls),
    path("", include("mia.live.urls")),
]
