// "Print this record": adds a Print button that opens the browser's print dialogue.
// Without JavaScript the page still tells people how to print with their browser.
const controls = document.querySelector('[data-print-controls]')
if (controls) {
  const button = document.createElement('button')
  button.type = 'button'
  button.className = 'govuk-button'
  button.textContent = 'Print this record'
  button.addEventListener('click', () => window.print())
  controls.prepend(button)
}
