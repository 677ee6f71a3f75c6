import type { Browser, Page } from 'playwright-core';
import type { ApiPerson } from './api-person.ts';

/**
 * A Swedish browser tab of its own for `person`, signed in with their session cookie, or for a
 * signed-out visitor when null. Each tab gets a context of its own, so people never share cookies.
 */
export async function pageAs(browser: Browser, appUrl: string, person: ApiPerson | null): Promise<Page> {
  const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  // A loaded CI machine (2 shared cores) may take this long for a page or a live push.
  context.setDefaultTimeout(20_000);
  if (person) {
    const [name, value] = person.cookie().split('=');
    await context.addCookies([{ name: name ?? '', value: value ?? '', url: appUrl }]);
  }
  return context.newPage();
}
