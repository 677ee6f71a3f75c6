// What an archive package says about itself: a README in Swedish and English for the registrar who
// opens it (whose record, which dialogue, when and by whom it was exported, what each file is, how to
// verify it) and the same facts as `index.json` for an e-archive's ingest. Both are made from one
// list of files, so the README cannot describe a file the package does not have.
import type { OperatorConfig } from '../../config.ts';
import { MANIFEST_FILE } from './package-writer.ts';

type Described = { sv: string; en: string };

export const PACKAGE_FILES = {
  readme: 'README.txt',
  index: 'index.json',
  dialogue: 'dialogue.json',
  questions: 'questions.json',
  flags: 'flags.json',
  sessions: 'sessions.json',
  meetings: 'meetings.json',
  attachments: 'attachments.json',
  audit: 'audit.json',
  parties: 'parties.json',
  pdf: 'fragor-och-svar.pdf',
  attachmentFolder: 'attachments/',
  manifest: MANIFEST_FILE,
} as const;

const DESCRIPTIONS: Record<keyof typeof PACKAGE_FILES, Described> = {
  readme: { sv: 'Den här filen.', en: 'This file.' },
  index: { sv: 'Samma uppgifter som den här filen, maskinläsbart (JSON).', en: 'The facts of this file, machine-readable (JSON).' },
  dialogue: {
    sv: 'Dialogens uppgifter som de står nu, varje ändring av dem (fält, från, till, vem, när) och ändringarna av tidsfristerna för sig.',
    en: 'The dialogue’s facts as they stand, every change of them (field, from, to, who, when), and the deadline changes on their own.',
  },
  questions: {
    sv: 'Varje fråga oavsett läge (väntande, publicerad, besvarad enskilt) med alla inlägg: frågan, svar och kommentarer, varje version (rättelser och redigeringar med sin anteckning), dolda inlägg med vem som dolde dem och skälet, låsta trådar, enskilda svar med det registrerade skälet, frågeställarens pseudonym.',
    en: 'Every question in whatever state (waiting, published, answered privately) with all its posts: the question, answers and comments, every version (corrections and edits with their note), hidden posts with who hid them and why, locked threads, private answers with the recorded reason, the asker’s pseudonym.',
  },
  flags: { sv: 'Anmälda inlägg: vem, varför, när och utfallet (dolt, avvisat eller öppet).', en: 'Reported posts: who, why, when and the outcome (hidden, dismissed or open).' },
  sessions: {
    sv: 'Dialogmöten: tid, plats, antal anmälda och på väntelista, vilka som anmälde sig, protokoll, livefrågor med svar, meddelanden och omröstningar. Närvaro registreras inte i Dialogforum.',
    en: 'Dialogue sessions: time, place, number registered and waitlisted, who registered, minutes, live questions with answers, announcements and polls. Attendance is not recorded by Dialogforum.',
  },
  meetings: { sv: 'Enskilda dialogmöten: omgångar, tider, vem som bokade för vilken organisation, och anteckningarna.', en: 'One-to-one meetings: rounds, slots, who booked for which organisation, and the minutes.' },
  attachments: {
    sv: 'Bifogade filer på dialogen och på svaren (även borttagna, med skälet) och var filen ligger i paketet.',
    en: 'Files attached to the dialogue and to answers (removed ones too, with the reason) and where each file is in the package.',
  },
  audit: { sv: 'Granskningsloggens poster om dialogen, äldsta först.', en: 'The audit log’s entries about the dialogue, oldest first.' },
  parties: {
    sv: 'Personer och organisationer som nämns i paketet, med namn (filerna hänvisar till dem med id).',
    en: 'The people and organisations the package refers to, by name (the files refer to them by id).',
  },
  pdf: {
    sv: 'Dokumentet ”Frågor och svar”: de publicerade frågorna och svaren som allmänheten ser dem (frågeställare med pseudonym).',
    en: 'The document “Frågor och svar” (questions and answers): the published questions and answers as the public sees them (askers by pseudonym).',
  },
  attachmentFolder: { sv: 'De bifogade filerna, som de lagrades, en mapp per fil.', en: 'The attached files as stored, one folder per file.' },
  manifest: {
    sv: 'SHA-256 för varje annan fil i paketet, i formatet från sha256sum.',
    en: 'The SHA-256 of every other file in the package, in the format sha256sum writes.',
  },
};

export type PackageFacts = {
  operator: OperatorConfig;
  dialogue: { id: string; title: string; referenceNumber: string | null; owners: string[] };
  exportedAt: string;
  exportedBy: { id: string; name: string };
  counts: { questions: number; attachments: number; sessions: number; meetingRounds: number; auditEntries: number };
};

