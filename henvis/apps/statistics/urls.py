from django.urls import path

from henvis.apps.statistics import synthetic_views, views

app_name = "statistics"
urlpatterns = [
    path("statistics/", views.index, name="index"),
    path("statistics/chart/persons.png", views.chart, name="chart"),
    path("statistics/imports/", views.upload, name="upload"),
    path("statistics/dark-figure/", views.dark_figure_view, name="dark_figure"),
    path("statistics/table/<slug:name>.csv", views.table_download, name="table_csv"),
    path("statistics/download/<str:what>", views.download, name="download"),
    path("statistics/synthetic.csv", synthetic_views.download, name="synthetic"),
]
