from django.urls import path

from henvis.apps.identification import views

app_name = "identification"
urlpatterns = [
    path("screening/", views.screening, name="screening"),
    path("screening/rights/<str:language>/", views.rights_sheet, name="rights_sheet"),
]
