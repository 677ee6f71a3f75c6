// The account page's "Notifications and e-mail": the e-mail choice (off, each at once, a daily
// summary at the configured time) and everything the person follows, each with "stop following".
import { useMutation, useQuery } from '@tanstack/react-query';
import type { ArenaId, EmailChoice, FollowView } from '@dialogforum/contracts';
import { arenaName } from '../arena-names.ts';
import { EMAIL_CHOICES } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { describeError } from '../app-error.ts';
import { RadioGroup } from '../ui/form-fields.tsx';
import { useOutcome } from '../ui/outcome.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';

export function NotificationSettingsSection() {
  const i18n = useI18n();
  const { t } = i18n;
  const settings = useQuery(trpc.notifications.settings.queryOptions());
  const saved = useOutcome();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.notifications.settings.queryKey() });
  const setEmail = useMutation(
    trpc.notifications.setEmail.mutationOptions({
      onSuccess: async () => {
        await refresh();
        saved.show(t('notificationSettings.saved'));
      },
    }),
  );

  let content;
  if (settings.isPending) content = <Loading />;
  else if (settings.isError) content = <ErrorNotice title={t('notificationSettings.loadError')} error={settings.error} onRetry={() => void settings.refetch()} />;
  else {
    const { digestTime, digestTimeZone } = settings.data;
    const label = (choice: EmailChoice) =>
      choice === 'daily' ? t('notificationSettings.email.daily', { time: digestTime, zone: digestTimeZone }) : t(`notificationSettings.email.${choice}`);
    content = (
      <>
        <RadioGroup<EmailChoice>
          formId="notification-settings"
          name="email"
          label={t('notificationSettings.email')}
          options={EMAIL_CHOICES.map((choice) => ({ value: choice, label: label(choice) }))}
          value={setEmail.isPending ? setEmail.variables.email : settings.data.email}
          onChange={(email) => {
            saved.clear();
            setEmail.mutate({ email });
          }}
        />
        {saved.node}
        {setEmail.isError && (
          <p className="notice notice-error" role="alert">
            {describeError(setEmail.error, i18n)}
          </p>
        )}
        <FollowList follows={settings.data.follows} onChange={refresh} />
        <p>
          <Link to="/account/saved-searches">{t('notificationSettings.savedSearches')}</Link>
        </p>
      </>
    );
  }

  return (
    <section id="notifications" aria-labelledby="notification-settings-heading" className="account-section" tabIndex={-1}>
      <h2 id="notification-settings-heading">{t('notificationSettings.title')}</h2>
      <p className="section-intro">{t('notificationSettings.intro')}</p>
      {content}
    </section>
  );
}

function FollowList({ follows, onChange }: { follows: FollowView[]; onChange: () => Promise<void> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const outcome = useOutcome();
  const unfollow = useMutation(trpc.notifications.unfollow.mutationOptions());
  return (
    <>
      <h3>{t('notificationSettings.follows')}</h3>
      <p className="field-hint">{t('notificationSettings.followsIntro')}</p>
      {follows.length === 0 ? (
        <p className="empty-state">{t('notificationSettings.followsEmpty')}</p>
      ) : (
        <ul className="follow-list">
          {follows.map((follow) => {
            if (follow.kind === 'arena') return <ArenaFollow key={`arena:${follow.id}`} arenaId={follow.id} onChange={onChange} />;
            const title = follow.title ?? t('notifications.hiddenQuestion');
            return (
              <li key={`${follow.kind}:${follow.id}`}>
                <span className="follow-kind">
                  {follow.kind === 'dialogue' ? t('notificationSettings.kind.dialogue') : t('notificationSettings.kind.thread', { dialogue: follow.dialogueTitle })}
                </span>{' '}
                <Link to={`/dialogues/${follow.dialogueId}${follow.kind === 'thread' ? `#thread-${follow.id}` : ''}`}>{title}</Link>{' '}
                <button
                  type="button"
                  className="link-button"
                  aria-label={t('notificationSettings.unfollowLabel', { title })}
                  disabled={unfollow.isPending}
                  onClick={() =>
                    unfollow.mutate(
                      { kind: follow.kind, id: follow.id },
                      {
                        onSuccess: async () => {
                          await onChange();
                          // The row and its button are gone: the outcome takes focus.
                          outcome.show(t('notificationSettings.unfollowed', { title }), { focus: true });
                        },
                      },
                    )
                  }
                >
                  {t('notificationSettings.unfollow')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {outcome.node}
      {unfollow.isError && (
        <p className="notice notice-error" role="alert">
          {describeError(unfollow.error, i18n)}
        </p>
      )}
    </>
  );
}

/** A followed arena, by its name, with the button to stop following it. */
function ArenaFollow({ arenaId, onChange }: { arenaId: ArenaId; onChange: () => Promise<void> }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const outcome = useOutcome();
  const unfollow = useMutation(trpc.notifications.unfollow.mutationOptions());
  const name = arenaName(arenaId, lang);
  return (
    <li>
      <span className="follow-kind">{t('notificationSettings.kind.arena')}</span> <Link to={`/arenas/${arenaId}`}>{name}</Link>{' '}
      <button
        type="button"
        className="link-button"
        aria-label={t('notificationSettings.unfollowLabel', { title: name })}
        disabled={unfollow.isPending}
        onClick={() => unfollow.mutate({ kind: 'arena', id: arenaId }, { onSuccess: async () => {
          outcome.show(t('notificationSettings.unfollowed', { title: name }), { focus: true });
          await onChange();
        } })}
      >
        {t('notificationSettings.unfollow')}
      </button>
      {outcome.node}
      {unfollow.isError && (
        <p className="notice notice-error" role="alert">
          {describeError(unfollow.error, i18n)}
        </p>
      )}
    </li>
  );
}
