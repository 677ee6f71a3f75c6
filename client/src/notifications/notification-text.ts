// A notification in words, in the reader's language: what happened, about what, and what more the
// server told (a note, a moved deadline). The server decides what the reader may see; this only says it.
import { searchPath, type NotificationView } from '@dialogforum/contracts';
import { formatDateTime } from '../i18n/date-format.ts';
import type { I18n } from '../i18n/i18n.tsx';

export type NotificationText = { headline: string; about: string | null; details: string[]; href: string | null };

export function notificationText(view: NotificationView, { t, lang, plural }: Pick<I18n, 't' | 'lang' | 'plural'>): NotificationText {
  const headline = t(`notifications.kind.${view.kind}`);
  let about: string | null = null;
  if (view.session) about = `”${view.session.title}” ${view.dialogue ? t('notifications.inDialogue', { title: view.dialogue.title }) : ''}`.trim();
  else if (view.thread) about = `”${view.thread.title ?? t('notifications.hiddenQuestion')}” ${view.dialogue ? t('notifications.inDialogue', { title: view.dialogue.title }) : ''}`.trim();
  else if (view.dialogue) about = `”${view.dialogue.title}”`;
  else if (view.libraryItem) about = `”${view.libraryItem.title}”`;
  else if (view.savedSearch) about = `”${view.savedSearch.name}”`;
  else if (view.relayProject) about = `”${view.relayProject.title}”`;
  else if (view.network) about = `”${view.network.name}”`;
  else if (view.consortium) about = `”${view.consortium.name}”`;
  else if (view.opportunity) about = `”${view.opportunity.title}”`;
  else if (view.organisation) about = view.organisation.name;
  else if (!view.kind.startsWith('organisation')) about = t('notifications.unavailable');
  const details: string[] = [];
  if (view.note) details.push(t('notifications.note', { note: view.note }));
  if (view.savedSearch) details.push(plural('notifications.newResults', view.savedSearch.matches));
  if (view.deadline) details.push(t('notifications.deadline', { from: formatDateTime(view.deadline.from, lang), to: formatDateTime(view.deadline.to, lang) }));
  if (view.session) details.push(t('notifications.sessionTime', { time: formatDateTime(view.session.startsAt, lang) }));
  const href = view.session
    ? `/sessions/${view.session.id}`
    : view.dialogue
    ? `/dialogues/${view.dialogue.id}${view.thread ? `#thread-${view.thread.id}` : ''}`
    : view.libraryItem
      ? `/library/${view.libraryItem.id}`
      : view.savedSearch
        ? view.savedSearch.query
          ? searchPath({ ...view.savedSearch.query, sort: 'newest' })
          : '/account/saved-searches'
      : view.relayProject
      ? `/relay/${view.relayProject.id}`
      : view.network
      ? `/networks/${view.network.id}`
      : view.consortium
      ? `/consortium/${view.consortium.id}`
      : view.opportunity
      ? `/consortia/opportunities/${view.opportunity.id}`
      : view.organisation
        ? `/organisations/${view.organisation.id}`
        : null;
  return { headline, about, details, href };
}
