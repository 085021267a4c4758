// SafetyMap's start-up script, loaded on every page as <script type="module">.
//
// Every page works without JavaScript; this file only adds to it. It is an external
// file on purpose: the project's Content Security Policy allows no inline scripts.

import { initAll } from './govuk-frontend.min.js'
import { initCompose } from './compose.js'
import { initDrafts } from './drafts.js'
import { initSessionTimeout } from './session-timeout.js'

// GOV.UK Frontend's styles for enhanced components apply only when the body has
// this class. Browsers that do not run modules never get here, and keep the
// plain versions.
document.body.classList.add('js-enabled', 'govuk-frontend-supported')

initAll()

// Send Django's CSRF token with every htmx request, so htmx can POST like a form.
const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content
if (csrfToken) {
  document.body.addEventListener('htmx:configRequest', (event) => {
    event.detail.headers['X-CSRFToken'] = csrfToken
  })
}

// After htmx swaps new content in, start any GOV.UK components inside it.
document.body.addEventListener('htmx:afterSettle', (event) => {
  const target = event.detail.elt
  if (target instanceof Element) {
    initAll(target)
  }
})

// Buttons and links with data-confirm="Are you sure…?" ask before going ahead.
// Without JavaScript they simply go ahead, so the server must not rely on this.
document.addEventListener('click', (event) => {
  const control = event.target instanceof Element
    ? event.target.closest('[data-confirm]')
    : null
  if (control && !window.confirm(control.getAttribute('data-confirm'))) {
    event.preventDefault()
  }
})

// Links and buttons with data-module="safetymap-print" print the page.
document.addEventListener('click', (event) => {
  const control = event.target instanceof Element
    ? event.target.closest('[data-module="safetymap-print"]')
    : null
  if (control) {
    event.preventDefault()
    window.print()
  }
})

// Danger statements and goals are written from their parts as the worker types.
initCompose()

// Signed-in pages: warn before an idle session ends, and keep what was typed in forms.
initSessionTimeout()
initDrafts()
