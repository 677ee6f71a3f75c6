// Cross-site request forgery and DNS-rebinding defence. Browsers send `Origin` (and `Sec-Fetch-Site`)
// on every state-changing request and on the websocket handshake; a request from another site's page
// is refused whatever its content type. A request with neither header does not come from a browser
// page, so it carries no victim's cookie by accident.
//
// In production the request must also be addressed to us: a page on a name the attacker controls
// that is made to resolve to our address (DNS rebinding) is same-origin to the browser, with `Origin`
// equal to its own `Host` — so "Origin equals Host" proves nothing there, and only PUBLIC_URL's origin
// and the ALLOWED_ORIGINS are trusted, as `Origin` and as `Host`. Outside production the request's own
// host is trusted too, so http://localhost:PORT, http://127.0.0.1:PORT and tests on ephemeral ports
// all work without a setting.
import type { Config } from '../../config.ts';

export type OriginFacts = {
  origin: string | undefined;
  secFetchSite: string | undefined;
  host: string | undefined;
  /** The scheme the browser used (https behind a trusted proxy). */
  scheme: 'http' | 'https';
};

export type OriginPolicy = {
  /** Origins (`scheme://host[:port]`) whose pages may change state and open sockets. */
  trustedOrigins: ReadonlySet<string>;
  /** Hosts (`host[:port]`) requests may be addressed to; null: any (outside production). */
  trustedHosts: ReadonlySet<string> | null;
};

export function originPolicyFor(config: Pick<Config, 'env' | 'publicUrl' | 'allowedOrigins'>): OriginPolicy {
  const origins = [new URL(config.publicUrl).origin, ...config.allowedOrigins];
  return {
    trustedOrigins: new Set(origins),
    trustedHosts: config.env === 'production' ? new Set(origins.map((origin) => new URL(origin).host)) : null,
  };
}

/** Whether the request is addressed to one of our names (any name, outside production). */
export function isTrustedHost(host: string | undefined, scheme: 'http' | 'https', policy: OriginPolicy): boolean {
  if (policy.trustedHosts === null) return true;
  const normalised = host === undefined ? null : parsedHost(host, scheme);
  return normalised !== null && policy.trustedHosts.has(normalised);
}

export function isSameOriginRequest(facts: OriginFacts, policy: OriginPolicy): boolean {
  if (!isTrustedHost(facts.host, facts.scheme, policy)) return false;
  if (facts.origin !== undefined) {
    if (policy.trustedOrigins.has(facts.origin)) return true;
    return policy.trustedHosts === null && facts.host !== undefined && facts.origin === `${facts.scheme}://${facts.host}`;
  }
  if (facts.secFetchSite !== undefined) return facts.secFetchSite === 'same-origin' || facts.secFetchSite === 'none';
  return true;
}

/** Letters, digits, dots, hyphens, an IPv6 literal's brackets and colons, and a port: nothing else is a Host. */
const HOST_CHARACTERS = /^[A-Za-z0-9.\-[\]:]+$/;

/** `Host` as URL writes it (lower case, default port dropped), or null when it is no host at all. */
function parsedHost(host: string, scheme: 'http' | 'https'): string | null {
  if (!HOST_CHARACTERS.test(host)) return null;
  try {
    return new URL(`${scheme}://${host}`).host || null;
  } catch {
    return null;
  }
}
