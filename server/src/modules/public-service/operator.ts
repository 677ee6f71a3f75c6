// The operating agency (OPERATOR_* settings, validated in config.ts) as the web app, mail and
// exports show it. The logo, when it is a file in DATA_DIR, is served at /operator/logo.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { OperatorView } from '@dialogforum/contracts';
import type { Hono } from 'hono';
import { LOGO_TYPES, type Config, type OperatorConfig } from '../../config.ts';

export const OPERATOR_LOGO_ROUTE = '/operator/logo';

export function operatorView(config: Config): OperatorView {
  const { operator } = config;
  return {
    name: operator.name,
    organisationNumber: operator.organisationNumber ?? null,
    email: operator.email ?? null,
    postalAddress: operator.postalAddress ?? null,
    phone: operator.phone ?? null,
    website: operator.website ?? null,
    dpoEmail: operator.dpoEmail ?? null,
    logoUrl: operator.logo === undefined ? null : 'file' in operator.logo ? OPERATOR_LOGO_ROUTE : operator.logo.path,
    sessionRules: { idleMinutes: config.sessionIdleMinutes, ttlHours: config.sessionTtlHours },
  };
}

/**
 * The line every mail ends with, in both languages' terms at once (it names, it does not speak): who
 * sends it, their organisation number and where to reach them. Mail is the agency's correspondence.
 */
export function operatorMailFooter(operator: OperatorConfig, publicUrl: string): { text: string; html: string } {
  const parts = [
    operator.name,
    operator.organisationNumber && `org.nr ${operator.organisationNumber}`,
    operator.postalAddress,
    operator.email,
    publicUrl,
  ].filter((part): part is string => Boolean(part));
  return {
    text: `\n-- \n${parts.join(' · ')}\n`,
    html: `<p style="color:#555;font-size:12px;border-top:1px solid #ccc;padding-top:8px">${parts.map(escapeHtml).join(' · ')}</p>`,
  };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Serves the logo file read at start (config.ts checked its type, size and place). */
export async function operatorLogoRoute(http: Hono, operator: OperatorConfig): Promise<void> {
  if (!operator.logo || !('file' in operator.logo)) return;
  const body = new Uint8Array(await readFile(operator.logo.file));
  const contentType = LOGO_TYPES[path.extname(operator.logo.file).toLowerCase()] ?? 'application/octet-stream';
  http.get(OPERATOR_LOGO_ROUTE, () =>
    new Response(body, { headers: { 'Content-Type': contentType, 'Cache-Control': 'public, max-age=3600', 'X-Content-Type-Options': 'nosniff' } }),
  );
}
