from django.urls import path, register_converter

from henvis.apps.cases import views


class RecordKind:
    """The kinds of record the case pages add and correct. A plain <str:> here would
    swallow the referrals area's cases/<pk>/consents/new/ (it is included later)."""

    regex = "measures|decisions|proceedings|non-punishment"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(RecordKind, "record_kind")

app_name = "cases"
urlpatterns = [
    path("cases/", views.case_list, name="list"),
    path("cases/new/", views.case_new, name="new"),
    path("cases/<int:pk>/", views.case_detail, name="detail"),
    path("cases/<int:pk>/edit/", views.case_edit, name="edit"),
    path("cases/<int:pk>/person/", views.person_edit, name="person_edit"),
    path("cases/<int:pk>/close/", views.case_close, name="close"),
    path("cases/<int:pk>/<record_kind:what>/new/", views.record_new, name="record_new"),
    path("cases/<int:pk>/<record_kind:what>/<int:record_pk>/edit/", views.record_edit, name="record_edit"),
    path("cases/<int:pk>/screenings/<int:screening_pk>/", views.screening_detail, name="screening_detail"),
    path("cases/screenings/save/", views.screening_save, name="screening_save"),
    path("cases/screenings/<int:pk>/", views.screening_attach, name="screening_attach"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
