from django.urls import path

from henvis.apps.notifications import views

app_name = "notifications"
urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:pk>/", views.open_notification, name="open"),
    path("inbox/read/", views.mark_all_read, name="read_all"),
    path("inbox/count/", views.unread_count, name="count"),
    path("inbox/remind/", views.remind, name="remind"),
]
