// Who wrote a post, as the viewer may see it: a person (name — organisation) for the dialogue's
// buyers, a per-dialogue pseudonym ("Leverantör A") for everyone else (equal treatment).
import type { AuthorView } from '@dialogforum/contracts';
import { useI18n } from '../i18n/i18n.tsx';

export function useAuthorName(): (author: AuthorView, mine: boolean) => string {
  const { t } = useI18n();
  return (author, mine) => {
    // Views are built per audience, so an asker is sent their own pseudonym: they are told it is them.
    if (author.kind === 'pseudonym') return mine ? t('author.youWithPseudonym', { label: author.label }) : t('author.pseudonym', { label: author.label });
    if (mine && author.pseudonym) return t('author.youWithPseudonym', { label: author.pseudonym });
    if (mine) return `${t('author.person', { name: author.name, organisation: author.organisationName })} ${t('author.you')}`;
    if (author.pseudonym) {
      return t('author.personWithPseudonym', {
        name: author.name,
        organisation: author.organisationName,
        label: author.pseudonym,
      });
    }
    return t('author.person', { name: author.name, organisation: author.organisationName });
  };
}
