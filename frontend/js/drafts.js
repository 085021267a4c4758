// Keeps what people type in forms, so nothing is lost if they are signed out part-way
// (an idle session ends, a "Confirm it's you" step interrupts, the browser goes back).
//
// Which forms: every <form method="post"> on a signed-in page that has somewhere to type,
// except forms marked data-keep-drafts="false" and forms with a password or one-time code
// (signing in, two-factor). This script marks the forms it keeps with data-keep-drafts.
//
// How: as the person types, the form's text, choices and hidden `version` are saved in the
// tab's sessionStorage, keyed by who is signed in, the page address and the form. When they
// come back to the same page (after signing in again, say) the text is put back, with a
// notice saying so. A successful submit clears it: the form is marked as sent, and on the
// next signed-in page the draft is dropped if the server moved on (a different page, or a
// success message); if the same form is shown again (errors, or signed out meanwhile) the
// draft stays. Signing out on purpose clears every draft; drafts older than 12 hours and
// drafts of anyone else who used this tab are dropped.
//
// sessionStorage belongs to one browser tab and is emptied when the tab is closed, so
// nothing typed about a child outlives the tab on a shared computer.

const PREFIX = 'safetymap:draft:'
const MAX_AGE_MS = 12 * 60 * 60 * 1000
const SAVE_DELAY_MS = 400
const TEXT_TYPES = new Set(['text', 'search', 'email', 'tel', 'url', 'number', 'date', 'time'])
const NOTICE_ID = 'safetymap-draft-restored'

function store () {
  try {
    const storage = window.sessionStorage
    const probe = `${PREFIX}probe`
    storage.setItem(probe, '1')
    storage.removeItem(probe)
    return storage
  } catch (error) {
    return null // storage switched off: nothing to keep
  }
}

function read (storage, key) {
  try {
    return JSON.parse(storage.getItem(key))
  } catch (error) {
    return null
  }
}

function pageAddress () {
  return window.location.pathname + window.location.search
}

// The controls whose values are kept: text boxes, text areas, choices, and `version` (so a
// draft saved against an old version is refused by the server as a stale edit, not saved
// over someone else's change).
function keptControls (form) {
  return Array.from(form.elements).filter((control) => {
    if (!control.name || control.disabled) return false
    if (control instanceof HTMLTextAreaElement || control instanceof HTMLSelectElement) {
      return true
    }
    if (!(control instanceof HTMLInputElement)) return false
    if (control.type === 'hidden') return control.name === 'version'
    return TEXT_TYPES.has(control.type) || control.type === 'radio' || control.type === 'checkbox'
  })
}

function hasSomewhereToType (form) {
  return keptControls(form).some((control) =>
    control instanceof HTMLTextAreaElement ||
    (control instanceof HTMLInputElement && TEXT_TYPES.has(control.type)))
}

function isKeepable (form) {
  if ((form.getAttribute('method') || 'get').toLowerCase() !== 'post') return false
  if (form.dataset.keepDrafts === 'false') return false
  if (form.querySelector('input[type="password"], input[autocomplete="one-time-code"]')) {
    return false
  }
  return hasSomewhereToType(form)
}

// {"name#n": value}, n counting controls of the same name (radios, formsets).
function snapshot (form) {
  const seen = {}
  const values = {}
  for (const control of keptControls(form)) {
    const n = seen[control.name] = (seen[control.name] ?? -1) + 1
    const id = `${control.name}#${n}`
    if (control instanceof HTMLInputElement &&
        (control.type === 'radio' || control.type === 'checkbox')) {
      values[id] = control.checked
    } else {
      values[id] = control.value
    }
  }
  return values
}

function same (a, b) {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const key of keys) {
    if (a[key] !== b[key]) return false
  }
  return true
}

function apply (form, values) {
  const seen = {}
  const changed = []
  for (const control of keptControls(form)) {
    const n = seen[control.name] = (seen[control.name] ?? -1) + 1
    const id = `${control.name}#${n}`
    if (!(id in values)) continue
    if (control instanceof HTMLInputElement &&
        (control.type === 'radio' || control.type === 'checkbox')) {
      if (control.checked !== values[id]) {
        control.checked = values[id]
        changed.push(control)
      }
    } else if (control.value !== values[id]) {
      control.value = values[id]
      changed.push(control)
    }
  }
  // Let other scripts (the danger statement composer, character counts) see the change.
  for (const control of changed) {
    control.dispatchEvent(new Event('input', { bubbles: true }))
    control.dispatchEvent(new Event('change', { bubbles: true }))
  }
  return changed.length
}

