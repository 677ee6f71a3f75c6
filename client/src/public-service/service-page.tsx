// "/terms" and "/about" — the agency's own pages, markdown from DATA_DIR/pages in the reader's
// language, rendered as user markdown is (no raw HTML, safe links), headings under the page's own.
import type { ServicePageName } from '@dialogforum/contracts';
import { useQuery } from '@tanstack/react-query';
import { trpc } from '../api.ts';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { SafeMarkdown } from '../ui/safe-markdown.tsx';
import { useI18n } from '../i18n/i18n.tsx';

const TITLES: Record<ServicePageName, { sv: string; en: string }> = {
  terms: { sv: 'Användarvillkor', en: 'Terms of use' },
  about: { sv: 'Om tjänsten', en: 'About the service' },
};

function ServicePage({ name }: { name: ServicePageName }) {
  const { lang } = useI18n();
  const page = useQuery({ ...trpc.publicService.page.queryOptions({ name, language: lang }), staleTime: 5 * 60_000 });
  return (
    <article className="prose">
      <PageHeading>{TITLES[name][lang]}</PageHeading>
      {page.isPending ? (
        <Loading />
      ) : page.isError ? (
        <ErrorNotice title={lang === 'sv' ? 'Sidan kunde inte hämtas' : 'The page could not be fetched'} error={page.error} onRetry={() => void page.refetch()} />
      ) : (
        <SafeMarkdown source={page.data.markdown} headingsFrom={2} />
      )}
    </article>
  );
}

export const TermsPage = () => <ServicePage name="terms" />;
export const AboutPage = () => <ServicePage name="about" />;
