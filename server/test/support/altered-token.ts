// A signed token with one character of its signature changed, well inside it: the last character of
// a 43-character base64url signature carries only 4 of its 6 bits, so changing it ("A" for "B") can
// decode to the very same bytes and be accepted, which made a forgery test fail now and then.
export function alteredToken(token: string): string {
  const at = token.length - 20;
  return `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
}
