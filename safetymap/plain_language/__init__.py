"""Plain language, built in: labels, jargon and abbreviations found in anything a family or
child will read, plainer words suggested from the council's own glossary, and a reading age
against the council's target.

What is where
-------------
- `checker.check(text, glossary=..., target=...)`: the checker, a pure function (no
  database). `selectors.check_text(text, audience=...)` hands it the council's glossary and
  the audience's target: pages, the API and the command all call that one function.
- `models.GlossaryTerm`: the glossary (term, other forms, kind, what to say instead, why),
  started by a data migration with the practice guide's terms and other common ones.
  Council administrators change it under Plain language (`/plain-language/glossary/`); every
  change is audited, and a term is retired, never deleted.
- `/plain-language/check/`: the checker page for anyone signed in; works without JavaScript
  ("Check the wording").
- `POST /api/v1/plain-language/check` and `python manage.py check_plain_language
  [--audience parent|child|professional]` (reads standard input): the same JSON, from
  `report.report`.

Audiences and targets
---------------------
`settings.SAFETYMAP_PLAIN_LANGUAGE_TARGETS` gives each audience the highest reading age a
text should need and the longest sentence before it is flagged: parent 11 and 20 words
(PARENT_READING_AGE), child 8 and 12 (CHILD_READING_AGE), professional 16 and 25. The
reading age is the Flesch–Kincaid grade plus 5 (textstat, offline), from 10 words up.
For parents and children labels, jargon and unexplained abbreviations are findings. For
professionals only labels and unexplained abbreviations are: professional jargon is shared
vocabulary between professionals, but a label hides what happened from any reader, and an
abbreviation must be explained once for anyone (for example "initial child protection
conference (ICPC)"). Nothing the checker finds ever stops a save.

Checking a form's textarea as the worker types
----------------------------------------------
At the end of the form's `__init__`:

    from safetymap.plain_language.checker import Audience
    from safetymap.plain_language.widgets import attach_plain_language

    attach_plain_language(self, "rule_adult", "rule_child", audience=Audience.PARENT)

Or give a field the widget directly:
`forms.CharField(widget=PlainLanguageTextarea(attrs={"rows": 4}, audience=Audience.CHILD))`.

That is all: `{{ form }}` (or `{{ form.field.as_field_group }}`) then draws the textarea with
the findings under it. As the worker types, htmx posts the text to `plain_language:live`
(`hx-trigger="keyup changed delay:600ms, change"`; the CSRF token goes in the X-CSRFToken
header, as app.js does for every htmx request) and swaps in the findings partial; a polite
live region reads the summary to screen reader users. Without JavaScript the findings for
the text already in the box are drawn with the page (on an edit page, or when a form comes
back with errors), and a link opens the checker page in a new tab.
"""
