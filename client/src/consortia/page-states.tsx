// What a consortia page shows before its data: loading, or why it cannot be shown. A hidden thing
// reads exactly as a missing one, as the server answers.
import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { appErrorCode } from '../app-error.ts';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { useConsortiaText } from './consortia-text.ts';

export function PageStates<T>({ query, children }: { query: UseQueryResult<T, unknown>; children: (data: T) => ReactNode }) {
  const { c } = useConsortiaText();
  if (query.isPending) return <Loading />;
  if (query.isError) {
    const missing = appErrorCode(query.error) === 'NOT_FOUND' || appErrorCode(query.error) === 'VALIDATION';
    return (
      <>
        <PageHeading>{c(missing ? 'notFound' : 'loadError')}</PageHeading>
        {missing ? <p>{c('notFoundText')}</p> : <ErrorNotice title={c('loadError')} error={query.error} onRetry={() => void query.refetch()} />}
      </>
    );
  }
  return <>{children(query.data)}</>;
}
