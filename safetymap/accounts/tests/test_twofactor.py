"""Two-factor authentication: setting up an authenticator app, the second step of signing
in, recovery codes, and the middleware that keeps half-signed-in sessions out."""

from __future__ import annotations

import datetime
import re
from urllib.parse import parse_qs, unquote, urlparse

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from safetymap.accounts import twofactor
from safetymap.accounts.models import User
from safetymap.audit.models import AuditEvent
from tests.twofactor import confirmed_device, login_verified, totp_code

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

SIGN_IN = "/accounts/sign-in/"
TWO_FACTOR = "/accounts/two-factor/"
SET_UP = "/accounts/two-factor/set-up/"
RECOVERY = "/accounts/two-factor/recovery-codes/"
HOME = "/"


def sign_in(client, username: str, next_url: str | None = None):
    data = {"username": username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(SIGN_IN, data)


def secret_on_page(html: str) -> str:
    match = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', html)
    assert match, "the set-up page shows the secret for typing in"
    return match.group(1).replace(" ", "")


def key_from_secret(secret: str) -> str:
    import base64

    padded = secret + "=" * (-len(secret) % 8)
    return base64.b32decode(padded).hex()


def recovery_codes_on_page(html: str) -> list[str]:
    block = html.split('data-testid="recovery-codes"', 1)[1].split("</ol>", 1)[0]
    return re.findall(r"<code>([a-z0-9-]+)</code>", block)


def wait_out_the_throttle(user: User) -> None:
    """Move the last wrong code's time back, as if the person had waited."""
    past = timezone.now() - datetime.timedelta(minutes=5)
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).update(throttling_failure_timestamp=past)


def test_url_names():
    assert reverse("accounts:two_factor") == TWO_FACTOR
    assert reverse("accounts:two_factor_set_up") == SET_UP
    assert reverse("accounts:recovery_codes") == RECOVERY


# --- Setting up an authenticator app --------------------------------------------------------


