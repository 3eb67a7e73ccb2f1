from django.urls import path

from henvis.apps.training import views

app_name = "training"
urlpatterns = [
    path("training/scenarios/", views.index, name="index"),
    path("training/scenarios/<str:scenario_id>/", views.play, name="play"),
    path("training/organisation/", views.organisation, name="organisation"),
]
