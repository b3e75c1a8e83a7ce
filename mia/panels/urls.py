from django.urls import path

from mia.panels import views

app_name = "panels"
urlpatterns = [
    path("<int:pk>/stap-2/panel/", views.pools, name="pools"),
    path("<int:pk>/stap-2/panel/<int:pool_pk>/", views.pool_detail, name="pool"),
    path("<int:pk>/stap-2/panel/<int:pool_pk>/loting/<int:selection_pk>/", views.selection_detail, name="selection"),
    path("<int:pk>/stap-2/panel/<int:pool_pk>/loting/<int:selection_pk>/panel.csv", views.selection_csv, name="selection_csv"),
]
