// Copy the front-end files Django serves into frontend/build/ (STATICFILES_DIRS).
// Runs after Sass has written frontend/build/css/main.css (see `npm run build`).
// Node's standard library only, so `npm ci && npm run build` needs nothing else.
//
// What ends up in frontend/build/:
//   css/main.css                    compiled by Sass from frontend/scss/main.scss
//   js/govuk-frontend.min.js(.map)  GOV.UK Frontend's JavaScript (an ES module)
//   js/htmx.min.js                  htmx
//   js/*.js                         our own scripts from frontend/js/
//   govuk/images/                   GOV.UK Frontend's images, which its CSS refers to
//   images/                         our own images from frontend/images/ (favicon)
// GOV.UK Frontend's fonts (GDS Transport) are deliberately not copied: only GOV.UK
// may use them.

import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const frontend = dirname(fileURLToPath(import.meta.url))
const root = resolve(frontend, '..')
const build = join(frontend, 'build')
const modules = join(root, 'node_modules')
const govuk = join(modules, 'govuk-frontend', 'dist', 'govuk')

function copy (from, to) {
  if (!existsSync(from)) {
    throw new Error(`build.mjs: ${from} is missing. Run "npm ci" first.`)
  }
  mkdirSync(dirname(to), { recursive: true })
  cpSync(from, to, { recursive: true })
  console.log(`  ${to.slice(root.length + 1)}`)
}

// Start clean (but keep css/, which Sass has just written).
for (const folder of ['js', 'govuk', 'images']) {
  rmSync(join(build, folder), { recursive: true, force: true })
}

console.log('Copying front-end files to frontend/build/')

// GOV.UK Frontend's JavaScript and its source map (Django's manifest storage
// follows sourceMappingURL comments, so the map must exist).
copy(join(govuk, 'govuk-frontend.min.js'), join(build, 'js', 'govuk-frontend.min.js'))
copy(join(govuk, 'govuk-frontend.min.js.map'), join(build, 'js', 'govuk-frontend.min.js.map'))

copy(join(modules, 'htmx.org', 'dist', 'htmx.min.js'), join(build, 'js', 'htmx.min.js'))

// GOV.UK Frontend images (the footer styles refer to one), not its fonts.
copy(join(govuk, 'assets', 'images'), join(build, 'govuk', 'images'))

// Our own scripts and images.
for (const name of readdirSync(join(frontend, 'js'))) {
  if (name.endsWith('.js') || name.endsWith('.mjs')) {
    copy(join(frontend, 'js', name), join(build, 'js', name))
  }
}
if (existsSync(join(frontend, 'images'))) {
  copy(join(frontend, 'images'), join(build, 'images'))
}
