// Notification mail in the person's language: one notification (immediately) or the day's unread
// ones (the digest). Every message has a plain-text part and an HTML part. The HTML is built from
// text only: every piece of it, titles and notes included, goes through `escapeHtml`, so nothing a
// person typed becomes markup; no user-supplied HTML or markdown is rendered.
import { searchPath, type Language, type NotificationView } from '@dialogforum/contracts';
import type { MailMessage } from '../../platform/mail/mailer.ts';

/** `about`: what the mail's unsubscribe link stops (a saved search's mail, or all notification mail). */
export type MailLinks = { publicUrl: string; unsubscribeUrl: string; timeZone: string; about?: 'notifications' | 'saved-search' };

type Words = {
  kinds: Record<NotificationView['kind'], string>;
  hello: (name: string) => string;
  sessionTime: (time: string) => string;
  inDialogue: string;
  hiddenQuestion: string;
  unavailable: string;
  note: string;
  deadline: (from: string, to: string) => string;
  open: string;
  immediateSubject: (headline: string) => string;
  digestSubject: (count: number) => string;
  digestIntro: (count: number) => string;
  why: string;
  unsubscribe: string;
  newResults: (count: number) => string;
  savedSearchWhy: string;
  savedSearchUnsubscribe: string;
  settings: string;
  locale: string;
};

