// "/statistics" — innovation statistics (issue 11 §6): how the dialogues drive innovation, by
// month, arena, buyer and dialogue, for a selection the reader makes. Every chart has its table,
// and the figures download as CSV or JSON from the open data API. The figures are public, the same
// for every reader, and counted from the event log (server/src/modules/metrics).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MetricsFilter, MetricsView } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { arenaName } from '../arena-names.ts';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useLocation } from '../router.tsx';
import { BarChart } from './bar-chart.tsx';
import { filterFromSearch, MetricsFilters } from './metrics-filters.tsx';
import { MetricsDownloads } from './metrics-downloads.tsx';
import { BuyerTable, DialogueTable, KeyFigures, useNumberFormat } from './metrics-tables.tsx';
import { useMetricsTexts } from './metrics-texts.ts';

export function MetricsPage() {
  const texts = useMetricsTexts();
  const { search } = useLocation();
  const filter = filterFromSearch(search);
  // The figures of the earlier selection stay until the new ones arrive: no flash, no lost place.
  const metrics = useQuery(trpc.metrics.view.queryOptions(filter, { placeholderData: keepPreviousData }));
  return (
    <article aria-labelledby="metrics-title" className="metrics">
      <div className="page-intro">
        <PageHeading id="metrics-title">{texts.title}</PageHeading>
        <p>{texts.intro}</p>
        <p className="field-hint">{texts.publicOnly}</p>
      </div>
      <MetricsFilters filter={filter} buyers={metrics.data?.buyerChoices ?? []} />
      {metrics.isPending ? (
        <Loading />
      ) : metrics.isError ? (
        <ErrorNotice title={texts.loadError} error={metrics.error} onRetry={() => void metrics.refetch()} />
      ) : (
        <MetricsContent view={metrics.data} filter={filter} />
      )}
    </article>
  );
}

function MetricsContent({ view, filter }: { view: MetricsView; filter: MetricsFilter }) {
  const texts = useMetricsTexts();
  const { lang } = useI18n();
  const number = useNumberFormat();
  if (view.dialogues.length === 0) {
    return (
      <>
        <p className="empty-state">{texts.empty}</p>
        <MetricsDownloads filter={filter} />
      </>
    );
  }
  const months = view.months.map((row) => row.month);
  const ofMonths = (pick: (row: MetricsView['months'][number]) => number) => view.months.map(pick);
  return (
    <>
      <KeyFigures figures={view.total} />
      <section aria-labelledby="metrics-charts-heading" className="page-section metrics-charts">
        <h2 id="metrics-charts-heading">{texts.charts}</h2>
        <BarChart
          title={texts.chartQuestions}
          categoryLabel={texts.month}
          categories={months}
          layout="columns"
          format={number}
          series={[
            { name: texts.figure.questionsAsked, values: ofMonths((row) => row.figures.questionsAsked) },
            { name: texts.figure.questionsAnswered, values: ofMonths((row) => row.figures.questionsAnswered) },
            { name: texts.figure.answeredWithinCutoff, values: ofMonths((row) => row.figures.answeredWithinCutoff) },
          ]}
        />
        <BarChart
          title={texts.chartSuppliers}
          categoryLabel={texts.month}
          categories={months}
          layout="columns"
          format={number}
          series={[
            { name: texts.figure.suppliersEngaged, values: ofMonths((row) => row.figures.suppliersEngaged) },
            { name: texts.figure.smallSuppliersEngaged, values: ofMonths((row) => row.figures.smallSuppliersEngaged) },
            { name: texts.figure.firstTimeSuppliersEngaged, values: ofMonths((row) => row.figures.firstTimeSuppliersEngaged) },
          ]}
        />
        <BarChart
          title={texts.chartArenas}
          categoryLabel={texts.arena}
          categories={view.arenas.map((row) => arenaName(row.id, lang))}
          layout="rows"
          format={number}
          series={[
            { name: texts.figure.questionsAsked, values: view.arenas.map((row) => row.figures.questionsAsked) },
            { name: texts.figure.suppliersEngaged, values: view.arenas.map((row) => row.figures.suppliersEngaged) },
            { name: texts.figure.researchersEngaged, values: view.arenas.map((row) => row.figures.researchersEngaged) },
          ]}
        />
      </section>
      <BuyerTable buyers={view.buyers} />
      <DialogueTable dialogues={view.dialogues} />
      <MetricsDownloads filter={filter} />
    </>
  );
}
