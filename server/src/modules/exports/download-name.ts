// File names for downloads, made from a title people typed: no path separators, no characters a
// file system refuses (Windows' < > : " / \ | ? *), no control or format characters, not too long.
// The header that carries it is platform/http/content-disposition.ts.
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
