// A corpus of cross-site scripting payloads, of the shapes reported in security advisories for
// forums and markdown renderers: raw HTML with event handlers, script-bearing elements, dangerous
// URL schemes in markdown links and images (and their entity, whitespace and case obfuscations),
// autolinks, reference links, mutation-XSS shapes, attribute breakouts, template injection and
// unicode tricks. Written for this project, not copied from a published list.
//
// Every payload, if it ever runs, reports itself: `__xssHit(<id>)` is a binding the e2e test exposes
// in every frame (`top.`/`parent.` from inside a frame), and a few use alert/confirm/prompt, which
// the test sees as dialogs. Ids are stable; the test names a payload by its id in failures.

export type XssContext = 'markdown' | 'text';

export type XssPayload = {
  id: number;
  /** What kind of attack it is, for the failure message. */
  shape: string;
  text: string;
};

const hit = (id: number) => `__xssHit(${id})`;
const base64 = (html: string) => Buffer.from(html).toString('base64');

export const XSS_PAYLOADS: readonly XssPayload[] = [
  // Raw HTML: elements that run script on their own.
  { id: 1, shape: 'script element', text: `<script>${hit(1)}</script>` },
  { id: 2, shape: 'img onerror', text: `<img src=x onerror="${hit(2)}">` },
  { id: 3, shape: 'svg onload', text: `<svg onload=${hit(3)}>` },
  { id: 4, shape: 'script inside svg', text: `<svg><script>${hit(4)}</script></svg>` },
  { id: 5, shape: 'iframe srcdoc', text: `<iframe srcdoc="<script>parent.${hit(5)}</script>"></iframe>` },
  { id: 6, shape: 'iframe javascript: src', text: `<iframe src="javascript:top.${hit(6)}"></iframe>` },
  { id: 7, shape: 'body onload with alert', text: `<body onload=alert(7)>` },
  { id: 8, shape: 'details ontoggle', text: `<details open ontoggle=${hit(8)}><summary>Mer</summary>text</details>` },
  { id: 9, shape: 'autofocus onfocus', text: `<input autofocus onfocus=${hit(9)}>` },
  { id: 10, shape: 'video source onerror', text: `<video><source onerror="${hit(10)}"></video>` },
  { id: 11, shape: 'raw anchor with javascript: href', text: `<a href="javascript:${hit(11)}">Läs bilagan</a>` },
  { id: 12, shape: 'object and embed', text: `<object data="javascript:${hit(12)}"></object><embed src="javascript:${hit(12)}">` },
  { id: 13, shape: 'form button formaction', text: `<form><button formaction="javascript:${hit(13)}">Skicka</button></form>` },
  { id: 14, shape: 'meta refresh to javascript:', text: `<meta http-equiv="refresh" content="0;url=javascript:${hit(14)}">` },
  { id: 15, shape: 'base href hijack', text: `<base href="javascript:${hit(15)}//">` },
  { id: 16, shape: 'svg xlink:href anchor', text: `<svg><a xlink:href="javascript:${hit(16)}"><text x="5" y="15">Öppna</text></a></svg>` },
  { id: 17, shape: 'iframe data:text/html', text: `<iframe src="data:text/html,<script>parent.${hit(17)}</script>"></iframe>` },
  { id: 18, shape: 'entity-encoded handler', text: `<img src="x" onerror="&#95;&#95;xssHit&#40;18&#41;">` },
  { id: 19, shape: 'nested tags to evade a filter', text: `<scr<script>ipt>${hit(19)}</scr</script>ipt>` },
  { id: 20, shape: 'style url() and @import', text: `<div style="background:url(javascript:${hit(20)})"><style>@import 'javascript:${hit(20)}';</style></div>` },

  // Mutation XSS: markup that a sanitiser sees one way and the parser re-reads another way.
  { id: 21, shape: 'math/mglyph/style mXSS', text: `<math><mtext><table><mglyph><style><img src=x onerror=${hit(21)}>` },
  { id: 22, shape: 'noscript title mXSS', text: `<noscript><p title="</noscript><img src=x onerror=${hit(22)}>">` },
  { id: 23, shape: 'svg style mXSS', text: `<svg><style><img src=x onerror=${hit(23)}></style></svg>` },
  { id: 24, shape: 'closing title/textarea then script', text: `</title></textarea><script>${hit(24)}</script>` },

  // Markdown links and images with dangerous schemes, plain and obfuscated.
  { id: 25, shape: 'markdown link javascript:', text: `[Läs mer](javascript:${hit(25)})` },
  { id: 26, shape: 'markdown link, mixed case scheme', text: `[Läs mer](JaVaScRiPt:${hit(26)})` },
  { id: 27, shape: 'markdown link, decimal entity in scheme', text: `[Läs mer](java&#115;cript:${hit(27)})` },
  { id: 28, shape: 'markdown link, hex entities', text: `[Läs mer](&#x6A;avascript&#x3A;${hit(28)})` },
  { id: 29, shape: 'markdown link, named entity colon', text: `[Läs mer](javascript&colon;${hit(29)})` },
  { id: 30, shape: 'markdown link, tab inside scheme (in angle brackets)', text: `[Läs mer](<java\tscript:${hit(30)}>)` },
  { id: 31, shape: 'markdown link, javascript:// comment and encoded newline', text: `[Läs mer](javascript://%0a${hit(31)})` },
  { id: 32, shape: 'markdown image with javascript: src', text: `![Ritning](javascript:${hit(32)})` },
  { id: 33, shape: 'markdown link to data:text/html', text: `[Bilaga](data:text/html;base64,${base64(`<script>opener.${hit(33)}</script>`)})` },
  { id: 34, shape: 'markdown image data:image/svg+xml with onload', text: `![Skiss](data:image/svg+xml;base64,${base64(`<svg xmlns="http://www.w3.org/2000/svg" onload="top.${hit(34)}"/>`)})` },
  { id: 35, shape: 'markdown link vbscript:', text: `[Dokument](vbscript:msgbox(35))` },
  { id: 36, shape: 'autolink javascript:', text: `<javascript:${hit(36)}>` },
  { id: 37, shape: 'reference-style link to javascript:', text: `Se [underlaget][u37].\n\n[u37]: javascript:${hit(37)}` },
  { id: 38, shape: 'link title breaking out of the attribute', text: `[Webbplats](https://example.org/ "titel\\" onmouseover=\\"${hit(38)}")` },
  { id: 39, shape: 'image alt breaking out of the attribute', text: `![x" onerror="${hit(39)}](https://example.org/a.png)` },

  // Attribute and text-context breakouts (names, titles, search terms).
  { id: 40, shape: 'double-quote attribute breakout', text: `"><img src=x onerror=${hit(40)}>` },
  { id: 41, shape: "single-quote attribute breakout", text: `'><svg/onload=${hit(41)}>` },
  { id: 42, shape: 'bare javascript: text', text: `javascript:alert(42)` },
  { id: 43, shape: 'img onerror with confirm', text: `<img src=1 onerror=confirm(43)>` },

  // Template injection: only dangerous where a template engine evaluates user text.
  { id: 44, shape: 'Angular/Vue template expression', text: `{{constructor.constructor('${hit(44)}')()}}` },
  { id: 45, shape: 'template literal', text: '`${' + hit(45) + '}` ${prompt(45)}' },

  // Unicode tricks: zero-width, full-width and bidi characters around a scheme or a tag.
  { id: 46, shape: 'zero-width space inside javascript:', text: `[Länk](java\u200Bscript:${hit(46)})` },
  { id: 47, shape: 'full-width javascript:', text: `[Länk](ｊａｖａｓｃｒｉｐｔ:${hit(47)})` },
  { id: 48, shape: 'right-to-left override around a tag', text: `\u202Efdp.exe<img src=x onerror=${hit(48)}>` },
  { id: 49, shape: 'line separators and a null byte in a scheme', text: `[Länk](<\u2028javascript\u0000:${hit(49)}>)` },
];

/** The label the test puts before a payload in markdown, so it can tell the block was rendered, not dropped wholesale. */
export function payloadLabel(payload: XssPayload): string {
  return `XSS-${String(payload.id).padStart(2, '0')}`;
}