/** The README, Swedish first. Times in UTC and in Swedish time, so nobody has to convert. */
export function readmeText(facts: PackageFacts): string {
  const { operator, dialogue } = facts;
  const swedishTime = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeStyle: 'medium', timeZone: 'Europe/Stockholm' }).format(new Date(facts.exportedAt));
  const operatorLine = [operator.name, operator.organisationNumber && `org.nr ${operator.organisationNumber}`, operator.postalAddress, operator.email]
    .filter(Boolean)
    .join(' · ');
  const files = (language: keyof Described) =>
    (Object.keys(PACKAGE_FILES) as (keyof typeof PACKAGE_FILES)[]).map((key) => `  ${PACKAGE_FILES[key]}\n      ${DESCRIPTIONS[key][language]}`).join('\n');
  const { counts } = facts;
  return `ARKIVPAKET – ${dialogue.title}
${'='.repeat(Math.min(80, 12 + [...dialogue.title].length))}

Myndighet: ${operatorLine}
Dialog: ${dialogue.title}
Dialogens id: ${dialogue.id}
Diarienummer: ${dialogue.referenceNumber ?? '–'}
Beställare: ${dialogue.owners.join(', ')}
Exporterat: ${swedishTime} svensk tid (${facts.exportedAt})
Exporterat av: ${facts.exportedBy.name} (${facts.exportedBy.id})
Innehåll: frågor ${counts.questions} · bifogade filer ${counts.attachments} · dialogmöten ${counts.sessions} · omgångar av enskilda möten ${counts.meetingRounds} · loggposter ${counts.auditEntries}

Paketet är dialogens fullständiga handlingar ur Dialogforum, för myndighetens diarium och e-arkiv.
Det innehåller frågeställarnas identitet (namn och organisation, inte e-postadress): prövningen av
om en uppgift kan lämnas ut görs när någon begär handlingen, enligt offentlighets- och
sekretesslagen. Dokumentet fragor-och-svar.pdf är den version som allmänheten ser.

Filer
${files('sv')}

Kontrollera paketet: packa upp det och kör i mappen
  sha256sum -c ${MANIFEST_FILE}
(macOS: shasum -a 256 -c ${MANIFEST_FILE}; Windows PowerShell: Get-FileHash -Algorithm SHA256 <fil>).
Varje rad ska sluta med OK. En fil som ändrats efter exporten ger FAILED.

Tider i JSON-filerna är i UTC (ISO 8601).


ARCHIVE PACKAGE – ${dialogue.title}
${'='.repeat(Math.min(80, 18 + [...dialogue.title].length))}

Agency: ${operatorLine}
Dialogue: ${dialogue.title}
Dialogue id: ${dialogue.id}
Reference number: ${dialogue.referenceNumber ?? '–'}
Buyers: ${dialogue.owners.join(', ')}
Exported: ${facts.exportedAt}
Exported by: ${facts.exportedBy.name} (${facts.exportedBy.id})
Contents: questions ${counts.questions} · attached files ${counts.attachments} · dialogue sessions ${counts.sessions} · rounds of one-to-one meetings ${counts.meetingRounds} · audit entries ${counts.auditEntries}

The package is the dialogue's complete record from Dialogforum, for the agency's registry (diarium)
and e-archive. It names the askers (name and organisation, not e-mail address): whether something
may be disclosed is decided when someone asks for the document, under the Public Access to
Information and Secrecy Act. fragor-och-svar.pdf is the version the public sees.

Files
${files('en')}

To verify the package, unpack it and run in its folder
  sha256sum -c ${MANIFEST_FILE}
(macOS: shasum -a 256 -c ${MANIFEST_FILE}; Windows PowerShell: Get-FileHash -Algorithm SHA256 <file>).
Every line must end in OK. A file changed after the export reads FAILED.

Times in the JSON files are UTC (ISO 8601).
`.replaceAll('\n', '\r\n');
}

/** `index.json`: the README's facts for software. */
export function packageIndex(facts: PackageFacts) {
  const { operator } = facts;
  return {
    format: 'dialogforum-archive-package/1',
    operator: { name: operator.name, organisationNumber: operator.organisationNumber ?? null, email: operator.email ?? null, postalAddress: operator.postalAddress ?? null },
    dialogue: facts.dialogue,
    exportedAt: facts.exportedAt,
    exportedBy: facts.exportedBy,
    counts: facts.counts,
    identities: 'askers are named (name and organisation; no e-mail addresses)',
    files: (Object.keys(PACKAGE_FILES) as (keyof typeof PACKAGE_FILES)[]).map((key) => ({ path: PACKAGE_FILES[key], description: DESCRIPTIONS[key] })),
  };
}
