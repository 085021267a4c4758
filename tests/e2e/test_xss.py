"""Stored XSS: a case whose every free-text field holds hostile text (tests/security/
xss_payloads.py, spread over the fields by tests/security/xss_corpus.py) is opened in
Chromium — My cases, the case overview, the map, the scales, the saved versions, the
comparison, and the edit form of every record.

On every page: no dialog opens, no script sets `window.__xss`, nothing the payloads would
have created is in the page (an element named, classed or attributed "xss", an event
handler, an htmx attribute, a javascript: link, a script or style with the payload's code),
no Content Security Policy violation is reported, and every payload is shown as the
literal text that was typed.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import BrowserContext, Page

from tests.security.xss_corpus import build_xss_case
from tests.security.xss_payloads import MARKER, PAYLOADS

pytestmark = pytest.mark.django_db(transaction=True)

# Collect Content Security Policy violations from the moment each page starts.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""

# Anything a payload would have left behind had it been parsed as markup. (The app's own
# pages have no inline handlers, scripts or styles: the Content Security Policy forbids them.)
DOM_PROBE = r"""
() => {
  const found = [];
  const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data',
    'srcdoc', 'style', 'background', 'poster', 'to', 'values']);
  // What the payloads put in those attributes (random tokens elsewhere may spell "xss").
  const hostile = /javascript:|vbscript:|data:text\/html|xss\.example|expression\(|__xss/i;
  const describe = (element) => element.outerHTML.slice(0, 160);
  for (const element of document.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase();
    if (tag.includes('xss')) found.push(describe(element));
    const code = /xss|expression|javascript:/i;
    if (['script', 'style'].includes(tag) && code.test(element.textContent)) {
      found.push(describe(element));
    }
    if (['iframe', 'object', 'embed', 'base', 'frame', 'frameset'].includes(tag)) {
      found.push(describe(element));
    }
    if (tag === 'meta' && element.httpEquiv) found.push(describe(element));
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value;
      if (name === 'value' && ['input', 'textarea', 'option', 'button'].includes(tag)) continue;
      const htmx = name.startsWith('hx-') || name.startsWith('data-hx-');
      if (name.startsWith('on') || name.includes('xss') || (htmx && hostile.test(value))) {
        found.push(describe(element));
      } else if ((name === 'id' || name === 'class') && /xss/i.test(value)) {
        found.push(describe(element));
      } else if (urlAttributes.has(name) && hostile.test(value)) {
        found.push(describe(element));
      }
    }
  }
  return found;
}
"""

# Everything the page shows as text: the title, the body, and what the form fields hold.
TEXT_PROBE = """
() => [
  document.title,
  document.body.textContent,
  ...Array.from(document.querySelectorAll('input, textarea'), (field) => field.value),
].join('\\n')
"""


def sign_in(context: BrowserContext, live_server: Any, user: Any) -> None:
    """Give the browser a signed-in session cookie for `user`."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def test_hostile_text_never_runs_and_is_shown_as_typed(
    browser_context: BrowserContext, page: Page, live_server: Any
) -> None:
    xss_case = build_xss_case()
    sign_in(browser_context, live_server, xss_case.worker)
    browser_context.add_init_script(CSP_LISTENER)
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message} on {page.url}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    urls = [*xss_case.page_urls().values(), *xss_case.edit_urls()]
    shown: list[str] = []
    problems: list[str] = []
    for url in urls:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        if page.evaluate(f"() => window.{MARKER}") is not None:
            problems.append(f"{url}: a payload set window.{MARKER}")
        problems += [f"{url}: {element}" for element in page.evaluate(DOM_PROBE)]
        problems += [
            f"{url}: CSP violation {violation}"
            for violation in page.evaluate("() => window.__cspViolations")
        ]
        shown.append(page.evaluate(TEXT_PROBE))

    # A handler that would only fire later (a timer, focus, a toggle) is caught above by the
    # element it needs; the last page also gets a moment for one to run.
    page.wait_for_timeout(300)
    assert page.evaluate(f"() => window.{MARKER}") is None
    assert dialogs == []
    assert problems == [], "\n".join(problems[:20])
    text = "\n".join(shown)
    assert set(PAYLOADS) <= xss_case.payloads
    missing = [payload for payload in xss_case.payloads if payload not in text]
    assert missing == [], f"{len(missing)} payloads not shown as typed, e.g. {missing[:5]}"
