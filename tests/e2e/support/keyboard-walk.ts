// Walks a page with the Tab key alone, the way a keyboard user meets it (WCAG 2.1.1 keyboard,
// 2.1.2 no keyboard trap, 2.4.7 focus visible): from the top, Tab after Tab, until focus comes back
// round. Every control of every form in the page's main content must be met on the way (a radio
// group counts once: Tab enters it at one radio, the arrow keys move within), every stop must show
// where focus is, and the walk must come round rather than stick.
import type { Page } from 'playwright-core';

export type KeyboardWalk = {
  /** Form controls never focused by Tab, described for the failure message. */
  unreached: string[];
  /** Stops where the focused element showed no outline and no box shadow. */
  unseen: string[];
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
      return { id: element.dataset.keyboardWalkStop, key: element.getAttribute(mark), ring, name };
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
  }
  return { unreached: Object.entries(expected).filter(([key]) => !reached.has(key)).map(([, what]) => what), unseen, trapped, stops };
}
