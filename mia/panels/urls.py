from django.urls import path

from mia.panels import views

app_name = "panels"
urlpatterns = [
    path("panel/voorbeeld/<slug:name>.csv", views.example_file, name="example"),
    path("<int:pk>/stap-2/panel/", views.pools, name="pools"),
    path("<int:pk>/stap-2/panel/inlezen/", views.pool_upload, name="pool_upload"),
    path("<int:pk>/stap-2/panel/<int:pool_pk>/", views.pool_detail, name="pool"),
    path("<int:pk>/stap-2/panel/<int:pool_pk>/quota/", views.quotas_save, name="quotas"),
    path("<int:pk>/stap-2/panel/<int:pool_pk>/loten/", views.select, name="select"),
    path("<int:pk>/stap-2/panel/<int:pool_pk>/loting/<int:selection_pk>/", views.selection_detail, name="selection"),
    path("<int:pk>/stap-2/panel/<int:pool_pk>/loting/<int:selection_pk>/deelnemers/", views.selection_to_session,
         name="selection_to_session"),
    path("<int:pk>/stap-2/panel/<int:pool_pk>/loting/<int:selection_pk>/panel.csv", views.selection_csv, name="selection_csv"),
]
