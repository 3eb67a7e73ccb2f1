from django.urls import path

from henvis.apps.contacts import views

app_name = "contacts"
urlpatterns = [
    path("contacts/", views.contact_list, name="list"),
    path("contacts/new/", views.contact_new, name="new"),
    path("contacts/<int:pk>/", views.contact_detail, name="detail"),
    path("contacts/<int:pk>/link/", views.contact_link, name="link"),
    path("contacts/statistics/", views.statistics, name="statistics"),
]
