"""The admin opens every model's list for the administrator."""

import pytest
from django.contrib import admin

pytestmark = pytest.mark.django_db


def test_every_registered_model_list_opens(client, world):
    client.force_login(world.users["admin"])
    for model in admin.site._registry:
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        assert client.get(url).status_code == 200, url
