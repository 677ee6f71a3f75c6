// The acts on a whole thread, each offered only to whom the server will allow it (it checks again):
// "I want to know too", a follow-up comment, an official answer; for a question in the buyers'
// inbox: publish it with its answer, redact it, or answer it privately with a recorded reason;
// for moderators: lock or unlock it.
import { useMutation } from '@tanstack/react-query';
import {
  answerPrivatelyInput,
  answerQuestionInput,
  commentInput,
  lockThreadInput,
  publishThreadInput,
  redactQuestionInput,
  type ThreadView,
} from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { DraftAttachments } from '../attachments/draft-attachments.tsx';
import { ConfirmAction } from '../ui/confirm-action.tsx';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { isModerator } from '../session.ts';
import { ActionForm } from '../ui/action-form.tsx';
import { useThreads } from './threads-context.tsx';

export function ThreadActions({ thread, mine }: { thread: ThreadView; mine: boolean }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const { dialogue, me, store, snapshot } = useThreads();
  const title = thread.title ?? t('threads.hiddenTitle');
  const done = (message: string, close: () => void) => () => {
    announce(message);
    void store.catchUp();
    close();
  };
  const published = thread.status === 'published';
  const answerBlocked = dialogue.viewer.canAnswer && me?.emailVerified === false;
  const canAnswer = dialogue.viewer.canAnswer && !answerBlocked;

  return (
    <div className="thread-actions">
      {published && dialogue.viewer.canVote && !mine && <VoteButton thread={thread} voted={snapshot.marks.votes.has(thread.id)} />}
      {published && thread.locked === null && dialogue.viewer.canComment && (
        <DisclosureAction label={t('comment.toggle')} context={title} regionId={`comment-${thread.id}`}>
          {(close) => (
            <ActionForm
              formId={`comment-${thread.id}`}
              fields={[{ name: 'body', kind: 'markdown', label: t('comment.field') }]}
              schema={commentInput}
              mutation={trpc.threads.comment.mutationOptions({
                onSuccess: ({ postId }) => {
                  store.markOwn('post', postId);
                  done(t('comment.sent'), close)();
                },
              })}
              input={(values) => ({ threadId: thread.id, body: values.body })}
              submitLabel={t('comment.submit')}
              intro={dialogue.viewer.isOwner ? t('comment.introBuyer') : t('comment.intro')}
              onCancel={close}
            />
          )}
        </DisclosureAction>
      )}
      {published && canAnswer && (
        <DisclosureAction label={t('answer.toggle')} context={title} regionId={`answer-${thread.id}`} className="button button-small">
          {(close) => (
            <DraftAttachments threadId={thread.id}>
              {(drafts) => (
                <ActionForm
                  formId={`answer-${thread.id}`}
                  fields={[{ name: 'body', kind: 'markdown', label: t('answer.field'), hint: t('answer.fieldHint') }]}
                  schema={answerQuestionInput}
                  mutation={trpc.threads.answer.mutationOptions({ onSuccess: done(t('answer.sent'), close) })}
                  input={(values) => ({ threadId: thread.id, body: values.body, attachmentIds: drafts.ids })}
                  submitLabel={t('answer.submit')}
                  onCancel={close}
                  extra={drafts.field}
                  busy={drafts.busy}
                  supplementary={dialogue}
                />
              )}
            </DraftAttachments>
          )}
        </DisclosureAction>
      )}
      {thread.status === 'pending' && canAnswer && <InboxActions thread={thread} title={title} done={done} />}
      {published && isModerator(me) && <LockAction thread={thread} title={title} done={done} />}
    </div>
  );
}

function VoteButton({ thread, voted }: { thread: ThreadView; voted: boolean }) {
  const { t, plural } = useI18n();
  const announce = useAnnounce();
  const { store } = useThreads();
  const vote = useMutation(
    trpc.threads.vote.mutationOptions({
      onSuccess: (_data, { wants }) => {
        store.markVote(thread.id, wants);
        announce(wants ? t('vote.added') : t('vote.removed'));
        void store.catchUp();
      },
      onError: () => announce(t('vote.failed')),
    }),
  );
  return (
    <button
      type="button"
      className="button button-small button-secondary vote-button"
      aria-pressed={voted}
      aria-disabled={vote.isPending}
      onClick={() => {
        if (!vote.isPending) vote.mutate({ threadId: thread.id, wants: !voted });
      }}
    >
      {t('vote.toggle')} <span className="vote-count">({plural('threads.votes', thread.voteCount)})</span>
      <span className="visually-hidden">: {thread.title}</span>
    </button>
  );
}

type Done = (message: string, close: () => void) => () => void;

