// On a dialogue's page, for anyone signed in with a confirmed address: the dialogue as an
// opportunity to find partners and form a consortium for. Its page here is opened on the first
// click (once per dialogue); the words are few and kept here, so the dialogue page loads none of
// the consortia's others.
import { useMutation } from '@tanstack/react-query';
import { trpc } from '../api.ts';
import { describeError } from '../app-error.ts';
import { FormAlert } from '../ui/form-fields.tsx';
import { usePageWords } from '../i18n/page-words.ts';
import { navigate } from '../router.tsx';
import { useMe } from '../session.ts';

const sv = { open: 'Hitta partner och bilda konsortium' };
const en: typeof sv = { open: 'Find partners and form a consortium' };

export function DialogueConsortiumLink({ dialogueId }: { dialogueId: string }) {
  const { w, ...i18n } = usePageWords<keyof typeof sv>(sv, en);
  const me = useMe();
  const open = useMutation(trpc.consortia.openForDialogue.mutationOptions({ onSuccess: ({ opportunityId }) => navigate(`/consortia/opportunities/${encodeURIComponent(opportunityId)}`) }));
  if (!me.data?.emailVerified) return null;
  return (
    <div className="owner-actions">
      <FormAlert message={open.error ? describeError(open.error, i18n) : null} />
      <button type="button" className="button button-secondary" disabled={open.isPending} onClick={() => open.mutate({ dialogueId })}>
        {w('open')}
      </button>
    </div>
  );
}
