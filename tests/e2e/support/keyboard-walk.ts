// Walks a page with the Tab key alone, the way a keyboard user meets it (WCAG 2.1.1 keyboard,
// 2.1.2 no keyboard trap, 2.4.7 focus visible): from the top, Tab after Tab, until focus comes back
// round. Every control of every form in the page's main content must be met on the way (a radio
// group counts once: Tab enters it at one radio, the arrow keys move within), every stop must show
// where focus is, with an outline of at least 3:1 against what is behind it (WCAG 1.4.11), and the
// walk must come round rather than stick.
import type { Page } from 'playwright-core';

export type KeyboardWalk = {
  /** Form controls never focused by Tab, described for the failure message. */
  unreached: string[];
  /** Stops where the focused element showed no outline and no box shadow. */
  unseen: string[];
  /**
   * Stops whose focus outline is under 3:1 against the colour behind it (WCAG 1.4.11 non-text
   * contrast, for every state a stop is in: plain, invalid, on the dark header), with the ratio.
   */
  faint: string[];
  /** True when focus never came back round within the walk's limit. */
  trapped: boolean;
  stops: number;
};

const MARK = 'data-keyboard-walk';

export async function keyboardWalk(page: Page, maxStops = 250): Promise<KeyboardWalk> {
  // Every form control a keyboard user must reach, marked; radios by group.
  const expected = await page.evaluate((mark) => {
    const visible = (element: Element) => {
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && !element.closest('[inert],[aria-hidden="true"]');
    };
    const controls = [...document.querySelectorAll('main form :is(input, select, textarea, button)')] as HTMLInputElement[];
    const wanted: Record<string, string> = {};
    controls.forEach((control, index) => {
      if (control.type === 'hidden' || control.disabled || control.tabIndex < 0 || !visible(control)) return;
      const key = control.type === 'radio' ? `radio:${control.form?.id ?? ''}:${control.name}` : `control:${index}`;
      control.setAttribute(mark, key);
      const label = control.labels?.[0]?.textContent ?? control.getAttribute('aria-label') ?? control.textContent ?? control.name;
      wanted[key] = `${control.tagName.toLowerCase()}${control.type ? `[${control.type}]` : ''} "${(label ?? '').trim().slice(0, 60)}"`;
    });
    return wanted;
  }, MARK);

  const reached = new Set<string>();
  const unseen: string[] = [];
  const faint: string[] = [];
  let first: string | null = null;
  let stops = 0;
  let trapped = true;
  for (; stops < maxStops; stops += 1) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate((mark) => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      element.dataset.keyboardWalkStop ??= String(Math.random());
      const style = getComputedStyle(element);
      const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
      const type = element instanceof HTMLInputElement ? `[${element.type}]` : '';
      const label = element instanceof HTMLInputElement ? (element.labels?.[0]?.textContent ?? '') : (element.getAttribute('aria-label') ?? element.textContent ?? '');
      const name = `${element.tagName.toLowerCase()}${type}${element.id ? `#${element.id}` : ''} "${label.trim().slice(0, 60)}"`;
      // The outline is drawn around the element, so it stands against what is behind the element:
      // the first ancestor's opaque background (the page's white when none has one).
      const channels = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
      let behind = [255, 255, 255];
      for (let up = element.parentElement; up; up = up.parentElement) {
        const [r = 0, g = 0, b = 0, alpha = 1] = channels(getComputedStyle(up).backgroundColor);
        if (alpha > 0) {
          behind = [r, g, b];
          break;
        }
      }
      const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
        const linear = [r, g, b].map((value) => (value / 255 <= 0.03928 ? value / 255 / 12.92 : ((value / 255 + 0.055) / 1.055) ** 2.4));
        return 0.2126 * (linear[0] ?? 0) + 0.7152 * (linear[1] ?? 0) + 0.0722 * (linear[2] ?? 0);
      };
      const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      const [light, dark] = [luminance(channels(style.outlineColor)), luminance(behind)].sort((x, y) => y - x) as [number, number];
      const contrast = outlined ? (light + 0.05) / (dark + 0.05) : null;
      return { id: element.dataset.keyboardWalkStop, key: element.getAttribute(mark), ring, name, contrast };
    }, MARK);
    // Past the last element focus leaves the page (to the browser), and the next Tab brings it
    // back to the top: the walk goes on until it meets its first stop again, so where Chromium
    // starts it does not matter.
    if (stop === null) continue;
    if (stop.id === first) {
      trapped = false;
      break;
    }
    first ??= stop.id;
    if (stop.key) reached.add(stop.key);
    if (!stop.ring) unseen.push(stop.name);
    if (stop.contrast !== null && stop.contrast < 3) faint.push(`${stop.name} ${stop.contrast.toFixed(2)}:1`);
  }
  return { unreached: Object.entries(expected).filter(([key]) => !reached.has(key)).map(([, what]) => what), unseen, faint, trapped, stops };
}
