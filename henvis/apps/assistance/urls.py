from django.urls import path

from henvis.apps.assistance import views

app_name = "assistance"
urlpatterns = [path("assistance/statistics/", views.statistics, name="statistics")]
