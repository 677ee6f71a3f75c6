// The publishing buyer's tools on an open opportunity: editing it (a new version, with a note of
// why) and withdrawing it with a reason. A withdrawal takes the tools away with it, so its outcome
// takes focus where they were.
import { useState } from 'react';
import { editOpportunityInput, withdrawOpportunityInput, type OpportunityView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { ActionForm } from '../ui/action-form.tsx';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { useOutcome } from '../ui/outcome.tsx';
import { useConsortiaText } from './consortia-text.ts';
import { OpportunityForm } from './opportunity-form.tsx';

const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.consortia.pathKey() });

export function OpportunityManage({ opportunity }: { opportunity: OpportunityView }) {
  const { c } = useConsortiaText();
  const outcome = useOutcome();
  // Kept for whoever managed it on this visit, so a withdrawal's outcome stays where the tools were.
  const [manager] = useState(opportunity.viewer.canEdit);
  if (!manager && !opportunity.viewer.canEdit) return null;
  return (
    <section aria-labelledby="opportunity-manage-heading" className="page-section">
      <h2 id="opportunity-manage-heading" className="visually-hidden">
        {c('manage')}
      </h2>
      {outcome.node}
      {opportunity.viewer.canEdit && (
        <div className="owner-actions">
          <DisclosureAction label={c('edit')} regionId="opportunity-edit">
            {(close) => (
              <OpportunityForm
                formId="opportunity-edit-form"
                initial={{
                  title: opportunity.title,
                  facility: opportunity.facility ?? '',
                  description: opportunity.description,
                  expectedAt: opportunity.expectedAt ?? '',
                  arenaId: opportunity.arenaId,
                  note: '',
                }}
                withNote
                schema={editOpportunityInput}
                mutation={trpc.consortia.editOpportunity.mutationOptions({
                  onSuccess: ({ version }) => {
                    void refresh();
                    close();
                    outcome.show(version === opportunity.version ? c('editUnchanged') : c('edited', { version }));
                  },
                })}
                toInput={(fields) => ({ ...fields, opportunityId: opportunity.id })}
                submitLabel={c('editSubmit')}
                onCancel={close}
              />
            )}
          </DisclosureAction>
          <DisclosureAction label={c('withdraw')} regionId="opportunity-withdraw">
            {(close) => (
              <ActionForm
                formId="opportunity-withdraw-form"
                intro={c('withdrawIntro')}
                fields={[{ name: 'reason', kind: 'line', label: c('withdrawReason'), maxLength: 500 }]}
                schema={withdrawOpportunityInput}
                mutation={trpc.consortia.withdrawOpportunity.mutationOptions({
                  onSuccess: () => {
                    void refresh();
                    outcome.show(c('withdrawn'), { focus: true });
                  },
                })}
                input={(values) => ({ opportunityId: opportunity.id, reason: (values.reason ?? '').trim() })}
                submitLabel={c('withdraw')}
                onCancel={close}
              />
            )}
          </DisclosureAction>
        </div>
      )}
    </section>
  );
}
