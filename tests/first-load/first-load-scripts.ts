// What a first visit to "/" must download before the page can run: the scripts and module preloads
// that index.html names, and every module those import statically (the closure is checked, so a
// chunk the entry imports without a preload still counts). Code fetched later, when a route is
// first shown (`import("./…")`), is not part of it.

/** First-load JavaScript, compressed with gzip, may not exceed this (issue 7.8). */
export const FIRST_LOAD_JS_BUDGET_BYTES = 150_000;

/** Paths like "/assets/index-abc.js" named by index.html as scripts or module preloads. */
export function scriptsNamedBy(indexHtml: string): string[] {
  const scripts = [...indexHtml.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((match) => match[1] ?? '');
  const preloads = [...indexHtml.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)].map((match) => match[1] ?? '');
  return [...new Set([...scripts, ...preloads])];
}

export function stylesheetsNamedBy(indexHtml: string): string[] {
  return [...indexHtml.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"/g)].map((match) => match[1] ?? '');
}

/** Relative modules a bundle imports statically (`import … from "./x.js"`, `import "./x.js"`, `export … from`). */
export function staticImportsOf(code: string): string[] {
  const found = [...code.matchAll(/\b(?:import|export)\s*(?:[^();"'`]*?\bfrom\s*)?["'](\.\/[^"']+\.js)["']/g)].map((match) => match[1] ?? '');
  return [...new Set(found)];
}

/** Closes `paths` under static imports, reading each module with `read`. */
export async function staticClosure(paths: string[], read: (path: string) => Promise<string>): Promise<string[]> {
  const seen = new Set<string>();
  const queue = [...paths];
  while (queue.length > 0) {
    const next = queue.shift() ?? '';
    if (seen.has(next)) continue;
    seen.add(next);
    const directory = next.slice(0, next.lastIndexOf('/') + 1);
    for (const imported of staticImportsOf(await read(next))) queue.push(directory + imported.slice(2));
  }
  return [...seen];
}
