// The words of a library item's files, Swedish first and English. They load with the library item
// page's own (lazy) code, so they cost the first page load nothing.
import { usePageWords } from '../i18n/page-words.ts';

const sv = {
  files: 'Filer',
  filesOf: 'Filer till {title}',
  noFiles: 'Inga filer.',
  noFilesForPublisher: 'Inga filer än. Bifoga till exempel mallen eller rapporten som materialet beskriver.',
  fileAdded: 'bifogad {date}, version {version}',
  fileHint: 'Filen hör till version {version} och finns kvar i alla senare versioner. Alla som kan läsa materialet kan hämta den.',
  filesNotAllowed: 'Du kan inte bifoga filer här. Bara moderatorer och organisationen som publicerade materialet bifogar filer.',
};

const en: Record<keyof typeof sv, string> = {
  files: 'Files',
  filesOf: 'Files of {title}',
  noFiles: 'No files.',
  noFilesForPublisher: 'No files yet. Attach, for example, the template or report the material describes.',
  fileAdded: 'attached {date}, version {version}',
  fileHint: 'The file belongs to version {version} and stays with every later version. Everyone who can read the material can download it.',
  filesNotAllowed: 'You cannot attach files here. Only moderators and the organisation that published the material attach files.',
};

export function useLibraryFilesText() {
  const { w, ...rest } = usePageWords(sv, en);
  return { f: w, ...rest };
}