function showNotice (form, onDiscard) {
  if (document.getElementById(NOTICE_ID)) return
  const notice = document.createElement('div')
  notice.id = NOTICE_ID
  notice.className = 'govuk-notification-banner'
  notice.setAttribute('role', 'region')
  notice.setAttribute('aria-labelledby', `${NOTICE_ID}-title`)
  notice.dataset.module = 'govuk-notification-banner'
  const header = document.createElement('div')
  header.className = 'govuk-notification-banner__header'
  const title = document.createElement('h2')
  title.className = 'govuk-notification-banner__title'
  title.id = `${NOTICE_ID}-title`
  title.textContent = 'Important'
  header.append(title)
  const content = document.createElement('div')
  content.className = 'govuk-notification-banner__content'
  const heading = document.createElement('p')
  heading.className = 'govuk-notification-banner__heading'
  heading.textContent = 'We have put back what you typed here before. It has not been saved yet.'
  const discard = document.createElement('button')
  discard.type = 'button'
  discard.className = 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0'
  discard.textContent = 'Clear what was put back'
  discard.addEventListener('click', () => {
    onDiscard()
    notice.remove()
  })
  content.append(heading, discard)
  notice.append(header, content)
  form.before(notice)
}

export function initDrafts () {
  const session = document.querySelector('[data-module="safetymap-session-timeout"]')
  const storage = store()
  if (!(session instanceof HTMLElement) || !storage) return // signed out, or no storage
  const owner = session.dataset.owner
  const ownPrefix = `${PREFIX}${owner}:`
  const signOutUrl = session.dataset.signOutUrl

  // Drop old drafts and anyone else's.
  for (let i = storage.length - 1; i >= 0; i--) {
    const key = storage.key(i)
    if (!key || !key.startsWith(PREFIX)) continue
    const draft = read(storage, key)
    if (!key.startsWith(ownPrefix) || !draft || Date.now() - draft.savedAt > MAX_AGE_MS) {
      storage.removeItem(key)
    }
  }

  // Signing out on purpose: nothing is kept.
  document.addEventListener('submit', (event) => {
    const form = event.target
    if (form instanceof HTMLFormElement && signOutUrl &&
        new URL(form.action, window.location.href).pathname === signOutUrl) {
      for (let i = storage.length - 1; i >= 0; i--) {
        const key = storage.key(i)
        if (key && key.startsWith(PREFIX)) storage.removeItem(key)
      }
    }
  })

  // Pages in the middle of signing in (two-factor, "Confirm it's you") leave drafts alone.
  if (document.querySelector('[data-safetymap-hold-drafts]')) return

  const here = pageAddress()
  const succeeded = document.querySelector('.govuk-notification-banner--success') !== null
  const hasErrors = document.querySelector('.govuk-error-summary') !== null

  // Forms sent from another page: the server moved on, so they were saved.
  for (let i = storage.length - 1; i >= 0; i--) {
    const key = storage.key(i)
    if (!key || !key.startsWith(ownPrefix)) continue
    const draft = read(storage, key)
    if (draft && draft.sent && draft.page !== here) storage.removeItem(key)
  }

  const forms = Array.from(document.querySelectorAll('form')).filter(isKeepable)
  forms.forEach((form, index) => {
    form.dataset.keepDrafts = 'true'
    const key = `${ownPrefix}${here}:${form.getAttribute('action') || ''}#${index}`
    const original = snapshot(form)
    let draft = read(storage, key)

    if (draft && draft.sent) {
      if (succeeded || hasErrors) {
        // Saved; or the server has shown the sent form again with its answer, holding what
        // was typed (and, after a refused stale save, the version now saved): put nothing
        // back over it.
        storage.removeItem(key)
        draft = null
      } else {
        draft.sent = false
        storage.setItem(key, JSON.stringify(draft))
      }
    }
    if (draft && draft.values && !same(draft.values, original)) {
      if (apply(form, draft.values) > 0) {
        showNotice(form, () => {
          apply(form, original)
          storage.removeItem(key)
        })
      }
    }

    const save = (sent = false) => {
      const values = snapshot(form)
      if (!sent && same(values, original)) {
        storage.removeItem(key)
        return
      }
      try {
        storage.setItem(key, JSON.stringify({ page: here, savedAt: Date.now(), sent, values }))
      } catch (error) {
        // Storage full: the form still works, the draft just is not kept.
      }
    }
    let timer = null
    const saveSoon = () => {
      clearTimeout(timer)
      timer = setTimeout(() => save(), SAVE_DELAY_MS)
    }
    form.addEventListener('input', saveSoon)
    form.addEventListener('change', saveSoon)
    form.addEventListener('submit', () => {
      clearTimeout(timer)
      timer = null // or leaving the page would save the draft again, as not sent
      save(true)
    })
    const saveNow = () => {
      if (timer) {
        clearTimeout(timer)
        timer = null
        save()
      }
    }
    document.addEventListener('safetymap:session-ending', saveNow)
    window.addEventListener('pagehide', saveNow)
  })
}
