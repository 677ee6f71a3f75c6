// Taking the baton and booking relay meetings. On its own project a buyer picks an earlier
// project's baton from the arena and links a session of the project's dialogues as a relay meeting
// (sessions are scheduled in the sessions module, linked from here). On someone else's handover a
// buyer takes it with one of their own projects, or starts a new project that takes it.
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { linkRelayMeetingInput, takeBatonInput, type RelayProjectView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { FormAlert, SelectField } from '../ui/form-fields.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { formatDateTime } from '../i18n/date-format.ts';
import { Link } from '../router.tsx';
import { useRelayText } from './relay-text.ts';

const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.relay.pathKey() });

/** A select and a button: one small form, checked with the server's schema before sending. */
function ChooseAndSend({
  formId,
  label,
  options,
  submitLabel,
  send,
}: {
  formId: string;
  label: string;
  options: { value: string; label: string }[];
  submitLabel: string;
  send: (chosen: string) => { submit: (event: FormEvent) => void; formError: string | null; isPending: boolean; issue: ReturnType<typeof useFormSubmission>['errors'][string] };
}) {
  const [chosen, setChosen] = useState(options[0]?.value ?? '');
  const form = send(chosen);
  return (
    <form className="form form-inline" id={formId} noValidate onSubmit={(event) => form.submit(event)}>
      <FormAlert message={form.formError} />
      <SelectField formId={formId} name="choice" label={label} issue={form.issue} value={chosen} onChange={(event) => setChosen(event.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button" disabled={form.isPending}>
        {submitLabel}
      </button>
    </form>
  );
}

function useTakeBaton(formId: string, done: () => void) {
  const announce = useAnnounce();
  const { r } = useRelayText();
  return useFormSubmission({
    formId,
    fields: ['choice'],
    schema: takeBatonInput,
    mutation: trpc.relay.takeBaton.mutationOptions({
      onSuccess: () => {
        announce(r('taken'));
        refresh();
        done();
      },
    }),
  });
}

/** On the project's own page: take the baton from an earlier handover in the arena. */
export function TakeBatonFromArena({ project }: { project: RelayProjectView }) {
  const { r } = useRelayText();
  const chains = useQuery(trpc.relay.chains.queryOptions({ arenaId: project.arenaId }));
  const take = useTakeBaton('take-baton', () => {});
  if (!chains.data) return null;
  const candidates = chains.data.chains
    .flatMap((chain) => chain.projects)
    .filter((other) => other.handover && !other.handover.withdrawn && other.organisation.id !== project.organisation.id && !project.takenFrom.includes(other.id));
  return (
    <div className="relay-take">
      <h3>{r('takeFrom')}</h3>
      {candidates.length === 0 ? (
        <p className="empty-state">{r('takeNone')}</p>
      ) : (
        <ChooseAndSend
          formId="take-baton"
          label={r('takeChoose')}
          options={candidates.map((other) => ({ value: other.id, label: `${other.title} (${other.organisation.name})` }))}
          submitLabel={r('takeSubmit')}
          send={(chosen) => ({
            submit: (event) => take.submit(event, { projectId: project.id, fromProjectIds: [chosen] }),
            formError: take.formError,
            isPending: take.isPending,
            issue: take.errors.fromProjectIds ?? take.errors.projectId,
          })}
        />
      )}
    </div>
  );
}

/** On another organisation's handover: take it with one of the viewer's projects, or start one that does. */
export function TakeThisBaton({ project }: { project: RelayProjectView }) {
  const { r } = useRelayText();
  const mine = useQuery(trpc.relay.mine.queryOptions({}));
  const take = useTakeBaton('take-this-baton', () => {});
  const own = (mine.data ?? []).filter((candidate) => !candidate.takenFrom.includes(project.id));
  return (
    <section aria-labelledby="take-heading" className="page-section">
      <h2 id="take-heading">{r('take')}</h2>
      {own.length > 0 && (
        <ChooseAndSend
          formId="take-this-baton"
          label={r('takeWith')}
          options={own.map((candidate) => ({ value: candidate.id, label: candidate.title }))}
          submitLabel={r('takeSubmit')}
          send={(chosen) => ({
            submit: (event) => take.submit(event, { projectId: chosen, fromProjectIds: [project.id] }),
            formError: take.formError,
            isPending: take.isPending,
            issue: take.errors.projectId,
          })}
        />
      )}
      <p>
        <Link to={`/relay/new?arena=${project.arenaId}&from=${encodeURIComponent(project.id)}`}>{r('newProject')}</Link>
      </p>
    </section>
  );
}

export function RelayMeetings({ project }: { project: RelayProjectView }) {
  const { r, lang } = useRelayText();
  return (
    <section aria-labelledby="relay-meetings-heading" className="page-section">
      <h2 id="relay-meetings-heading">{r('meetings')}</h2>
      {project.meetings.length === 0 ? (
        <p className="empty-state">{r('noMeetings')}</p>
      ) : (
        <ul className="plain-list">
          {project.meetings.map((meeting) => (
            <li key={meeting.sessionId}>
              <Link to={`/sessions/${encodeURIComponent(meeting.sessionId)}`}>{meeting.title}</Link>
              {' · '}
              <time dateTime={meeting.startsAt}>{formatDateTime(meeting.startsAt, lang)}</time>
              {meeting.cancelled ? ` (${r('cancelled')})` : ''}
            </li>
          ))}
        </ul>
      )}
      {project.viewer.canManage && <LinkMeeting project={project} />}
    </section>
  );
}

function LinkMeeting({ project }: { project: RelayProjectView }) {
  const { r } = useRelayText();
  return (
    <div className="relay-meeting-link">
      <h3>{r('bookMeeting')}</h3>
      {project.dialogues.map((dialogue) => (
        <LinkMeetingOf key={dialogue.id} project={project} dialogue={dialogue} />
      ))}
    </div>
  );
}

/** The sessions of one of the project's dialogues to link, and where to schedule a new one. */
function LinkMeetingOf({ project, dialogue }: { project: RelayProjectView; dialogue: { id: string; title: string } }) {
  const { r, lang } = useRelayText();
  const list = useQuery(trpc.sessions.list.queryOptions({ dialogueId: dialogue.id }));
  const formId = `link-meeting-${dialogue.id}`;
  const link = useFormSubmission({
    formId,
    fields: ['choice'],
    schema: linkRelayMeetingInput,
    mutation: trpc.relay.linkMeeting.mutationOptions({ onSuccess: refresh }),
  });
  const sessions = (list.data ?? []).filter(
    (session) => session.status !== 'cancelled' && session.status !== 'ended' && !project.meetings.some((meeting) => meeting.sessionId === session.id),
  );
  return (
    <>
      {sessions.length > 0 && (
        <ChooseAndSend
          formId={formId}
          label={project.dialogues.length > 1 ? `${r('chooseSession')}: ${dialogue.title}` : r('chooseSession')}
          options={sessions.map((session) => ({ value: session.id, label: `${session.title}, ${formatDateTime(session.startsAt, lang)}` }))}
          submitLabel={r('bookSubmit')}
          send={(chosen) => ({
            submit: (event) => link.submit(event, { projectId: project.id, sessionId: chosen }),
            formError: link.formError,
            isPending: link.isPending,
            issue: link.errors.sessionId,
          })}
        />
      )}
      <p>
        <Link to={`/dialogues/${encodeURIComponent(dialogue.id)}/sessions/new`}>{r('scheduleNew', { title: dialogue.title })}</Link>
      </p>
    </>
  );
}
