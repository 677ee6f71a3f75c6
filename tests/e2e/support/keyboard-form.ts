// Filling in and sending a form the way a keyboard user does (WCAG 2.1.1): every field is reached
// with the Tab key from wherever focus is (round the page if need be), text is typed, a select's
// option is chosen with the arrow keys, a radio with the arrow keys inside its group, a checkbox
// with Space, and the form is sent with Enter on its button. Nothing here clicks or fills: a field
// that Tab cannot reach, or a control that needs the mouse, makes the step throw.
import type { Locator, Page } from 'playwright-core';

const isFocused = (target: Locator) => target.evaluate((element) => element === document.activeElement).catch(() => false);

/** Presses Tab until `target` has focus; throws after `limit` presses. */
export async function tabTo(page: Page, target: Locator, limit = 120): Promise<void> {
  await target.waitFor();
  for (let presses = 0; presses < limit; presses++) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  if (await isFocused(target)) return;
  throw new Error(`Tab never reached ${String(target)}`);
}

/** Reaches a text field, text area or date field by Tab and types into it (replacing what was there). */
export async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await tabTo(page, field);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

/**
 * Reaches a date (`YYYY-MM-DD`) or date-and-time field (`YYYY-MM-DDTHH:MM`) by Tab and types its
 * parts as Chromium's segmented field takes them: digits fill a part and move on by themselves, a
 * year waits (it may have six digits) until the right arrow. The parts' order follows the browser's
 * own language, which a page cannot read (Debian's Chromium has only en-US: month/day/year, 12-hour
 * clock): each order is typed in turn until the field holds the value.
 */
export async function typeDate(page: Page, field: Locator, value: string): Promise<void> {
  const [year = '', month = '', day = '', hour, minute] = value.split(/[-T:]/);
  const time = hour === undefined ? [] : [hour, minute ?? ''];
  const twelve = hour === undefined ? [] : [String(Number(hour) % 12 || 12).padStart(2, '0'), minute ?? '', Number(hour) >= 12 ? 'P' : 'A'];
  const orders = [
    [year, NEXT, month, day, ...time],
    [month, day, year, NEXT, ...twelve],
    [day, month, year, NEXT, ...time],
  ];
  for (const order of orders) {
    await tabTo(page, field);
    // Out of the field backwards and in again: typing starts at its first part.
    for (let presses = 0; presses < 10 && (await isFocused(field)); presses++) await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    for (const part of order) {
      if (part === NEXT) await page.keyboard.press('ArrowRight');
      else await page.keyboard.type(part);
    }
    if ((await field.inputValue()) === value) return;
  }
  throw new Error(`no order of typed parts gave ${String(field)} the value ${value} (it holds "${await field.inputValue()}")`);
}
const NEXT = '→';

/** Reaches a select by Tab and moves to the option with this label by the arrow keys. */
export async function chooseOption(page: Page, select: Locator, label: string): Promise<void> {
  await tabTo(page, select);
  const { current, wanted } = await select.evaluate(
    (element, want) => {
      const options = [...(element as HTMLSelectElement).options];
      return { current: (element as HTMLSelectElement).selectedIndex, wanted: options.findIndex((option) => option.label.trim() === want) };
    },
    label,
  );
  if (wanted < 0) throw new Error(`no option "${label}" in ${String(select)}`);
  for (let step = current; step !== wanted; step += wanted > current ? 1 : -1) await page.keyboard.press(wanted > current ? 'ArrowDown' : 'ArrowUp');
  const chosen = await select.evaluate((element) => (element as HTMLSelectElement).selectedOptions[0]?.label.trim());
  if (chosen !== label) throw new Error(`the arrow keys chose "${chosen}", not "${label}"`);
}

/** Tabs into the radio group of `radio` and moves to it with the arrow keys. */
export async function chooseRadio(page: Page, radio: Locator): Promise<void> {
  const name = await radio.getAttribute('name');
  const group = radio.page().locator(`input[type=radio][name="${name}"]`);
  const entered = async () => (await group.evaluateAll((radios) => radios.indexOf(document.activeElement as HTMLInputElement))) >= 0;
  for (let presses = 0; presses < 120 && !(await entered()); presses++) await page.keyboard.press('Tab');
  for (let presses = 0; presses < 12 && !(await radio.isChecked()); presses++) await page.keyboard.press('ArrowDown');
  if (!(await radio.isChecked())) throw new Error(`the arrow keys never chose ${String(radio)}`);
}

/** Reaches a checkbox by Tab and sets it with Space. */
export async function setCheckbox(page: Page, box: Locator, checked: boolean): Promise<void> {
  await tabTo(page, box);
  if ((await box.isChecked()) !== checked) await page.keyboard.press('Space');
  if ((await box.isChecked()) !== checked) throw new Error(`Space did not set ${String(box)}`);
}

/** Reaches a button (or link) by Tab and presses Enter on it. */
export async function pressEnterOn(page: Page, button: Locator): Promise<void> {
  await tabTo(page, button);
  await page.keyboard.press('Enter');
}

/**
 * After a refused send: whether focus is on `field`, whether it says it is invalid, the error it
 * points to with aria-describedby (what a screen reader reads with the field), and whether its focus
 * ring still holds in the invalid state: at least 2 px, not the error colour, 3:1 or more against
 * what is behind the field (WCAG 1.4.11; a red ring would read as a second error, not as focus).
 */
export async function refusedAt(page: Page, field: Locator): Promise<{ focused: boolean; invalid: string | null; described: string; ringHolds: boolean | string }> {
  await page.waitForFunction((element) => element?.getAttribute('aria-invalid') === 'true', await field.elementHandle(), { timeout: 8000 }).catch(() => undefined);
  return field.evaluate((element) => {
    const channels = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const linear = [r, g, b].map((value) => (value / 255 <= 0.03928 ? value / 255 / 12.92 : ((value / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * (linear[0] ?? 0) + 0.7152 * (linear[1] ?? 0) + 0.0722 * (linear[2] ?? 0);
    };
    let behind = [255, 255, 255];
    for (let up = element.parentElement; up; up = up.parentElement) {
      const [r = 0, g = 0, b = 0, alpha = 1] = channels(getComputedStyle(up).backgroundColor);
      if (alpha > 0) {
        behind = [r, g, b];
        break;
      }
    }
    // The ring as a keyboard user sees it: the field focused, :focus-visible applies.
    const style = getComputedStyle(element);
    const ring = channels(style.outlineColor).slice(0, 3);
    const probe = document.createElement('span');
    probe.style.color = getComputedStyle(document.documentElement).getPropertyValue('--error').trim();
    document.body.append(probe);
    const errorColour = channels(getComputedStyle(probe).color).slice(0, 3);
    probe.remove();
    const [light, dark] = [luminance(ring), luminance(behind)].sort((x, y) => y - x) as [number, number];
    const contrast = (light + 0.05) / (dark + 0.05);
    const width = style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth);
    const holds = width >= 2 && contrast >= 3 && ring.join() !== errorColour.join();
    return {
      focused: element === document.activeElement,
      invalid: element.getAttribute('aria-invalid'),
      described: (element.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ')
        .trim(),
      ringHolds: holds || `ring ${style.outlineStyle} ${style.outlineWidth} rgb(${ring.join()}) at ${contrast.toFixed(2)}:1, error colour rgb(${errorColour.join()})`,
    };
  });
}
