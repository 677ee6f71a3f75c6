// Cross-site request forgery defence. Browsers send `Origin` (and `Sec-Fetch-Site`) on every
// state-changing request and on the websocket handshake; a request from another site's page is
// refused whatever its content type. A request with neither header does not come from a browser
// page, so it carries no victim's cookie by accident.
export type OriginFacts = {
  origin: string | undefined;
  secFetchSite: string | undefined;
  host: string | undefined;
  /** The scheme the browser used (https behind a trusted proxy). */
  scheme: 'http' | 'https';
};

export function isSameOriginRequest(facts: OriginFacts, publicOrigin: string): boolean {
  if (facts.origin !== undefined) {
    if (facts.origin === publicOrigin) return true;
    return facts.host !== undefined && facts.origin === `${facts.scheme}://${facts.host}`;
  }
  if (facts.secFetchSite !== undefined) return facts.secFetchSite === 'same-origin' || facts.secFetchSite === 'none';
  return true;
}
