// The baton itself: the stage passed and each section of the handover, the version shown (with a
// way back to the latest), every version with what changed, and — for its buyers and moderators —
// withdrawing it with a reason. A withdrawn baton stays readable; nothing is deleted.
import { HANDOVER_SECTIONS, withdrawHandoverInput, type RelayProjectView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { ActionForm } from '../ui/action-form.tsx';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { SafeMarkdown } from '../ui/safe-markdown.tsx';
import { formatDate, formatDateTime } from '../i18n/date-format.ts';
import { Link } from '../router.tsx';
import { useRelayText } from './relay-text.ts';

export function HandoverView({ project }: { project: RelayProjectView }) {
  const { r, lang } = useRelayText();
  const handover = project.handoverView;
  const base = `/relay/${encodeURIComponent(project.id)}`;
  return (
    <section aria-labelledby="handover-heading" className="page-section">
      <h2 id="handover-heading">{r('handover')}</h2>
      {!handover ? (
        <p className="empty-state">{r('noHandover')}</p>
      ) : (
        <>
          {handover.withdrawal && (
            <p className="notice notice-warning" role="status">
              {r('withdrawnNotice', { date: formatDate(handover.withdrawal.at, lang), reason: handover.withdrawal.reason })}
            </p>
          )}
          {handover.shown.version !== handover.version && (
            <p className="notice notice-info" role="status">
              {r('olderVersion', { version: handover.shown.version, date: formatDateTime(handover.shown.at, lang) })} <Link to={base}>{r('toCurrent')}</Link>
            </p>
          )}
          <dl className="relay-handover">
            <div>
              <dt>{r('stage')}</dt>
              <dd>{handover.stage}</dd>
            </div>
            {HANDOVER_SECTIONS.map((section) => (
              <div key={section}>
                <dt>{r(section)}</dt>
                <dd>{handover[section] ? <SafeMarkdown source={handover[section]} /> : <p>{r('empty')}</p>}</dd>
              </div>
            ))}
          </dl>
          {(project.viewer.canRevise || project.viewer.canWithdraw) && (
            <div className="owner-actions">
              {project.viewer.canRevise && (
                <Link to={`${base}/handover`} className="button button-secondary">
                  {r('revise')}
                </Link>
              )}
              {project.viewer.canWithdraw && <WithdrawHandover projectId={project.id} />}
            </div>
          )}
          <h3 id="handover-versions-heading">{r('versions')}</h3>
          <ol className="plain-list" reversed aria-labelledby="handover-versions-heading">
            {handover.versions.map((entry) => (
              <li key={entry.version}>
                {entry.version === handover.shown.version ? (
                  <strong aria-current="page">{r('version', { version: entry.version })}</strong>
                ) : (
                  <Link to={entry.version === handover.version ? base : `${base}?version=${entry.version}`}>{r('version', { version: entry.version })}</Link>
                )}{' '}
                <time dateTime={entry.at}>{formatDateTime(entry.at, lang)}</time>
                {' – '}
                {entry.stage}
                {' – '}
                {entry.note ?? r('firstVersion')}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function WithdrawHandover({ projectId }: { projectId: string }) {
  const { r } = useRelayText();
  const announce = useAnnounce();
  return (
    <DisclosureAction label={r('withdraw')} regionId={`withdraw-${projectId}`}>
      {(close) => (
        <ActionForm
          formId={`withdraw-${projectId}`}
          fields={[{ name: 'reason', kind: 'reason', label: r('withdrawReason') }]}
          schema={withdrawHandoverInput}
          mutation={trpc.relay.withdrawHandover.mutationOptions({
            onSuccess: () => {
              announce(r('withdrawnNow'));
              void queryClient.invalidateQueries({ queryKey: trpc.relay.pathKey() });
              close();
            },
          })}
          input={(values) => ({ projectId, reason: values.reason })}
          submitLabel={r('withdraw')}
          intro={r('withdrawIntro')}
          onCancel={close}
        />
      )}
    </DisclosureAction>
  );
}
