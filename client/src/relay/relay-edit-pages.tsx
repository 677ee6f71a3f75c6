// The relay's forms, one chunk for both routes: "/relay/new" — a verified buyer starts a relay
// project from their organisation's dialogues (`?dialogue=` picks one beforehand, `?arena=` the
// arena, `?from=` a project whose baton the new one takes at once, `?handover=1` goes on to the
// handover) — and "/relay/:id/handover" — the project's buyers hand over the baton, or change it (a
// new version, with a note on what changed). Values are checked with the server's own schema before
// sending; a refusal keeps what was typed. Anyone else is told why not; the server checks again.
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  createRelayProjectInput,
  HANDOVER_SECTIONS,
  publishHandoverInput,
  reviseHandoverInput,
  type ArenaId,
  type HandoverContent,
  type RelayProjectView,
  type Visibility,
} from '@dialogforum/contracts';
import { queryClient, trpc, trpcClient } from '../api.ts';
import { appErrorCode } from '../app-error.ts';
import { arenaOptions, isArenaId } from '../arena-names.ts';
import { CheckboxGroup } from '../ui/checkbox-group.tsx';
import { VerificationRequiredNotice } from '../accounts/email-verification.tsx';
import { FormAlert, RadioGroup, SelectField, SendButton, TextField } from '../ui/form-fields.tsx';
import { LoginNotice } from '../ui/login-notice.tsx';
import { MarkdownField } from '../ui/markdown-field.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { navigate, useLocation } from '../router.tsx';
import { useMe } from '../session.ts';
import { useRelayText } from './relay-text.ts';

export function RelayNewPage() {
  const { r } = useRelayText();
  const { pathname, search } = useLocation();
  const me = useMe();
  let content;
  if (me.isPending) content = <Loading />;
  else if (!me.data) content = <LoginNotice message={r('onlyBuyers')} returnTo={`${pathname}?${search.toString()}`} />;
  else if (!me.data.emailVerified) content = <VerificationRequiredNotice action="create" me={me.data} />;
  else if (!(me.data.organisation?.kind === 'buyer' && me.data.organisation.verified)) content = <p className="notice notice-info">{r('onlyBuyers')}</p>;
  else content = <NewProjectForm organisationId={me.data.organisation.id} />;
  return (
    <>
      <div className="page-intro">
        <PageHeading>{r('newTitle')}</PageHeading>
        <p>{r('newIntro')}</p>
      </div>
      {content}
    </>
  );
}

const PROJECT_FORM = 'relay-project';

function NewProjectForm({ organisationId }: { organisationId: string }) {
  const { r, t, lang } = useRelayText();
  const { search } = useLocation();
  const from = search.get('from');
  const arenaParam = search.get('arena');
  const dialogues = useQuery(trpc.dialogues.list.queryOptions({ archived: false }));
  const own = (dialogues.data ?? []).filter((dialogue) => dialogue.owners.some((owner) => owner.id === organisationId));
  const preset = own.find((dialogue) => dialogue.id === search.get('dialogue'));
  const [title, setTitle] = useState<string | null>(null);
  const [arenaId, setArenaId] = useState<ArenaId | null>(isArenaId(arenaParam) ? arenaParam : null);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [visibility, setVisibility] = useState<Visibility>('public');
  const form = useFormSubmission({
    formId: PROJECT_FORM,
    fields: ['title', 'arenaId', 'dialogueIds', 'visibility'],
    schema: createRelayProjectInput,
    mutation: trpc.relay.create.mutationOptions({
      onSuccess: async ({ projectId }) => {
        // Taking the baton that led here is part of starting: done before the project is shown. Should
        // it be refused (withdrawn meanwhile), the project page still offers every baton there is.
        if (from) await trpcClient.relay.takeBaton.mutate({ projectId, fromProjectIds: [from] }).catch(() => undefined);
        void queryClient.invalidateQueries({ queryKey: trpc.relay.pathKey() });
        navigate(`/relay/${encodeURIComponent(projectId)}${search.get('handover') ? '/handover' : ''}`);
      },
    }),
  });
  if (dialogues.isPending) return <Loading />;
  if (own.length === 0) return <p className="empty-state">{r('noDialogues')}</p>;
  // Until the reader changes them, the fields follow the dialogue chosen beforehand.
  const shownTitle = title ?? preset?.title ?? '';
  const shownArena = arenaId ?? preset?.arenaId ?? own[0]?.arenaId ?? 'healthcare';
  const shownDialogues = chosen ?? (preset ? [preset.id] : []);
  const submit = (event: FormEvent) => form.submit(event, { title: shownTitle, arenaId: shownArena, dialogueIds: shownDialogues, visibility });
  return (
    <form className="form" id={PROJECT_FORM} noValidate onSubmit={submit} aria-label={r('newTitle')}>
      <FormAlert message={form.formError} />
      <TextField formId={PROJECT_FORM} name="title" label={r('fieldTitle')} issue={form.errors.title} value={shownTitle} onChange={(event) => setTitle(event.target.value)} maxLength={200} autoComplete="off" />
      <SelectField formId={PROJECT_FORM} name="arenaId" label={r('fieldArena')} issue={form.errors.arenaId} value={shownArena} onChange={(event) => setArenaId(event.target.value as ArenaId)}>
        {arenaOptions(lang).map((arena) => (
          <option key={arena.id} value={arena.id}>
            {arena.name}
          </option>
        ))}
      </SelectField>
      <CheckboxGroup formId={PROJECT_FORM} name="dialogueIds" label={r('fieldDialogues')} issue={form.errors.dialogueIds} values={shownDialogues}
        onChange={setChosen} options={own.map((dialogue) => ({ value: dialogue.id, label: dialogue.title }))} />
      <RadioGroup<Visibility> formId={PROJECT_FORM} name="visibility" label={r('visibility')} issue={form.errors.visibility} value={visibility} onChange={setVisibility}
        options={[
          { value: 'public', label: t('visibility.public') },
          { value: 'registered', label: t('visibility.registered') },
        ]} />
      <SendButton pending={form.isPending} label={r('create')} />
    </form>
  );
}

