// The "You're about to be signed out" warning (a GOV.UK-style modal dialog).
//
// The server signs a session out after it has been idle for a while
// (SAFETYMAP_SESSION_IDLE_MINUTES); this script warns the person before it does, and
// "Stay signed in" tells the server they are still here. The dialog and its settings come
// from govuk/includes/session_timeout.html (data attributes; no inline script):
//
//   data-seconds-left    how long the session had left when the page was made
//   data-warning-seconds how long before the end to warn
//   data-status-url      GET: {"seconds_left": n} without counting as activity;
//                        POST: stay signed in. 401 once the session has ended.
//   data-sign-in-url     where to go once signed out (with ?next= this page)
//
// Before showing the warning, and again at the end, the script asks the server how long is
// left, so activity in another tab keeps this one open too. Just before leaving, it fires
// "safetymap:session-ending" so drafts.js keeps what was typed.

const ANNOUNCE_EVERY_SECONDS = 20
// What secondsLeftOnServer answers once the server has signed the session out.
const SIGNED_OUT = -1

function describe (seconds) {
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  const parts = []
  if (minutes > 0) parts.push(`${minutes} minute${minutes === 1 ? '' : 's'}`)
  if (rest > 0 || minutes === 0) parts.push(`${rest} second${rest === 1 ? '' : 's'}`)
  return parts.join(' ')
}

function csrfToken () {
  return document.querySelector('meta[name="csrf-token"]')?.content || ''
}

export function initSessionTimeout () {
  const dialog = document.querySelector('[data-module="safetymap-session-timeout"]')
  if (!(dialog instanceof HTMLElement) || dialog.dataset.initialised) return
  dialog.dataset.initialised = 'true'

  const warningSeconds = Number(dialog.dataset.warningSeconds) || 120
  const statusUrl = dialog.dataset.statusUrl
  const signInUrl = dialog.dataset.signInUrl
  const countdown = dialog.querySelector('[data-countdown]')
  const announcement = dialog.querySelector('[data-countdown-announcement]')
  const stayButton = dialog.querySelector('[data-session-timeout-stay]')
  const canShowModal = typeof dialog.showModal === 'function'

  let timer = null
  let ticker = null
  let deadline = 0
  let returnFocusTo = null

  function clearTimers () {
    clearTimeout(timer)
    clearInterval(ticker)
    timer = null
    ticker = null
  }

  // Wait until `warningSeconds` before the end, then check with the server.
  function schedule (secondsLeft) {
    clearTimers()
    deadline = Date.now() + secondsLeft * 1000
    const wait = Math.max(0, secondsLeft - warningSeconds) * 1000
    timer = setTimeout(check, wait)
  }

  async function secondsLeftOnServer (method = 'GET') {
    try {
      const response = await fetch(statusUrl, {
        method,
        credentials: 'same-origin',
        headers: {
          Accept: 'application/json',
          'X-CSRFToken': csrfToken(),
          'X-Requested-With': 'fetch'
        },
        cache: 'no-store'
      })
      if (response.status === 401) return SIGNED_OUT
      if (!response.ok) return null
      const body = await response.json()
      return Number(body.seconds_left)
    } catch (error) {
      return null // offline: trust our own clock
    }
  }

  async function check () {
    let left = await secondsLeftOnServer()
    if (left === null) left = Math.max(0, Math.round((deadline - Date.now()) / 1000))
    if (left === SIGNED_OUT) {
      signedOut()
    } else if (left <= 0) {
      // Due now, but the server has not ended it yet: ask again in a moment.
      clearTimers()
      timer = setTimeout(check, 1500)
    } else if (left > warningSeconds + 1) {
      hide()
      schedule(left)
    } else {
      show(left)
    }
  }

  function show (secondsLeft) {
    deadline = Date.now() + secondsLeft * 1000
    if (!dialog.open) {
      returnFocusTo = document.activeElement
      if (canShowModal) dialog.showModal()
      else dialog.setAttribute('open', '')
      if (announcement) announcement.textContent = `We will sign you out in ${describe(secondsLeft)}.`
    }
    let lastAnnounced = secondsLeft
    clearInterval(ticker)
    const tick = () => {
      const left = Math.max(0, Math.round((deadline - Date.now()) / 1000))
      if (countdown) countdown.textContent = describe(left)
      if (announcement && lastAnnounced - left >= ANNOUNCE_EVERY_SECONDS) {
        announcement.textContent = `We will sign you out in ${describe(left)}.`
        lastAnnounced = left
      }
      if (left <= 0) {
        clearInterval(ticker)
        check()
      }
    }
    tick()
    ticker = setInterval(tick, 1000)
  }

  function hide () {
    if (!dialog.open) return
    if (canShowModal) dialog.close()
    else dialog.removeAttribute('open')
    if (returnFocusTo instanceof HTMLElement) returnFocusTo.focus()
    returnFocusTo = null
  }

  async function staySignedIn () {
    const left = await secondsLeftOnServer('POST')
    if (left === SIGNED_OUT) {
      signedOut()
      return
    }
    if (left === null) return // could not reach the server: keep counting down
    hide()
    schedule(left)
  }

  function signedOut () {
    clearTimers()
    document.dispatchEvent(new CustomEvent('safetymap:session-ending'))
    const here = window.location.pathname + window.location.search
    window.location.assign(`${signInUrl}?next=${encodeURIComponent(here)}`)
  }

  if (stayButton) stayButton.addEventListener('click', staySignedIn)
  // Escape closes a modal dialog: take it to mean "I'm still here".
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault()
    staySignedIn()
  })

  schedule(Number(dialog.dataset.secondsLeft) || Number(dialog.dataset.idleSeconds) || 0)
}
