// The name an attachment is shown and downloaded under (attachment-name.ts): whatever the browser
// sent, it is one safe file name ending in the extension of what the file is.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attachmentName, decodeSentName, MAX_NAME_STEM } from '../../src/platform/files/attachment-name.ts';

describe('attachment names', () => {
  it.each([
    ['Förfrågningsunderlag 2026.pdf', 'pdf', 'Förfrågningsunderlag 2026.pdf'],
    ['Kravspec', 'docx', 'Kravspec.docx'],
    ['PRISLISTA.XLSX', 'xlsx', 'PRISLISTA.xlsx'],
    ['../../etc/passwd', 'pdf', 'passwd.pdf'],
    ['C:\\Users\\kim\\Desktop\\offert.pdf', 'pdf', 'offert.pdf'],
    ['..', 'pdf', 'bilaga.pdf'],
    ['.htaccess', 'pdf', 'htaccess.pdf'],
    ['evil\u202Efdp.exe', 'pdf', 'evilfdp.exe.pdf'],
    ['tab\tand\nnew\rline\u0000.pdf', 'pdf', 'tabandnewline.pdf'],
    ['zero\u200Bwidth.pdf', 'pdf', 'zerowidth.pdf'],
    ['say "hi" <now>?*|:.pdf', 'pdf', 'say -hi- -now-----.pdf'],
    ["it's (ours).pdf", 'pdf', "it's (ours).pdf"],
    ['report.pdf', 'docx', 'report.pdf.docx'],
    ['CON', 'pdf', 'CON-fil.pdf'],
    ['nul.txt', 'odt', 'nul-fil.txt.odt'],
    ['   ', 'ods', 'bilaga.ods'],
    ['trailing dots...', 'pdf', 'trailing dots.pdf'],
  ] as const)('%j as %s is %j', (sent, type, expected) => {
    expect(attachmentName(sent, type)).toBe(expected);
  });

  it('keeps a very long name to its first characters, whole letters only', () => {
    const name = attachmentName(`${'å'.repeat(500)}😀😀.pdf`, 'pdf');
    expect([...name.slice(0, -4)].length).toBe(MAX_NAME_STEM);
    expect(name.endsWith('.pdf')).toBe(true);
    const emoji = attachmentName(`${'a'.repeat(MAX_NAME_STEM - 1)}😀😀`, 'pdf');
    expect(emoji).toBe(`${'a'.repeat(MAX_NAME_STEM - 1)}😀.pdf`);
  });

  it('decodes the header as percent-encoded UTF-8 and refuses anything else', () => {
    expect(decodeSentName(encodeURIComponent('Frågor & svar.pdf'))).toBe('Frågor & svar.pdf');
    expect(decodeSentName(undefined)).toBe('');
    expect(decodeSentName('%E0%A4%A')).toBeNull();
    expect(decodeSentName('%ED%A0%80')).toBeNull(); // an encoded lone surrogate
    expect(decodeSentName('%41'.repeat(5000))).toBeNull();
  });

  it('whatever is sent, the name has no folder, control, format or bidi character, no Windows-refused character, and the right extension', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.constantFrom('pdf', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp' as const), (sent, type) => {
        const name = attachmentName(sent, type);
        expect(name.endsWith(`.${type}`)).toBe(true);
        expect(name).not.toMatch(/[/\\<>:"|?*\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u);
        expect(name.startsWith('.')).toBe(false);
        expect(name.startsWith(' ')).toBe(false);
        expect([...name].length).toBeLessThanOrEqual(MAX_NAME_STEM + type.length + 1);
        expect(name.normalize('NFC')).toBe(name);
      }),
      { numRuns: 1000 },
    );
  });
});
