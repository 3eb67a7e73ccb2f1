from django.urls import path

from henvis.apps.cases import views

app_name = "cases"
urlpatterns = [
    path("cases/", views.case_list, name="list"),
    path("cases/new/", views.case_new, name="new"),
    path("cases/<int:pk>/", views.case_detail, name="detail"),
    path("cases/<int:pk>/edit/", views.case_edit, name="edit"),
    path("cases/<int:pk>/person/", views.person_edit, name="person_edit"),
    path("cases/<int:pk>/close/", views.case_close, name="close"),
    path("cases/<int:pk>/<str:what>/new/", views.record_new, name="record_new"),
    path("cases/<int:pk>/<str:what>/<int:record_pk>/edit/", views.record_edit, name="record_edit"),
    path("cases/<int:pk>/screenings/<int:screening_pk>/", views.screening_detail, name="screening_detail"),
    path("cases/screenings/save/", views.screening_save, name="screening_save"),
    path("cases/screenings/<int:pk>/", views.screening_attach, name="screening_attach"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
