// What an organisation's page reads again after a change made on it.
import { queryClient, trpc } from '../api.ts';

/** After a change: this organisation, the viewer's list, and (their role may have changed) the viewer. */
export function refreshOrganisation(organisationId: string) {
  void queryClient.invalidateQueries({ queryKey: trpc.organisations.get.queryKey({ organisationId }) });
  void queryClient.invalidateQueries({ queryKey: trpc.organisations.mine.queryKey() });
}
