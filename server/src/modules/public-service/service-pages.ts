// The agency's editable pages (terms of use, about the service) as markdown files in
// DATA_DIR/pages, one per language. Missing files are written from the shipped defaults at start, so
// the agency finds them to edit; a file is read again when it changes (its modification time), so an
// edit shows without a restart. The client renders the markdown safely (no raw HTML).
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LANGUAGES, SERVICE_PAGES, type ServicePageInput, type ServicePageView } from '@dialogforum/contracts';
import { DEFAULT_PAGES } from './default-pages.ts';

/** A page larger than this is not an agency's terms but a mistake; the default is shown instead. */
const PAGE_MAX_BYTES = 200 * 1024;

export type ServicePages = { read(input: ServicePageInput): Promise<ServicePageView> };

export function servicePagePath(dataDir: string, { name, language }: ServicePageInput): string {
  return path.join(dataDir, 'pages', `${name}.${language}.md`);
}

/** Writes each default page whose file does not exist yet; never overwrites the agency's text. */
export async function ensureServicePages(dataDir: string): Promise<void> {
  await mkdir(path.join(dataDir, 'pages'), { recursive: true });
  for (const name of SERVICE_PAGES) {
    for (const language of LANGUAGES) {
      await writeFile(servicePagePath(dataDir, { name, language }), DEFAULT_PAGES[name][language], { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
    }
  }
}

export function servicePages(dataDir: string, operatorName: string, onError: (error: unknown) => void): ServicePages {
  const cache = new Map<string, { mtimeMs: number; markdown: string }>();
  return {
    async read(input) {
      const file = servicePagePath(dataDir, input);
      const fallback = DEFAULT_PAGES[input.name][input.language];
      let markdown = fallback;
      try {
        const { mtimeMs, size } = await stat(file);
        const cached = cache.get(file);
        if (cached?.mtimeMs === mtimeMs) markdown = cached.markdown;
        else if (size <= PAGE_MAX_BYTES) {
          markdown = await readFile(file, 'utf8');
          cache.set(file, { mtimeMs, markdown });
        } else onError(new Error(`${file} is larger than ${PAGE_MAX_BYTES} bytes; showing the default`));
      } catch (error) {
        // Removed after start, or unreadable: the shipped text rather than an empty page.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onError(error);
      }
      return { name: input.name, language: input.language, markdown: markdown.replaceAll('{operator}', operatorName) };
    },
  };
}
