from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError


class PageNumberPagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        """A page size that is not a whole number from 1 is refused (DRF would silently use the default)."""
        raw = request.query_params.getlist(self.page_size_query_param)
        if raw and not (len(raw) == 1 and raw[0].isdigit() and int(raw[0]) >= 1):
            raise ValidationError({self.page_size_query_param: [_("A whole number from 1 is required.")]})
        return super().get_page_size(request)
