// Content-Disposition for downloads (exports, attachments). The header carries the name twice: as
// UTF-8 (filename*, RFC 6266 and 8187), which every current browser uses and which keeps å, ä and ö,
// and as plain ASCII for anything older. The name is expected to be safe already (no path, no
// control characters); here it is only encoded.

/** `attachment` with the name in UTF-8 and an ASCII stand-in. */
export function attachmentDisposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
