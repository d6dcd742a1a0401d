"""API tokens (organisation/authentication.py, organisation/tokens.py): issued for a username and password,
stored hashed, expiring, revoked, and dead with a password change; the token's user and roles in one
statement."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from organisation.choices import StaffRole

pytestmark = pytest.mark.django_db


def test_token_from_username_and_password_authenticates(world):
    world.users["reporter"].set_password("s3cret-pass")
    world.users["reporter"].save()
    client = APIClient()
    response = client.post(
        "/api/v1/auth/token/", {"username": "reporter", "password": "s3cret-pass"}, format="json"
    )
    assert response.status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert client.get("/api/v1/plans/").status_code == 200
    assert APIClient().get("/api/v1/plans/").status_code in (401, 403)


def test_a_token_signs_in_as_its_user_with_its_roles_in_one_query(world, django_assert_num_queries):
    from organisation.authentication import QuickTokenAuthentication
    from organisation.roles import _load_roles, roles_of
    from organisation.tokens import issue_token
    from tests.factories import MembershipFactory, ZoneRoleFactory

    reporter = world.users["reporter"]
    MembershipFactory(user=reporter, unit=world.coop_unit)  # two units and two zone roles: one row each
    ZoneRoleFactory(user=reporter, role=StaffRole.PLANNER, zone=world.other_zone)
    ZoneRoleFactory(user=reporter, role=StaffRole.LEADER, zone=None)
    for user in (reporter, world.users["nobody"]):
        key, _expiry = issue_token(user)
        with django_assert_num_queries(1):
            signed_in, auth = QuickTokenAuthentication().authenticate_credentials(key)
            roles = roles_of(signed_in)
        assert signed_in == user and signed_in.username == user.username and auth == key
        assert roles == _load_roles(user)
    assert roles_of(signed_in).unit_ids == frozenset() and not roles_of(signed_in).is_leader
    reporter_roles = _load_roles(reporter)
    assert reporter_roles.unit_ids == {world.lead_unit.pk, world.coop_unit.pk}
    assert reporter_roles.planner_zone_ids == {world.other_zone.pk} and reporter_roles.leader_everywhere
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(reporter)[0]}")
    assert client.get("/api/v1/plans/").status_code == 200


def test_an_unknown_expired_or_revoked_token_or_an_inactive_user_is_refused(world):
    from knox.models import AuthToken

    from organisation.tokens import issue_token

    key, _expiry = issue_token(world.users["reporter"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {'0123456789abcdef' * 4}")
    assert client.get("/api/v1/plans/").status_code == 401
    world.users["reporter"].is_active = False
    world.users["reporter"].save()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/plans/").status_code == 401
    world.users["reporter"].is_active = True
    world.users["reporter"].save()
    assert client.get("/api/v1/plans/").status_code == 200
    AuthToken.objects.filter(user=world.users["reporter"]).update(
        expiry=timezone.now() - timedelta(seconds=1)
    )
    assert client.get("/api/v1/plans/").status_code == 401
    key, _expiry = issue_token(world.users["reporter"])
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.delete("/api/v1/auth/token/").status_code == 204
    assert client.get("/api/v1/plans/").status_code == 401


def test_finding_13_tokens_are_stored_hashed_expire_and_die_with_a_password_change(world):
    from knox.models import AuthToken

    from organisation.tokens import issue_token

    reporter = world.users["reporter"]
    key, expiry = issue_token(reporter)
    stored = AuthToken.objects.get(user=reporter)
    assert key not in (stored.digest, stored.token_key) and len(stored.digest) == 128
    assert expiry is not None and expiry <= timezone.now() + timedelta(hours=12, seconds=5)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/plans/").status_code == 200
    reporter.first_name = "改名"
    reporter.save()  # a change that is not the password keeps the token
    assert client.get("/api/v1/plans/").status_code == 200
    reporter.set_password("a-new-pass-2026")
    reporter.save()
    assert client.get("/api/v1/plans/").status_code == 401
    assert not AuthToken.objects.filter(user=reporter).exists()