function InboxActions({ thread, title, done }: { thread: ThreadView; title: string; done: Done }) {
  const { t } = useI18n();
  const { dialogue } = useThreads();
  // Publishing or answering privately takes the question out of the waiting list, and the buttons
  // with it: the keyboard goes to the inbox's heading (its count has gone down), not to the top.
  const doneLeavingInbox: Done = (message, close) => () => {
    done(message, close)();
    document.getElementById('inbox-heading')?.focus();
  };
  return (
    <>
      <DisclosureAction label={t('publish.toggle')} context={title} regionId={`publish-${thread.id}`} className="button button-small">
        {(close) => (
          <DraftAttachments threadId={thread.id}>
            {(drafts) => (
              <ActionForm
                formId={`publish-${thread.id}`}
                fields={[{ name: 'answer', kind: 'markdown', label: t('publish.field'), hint: t('answer.fieldHint') }]}
                schema={publishThreadInput}
                mutation={trpc.threads.publish.mutationOptions({ onSuccess: doneLeavingInbox(t('publish.sent'), close) })}
                input={(values) => ({ threadId: thread.id, answer: values.answer, attachmentIds: drafts.ids })}
                submitLabel={t('publish.submit')}
                intro={t('publish.intro')}
                onCancel={close}
                extra={drafts.field}
                busy={drafts.busy}
                supplementary={dialogue}
              />
            )}
          </DraftAttachments>
        )}
      </DisclosureAction>
      <DisclosureAction label={t('redact.toggle')} context={title} regionId={`redact-${thread.id}`}>
        {(close) => (
          <ActionForm
            formId={`redact-${thread.id}`}
            fields={[
              { name: 'title', kind: 'line', label: t('ask.fieldTitle'), initial: thread.title ?? '', maxLength: 200 },
              { name: 'body', kind: 'markdown', label: t('redact.fieldBody'), initial: thread.question.body ?? '' },
              { name: 'note', kind: 'reason', label: t('redact.note'), hint: t('redact.noteHint') },
            ]}
            schema={redactQuestionInput}
            mutation={trpc.threads.redact.mutationOptions({ onSuccess: done(t('redact.sent'), close) })}
            input={(values) => ({ threadId: thread.id, title: values.title, body: values.body, note: values.note })}
            submitLabel={t('redact.submit')}
            intro={t('redact.intro')}
            onCancel={close}
          />
        )}
      </DisclosureAction>
      {thread.confidential && (
        <DisclosureAction label={t('private.toggle')} context={title} regionId={`private-${thread.id}`}>
          {(close) => (
            <DraftAttachments threadId={thread.id}>
              {(drafts) => (
                <ActionForm
                  formId={`private-${thread.id}`}
                  fields={[
                    { name: 'body', kind: 'markdown', label: t('private.field') },
                    { name: 'reason', kind: 'reason', label: t('private.reason'), hint: t('private.reasonHint') },
                  ]}
                  schema={answerPrivatelyInput}
                  mutation={trpc.threads.answerPrivately.mutationOptions({ onSuccess: doneLeavingInbox(t('private.sent'), close) })}
                  input={(values) => ({ threadId: thread.id, body: values.body, reason: values.reason, attachmentIds: drafts.ids })}
                  submitLabel={t('private.submit')}
                  intro={t('private.intro')}
                  onCancel={close}
                  extra={drafts.field}
                  busy={drafts.busy}
                />
              )}
            </DraftAttachments>
          )}
        </DisclosureAction>
      )}
    </>
  );
}

function LockAction({ thread, title, done }: { thread: ThreadView; title: string; done: Done }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const { store } = useThreads();
  const unlock = useMutation(
    trpc.threads.unlock.mutationOptions({
      onSuccess: () => {
        announce(t('lock.unlocked'));
        void store.catchUp();
      },
    }),
  );
  if (thread.locked) {
    return (
      <ConfirmAction
        label={t('lock.unlock')}
        ariaLabel={`${t('lock.unlock')}: ${title}`}
        question={t('lock.unlockQuestion')}
        confirmLabel={t('lock.unlockConfirm')}
        onConfirm={() => unlock.mutate({ threadId: thread.id })}
        pending={unlock.isPending}
        className="button button-secondary button-small"
      />
    );
  }
  return (
    <DisclosureAction label={t('lock.toggle')} context={title} regionId={`lock-${thread.id}`}>
      {(close) => (
        <ActionForm
          formId={`lock-${thread.id}`}
          fields={[{ name: 'reason', kind: 'reason', label: t('lock.reason'), hint: t('lock.reasonHint') }]}
          schema={lockThreadInput}
          mutation={trpc.threads.lock.mutationOptions({ onSuccess: done(t('lock.sent'), close) })}
          input={(values) => ({ threadId: thread.id, reason: values.reason })}
          submitLabel={t('lock.submit')}
          onCancel={close}
        />
      )}
    </DisclosureAction>
  );
}
