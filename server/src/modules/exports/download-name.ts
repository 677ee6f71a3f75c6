// File names for downloads, made from a title people typed: no path separators, no characters a
// file system refuses (Windows' < > : " / \ | ? *), no control or format characters, not too long.
// The header carries the name twice: as UTF-8 (filename*, RFC 6266 and 8187), which every current
// browser uses and which keeps å, ä and ö, and as plain ASCII for anything older.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}<>:"/\\|?*]+/gu;
const MAX_STEM = 120;

export function downloadName(parts: string[], extension: string): string {
  const stem = parts
    .join(' – ')
    .normalize('NFC')
    .replace(UNSAFE, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.-]+|[\s.]+$/g, '');
  const short = [...stem].slice(0, MAX_STEM).join('').trimEnd();
  return `${short || 'export'}.${extension}`;
}

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
