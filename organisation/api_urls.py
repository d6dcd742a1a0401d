from rest_framework.routers import SimpleRouter

from organisation.api import UnitViewSet, ZoneViewSet

router = SimpleRouter()
router.register("zones", ZoneViewSet, basename="zone")
router.register("units", UnitViewSet, basename="unit")

urlpatterns = router.urls
