from django.urls import path

from henvis.apps.referrals import crossborder_views, views

app_name = "referrals"
urlpatterns = [
    path("referrals/", views.inbox, name="inbox"),
    path("referrals/<int:pk>/", views.detail, name="detail"),
    path("referrals/<int:pk>/answer/", views.answer, name="answer"),
    path("referrals/<int:pk>/status/", views.change_status, name="status"),
    path("referrals/<int:pk>/messages/", views.message, name="message"),
    path("referrals/consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("cases/<int:pk>/refer/", views.refer, name="refer"),
    path("cases/<int:pk>/consents/new/", views.consent_new, name="consent_new"),
    path("cases/<int:pk>/transfer/", views.transfer, name="transfer"),
    # Cross-border referral (issue 18 item 4).
    path("cases/<int:pk>/abroad/", crossborder_views.case_abroad, name="case_abroad"),
    path("referrals/abroad/consents/<int:pk>/export/", crossborder_views.export, name="abroad_export"),
    path("referrals/abroad/consents/<int:pk>/withdraw/", crossborder_views.withdraw, name="abroad_withdraw"),
    path("referrals/abroad/import/", crossborder_views.import_page, name="abroad_import"),
]