export function HandoverPage({ params }: { params: Record<string, string> }) {
  const { r } = useRelayText();
  const project = useQuery(trpc.relay.get.queryOptions({ projectId: params.id ?? '' }));
  let content;
  if (project.isPending) content = <Loading />;
  else if (project.isError) {
    content =
      appErrorCode(project.error) === 'NOT_FOUND' || appErrorCode(project.error) === 'VALIDATION' ? (
        <p>{r('notFoundText')}</p>
      ) : (
        <ErrorNotice title={r('loadError')} error={project.error} onRetry={() => void project.refetch()} />
      );
  } else if (!project.data.viewer.canPublish && !project.data.viewer.canRevise) content = <p className="notice notice-info">{r('onlyOwnBuyers')}</p>;
  else content = <HandoverForm project={project.data} />;
  const revising = project.data?.handoverView !== null && project.data?.handoverView !== undefined;
  return (
    <>
      <div className="page-intro">
        <PageHeading>{revising ? r('reviseTitle') : r('publishTitle')}</PageHeading>
        {project.data && <p>{project.data.title}</p>}
      </div>
      {content}
    </>
  );
}

const HANDOVER_FORM = 'handover';
const FIELDS = ['stage', ...HANDOVER_SECTIONS, 'note'];

function HandoverForm({ project }: { project: RelayProjectView }) {
  const { r, t } = useRelayText();
  const current = project.handoverView;
  const [values, setValues] = useState<HandoverContent & { note: string }>(() => ({
    stage: current?.stage ?? '',
    procured: current?.procured ?? '',
    dialogue: current?.dialogue ?? '',
    worked: current?.worked ?? '',
    didNotWork: current?.didNotWork ?? '',
    risks: current?.risks ?? '',
    financing: current?.financing ?? '',
    note: '',
  }));
  const done = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.relay.pathKey() });
    navigate(`/relay/${encodeURIComponent(project.id)}`);
  };
  const publish = useFormSubmission({ formId: HANDOVER_FORM, fields: FIELDS, schema: publishHandoverInput, mutation: trpc.relay.publishHandover.mutationOptions({ onSuccess: done }) });
  const revise = useFormSubmission({ formId: HANDOVER_FORM, fields: FIELDS, schema: reviseHandoverInput, mutation: trpc.relay.reviseHandover.mutationOptions({ onSuccess: done }) });
  const form = current ? revise : publish;
  const { note, ...content } = values;
  const submit = (event: FormEvent) => {
    if (current) revise.submit(event, { projectId: project.id, ...content, note });
    else publish.submit(event, { projectId: project.id, ...content });
  };
  const set = (key: keyof typeof values, value: string) => setValues((now) => ({ ...now, [key]: value }));
  return (
    <form className="form" id={HANDOVER_FORM} noValidate onSubmit={submit} aria-label={current ? r('reviseTitle') : r('publishTitle')}>
      <FormAlert message={form.formError} />
      <TextField formId={HANDOVER_FORM} name="stage" label={r('stage')} issue={form.errors.stage} value={values.stage} onChange={(event) => set('stage', event.target.value)} maxLength={200} autoComplete="off" />
      {HANDOVER_SECTIONS.map((section) => (
        <MarkdownField key={section} formId={HANDOVER_FORM} name={section} label={r(section)} issue={form.errors[section]} value={values[section]} onChange={(value) => set(section, value)} rows={section === 'procured' ? 8 : 5} />
      ))}
      {current && (
        <TextField formId={HANDOVER_FORM} name="note" label={r('note')} hint={r('noteHint')} issue={form.errors.note} value={values.note} onChange={(event) => set('note', event.target.value)} maxLength={300} autoComplete="off" />
      )}
      <SendButton pending={form.isPending} label={current ? r('reviseSubmit') : r('publishSubmit')} />
    </form>
  );
}
