/** The scheme the browser used: the URL's own, or a trusted proxy's X-Forwarded-Proto. */
export function requestScheme(url: string, forwardedProto: string | undefined, trustProxy: boolean): 'http' | 'https' {
  if (url.startsWith('https:')) return 'https';
  return trustProxy && forwardedProto?.split(',')[0]?.trim() === 'https' ? 'https' : 'http';
}
