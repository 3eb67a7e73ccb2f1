from django.urls import path

from henvis.apps.dataprotection import views

app_name = "dataprotection"
urlpatterns = [
    path("dataprotection/", views.index, name="index"),
    path("dataprotection/cases/<int:pk>/", views.case_page, name="case"),
    path("dataprotection/cases/<int:pk>/access/", views.access_request, name="access"),
    path("dataprotection/cases/<int:pk>/erase/", views.erasure, name="erase"),
    path("dataprotection/cases/<int:pk>/restrict/", views.restrict, name="restrict"),
    path("dataprotection/cases/<int:pk>/unrestrict/", views.lift_restriction, name="unrestrict"),
    path("dataprotection/notices/", views.notices, name="notices"),
    path("dataprotection/corrections/", views.corrections, name="corrections"),
]
