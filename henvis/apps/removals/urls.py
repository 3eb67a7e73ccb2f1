from django.urls import path

from henvis.apps.removals import views

app_name = "removals"
urlpatterns = [
    path("procedures/", views.procedure_list, name="list"),
    path("procedures/new/", views.procedure_new, name="new"),
    path("procedures/<int:pk>/", views.procedure_detail, name="detail"),
    path("procedures/<int:pk>/screen/", views.screen, name="screen"),
    path("procedures/<int:pk>/close/", views.close, name="close"),
    path("procedures/holds/<int:pk>/lift/", views.lift, name="lift"),
    path("procedures/statistics/", views.statistics, name="statistics"),
]