const WORDS: Record<Language, Words> = {
  sv: {
    kinds: {
      'my-question-answered': 'Din fråga har besvarats',
      'my-question-answered-privately': 'Din fråga har besvarats till dig',
      'my-question-redacted': 'Köparen har redigerat din fråga',
      'question-published': 'Ny fråga i en dialog du följer',
      'answer-published': 'Nytt svar i något du följer',
      'comment-published': 'Ny kommentar i en tråd du följer',
      'answer-corrected': 'Ett svar i något du följer har rättats',
      'question-in-inbox': 'Ny fråga i er inkorg',
      'deadline-changed': 'Sista dag för frågor har ändrats',
      'session-minutes-published': 'Protokoll och frågor från ett dialogmöte har publicerats',
      'arena-dialogue-published': 'Ny dialog på en arena du följer',
      'library-item-published': 'Nytt i biblioteket på en arena du följer',
      'relay-handover-published': 'Ny stafettpinne på en arena du följer',
      'relay-question-asked': 'Ny fråga i er stafetts tråd',
      'network-invited': 'Er organisation är inbjuden till ett beställarnätverk',
      'network-join-requested': 'En organisation vill gå med i ert beställarnätverk',
      'network-request-accepted': 'Er organisation är nu med i beställarnätverket',
      'network-request-declined': 'Beställarnätverket tackade nej till er förfrågan',
      'network-session-cancelled': 'Ett möte i beställarnätverket är inställt',
      'network-session-changed': 'Ett nätverksmöte du är anmäld till har fått ny tid eller plats',
      'consortium-invited': 'Er organisation är inbjuden till ett konsortium',
      'consortium-member-confirmed': 'En organisation har bekräftat sin plats i ert konsortium',
      'consortium-member-declined': 'En organisation har tackat nej till ert konsortium',
      'consortium-member-left': 'En organisation har lämnat ert konsortium',
      'opportunity-revised': 'En möjlighet ni följer har ändrats',
      'opportunity-withdrawn': 'En möjlighet ni följer har återkallats',
      'organisation-verified': 'Din organisation har verifierats',
      'organisation-rejected': 'Din organisation har inte verifierats',
      'session-reminder-24h': 'Påminnelse: ditt dialogmöte börjar om ett dygn',
      'session-reminder-15m': 'Påminnelse: ditt dialogmöte börjar om 15 minuter',
      'session-rescheduled': 'Ett dialogmöte du är anmäld till har flyttats',
      'session-cancelled': 'Ett dialogmöte du är anmäld till har ställts in',
      'session-promoted': 'Du har fått en plats på dialogmötet',
      'meeting-round-opened': 'Enskilda möten går att boka i en dialog du följer',
      'meeting-minutes-published': 'Anteckningarna från enskilda möten är publicerade',
      'saved-search-matched': 'Nya träffar för din bevakning',
    },
    sessionTime: (time) => `Tid: ${time}`,
    hello: (name) => `Hej ${name}!`,
    inDialogue: 'i dialogen',
    hiddenQuestion: '(dold fråga)',
    unavailable: '(inte längre tillgänglig för dig)',
    note: 'Motivering',
    deadline: (from, to) => `Från ${from} till ${to}`,
    open: 'Öppna',
    immediateSubject: (headline) => `${headline} – Dialogforum`,
    digestSubject: (count) => `Dagens sammanfattning: ${count} ${count === 1 ? 'notis' : 'notiser'} – Dialogforum`,
    digestIntro: (count) => `Här är ${count === 1 ? 'det du inte har läst' : `de ${count} notiser du inte har läst`} sedan förra sammanfattningen.`,
    why: 'Du får det här brevet för att du har valt e-post om dina notiser på Dialogforum.',
    unsubscribe: 'Sluta få e-post om notiser',
    newResults: (count) => (count === 1 ? '1 ny träff' : `${count} nya träffar`),
    savedSearchWhy: 'Du får det här brevet för att du har valt e-post för en bevakad sökning på Dialogforum.',
    savedSearchUnsubscribe: 'Sluta få e-post för den här bevakningen',
    settings: 'Ändra inställningar',
    locale: 'sv-SE',
  },
  en: {
    kinds: {
      'my-question-answered': 'Your question was answered',
      'arena-dialogue-published': 'New dialogue in an arena you follow',
      'library-item-published': 'New in the library of an arena you follow',
      'relay-handover-published': 'New relay baton in an arena you follow',
      'relay-question-asked': 'New question in your relay thread',
      'network-invited': 'Your organisation is invited to a buyers’ network',
      'network-join-requested': 'An organisation asks to join your buyers’ network',
      'network-request-accepted': 'Your organisation is now in the buyers’ network',
      'network-request-declined': 'The buyers’ network declined your request to join',
      'network-session-cancelled': 'A buyers’ network’s session was cancelled',
      'network-session-changed': 'A network session you registered for has a new time or place',
      'consortium-invited': 'Your organisation is invited into a consortium',
      'consortium-member-confirmed': 'An organisation confirmed its place in your consortium',
      'consortium-member-declined': 'An organisation declined to join your consortium',
      'consortium-member-left': 'An organisation left your consortium',
      'opportunity-revised': 'An opportunity you follow was edited',
      'opportunity-withdrawn': 'An opportunity you follow was withdrawn',
      'my-question-answered-privately': 'Your question was answered to you alone',
      'my-question-redacted': 'The buyers redacted your question',
      'question-published': 'New question in a dialogue you follow',
      'answer-published': 'New answer in something you follow',
      'comment-published': 'New comment in a thread you follow',
      'answer-corrected': 'An answer in something you follow was corrected',
      'question-in-inbox': 'New question in your inbox',
      'deadline-changed': 'The question deadline changed',
      'session-minutes-published': 'The minutes and questions of a dialogue session were published',
      'organisation-verified': 'Your organisation was verified',
      'organisation-rejected': 'Your organisation was not verified',
      'session-reminder-24h': 'Reminder: your dialogue session starts in 24 hours',
      'session-reminder-15m': 'Reminder: your dialogue session starts in 15 minutes',
      'session-rescheduled': 'A dialogue session you registered for has moved',
      'session-cancelled': 'A dialogue session you registered for is cancelled',
      'session-promoted': 'You have a place at the dialogue session',
      'meeting-round-opened': 'One-to-one meetings can be booked in a dialogue you follow',
      'meeting-minutes-published': 'The minutes of one-to-one meetings are published',
      'saved-search-matched': 'New results for your saved search',
    },
    sessionTime: (time) => `Time: ${time}`,
    hello: (name) => `Hello ${name},`,
    inDialogue: 'in the dialogue',
    hiddenQuestion: '(hidden question)',
    unavailable: '(no longer available to you)',
    note: 'Reason',
    deadline: (from, to) => `From ${from} to ${to}`,
    open: 'Open',
    immediateSubject: (headline) => `${headline} – Dialogforum`,
    digestSubject: (count) => `Your daily summary: ${count} ${count === 1 ? 'notification' : 'notifications'} – Dialogforum`,
    digestIntro: (count) => `Here ${count === 1 ? 'is what you have' : `are the ${count} notifications you have`} not read since the last summary.`,
    why: 'You get this mail because you chose e-mail about your notifications on Dialogforum.',
    unsubscribe: 'Stop e-mail about notifications',
    newResults: (count) => (count === 1 ? '1 new result' : `${count} new results`),
    savedSearchWhy: 'You get this mail because you chose e-mail for a saved search on Dialogforum.',
    savedSearchUnsubscribe: 'Stop e-mail for this saved search',
    settings: 'Change settings',
    locale: 'en-GB',
  },
};

/** The person's saved searches, under their account. */
const SAVED_SEARCHES_PATH = '/account/saved-searches';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** One notification as lines of text: what happened, about what, and where to read it. */
type Item = { headline: string; about: string | null; details: string[]; link: string };

