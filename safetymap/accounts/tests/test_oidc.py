"""Single sign-on with OpenID Connect, against a fake provider running on 127.0.0.1.

The real authorisation code flow runs through mozilla-django-oidc's views: our start view
redirects to the provider, the provider "signs in" the person the test chose and redirects
back with a code, and the callback exchanges the code for a signed ID token over HTTP.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client, RequestFactory

from safetymap.accounts import reauth
from safetymap.accounts.models import User
from safetymap.accounts.oidc import SubjectBackend
from safetymap.accounts.services import user_link_oidc_subject
from safetymap.audit.models import AuditEvent
from tests.twofactor import confirmed_device, totp_code

from .fake_oidc import FakeProvider

pytestmark = pytest.mark.django_db

START = "/accounts/sso/start/"
CALLBACK = "/accounts/sso/callback/"
SIGN_IN = "/accounts/sign-in/"


@pytest.fixture
def provider(settings) -> Iterator[FakeProvider]:
    with FakeProvider() as fake:
        for name, value in fake.settings().items():
            setattr(settings, name, value)
        yield fake


@pytest.fixture
def linked(jo) -> User:
    return user_link_oidc_subject(actor=None, user=jo, subject="entra-subject-jo")


def single_sign_on(
    client: Client, provider: FakeProvider, subject: str, next_url: str = "/", **claims
):
    """Run the whole flow; return the callback's response."""
    provider.sign_in_as(subject, **claims)
    start = client.get(START, {"next": next_url})
    assert start.status_code == 302, start
    authorize = start["Location"]
    assert authorize.startswith(provider.url + "/authorize?")
    at_provider = requests.get(authorize, allow_redirects=False, timeout=10)
    assert at_provider.status_code == 302, at_provider.text
    back = urlparse(at_provider.headers["Location"])
    assert back.path == CALLBACK
    return client.get(f"{back.path}?{back.query}")


def signed_in_user(client: Client) -> int | None:
    value = client.session.get(SESSION_KEY)
    return int(value) if value else None


