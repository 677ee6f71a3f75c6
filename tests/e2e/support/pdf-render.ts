// A PDF rendered as a person would see it: pdf.js (the browser build) draws a page onto a canvas in
// Chromium, which this machine has (native canvas packages for Node may not install). The page is
// served from an address that exists only inside the browser context (every request is answered by
// `route`), so nothing leaves the machine. Returns the picture, how much of it has ink, and the
// text as pdf.js reads it.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';

const require = createRequire(import.meta.url);
const ORIGIN = 'http://pdf-viewer.test';

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;background:#fff}</style></head>
<body><canvas id="page"></canvas><script type="module">
import * as pdfjs from '/pdf.mjs';
pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
window.renderPage = async (number, scale) => {
  const data = new Uint8Array(await (await fetch('/document.pdf')).arrayBuffer());
  const pdf = await pdfjs.getDocument({ data }).promise;
  const page = await pdf.getPage(number);
  const viewport = page.getViewport({ scale });
  const canvas = document.getElementById('page');
  canvas.width = Math.ceil(viewport.width);
  canvas.height = Math.ceil(viewport.height);
  const context = canvas.getContext('2d');
  await page.render({ canvas, canvasContext: context, viewport }).promise;
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
  let ink = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 200 || pixels[i + 1] < 200 || pixels[i + 2] < 200) ink++;
  const texts = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    texts.push(content.items.map((item) => item.str + (item.hasEOL ? '\\n' : '')).join(''));
  }
  return { pages: pdf.numPages, width: canvas.width, height: canvas.height, inkRatio: ink / (pixels.length / 4), text: texts[number - 1], allText: texts.join('\\n') };
};
window.ready = true;
</script></body></html>`;

export type RenderedPage = {
  png: Buffer;
  pages: number;
  width: number;
  height: number;
  /** The share of pixels that are not near white: a blank page has none. */
  inkRatio: number;
  /** This page's text, and every page's, as pdf.js reads them in the browser. */
  text: string;
  allText: string;
};

export async function renderPdfPage(browser: Browser, pdf: Uint8Array, number = 1, scale = 1.5): Promise<RenderedPage> {
  const files: Record<string, { body: string | Buffer; contentType: string }> = {
    '/': { body: PAGE, contentType: 'text/html; charset=utf-8' },
    '/pdf.mjs': { body: await readFile(require.resolve('pdfjs-dist/build/pdf.min.mjs')), contentType: 'text/javascript' },
    '/pdf.worker.mjs': { body: await readFile(require.resolve('pdfjs-dist/build/pdf.worker.min.mjs')), contentType: 'text/javascript' },
    '/document.pdf': { body: Buffer.from(pdf), contentType: 'application/pdf' },
  };
  const context = await browser.newContext();
  try {
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      const file = url.origin === ORIGIN ? files[url.pathname] : undefined;
      return file ? route.fulfill({ status: 200, body: file.body, contentType: file.contentType }) : route.abort();
    });
    const page = await context.newPage();
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
    const result = await page.evaluate(
      ([pageNumber, pageScale]) =>
        (window as unknown as { renderPage: (n: number, s: number) => Promise<Omit<RenderedPage, 'png'>> }).renderPage(pageNumber, pageScale),
      [number, scale] as const,
    );
    const png = await page.locator('#page').screenshot();
    return { ...result, png };
  } finally {
    await context.close();
  }
}
