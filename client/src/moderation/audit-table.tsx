// The audit log's entries as a table; subject fields get names and links where they name something.
import type { AuditEntryView } from '@dialogforum/contracts';
import { isAuditAction, isAuditSubjectField } from '../audit-actions.ts';
import { Cell, DataTable, Row } from '../ui/data-table.tsx';
import { formatDateTime } from '../i18n/date-format.ts';
import { useModerationWords } from './moderation-words.ts';
import { Link } from '../router.tsx';

export function AuditTable({ entries }: { entries: AuditEntryView[] }) {
  const { t, lang, w } = useModerationWords();
  const columns = {
    when: w('audit.column.when'),
    who: w('audit.column.who'),
    what: w('audit.column.what'),
    details: w('audit.column.details'),
  };
  return (
    <DataTable caption={w('audit.caption')} captionHidden columns={Object.values(columns)} className="audit-table">
      {entries.map((entry) => (
        <Row key={entry.seq} id={`audit-entry-${entry.seq}`} focusable>
          <Cell label={columns.when} rowHeader>
            <time dateTime={entry.at}>{formatDateTime(entry.at, lang)}</time>
          </Cell>
          <Cell label={columns.who}>
            {entry.actor === null ? (
              <span className="muted">{w('audit.noActor')}</span>
            ) : entry.actor.id === 'ADMIN_EMAILS' ? (
              w('audit.actorAdminEmails')
            ) : (
              entry.actor.name
            )}
          </Cell>
          <Cell label={columns.what}>{isAuditAction(entry.action) ? w(`auditAction.${entry.action}`) : entry.action}</Cell>
          <Cell label={columns.details}>
            <SubjectFields subject={entry.subject} subjectUser={entry.subjectUser} />
          </Cell>
        </Row>
      ))}
    </DataTable>
  );
}

function SubjectFields({ subject, subjectUser }: Pick<AuditEntryView, 'subject' | 'subjectUser'>) {
  const { t, lang, w } = useModerationWords();
  const fields = Object.entries(subject);
  if (fields.length === 0) return <span className="muted">–</span>;

  const value = (key: string, text: string) => {
    switch (key) {
      case 'organisationId':
        return <Link to={`/organisations/${encodeURIComponent(text)}`}><code>{text}</code></Link>;
      case 'dialogueId':
        return <Link to={`/dialogues/${encodeURIComponent(text)}`}><code>{text}</code></Link>;
      case 'role':
        return text === 'owner' || text === 'member' ? t(`role.${text}`) : text === 'admin' || text === 'moderator' ? t(`platformRole.${text}`) : text;
      case 'from':
      case 'to':
        return <time dateTime={text}>{formatDateTime(text, lang)}</time>;
      // The person by name, with the id that tells two of the same name apart.
      case 'userId':
        return subjectUser && subjectUser.name !== text ? (
          <>
            {subjectUser.name} <code>{text}</code>
          </>
        ) : (
          <code>{text}</code>
        );
      // Entries written before events stopped carrying typed addresses.
      case 'email':
      case 'address':
        return text;
      default:
        return <code>{text}</code>;
    }
  };

  return (
    <ul className="subject-list">
      {fields.map(([key, text]) => (
        <li key={key}>
          <span className="subject-key">{isAuditSubjectField(key) ? w(`audit.field.${key}`) : key}:</span> {value(key, text)}
        </li>
      ))}
    </ul>
  );
}