def test_the_person_linked_to_the_subject_is_signed_in(client, provider, linked):
    response = single_sign_on(
        client, provider, "entra-subject-jo", next_url="/accounts/", email=linked.email
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/"
    assert signed_in_user(client) == linked.pk
    # The authorisation request used PKCE and a nonce; the token came over HTTP.
    query = provider.last_authorize_query
    assert query["code_challenge_method"] == "S256" and query["nonce"]
    assert "openid" in query["scope"].split()
    assert "POST /token" in provider.requests and "GET /jwks" in provider.requests
    # The userinfo endpoint (which here lies) is never asked.
    assert "GET /userinfo" not in provider.requests


def test_a_changed_email_does_not_matter(client, provider, linked):
    # Someone else now has the email address the provider reports: still Jo, by subject.
    other = User.objects.create_user(username="someone.else", email="new.address@example.org")
    single_sign_on(client, provider, "entra-subject-jo", email="new.address@example.org")
    assert signed_in_user(client) == linked.pk != other.pk
    linked.refresh_from_db()
    assert linked.email == "jo.reid@eastbrook.example"


def test_an_unknown_subject_is_refused_even_with_a_known_email(client, provider, linked):
    users_before = User.objects.count()
    response = single_sign_on(client, provider, "someone-unlinked", email=linked.email)
    assert response.status_code == 302
    assert response["Location"] == SIGN_IN
    assert signed_in_user(client) is None
    assert User.objects.count() == users_before  # nobody is created
    page = client.get(SIGN_IN).content.decode()
    assert "Your Microsoft account is not linked to SafetyMap" in page
    assert "give them this reference: someone-unlinked" in page


def test_linking_the_subject_lets_them_in(client, provider, jo):
    single_sign_on(client, provider, "entra-subject-new")
    assert signed_in_user(client) is None
    out = io.StringIO()
    call_command("sso_link", "jo.practitioner", "entra-subject-new", stdout=out)
    assert "can now sign in with single sign-on" in out.getvalue()
    event = AuditEvent.objects.get(object_uuid=jo.uuid, action="update")
    assert event.changes == {"oidc_subject": {"old": None, "new": "entra-subject-new"}}

    single_sign_on(client, provider, "entra-subject-new")
    assert signed_in_user(client) == jo.pk


def test_a_deactivated_person_is_refused(client, provider, linked):
    linked.is_active = False
    linked.save()
    single_sign_on(client, provider, "entra-subject-jo")
    assert signed_in_user(client) is None
    assert "We could not sign you in with Microsoft" in client.get(SIGN_IN).content.decode()


def test_a_token_for_another_service_is_refused(client, provider, linked):
    provider.wrong_audience = True
    single_sign_on(client, provider, "entra-subject-jo")
    assert signed_in_user(client) is None
    assert "We could not sign you in with Microsoft" in client.get(SIGN_IN).content.decode()


def test_a_token_from_another_issuer_is_refused(client, provider, linked, settings):
    settings.SAFETYMAP_OIDC_ISSUER = "https://login.microsoftonline.com/another-tenant/v2.0"
    single_sign_on(client, provider, "entra-subject-jo")
    assert signed_in_user(client) is None
    assert "We could not sign you in with Microsoft" in client.get(SIGN_IN).content.decode()


def test_a_token_signed_with_another_key_is_refused(client, provider, linked):
    provider.signing_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    single_sign_on(client, provider, "entra-subject-jo")
    assert signed_in_user(client) is None
    assert "We could not sign you in with Microsoft" in client.get(SIGN_IN).content.decode()


def test_a_callback_cannot_be_replayed(client, provider, linked):
    provider.sign_in_as("entra-subject-jo")
    start = client.get(START)
    back = requests.get(start["Location"], allow_redirects=False, timeout=10).headers["Location"]
    back = urlparse(back)
    assert client.get(f"{back.path}?{back.query}").status_code == 302
    assert signed_in_user(client) == linked.pk

    thief = Client()
    thief.get(START)  # a session of its own, with other state
    response = thief.get(f"{back.path}?{back.query}")
    assert response.status_code == 400
    assert signed_in_user(thief) is None


def test_it_is_all_off_when_the_setting_is_off(client, provider, linked, settings):
    assert "Sign in with Microsoft" in client.get(SIGN_IN).content.decode()
    settings.SAFETYMAP_OIDC_ENABLED = False
    assert "Sign in with Microsoft" not in client.get(SIGN_IN).content.decode()
    assert client.get(START).status_code == 404
    assert client.get(CALLBACK, {"code": "x", "state": "y"}).status_code == 404
    # The backend signs nobody in, whatever it is given.
    request = RequestFactory().get(CALLBACK, {"code": "x", "state": "y"})
    assert SubjectBackend().authenticate(request, nonce="n", code_verifier="v") is None
    assert provider.requests == []


def test_sign_in_page_button_keeps_next(client, provider):
    html = client.get(SIGN_IN, {"next": "/cases/?page=2"}).content.decode()
    assert 'href="/accounts/sso/start/?next=%2Fcases%2F%3Fpage%3D2"' in html
    assert ">Sign in with Microsoft</a>" in html


def test_a_password_sign_in_never_talks_to_the_provider(client, provider, linked):
    from .conftest import PASSWORD

    response = client.post(
        SIGN_IN + "?code=stolen&state=whatever",
        {"username": "jo.practitioner", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert provider.requests == []


def test_single_sign_on_still_asks_for_the_second_factor(client, provider, linked, two_factor_on):
    device = confirmed_device(linked)
    response = single_sign_on(client, provider, "entra-subject-jo", next_url="/accounts/")
    location = urlparse(response["Location"])
    assert location.path == "/accounts/two-factor/"
    assert parse_qs(location.query)["next"] == ["/accounts/"]
    assert client.get("/accounts/")["Location"].startswith("/accounts/two-factor/")
    client.post("/accounts/two-factor/", {"code": totp_code(device)})
    assert client.get("/accounts/").status_code == 200


def test_trusting_the_providers_mfa_skips_our_second_factor(
    client, provider, linked, two_factor_on
):
    two_factor_on.SAFETYMAP_OIDC_TRUSTS_IDP_MFA = True
    response = single_sign_on(client, provider, "entra-subject-jo", next_url="/accounts/")
    assert response["Location"] == "/accounts/"
    assert client.get("/accounts/").status_code == 200
    # A password sign-in still needs the code.
    client.post("/accounts/sign-out/")
    from .conftest import PASSWORD

    client.post(SIGN_IN, {"username": "jo.practitioner", "password": PASSWORD})
    assert client.get("/accounts/")["Location"].startswith("/accounts/two-factor/")


def test_confirm_its_you_with_the_provider_for_single_sign_on_only_people(
    client, provider, linked, two_factor_on
):
    two_factor_on.SAFETYMAP_OIDC_TRUSTS_IDP_MFA = True
    linked.set_unusable_password()
    linked.save()
    single_sign_on(client, provider, "entra-subject-jo")
    page = client.get("/accounts/confirm-its-you/", {"next": "/accounts/"}).content.decode()
    assert "Confirm with Microsoft" in page

    provider.sign_in_as("entra-subject-jo")
    start = client.get(START, {"next": "/accounts/", "reauth": "1"})
    assert provider.url in start["Location"]
    query = parse_qs(urlparse(start["Location"]).query)
    assert query["prompt"] == ["login"] and query["max_age"] == ["0"]
    back = urlparse(
        requests.get(start["Location"], allow_redirects=False, timeout=10).headers["Location"]
    )
    response = client.get(f"{back.path}?{back.query}")
    assert response["Location"] == "/accounts/"
    assert client.session.get(reauth.REAUTH_SESSION_KEY)


def test_confirming_with_someone_elses_account_does_not_count(
    client, provider, linked, two_factor_on
):
    two_factor_on.SAFETYMAP_OIDC_TRUSTS_IDP_MFA = True
    other = User.objects.create_user(username="other.person")
    user_link_oidc_subject(actor=None, user=other, subject="entra-subject-other")
    single_sign_on(client, provider, "entra-subject-jo")
    provider.sign_in_as("entra-subject-other")
    start = client.get(START, {"next": "/accounts/", "reauth": "1"})
    back = urlparse(
        requests.get(start["Location"], allow_redirects=False, timeout=10).headers["Location"]
    )
    response = client.get(f"{back.path}?{back.query}")
    assert response["Location"] == "/accounts/confirm-its-you/"
    assert not client.session.get(reauth.REAUTH_SESSION_KEY)
    assert signed_in_user(client) == linked.pk


def test_a_subject_belongs_to_one_person(jo):
    other = User.objects.create_user(username="other.person")
    user_link_oidc_subject(actor=None, user=jo, subject="shared")
    with pytest.raises(ValidationError):
        user_link_oidc_subject(actor=None, user=other, subject="shared")
    with pytest.raises(CommandError):
        call_command("sso_link", "other.person", "shared", stdout=io.StringIO())
    call_command("sso_link", "jo.practitioner", "--unlink", stdout=io.StringIO())
    jo.refresh_from_db()
    assert jo.oidc_subject is None
    user_link_oidc_subject(actor=None, user=other, subject="shared")


def test_a_provider_that_does_not_answer_gives_a_plain_message(client, provider, linked, settings):
    provider.sign_in_as("entra-subject-jo")
    start = client.get(START)
    back = urlparse(
        requests.get(start["Location"], allow_redirects=False, timeout=10).headers["Location"]
    )
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/token"  # nothing listens there
    response = client.get(f"{back.path}?{back.query}")
    assert response["Location"] == SIGN_IN
    assert signed_in_user(client) is None
    assert "We could not sign you in with Microsoft" in client.get(SIGN_IN).content.decode()


def test_an_expired_token_is_refused(client, provider, linked):
    provider.token_lifetime = -120
    single_sign_on(client, provider, "entra-subject-jo")
    assert signed_in_user(client) is None
    assert "We could not sign you in with Microsoft" in client.get(SIGN_IN).content.decode()
