// A buyer publishes a dialogue through the "Skapa dialog" form, as the e2e tests' set-up does:
// the form's fields by their Swedish labels, then the new dialogue's page. Resolves with its URL.
import type { Page } from 'playwright-core';

export type DialogueByForm = {
  title: string;
  description: string;
  /** The arena's Swedish name, e.g. 'Transport'. */
  arena: string;
  /** `datetime-local` text, e.g. '2030-12-01T17:00'. */
  questionDeadline: string;
  /** Given: the tender phase with this deadline; left out: the form's own phase or `phase`. */
  tenderDeadline?: string;
  /** The phase's Swedish name when it is not the tender phase, e.g. 'Marknadsdialog'. */
  phase?: string;
  registeredOnly?: boolean;
};

export async function publishDialogueThroughForm(page: Page, appUrl: string, dialogue: DialogueByForm): Promise<string> {
  await page.goto(`${appUrl}/dialogues/new`);
  await page.getByLabel('Titel').fill(dialogue.title);
  await page.getByLabel('Beskrivning').fill(dialogue.description);
  await page.getByLabel('Arena').selectOption({ label: dialogue.arena });
  if (dialogue.tenderDeadline) {
    await page.getByLabel('Fas').selectOption({ label: 'Anbud' });
    await page.getByLabel('Sista dag för anbud').fill(dialogue.tenderDeadline);
  } else if (dialogue.phase) {
    await page.getByLabel('Fas').selectOption({ label: dialogue.phase });
  }
  await page.getByLabel('Sista dag för frågor').fill(dialogue.questionDeadline);
  if (dialogue.registeredOnly) await page.getByLabel('Endast registrerade användare').check();
  await page.getByRole('button', { name: 'Skapa dialog' }).click();
  await page.getByRole('heading', { level: 1, name: dialogue.title }).waitFor();
  return page.url();
}
