// An organisation's members as its page lists them: owners make members owners and back, and
// remove them; everyone else in the organisation sees who is in it.
import { useMutation } from '@tanstack/react-query';
import { type Me, type MemberView, type OrganisationView } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { describeError } from '../app-error.ts';
import { ConfirmAction } from '../ui/confirm-action.tsx';
import { Cell, DataTable, Row } from '../ui/data-table.tsx';
import { FormAlert } from '../ui/form-fields.tsx';
import { useOutcome } from '../ui/outcome.tsx';
import { formatDate } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { refreshOrganisation } from './refresh-organisation.ts';

export function MembersSection({
  organisation,
  members,
  me,
  canManage,
}: {
  organisation: OrganisationView;
  members: MemberView[];
  me: Me;
  canManage: boolean;
}) {
  const i18n = useI18n();
  const { t, lang, plural } = i18n;
  const outcome = useOutcome();
  const nameOf = (userId: string) => members.find((member) => member.userId === userId)?.name ?? '';

  const setRole = useMutation(
    trpc.organisations.setMemberRole.mutationOptions({
      onSuccess: (_result, { userId, role }) => {
        refreshOrganisation(organisation.id);
        // The button stays where it was (its text changes), so focus stays on it.
        outcome.show(t(role === 'owner' ? 'organisation.madeOwner' : 'organisation.madeMember', { name: nameOf(userId) }));
      },
    }),
  );
  const remove = useMutation(
    trpc.organisations.removeMember.mutationOptions({
      onSuccess: (_result, { userId }) => {
        refreshOrganisation(organisation.id);
        outcome.show(t('organisation.removed', { name: nameOf(userId) }), { focus: true });
      },
    }),
  );
  const failed = setRole.isError ? setRole.error : remove.isError ? remove.error : null;

  const columns = {
    name: t('organisation.column.member'),
    email: t('organisation.column.email'),
    role: t('organisation.column.role'),
    since: t('organisation.column.since'),
    actions: t('organisation.column.actions'),
  };

  return (
    <section aria-labelledby="members-heading" className="page-section">
      <h2 id="members-heading">
        {t('organisation.members')} <span className="count">({members.length})</span>
      </h2>
      {canManage && <p className="section-intro">{t('organisation.membersIntro')}</p>}
      <FormAlert message={failed ? describeError(failed, i18n) : null} />
      <DataTable
        caption={plural('organisation.membersCaption', members.length, { name: organisation.name })}
        captionHidden
        columns={canManage ? Object.values(columns) : [columns.name, columns.email, columns.role, columns.since]}
      >
        {members.map((member) => {
          const self = member.userId === me.id;
          return (
            <Row key={member.userId}>
              <Cell label={columns.name} rowHeader>
                {member.name}
                {self && <span className="muted"> {t('author.you')}</span>}
              </Cell>
              <Cell label={columns.email}>{member.email}</Cell>
              <Cell label={columns.role}>{t(`role.${member.role}`)}</Cell>
              <Cell label={columns.since}>
                <time dateTime={member.since}>{formatDate(member.since, lang)}</time>
              </Cell>
              {canManage && (
                <Cell label={columns.actions} className="actions-cell">
                  {self ? (
                    <span className="muted">{t('organisation.selfActions')}</span>
                  ) : (
                    <span className="table-actions">
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        // Not `disabled` while sending: a focused button that is disabled loses focus,
                        // and this one stays where it is (its text changes) for the next action.
                        aria-disabled={setRole.isPending}
                        aria-label={`${t(member.role === 'owner' ? 'organisation.makeMember' : 'organisation.makeOwner')}: ${member.name}`}
                        onClick={() => {
                          if (setRole.isPending) return;
                          setRole.reset();
                          remove.reset();
                          setRole.mutate({
                            organisationId: organisation.id,
                            userId: member.userId,
                            role: member.role === 'owner' ? 'member' : 'owner',
                          });
                        }}
                      >
                        {t(member.role === 'owner' ? 'organisation.makeMember' : 'organisation.makeOwner')}
                      </button>
                      <ConfirmAction
                        className="button button-secondary button-small"
                        label={t('organisation.remove')}
                        ariaLabel={`${t('organisation.remove')}: ${member.name}`}
                        question={t('organisation.removeQuestion', { name: member.name })}
                        confirmLabel={t('organisation.removeConfirm')}
                        pending={remove.isPending}
                        onConfirm={() => {
                          setRole.reset();
                          remove.mutate({ organisationId: organisation.id, userId: member.userId });
                        }}
                      />
                    </span>
                  )}
                </Cell>
              )}
            </Row>
          );
        })}
      </DataTable>
      {outcome.node}
    </section>
  );
}
