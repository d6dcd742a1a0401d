from rest_framework.routers import DefaultRouter

from zoneplan.reports.api import FileJobViewSet

router = DefaultRouter()
router.register("files", FileJobViewSet, basename="file")
urlpatterns = router.urls