def test_first_sign_in_sets_up_an_authenticator_app_and_shows_recovery_codes_once(
    client, two_factor_on, jo
):
    response = sign_in(client, "jo.practitioner", next_url="/cases/?page=2")
    # A right password signs in half-way: the second step comes next, with `next` kept.
    assert response.status_code == 302
    assert response["Location"].startswith(TWO_FACTOR)
    assert int(client.session[SESSION_KEY]) == jo.pk
    assert DEVICE_ID_SESSION_KEY not in client.session

    # No authenticator yet: set one up.
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith(SET_UP)
    assert unquote(parse_qs(urlparse(response["Location"]).query)["next"][0]) == "/cases/?page=2"

    page = client.get(response["Location"])
    html = page.content.decode()
    assert "<title>Set up your authenticator app – SafetyMap" in html
    # The QR code is an image with an SVG data: URI (no inline script, no external service).
    img = re.search(
        r'<img src="(data:image/svg\+xml[^"]+)" alt="QR code for your authenticator app"', html
    )
    assert img
    assert "<script" not in img.group(1)
    secret = secret_on_page(html)
    key = key_from_secret(secret)
    assert len(bytes.fromhex(key)) == 20
    assert 'autocomplete="one-time-code"' in html
    assert 'inputmode="numeric"' in html
    # Nothing is saved until the person proves the app works.
    assert not TOTPDevice.objects.filter(user=jo).exists()

    # The same secret is shown until it is confirmed (a reload must not change the QR code).
    assert secret_on_page(client.get(SET_UP).content.decode()) == secret

    wrong = client.post(SET_UP, {"code": "000000" if totp_code(key) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert "The code is not right or has run out" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=jo).exists()

    response = client.post(SET_UP, {"code": totp_code(key), "next": "/cases/?page=2"})
    assert response.status_code == 302
    assert response["Location"].startswith(RECOVERY)
    device = TOTPDevice.objects.get(user=jo)
    assert device.confirmed and device.key == key
    # Signed in fully now, with a new session key.
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id

    codes_page = client.get(response["Location"])
    html = codes_page.content.decode()
    assert "Save your recovery codes" in html
    codes = recovery_codes_on_page(html)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(re.fullmatch(r"[a-z2-9]{5}-[a-z2-9]{5}", code) for code in codes)
    assert 'href="/cases/?page=2"' in html  # "I have saved my recovery codes" goes on
    # Stored hashed: the database does not hold the codes themselves.
    stored = set(StaticToken.objects.filter(device__user=jo).values_list("token", flat=True))
    assert len(stored) == 10
    assert not stored & {code.replace("-", "") for code in codes}

    # Shown once: coming back shows how many are left, not the codes.
    again = client.get(RECOVERY).content.decode()
    assert "Save your recovery codes" not in again
    assert "You have <strong>10</strong> recovery codes left" in again
    assert not any(code in again for code in codes)

    # The set-up was audited, without the secret.
    event = AuditEvent.objects.get(action="two_factor.set_up")
    assert event.actor == jo and event.object_uuid == jo.uuid
    assert key not in str(event.changes) and secret not in str(event.changes)

    assert client.get(reverse("accounts:account")).status_code == 200


def test_a_code_used_to_confirm_set_up_cannot_be_used_again(client, two_factor_on, jo):
    sign_in(client, "jo.practitioner")
    key = key_from_secret(secret_on_page(client.get(SET_UP).content.decode()))
    code = totp_code(key)
    client.post(SET_UP, {"code": code})
    client.post("/accounts/sign-out/")

    sign_in(client, "jo.practitioner")
    response = client.post(TWO_FACTOR, {"code": code})
    assert response.status_code == 200
    assert "The code is not right or has run out" in response.content.decode()
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_someone_with_an_app_cannot_replace_it_from_the_half_signed_in_state(
    client, two_factor_on, sam
):
    sign_in(client, "sam.manager")
    response = client.get(SET_UP)
    assert response.status_code == 302
    assert response["Location"].startswith(TWO_FACTOR)


def test_replacing_an_app_needs_confirm_its_you_and_keeps_recovery_codes(client, two_factor_on, jo):
    device = login_verified(client, jo)
    StaticDevice.objects.create(user=jo, name="Recovery codes", confirmed=True).token_set.create(
        token=twofactor.recovery_code_digest(jo, "aaaaabbbbb")
    )
    response = client.get(SET_UP)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/confirm-its-you/")

    client.post(
        response["Location"],
        {"password": PASSWORD, "code": totp_code(device), "next": SET_UP},
    )
    page = client.get(SET_UP).content.decode()
    assert "the old one will stop working" in page
    new_key = key_from_secret(secret_on_page(page))
    response = client.post(SET_UP, {"code": totp_code(new_key, steps_ahead=1)})
    assert response.status_code == 302
    assert TOTPDevice.objects.get(user=jo).key == new_key
    assert twofactor.recovery_codes_left(jo) == 1  # kept


# --- The second step ------------------------------------------------------------------------


def test_person_with_an_app_enters_a_code_and_goes_on(client, two_factor_on, sam):
    device = TOTPDevice.objects.get(user=sam)
    response = sign_in(client, "sam.manager", next_url="/accounts/")
    location = response["Location"]
    assert location.startswith(TWO_FACTOR)

    page = client.get(location)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Enter the code from your authenticator app" in html
    assert 'name="next" value="/accounts/"' in html
    session_key_before = client.session.session_key

    response = client.post(TWO_FACTOR, {"code": totp_code(device), "next": "/accounts/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/"
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.session.session_key != session_key_before
    assert client.get("/accounts/").status_code == 200


def test_wrong_and_malformed_codes_are_refused_plainly(client, two_factor_on, sam):
    sign_in(client, "sam.manager")
    empty = client.post(TWO_FACTOR, {"code": ""})
    assert "Enter the 6-digit code from your app" in empty.content.decode()
    letters = client.post(TWO_FACTOR, {"code": "abcdef"})
    assert "Enter the code as 6 digits, like 123456" in letters.content.decode()
    device = TOTPDevice.objects.get(user=sam)
    wrong = "123456" if totp_code(device) != "123456" else "654321"
    response = client.post(TWO_FACTOR, {"code": wrong})
    html = response.content.decode()
    assert "<title>Error: Enter the code from your authenticator app" in html
    assert "The code is not right or has run out" in html
    assert DEVICE_ID_SESSION_KEY not in client.session
    # Straight after a wrong code, even the right one waits (django-otp's throttling).
    response = client.post(TWO_FACTOR, {"code": totp_code(device)})
    assert "You have entered too many wrong codes" in response.content.decode()
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_codes_with_spaces_are_accepted(client, two_factor_on, sam):
    sign_in(client, "sam.manager")
    code = totp_code(TOTPDevice.objects.get(user=sam))
    response = client.post(TWO_FACTOR, {"code": f" {code[:3]} {code[3:]} "})
    assert response.status_code == 302
    assert DEVICE_ID_SESSION_KEY in client.session


def test_the_two_factor_page_needs_the_password_first(client, two_factor_on):
    response = client.get(TWO_FACTOR)
    assert response.status_code == 302
    assert response["Location"].startswith(SIGN_IN)


def test_verified_people_skip_the_second_step(client, two_factor_on, sam):
    login_verified(client, sam)
    response = client.get(TWO_FACTOR + "?next=/accounts/")
    assert response["Location"] == "/accounts/"


def test_two_factor_refuses_to_send_people_to_another_site(client, two_factor_on, sam):
    sign_in(client, "sam.manager")
    device = TOTPDevice.objects.get(user=sam)
    response = client.post(TWO_FACTOR, {"code": totp_code(device), "next": "https://evil.example/"})
    assert response["Location"] == HOME


# --- Until verified, every other page waits ----------------------------------------------


def test_half_signed_in_sessions_are_sent_to_the_second_step_everywhere(client, two_factor_on, sam):
    sign_in(client, "sam.manager")
    for url in (HOME, "/accounts/", RECOVERY, "/accounts/confirm-its-you/", "/django-admin/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(TWO_FACTOR), url
    # A POST elsewhere is refused the same way (and its data is not acted on).
    response = client.post(RECOVERY)
    assert response["Location"].startswith(TWO_FACTOR)
    assert not StaticDevice.objects.filter(user=sam).exists()
    # Where it came from is kept for after the second step.
    response = client.get("/accounts/?tab=1")
    assert parse_qs(urlparse(response["Location"]).query)["next"] == ["/accounts/?tab=1"]


def test_half_signed_in_sessions_can_still_sign_out_and_reach_the_sign_in_steps(
    client, two_factor_on, sam
):
    sign_in(client, "sam.manager")
    assert client.get(TWO_FACTOR).status_code == 200
    assert client.get("/accounts/session/").status_code == 200
    assert client.get("/static/css/main.css").status_code in (200, 404)
    response = client.post("/accounts/sign-out/")
    assert response.status_code == 302 and response["Location"] == SIGN_IN
    assert SESSION_KEY not in client.session


def test_the_api_answers_401_json_for_half_signed_in_sessions(client, two_factor_on, sam):
    sign_in(client, "sam.manager")
    response = client.get("/api/v1/cases")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "authenticator app" in response.json()["detail"]

    login_verified(client, sam)
    assert client.get("/api/v1/cases").status_code == 200


def test_the_test_helper_signs_a_client_in_verified(client, two_factor_on, jo):
    device = login_verified(client, jo)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/accounts/").status_code == 200


def test_with_two_factor_off_a_password_is_enough(client, settings, jo):
    settings.SAFETYMAP_REQUIRE_TWO_FACTOR = False
    response = sign_in(client, "jo.practitioner")
    assert response["Location"] == HOME
    assert client.get("/accounts/").status_code == 200


def test_every_role_needs_the_second_step(client, two_factor_on):
    from safetymap.accounts.models import Role

    for role in Role.values:
        User.objects.create_user(username=f"u-{role}", password=PASSWORD, role=role)
        client.post("/accounts/sign-out/")
        response = sign_in(client, f"u-{role}")
        assert response["Location"].startswith(TWO_FACTOR), role
        assert client.get("/accounts/")["Location"].startswith(TWO_FACTOR), role


# --- Recovery codes ---------------------------------------------------------------------------


@pytest.fixture
def sam_codes(sam) -> list[str]:
    from safetymap.accounts.services import recovery_codes_regenerate

    return recovery_codes_regenerate(actor=sam)


def test_a_recovery_code_works_once_instead_of_a_code(client, two_factor_on, sam, sam_codes):
    sign_in(client, "sam.manager")
    page = client.get(TWO_FACTOR + "?recovery=1").content.decode()
    assert "Enter a recovery code" in page
    assert 'name="recovery" value="1"' in page

    code = twofactor.format_recovery_code(sam_codes[0]).upper()  # any case, with the hyphen
    response = client.post(TWO_FACTOR, {"code": code, "recovery": "1", "next": "/accounts/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/"
    assert client.session[DEVICE_ID_SESSION_KEY].startswith("otp_static.staticdevice/")
    page = client.get("/accounts/").content.decode()
    assert "You used a recovery code. You have 9 recovery codes left." in page
    assert twofactor.recovery_codes_left(sam) == 9

    # The same code again: refused.
    client.post("/accounts/sign-out/")
    sign_in(client, "sam.manager")
    response = client.post(TWO_FACTOR, {"code": code, "recovery": "1"})
    assert response.status_code == 200
    assert "Enter a recovery code you have not used before" in response.content.decode()
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_a_recovery_code_is_not_a_totp_code_and_vice_versa(client, two_factor_on, sam, sam_codes):
    sign_in(client, "sam.manager")
    response = client.post(TWO_FACTOR, {"code": sam_codes[0]})
    assert "Enter the code as 6 digits" in response.content.decode()
    device = TOTPDevice.objects.get(user=sam)
    response = client.post(TWO_FACTOR, {"code": totp_code(device), "recovery": "1"})
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert twofactor.recovery_codes_left(sam) == 10


def test_another_persons_recovery_code_does_not_work(client, two_factor_on, sam, sam_codes, jo):
    from safetymap.accounts.services import recovery_codes_regenerate

    confirmed_device(jo)
    recovery_codes_regenerate(actor=jo)
    sign_in(client, "jo.practitioner")
    client.post(TWO_FACTOR, {"code": sam_codes[0], "recovery": "1"})
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_running_low_on_recovery_codes_says_so(client, two_factor_on, sam, sam_codes):
    from django_otp.plugins.otp_static.models import StaticToken

    StaticToken.objects.filter(device__user=sam).exclude(
        token=twofactor.recovery_code_digest(sam, sam_codes[0])
    ).exclude(token=twofactor.recovery_code_digest(sam, sam_codes[1])).delete()
    sign_in(client, "sam.manager")
    client.post(TWO_FACTOR, {"code": sam_codes[0], "recovery": "1"})
    page = client.get("/accounts/").content.decode()
    assert "You have 1 recovery code left. Get new recovery codes" in page


def test_new_recovery_codes_need_confirm_its_you_and_replace_the_old(
    client, two_factor_on, sam, sam_codes
):
    device = login_verified(client, sam)
    response = client.post(RECOVERY)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/confirm-its-you/")
    assert twofactor.recovery_codes_left(sam) == 10

    client.post(
        "/accounts/confirm-its-you/",
        {"password": PASSWORD, "code": totp_code(device), "next": RECOVERY},
    )
    response = client.post(RECOVERY)
    assert response["Location"] == RECOVERY
    new_codes = recovery_codes_on_page(client.get(RECOVERY).content.decode())
    assert len(new_codes) == 10
    assert not {c.replace("-", "") for c in new_codes} & set(sam_codes)
    assert AuditEvent.objects.filter(action="two_factor.recovery_codes", actor=sam).count() == 2

    # Old codes stop working, new ones work.
    client.post("/accounts/sign-out/")
    sign_in(client, "sam.manager")
    client.post(TWO_FACTOR, {"code": sam_codes[1], "recovery": "1"})
    assert DEVICE_ID_SESSION_KEY not in client.session
    wait_out_the_throttle(sam)
    client.post(TWO_FACTOR, {"code": new_codes[1], "recovery": "1"})
    assert DEVICE_ID_SESSION_KEY in client.session


def test_someone_who_lost_their_phone_signs_in_with_a_recovery_code_and_sets_up_a_new_app(
    client, two_factor_on, sam, sam_codes
):
    sign_in(client, "sam.manager")
    client.post(TWO_FACTOR, {"code": sam_codes[0], "recovery": "1"})
    # Setting up a new app needs "Confirm it's you", which takes a recovery code too.
    response = client.get(SET_UP)
    reauth = response["Location"]
    page = client.get(reauth + "&recovery=1").content.decode()
    assert "Recovery code" in page
    client.post(
        "/accounts/confirm-its-you/",
        {"password": PASSWORD, "code": sam_codes[1], "recovery": "1", "next": SET_UP},
    )
    key = key_from_secret(secret_on_page(client.get(SET_UP).content.decode()))
    client.post(SET_UP, {"code": totp_code(key)})
    assert TOTPDevice.objects.get(user=sam).key == key
    assert twofactor.recovery_codes_left(sam) == 8


def test_administrator_reset_means_setting_up_again(client, two_factor_on, sam, sam_codes):
    from django.core.management import call_command

    call_command("reset_two_factor", "sam.manager", stdout=__import__("io").StringIO())
    assert not TOTPDevice.objects.filter(user=sam).exists()
    assert twofactor.recovery_codes_left(sam) == 0
    assert AuditEvent.objects.filter(action="two_factor.reset", object_uuid=sam.uuid).exists()
    response = sign_in(client, "sam.manager")
    assert client.get(response["Location"])["Location"].startswith(SET_UP)


def test_account_page_shows_how_you_sign_in(client, two_factor_on, sam, sam_codes):
    login_verified(client, sam)
    html = client.get("/accounts/").content.decode()
    assert "Your account" in html
    assert "Authenticator app" in html and "Set up on" in html
    assert "10 left" in html
    assert "signs you out after 30 minutes without activity" in html
