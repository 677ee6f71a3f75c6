// The operating agency, from the server's configuration: asked once a visit (it changes only with a
// restart), by the header, the footer and the pages that name the controller.
import { useQuery } from '@tanstack/react-query';
import { trpc } from '../api.ts';

export function useOperator() {
  return useQuery({ ...trpc.publicService.operator.queryOptions(), staleTime: Infinity, gcTime: Infinity });
}
