// The name an attachment is listed and downloaded under, made from the name the uploader's browser
// sent. It is shown on the page and put in Content-Disposition, and people save it on Windows, macOS
// and Linux, so it keeps only what is safe everywhere: no folders (a path keeps its last part), no
// control, format or bidirectional-override characters (which could show "fdp.exe" as "exe.pdf"),
// none of the characters Windows refuses, no leading dots (hidden files, ".."), not a Windows device
// name, not too long, and it ends in the extension of what the file is (told by its content).
import type { AttachmentFileType } from '@dialogforum/contracts';

const INVISIBLE_OR_CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}]/gu;
const REFUSED_BY_WINDOWS = /[<>:"|?*]/g;
/** Windows refuses these as a name's first part, whatever follows the dot ("CON.txt"). */
const WINDOWS_DEVICES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?=\.|$)/i;
/** Characters of the name before its extension. */
export const MAX_NAME_STEM = 120;
/** A name the browser sent that is longer than this is not a name. */
export const MAX_SENT_NAME = 2048;
const FALLBACK_STEM = 'bilaga';

/** The sent name, decoded from the header; null when it is not percent-encoded UTF-8 or too long. */
export function decodeSentName(header: string | undefined): string | null {
  if (header === undefined) return '';
  if (header.length > MAX_SENT_NAME * 3) return null;
  try {
    // Refuses bytes that are not UTF-8 (an encoded lone surrogate too), so the name is well-formed text.
    const name = decodeURIComponent(header);
    return name.length <= MAX_SENT_NAME ? name : null;
  } catch {
    return null;
  }
}

export function attachmentName(sent: string, fileType: AttachmentFileType): string {
  const lastPart = sent.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let stem = lastPart
    .replace(INVISIBLE_OR_CONTROL, '')
    .replace(REFUSED_BY_WINDOWS, '-')
    .replace(/\s+/g, ' ')
    .trim();
  // The extension is the file's own: one the name already has is not repeated.
  if (stem.toLowerCase().endsWith(`.${fileType}`)) stem = stem.slice(0, -(fileType.length + 1));
  stem = stem.replace(/^[\s.-]+/, '').replace(/[\s.]+$/, '');
  stem = [...stem].slice(0, MAX_NAME_STEM).join('').replace(/[\s.]+$/, '');
  stem = stem.replace(WINDOWS_DEVICES, '$1-fil');
  return `${stem || FALLBACK_STEM}.${fileType}`;
}
