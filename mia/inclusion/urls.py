from django.urls import path

app_name = "inclusion"
urlpatterns: list = []