function itemOf(view: NotificationView, words: Words, links: MailLinks): Item {
  const when = (iso: string) =>
    new Intl.DateTimeFormat(words.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: links.timeZone }).format(new Date(iso));
  const about = view.thread
    ? `«${view.thread.title ?? words.hiddenQuestion}»${view.dialogue ? ` ${words.inDialogue} «${view.dialogue.title}»` : ''}`
    : view.session && view.dialogue
      ? `«${view.session.title}» ${words.inDialogue} «${view.dialogue.title}»`
      : view.dialogue
      ? `«${view.dialogue.title}»`
      : view.libraryItem
        ? `«${view.libraryItem.title}»`
        : view.savedSearch
        ? `«${view.savedSearch.name}»`
        : view.relayProject
        ? `«${view.relayProject.title}»`
        : view.network
        ? `«${view.network.name}»`
        : view.consortium
        ? `«${view.consortium.name}»`
        : view.opportunity
        ? `«${view.opportunity.title}»`
        : view.organisation
        ? view.organisation.name
        : null;
  const details: string[] = [];
  if (view.note) details.push(`${words.note}: ${view.note}`);
  if (view.savedSearch) details.push(words.newResults(view.savedSearch.matches));
  if (view.deadline) details.push(words.deadline(when(view.deadline.from), when(view.deadline.to)));
  if (view.session) {
    // In the session's own zone, named: the time the host gave, whatever the reader's digest zone.
    const time = new Intl.DateTimeFormat(words.locale, { dateStyle: 'full', timeStyle: 'short', timeZone: view.session.timeZone }).format(new Date(view.session.startsAt));
    details.push(words.sessionTime(`${time} (${view.session.timeZone})`));
  }
  const link = view.session
    ? `${links.publicUrl}/sessions/${view.session.id}`
    : view.dialogue
    ? `${links.publicUrl}/dialogues/${view.dialogue.id}${view.thread ? `#thread-${view.thread.id}` : ''}`
    : view.libraryItem
      ? `${links.publicUrl}/library/${view.libraryItem.id}`
      : view.savedSearch
        ? `${links.publicUrl}${view.savedSearch.query ? searchPath({ ...view.savedSearch.query, sort: 'newest' }) : SAVED_SEARCHES_PATH}`
      : view.relayProject
      ? `${links.publicUrl}/relay/${view.relayProject.id}`
      : view.network
      ? `${links.publicUrl}/networks/${view.network.id}`
      : view.consortium
      ? `${links.publicUrl}/consortium/${view.consortium.id}`
      : view.opportunity
      ? `${links.publicUrl}/consortia/opportunities/${view.opportunity.id}`
      : view.organisation
        ? `${links.publicUrl}/organisations/${view.organisation.id}`
        : `${links.publicUrl}/notifications`;
  return { headline: words.kinds[view.kind], about: about ?? (view.kind.startsWith('organisation') ? null : words.unavailable), details, link };
}

function compose(to: string, subject: string, intro: string[], items: Item[], words: Words, links: MailLinks): MailMessage {
  const savedSearch = links.about === 'saved-search';
  const settingsUrl = savedSearch ? `${links.publicUrl}${SAVED_SEARCHES_PATH}` : `${links.publicUrl}/account#notifications`;
  const why = savedSearch ? words.savedSearchWhy : words.why;
  const unsubscribe = savedSearch ? words.savedSearchUnsubscribe : words.unsubscribe;
  const text = [
    ...intro,
    '',
    ...items.flatMap((item) => [`* ${item.headline}`, ...(item.about ? [`  ${item.about}`] : []), ...item.details.map((line) => `  ${line}`), `  ${item.link}`, '']),
    '—',
    why,
    `${unsubscribe}: ${links.unsubscribeUrl}`,
    `${words.settings}: ${settingsUrl}`,
    '',
  ].join('\n');
  const paragraph = (line: string) => `<p>${escapeHtml(line)}</p>`;
  const html = [
    `<!doctype html><html lang="${words.locale.slice(0, 2)}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a">',
    ...intro.map(paragraph),
    '<ul>',
    ...items.map(
      (item) =>
        `<li><strong>${escapeHtml(item.headline)}</strong>${item.about ? `<br>${escapeHtml(item.about)}` : ''}${item.details
          .map((line) => `<br>${escapeHtml(line)}`)
          .join('')}<br><a href="${escapeHtml(item.link)}">${escapeHtml(words.open)}</a></li>`,
    ),
    '</ul>',
    '<hr>',
    `<p style="font-size: 0.9em">${escapeHtml(why)}<br><a href="${escapeHtml(links.unsubscribeUrl)}">${escapeHtml(unsubscribe)}</a> · <a href="${escapeHtml(settingsUrl)}">${escapeHtml(words.settings)}</a></p>`,
    '</body></html>',
  ].join('\n');
  return { to, subject, text, html, unsubscribeUrl: links.unsubscribeUrl };
}

export function immediateMail(to: string, name: string, language: Language, view: NotificationView, links: MailLinks): MailMessage {
  const words = WORDS[language];
  const item = itemOf(view, words, links);
  return compose(to, words.immediateSubject(item.headline), [words.hello(name)], [item], words, links);
}

export function digestMail(to: string, name: string, language: Language, views: NotificationView[], links: MailLinks): MailMessage {
  const words = WORDS[language];
  return compose(to, words.digestSubject(views.length), [words.hello(name), words.digestIntro(views.length)], views.map((view) => itemOf(view, words, links)), words, links);
}
