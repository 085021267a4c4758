// Writes a danger statement or goal sentence from its parts as the worker types.
// The wording comes from the server (one copy of the rules); the worker may then reword it,
// and from that moment their words are kept. Without JavaScript the server composes the
// sentence on save when the box is left blank.

const DELAY_MS = 350

function debounce (fn, delay) {
  let timer
  return (...args) => {
    clearTimeout(timer)
    timer = setTimeout(() => fn(...args), delay)
  }
}

async function fetchSentence (url, form, fieldIds) {
  const body = new FormData()
  for (const id of fieldIds) {
    const field = document.getElementById(id)
    if (field) body.append(field.name, field.value)
  }
  const token = form.querySelector('input[name="csrfmiddlewaretoken"]')
  const response = await fetch(url, {
    method: 'POST',
    body,
    headers: token ? { 'X-CSRFToken': token.value } : {},
    credentials: 'same-origin'
  })
  return response.ok ? response.text() : null
}

export function initCompose (root = document) {
  for (const source of root.querySelectorAll('[data-compose-url]')) {
    const form = source.closest('form')
    const target = document.getElementById(source.dataset.composeTarget)
    const fieldIds = source.dataset.composeFrom.split(' ')
    if (!form || !target) continue

    let lastComposed = null
    // A box that already holds words the worker wrote is theirs until they clear it.
    let edited = target.value.trim() !== ''
    target.addEventListener('input', () => {
      edited = target.value.trim() !== '' && target.value !== lastComposed
    })

    const update = debounce(async () => {
      const sentence = await fetchSentence(source.dataset.composeUrl, form, fieldIds)
      if (sentence === null || edited) return
      target.value = sentence
      lastComposed = sentence
    }, DELAY_MS)

    for (const id of fieldIds) {
      const field = document.getElementById(id)
      if (field) field.addEventListener('input', update)
    }

    // Saved before the last sentence came back? Send the box empty, so the server writes
    // it from the parts as they are now, never from what was typed a moment earlier.
    form.addEventListener('submit', () => {
      if (!edited) target.value = ''
    })

    // On an edit page, the saved sentence counts as untouched if it matches the parts.
    if (edited) {
      fetchSentence(source.dataset.composeUrl, form, fieldIds).then((sentence) => {
        if (sentence !== null && sentence === target.value) {
          edited = false
          lastComposed = sentence
        }
      })
    }
  }
}
