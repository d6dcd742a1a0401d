from rest_framework.routers import DefaultRouter

from indicators.api import views

router = DefaultRouter()
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("indicator-targets", views.IndicatorTargetViewSet, basename="indicator-target")
router.register("indicator-values", views.IndicatorValueViewSet, basename="indicator-value")

urlpatterns = router.urls
