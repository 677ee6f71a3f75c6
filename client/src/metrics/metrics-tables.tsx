// The dashboard's figures in words and tables: the key figures of the selection, then each buyer's
// and each dialogue's figures. Numbers are formatted in the reader's language.
import type { MetricFigures, MetricsDialogueRow, MetricsView } from '@dialogforum/contracts';
import { arenaName } from '../arena-names.ts';
import { Cell, DataTable, Row } from '../ui/data-table.tsx';
import { withParams, useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { useMetricsTexts, type MetricsTexts } from './metrics-texts.ts';

export function useNumberFormat(): (value: number) => string {
  const { lang } = useI18n();
  const format = new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 });
  return (value) => format.format(value);
}

function medianText(figures: MetricFigures, texts: MetricsTexts, number: (value: number) => string): string {
  return figures.medianHoursToAnswer === null ? texts.noAnswers : withParams(texts.hours, { value: number(figures.medianHoursToAnswer) });
}

export function KeyFigures({ figures }: { figures: MetricFigures }) {
  const texts = useMetricsTexts();
  const number = useNumberFormat();
  const names = texts.figure;
  const rows: [string, string, boolean][] = [
    [names.dialogues, number(figures.dialogues), false],
    [names.suppliersEngaged, number(figures.suppliersEngaged), false],
    [names.smallSuppliersEngaged, number(figures.smallSuppliersEngaged), true],
    [names.firstTimeSuppliersEngaged, number(figures.firstTimeSuppliersEngaged), true],
    [names.researchersEngaged, number(figures.researchersEngaged), false],
    [names.questionsAsked, number(figures.questionsAsked), false],
    [names.questionsAnswered, number(figures.questionsAnswered), false],
    [names.medianHoursToAnswer, medianText(figures, texts, number), false],
    [names.answeredWithinCutoff, withParams(texts.ofAnswered, { count: number(figures.answeredWithinCutoff), total: number(figures.questionsAnswered) }), false],
    [names.sessionsHeld, number(figures.sessionsHeld), false],
    [names.sessionAttendance, number(figures.sessionAttendance), false],
    [names.meetingsWithMinutes, number(figures.meetingsWithMinutes), false],
    [names.outcomesRecorded, number(figures.outcomesRecorded), false],
    [names.innovationsProcured, number(figures.innovationsProcured), true],
    [names.newToMarket, number(figures.newToMarket), true],
  ];
  return (
    <section aria-labelledby="metrics-key-heading" className="page-section">
      <h2 id="metrics-key-heading">{texts.keyFigures}</h2>
      <dl className="figures metrics-figures">
        {rows.map(([label, value, part]) => (
          <div key={label} className={part ? 'figure-part' : undefined}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function BuyerTable({ buyers }: { buyers: MetricsView['buyers'] }) {
  const texts = useMetricsTexts();
  const number = useNumberFormat();
  const names = texts.figure;
  const columns = [texts.buyer, names.suppliersEngaged, names.questionsAsked, names.questionsAnswered, names.medianHoursToAnswer, names.sessionsHeld, names.meetingsWithMinutes, names.outcomesRecorded];
  return (
    <section aria-labelledby="metrics-buyers-heading" className="page-section">
      <h2 id="metrics-buyers-heading">{texts.byBuyer}</h2>
      <div className="table-scroll" role="region" aria-labelledby="metrics-buyers-heading" tabIndex={0}>
        <DataTable caption={texts.byBuyer} captionHidden columns={columns}>
          {buyers.map((buyer) => (
            <Row key={buyer.id}>
              <Cell label={columns[0]!} rowHeader>
                <Link to={`/organisations/${buyer.id}`}>{buyer.name}</Link>
              </Cell>
              <Cell label={columns[1]!}>{number(buyer.figures.suppliersEngaged)}</Cell>
              <Cell label={columns[2]!}>{number(buyer.figures.questionsAsked)}</Cell>
              <Cell label={columns[3]!}>{number(buyer.figures.questionsAnswered)}</Cell>
              <Cell label={columns[4]!}>{medianText(buyer.figures, texts, number)}</Cell>
              <Cell label={columns[5]!}>{number(buyer.figures.sessionsHeld)}</Cell>
              <Cell label={columns[6]!}>{number(buyer.figures.meetingsWithMinutes)}</Cell>
              <Cell label={columns[7]!}>{number(buyer.figures.outcomesRecorded)}</Cell>
            </Row>
          ))}
        </DataTable>
      </div>
    </section>
  );
}

function outcomeText(row: MetricsDialogueRow, texts: MetricsTexts): string {
  if (!row.outcome) return texts.noOutcome;
  const { procuredInnovation, newToMarket, contractValueBand } = row.outcome;
  return [
    `${texts.procuredInnovation} ${procuredInnovation ? texts.yes : texts.no}`,
    `${texts.newToMarketQuestion} ${newToMarket ? texts.yes : texts.no}`,
    texts.band[contractValueBand],
  ].join(' ');
}

export function DialogueTable({ dialogues }: { dialogues: MetricsDialogueRow[] }) {
  const texts = useMetricsTexts();
  const { lang } = useI18n();
  const number = useNumberFormat();
  const names = texts.figure;
  const columns = [
    texts.dialogue,
    texts.arena,
    names.suppliersEngaged,
    names.questionsAsked,
    names.questionsAnswered,
    names.answeredWithinCutoff,
    names.sessionsHeld,
    names.meetingsWithMinutes,
    texts.outcome,
  ];
  return (
    <section aria-labelledby="metrics-dialogues-heading" className="page-section">
      <h2 id="metrics-dialogues-heading">{texts.byDialogue}</h2>
      <div className="table-scroll" role="region" aria-labelledby="metrics-dialogues-heading" tabIndex={0}>
        <DataTable caption={texts.byDialogue} captionHidden columns={columns}>
          {dialogues.map((row) => (
            <Row key={row.id}>
              <Cell label={columns[0]!} rowHeader>
                <Link to={`/dialogues/${row.id}`}>{row.title}</Link>
              </Cell>
              <Cell label={columns[1]!}>{arenaName(row.arenaId, lang)}</Cell>
              <Cell label={columns[2]!}>{number(row.figures.suppliersEngaged)}</Cell>
              <Cell label={columns[3]!}>{number(row.figures.questionsAsked)}</Cell>
              <Cell label={columns[4]!}>{number(row.figures.questionsAnswered)}</Cell>
              <Cell label={columns[5]!}>{number(row.figures.answeredWithinCutoff)}</Cell>
              <Cell label={columns[6]!}>{number(row.figures.sessionsHeld)}</Cell>
              <Cell label={columns[7]!}>{number(row.figures.meetingsWithMinutes)}</Cell>
              <Cell label={columns[8]!}>{outcomeText(row, texts)}</Cell>
            </Row>
          ))}
        </DataTable>
      </div>
    </section>
  );
}
