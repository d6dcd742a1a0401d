from django.urls import path

from indicators import views

app_name = "indicators"
urlpatterns = [
    path("indicators/", views.indicator_table, name="table"),
    path("indicators/entry/", views.entry_grid, name="entry"),
    path("indicators/review/<int:zone_id>/<int:year>/<int:month>/", views.month_review, name="review"),
    path("indicators/<slug:code>/", views.indicator_trend, name="trend"),
]
