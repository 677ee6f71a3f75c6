// An opportunity's edits, newest first: when, the editor's note, and each changed field as it was
// and as it became, so a reader who declared interest sees exactly what moved.
import type { OpportunityField, OpportunityView } from '@dialogforum/contracts';
import { arenaName } from '../arena-names.ts';
import { formatDate, formatDateTime } from '../i18n/date-format.ts';
import type { Language } from '../i18n/i18n.tsx';
import { useConsortiaText, type ConsortiaTranslate } from './consortia-text.ts';

const FIELD_LABEL = { title: 'oppTitle', facility: 'oppFacility', description: 'oppDescription', arenaId: 'arena', expectedAt: 'oppExpectedShort' } as const;

function valueText(field: OpportunityField, value: string | null, c: ConsortiaTranslate, lang: Language): string {
  if (value === null || value === '') return c('none');
  if (field === 'arenaId') return arenaName(value, lang);
  if (field === 'expectedAt') return formatDate(value, lang);
  return value;
}

export function OpportunityRevisions({ opportunity }: { opportunity: OpportunityView }) {
  const { c, lang } = useConsortiaText();
  if (opportunity.revisions.length === 0) return null;
  return (
    <section aria-labelledby="opportunity-revisions-heading" className="page-section">
      <h2 id="opportunity-revisions-heading">{c('revisions')}</h2>
      <ol className="plain-list" aria-labelledby="opportunity-revisions-heading">
        {opportunity.revisions.map((revision) => (
          <li key={revision.version}>
            <p>
              <strong>{c('revisionOf', { version: revision.version, date: formatDateTime(revision.at, lang) })}</strong>
              {revision.note ? ` · ${revision.note}` : ''}
            </p>
            <dl className="revision-changes">
              {revision.changes.map((change) => (
                <div key={change.field}>
                  <dt>{c(FIELD_LABEL[change.field])}</dt>
                  <dd>
                    <del>{valueText(change.field, change.before, c, lang)}</del> → <ins>{valueText(change.field, change.after, c, lang)}</ins>
                  </dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ol>
    </section>
  );
}
