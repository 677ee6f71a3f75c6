// The OpenAPI 3.1 description of the open data API, served at /api/open/v1/openapi.json. Written
// by hand beside the routes; the test checks that every route is described and every described
// path is served, and that answers carry the fields their schemas require.
import { ARENA_IDS, ATTACHMENT_FILE_TYPE_NAMES, AUDIENCES, CONTRACT_VALUE_BANDS, LANGUAGES, LIBRARY_KINDS, METRIC_NAMES, METRICS_TABLES, PHASES, SESSION_FORMATS, SESSION_STATUSES } from '@dialogforum/contracts';
import type { ExportPublisher } from '../exports/export-publisher.ts';

const string = { type: 'string' } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const nullable = (schema: object) => ({ oneOf: [schema, { type: 'null' }] });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const object = (properties: Record<string, object>, required = Object.keys(properties)) => ({ type: 'object', properties, required });

const cursor = { name: 'cursor', in: 'query', required: false, description: 'The `next` cursor of the page before (opaque).', schema: string };
const limit = { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 } };
const dialogueId = { name: 'dialogueId', in: 'path', required: true, schema: string };

const month = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } as const;
const metricsFilters = [
  { name: 'arena', in: 'query', required: false, schema: { enum: ARENA_IDS } },
  { name: 'buyer', in: 'query', required: false, description: 'A buyer organisation’s id: its dialogues, jointly owned ones included.', schema: string },
  { name: 'from', in: 'query', required: false, description: 'First month of the period (Swedish time), e.g. 2026-01.', schema: month },
  { name: 'to', in: 'query', required: false, description: 'Last month of the period, included.', schema: month },
];

const page = (item: string) => object({ data: { type: 'array', items: ref(item) }, next: nullable({ type: 'string', format: 'uri' }) });

const ok = (description: string, schema: object) => ({
  200: { description, content: { 'application/json': { schema } } },
  400: { $ref: '#/components/responses/Invalid' },
  429: { $ref: '#/components/responses/RateLimited' },
});
const okOrMissing = (description: string, schema: object) => ({ ...ok(description, schema), 404: { $ref: '#/components/responses/NotFound' } });

/** `publisher`: the operating agency, named as the API's contact (OpenAPI's place for who answers for it). */
export function openApiDocument(serverUrl: string, publisher: ExportPublisher) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Dialogforum open data',
      version: '1.0.0',
      description:
        'Read-only, anonymous access to public innovation-procurement dialogues, their published questions and official answers, dialogue sessions, arena figures, the public library and the relay handovers (pionjärstafett). Askers appear as pseudonyms, buyers as their organisation; nothing waiting in a buyer’s inbox or answered privately is ever included. Lists are paged: follow `next` (also sent as a `Link: rel="next"` header). Requests are counted per address; over the limit the answer is 429 with `Retry-After`.',
      license: { name: 'CC0-1.0', identifier: 'CC0-1.0' },
      contact: {
        name: publisher.organisationNumber ? `${publisher.name} (org.nr ${publisher.organisationNumber})` : publisher.name,
        ...(publisher.email ? { email: publisher.email } : {}),
        ...(publisher.website ? { url: publisher.website } : {}),
      },
    },
    servers: [{ url: serverUrl }],
    paths: {
      '/openapi.json': { get: { operationId: 'openapi', summary: 'This description', responses: { 200: { description: 'OpenAPI 3.1 document' } } } },
      '/dialogues': {
        get: {
          operationId: 'listDialogues',
          summary: 'Public dialogues, newest first',
          parameters: [
            { name: 'arena', in: 'query', required: false, schema: { enum: ARENA_IDS } },
            { name: 'archived', in: 'query', required: false, schema: { enum: ['true', 'false'], default: 'false' } },
            cursor,
            limit,
          ],
          responses: ok('A page of dialogues', page('DialogueSummary')),
        },
      },
      '/dialogues/{dialogueId}': { get: { operationId: 'getDialogue', summary: 'One public dialogue', parameters: [dialogueId], responses: okOrMissing('The dialogue', ref('Dialogue')) } },
      '/dialogues/{dialogueId}/questions': {
        get: {
          operationId: 'listQuestions',
          summary: 'Published questions with their official answers, in order of publication',
          parameters: [dialogueId, cursor, limit],
          responses: okOrMissing('A page of questions', page('Question')),
        },
      },
      '/dialogues/{dialogueId}/sessions': {
        get: { operationId: 'listSessions', summary: 'The dialogue’s sessions', parameters: [dialogueId], responses: okOrMissing('Sessions, earliest first', page('Session')) },
      },
      '/dialogues/{dialogueId}/ocds': {
        get: {
          operationId: 'ocdsEnquiries',
          summary: 'The published questions and answers as an OCDS release with the enquiries extension',
          parameters: [dialogueId, { name: 'language', in: 'query', required: false, schema: { enum: LANGUAGES, default: 'sv' } }],
          responses: okOrMissing('An OCDS release', { type: 'object', required: ['ocid', 'id', 'date', 'tag', 'tender'] }),
        },
      },
      '/arenas': { get: { operationId: 'listArenas', summary: 'Every sector arena with its figures', responses: ok('The arenas', page('ArenaFigures')) } },
      '/arenas/{arenaId}': {
        get: {
          operationId: 'getArena',
          summary: 'One arena: figures, current and past dialogues, coming sessions',
          parameters: [{ name: 'arenaId', in: 'path', required: true, schema: { enum: ARENA_IDS } }],
          responses: okOrMissing('The arena', ref('Arena')),
        },
      },
      '/library': {
        get: {
          operationId: 'listLibrary',
          summary: 'Public library items (not withdrawn), newest first, with their files',
          parameters: [
            { name: 'arena', in: 'query', required: false, schema: { enum: ARENA_IDS } },
            { name: 'kind', in: 'query', required: false, schema: { enum: LIBRARY_KINDS } },
            { name: 'audience', in: 'query', required: false, schema: { enum: AUDIENCES } },
            { name: 'language', in: 'query', required: false, schema: { enum: LANGUAGES } },
            cursor,
            limit,
          ],
          responses: ok('A page of library items', page('LibraryItem')),
        },
      },
      '/relays': {
        get: {
          operationId: 'listRelayHandovers',
          summary: 'Public relay handovers (pionjärstafett, not withdrawn), newest first: what a project procured and learned, for the projects that take the baton',
          parameters: [{ name: 'arena', in: 'query', required: false, schema: { enum: ARENA_IDS } }, cursor, limit],
          responses: ok('A page of relay handovers', page('RelayHandover')),
        },
      },
      '/consortia': {
        get: {
          operationId: 'listConsortia',
          summary: 'Public consortia (every confirmed member chose public), newest first: the lead organisation and how many have confirmed. A consortium kept to the buyer is never listed; a page may hold fewer entries than the limit',
          parameters: [{ name: 'arena', in: 'query', required: false, schema: { enum: ARENA_IDS } }, cursor, limit],
          responses: ok('A page of public consortia', page('Consortium')),
        },
      },
      '/opportunities': {
        get: {
          operationId: 'listOpportunities',
          summary: 'Open opportunities to form consortia for (a research facility’s upcoming procurement, or a public dialogue), newest first; withdrawn ones are left out',
          parameters: [{ name: 'arena', in: 'query', required: false, schema: { enum: ARENA_IDS } }, cursor, limit],
          responses: ok('A page of opportunities', page('Opportunity')),
        },
      },
      '/library/{itemId}': {
        get: {
          operationId: 'getLibraryItem',
          summary: 'One public library item with its current text, its versions and its files',
          parameters: [{ name: 'itemId', in: 'path', required: true, schema: string }],
          responses: okOrMissing('The item', ref('LibraryItemWithBody')),
        },
      },
      '/metrics': {
        get: {
          operationId: 'getMetrics',
          summary: 'Innovation metrics: totals, by month, by arena and by buyer',
          description:
            'Counted from the event log over public dialogues only: published questions and their first official answer (never the inbox or private answers), sessions held with the people registered when they began, one-to-one meetings whose minutes were published, and the outcome buyers recorded. Suppliers and researchers are counted as organisations; small means micro, small or medium-sized as the organisation declared; first-time means its first engagement in any public dialogue.',
          parameters: metricsFilters,
          responses: ok('The figures', ref('Metrics')),
        },
      },
      '/metrics/dialogues': {
        get: {
          operationId: 'listMetricsDialogues',
          summary: 'Innovation metrics per public dialogue, newest first',
          parameters: [...metricsFilters, cursor, limit],
          responses: ok('A page of dialogues with their figures, and who publishes them', {
            ...page('MetricsDialogue'),
            properties: { ...page('MetricsDialogue').properties, publisher: ref('Publisher') },
            required: ['data', 'next', 'publisher'],
          }),
        },
      },
      '/metrics.csv': {
        get: {
          operationId: 'getMetricsCsv',
          summary: 'The innovation metrics as CSV, one table at a time',
          parameters: [...metricsFilters, { name: 'table', in: 'query', required: false, schema: { enum: METRICS_TABLES, default: 'months' } }],
          responses: {
            200: { description: 'RFC 4180 CSV, UTF-8 with a byte-order mark; the columns are the figures’ names', content: { 'text/csv': { schema: string } } },
            400: { $ref: '#/components/responses/Invalid' },
            429: { $ref: '#/components/responses/RateLimited' },
          },
        },
      },
    },
    components: {
      schemas: {
        MetricFigures: object({
          ...Object.fromEntries(METRIC_NAMES.map((name) => [name, name === 'medianHoursToAnswer' ? nullable({ type: 'number', minimum: 0 }) : { type: 'integer', minimum: 0 }])),
          contractValueBands: object(Object.fromEntries(CONTRACT_VALUE_BANDS.map((band) => [band, { type: 'integer', minimum: 0 }]))),
        }),
        Metrics: object({
          filter: object({ arenaId: { enum: ARENA_IDS }, buyerId: string, from: month, to: month }, []),
          total: ref('MetricFigures'),
          months: { type: 'array', items: object({ month, figures: ref('MetricFigures') }) },
          arenas: { type: 'array', items: object({ id: { enum: ARENA_IDS }, figures: ref('MetricFigures') }) },
          buyers: { type: 'array', items: object({ id: string, name: string, figures: ref('MetricFigures') }) },
          buyerChoices: { type: 'array', items: object({ id: string, name: string }) },
          publisher: ref('Publisher'),
        }),
        Publisher: {
          ...object({ name: string, organisationNumber: nullable(string), email: nullable(string), postalAddress: nullable(string), website: nullable(string) }),
          description: 'The agency that operates this service and publishes the figures (its OPERATOR_* settings).',
        },
        MetricsDialogue: object({
          id: string,
          title: string,
          arenaId: { enum: ARENA_IDS },
          buyers: { type: 'array', items: object({ id: string, name: string }) },
          outcome: nullable(
            object({ procuredInnovation: { type: 'boolean' }, newToMarket: { type: 'boolean' }, contractValueBand: { enum: CONTRACT_VALUE_BANDS }, recordedAt: dateTime }),
          ),
          figures: ref('MetricFigures'),
        }),
        Author: {
          oneOf: [
            object({ kind: { const: 'supplier' }, pseudonym: string }),
            object({ kind: { const: 'organisation' }, name: string }),
          ],
        },
        RecordedAct: nullable(object({ at: dateTime, reason: string })),
        DialogueSummary: object({
          id: string,
          title: string,
          arena: { enum: ARENA_IDS },
          phase: { enum: PHASES },
          questionDeadline: dateTime,
          owners: { type: 'array', items: object({ id: string, name: string }) },
          createdAt: dateTime,
          archivedAt: nullable(dateTime),
          links: object({ self: string, questions: string, sessions: string, ocds: string }),
        }),
        Dialogue: {
          allOf: [
            ref('DialogueSummary'),
            object({
              description: string,
              qaMode: { enum: ['open', 'moderated'] },
              referenceNumber: nullable(string),
              cpvCodes: { type: 'array', items: string },
              milestones: { type: 'array', items: object({ label: string, at: dateTime }) },
              tenderDeadline: nullable(dateTime),
              accelerated: { type: 'boolean' },
              supplementaryCutoff: nullable(dateTime),
            }),
          ],
        },
        Post: object({ id: string, author: ref('Author'), body: nullable(string), createdAt: dateTime, editedAt: nullable(dateTime), hidden: ref('RecordedAct') }),
        Question: object({
          number: { type: 'integer', minimum: 1 },
          id: string,
          title: nullable(string),
          publishedAt: nullable(dateTime),
          answered: { type: 'boolean' },
          locked: ref('RecordedAct'),
          question: ref('Post'),
          answers: {
            type: 'array',
            items: {
              allOf: [
                ref('Post'),
                object({ corrected: { type: 'boolean' }, versions: { type: 'array', items: object({ body: string, at: dateTime, note: nullable(string) }) } }),
              ],
            },
          },
          comments: { type: 'array', items: ref('Post') },
        }),
        Session: object({
          id: string,
          dialogueId: string,
          title: string,
          startsAt: dateTime,
          endsAt: dateTime,
          timeZone: string,
          format: { enum: SESSION_FORMATS },
          status: { enum: SESSION_STATUSES },
          capacity: { type: 'integer' },
          registeredCount: { type: 'integer' },
        }),
        Figures: object({
          dialogues: { type: 'integer' },
          openDialogues: { type: 'integer' },
          publishedQuestions: { type: 'integer' },
          answeredQuestions: { type: 'integer' },
          answeredShare: nullable({ type: 'number', minimum: 0, maximum: 1 }),
          libraryItems: { type: 'integer' },
        }),
        ArenaFigures: object({ id: { enum: ARENA_IDS }, name: object({ sv: string, en: string }), figures: ref('Figures') }),
        Arena: object({
          id: { enum: ARENA_IDS },
          name: object({ sv: string, en: string }),
          figures: ref('Figures'),
          currentDialogues: { type: 'array', items: ref('DialogueSummary') },
          pastDialogues: { type: 'array', items: { allOf: [ref('DialogueSummary'), object({ publishedQuestions: { type: 'integer' }, answeredQuestions: { type: 'integer' } })] } },
          upcomingSessions: { type: 'array', items: ref('Session') },
        }),
        LibraryItem: object({
          id: string,
          kind: { enum: LIBRARY_KINDS },
          arenas: { type: 'array', items: { enum: ARENA_IDS } },
          audiences: { type: 'array', items: { enum: AUDIENCES } },
          language: { enum: LANGUAGES },
          title: string,
          summary: string,
          publisher: nullable(string),
          publishedAt: dateTime,
          updatedAt: dateTime,
          version: { type: 'integer' },
          withdrawal: ref('RecordedAct'),
          files: { type: 'array', description: 'The item’s files, oldest first. Always empty for a withdrawn item (its files are no longer served).', items: ref('LibraryFile') },
          links: object({ self: string }),
        }),
        LibraryFile: object({
          id: string,
          name: string,
          type: { enum: ATTACHMENT_FILE_TYPE_NAMES },
          size: { type: 'integer', description: 'Bytes' },
          version: { type: 'integer', description: 'The item’s version that was current when the file was attached; every later version has it too.' },
          addedAt: dateTime,
          download: { type: 'string', format: 'uri', description: 'Anyone may download it while the item is public and not withdrawn.' },
        }),
        LibraryItemWithBody: {
          allOf: [ref('LibraryItem'), object({ body: string, versions: { type: 'array', items: object({ version: { type: 'integer' }, at: dateTime, title: string, note: nullable(string) }) } })],
        },
        RelayHandover: object({
          id: string,
          title: string,
          arena: { enum: ARENA_IDS },
          buyer: string,
          createdAt: dateTime,
          dialogues: { type: 'array', items: object({ id: string, title: string, links: object({ self: string }) }) },
          takenFrom: { type: 'array', items: string, description: 'Ids of the earlier projects whose baton this one took' },
          handover: object({
            stage: string,
            procured: string,
            dialogue: string,
            worked: string,
            didNotWork: string,
            risks: string,
            financing: string,
            version: { type: 'integer' },
            publishedAt: dateTime,
            updatedAt: dateTime,
            versions: { type: 'array', items: object({ version: { type: 'integer' }, at: dateTime, stage: string, note: nullable(string) }) },
          }),
        }),
        Consortium: object({
          id: string,
          name: string,
          opportunity: object({ id: string, title: string }),
          lead: object({ id: string, name: string, kind: string }),
          confirmedCount: { type: 'integer', description: 'Confirmed organisations, the lead included' },
          createdAt: dateTime,
        }),
        Opportunity: object({
          id: string,
          title: string,
          source: { enum: ['facility', 'dialogue'] },
          facility: nullable(string),
          arena: { enum: ARENA_IDS },
          expectedAt: nullable(string),
          publishedAt: dateTime,
          version: { type: 'integer', description: 'Raised by every edit of a research facility’s opportunity' },
          interestedCount: { type: 'integer' },
          links: object({ dialogue: string }, []),
        }),
        Error: object({ error: object({ message: string, data: object({ appCode: string, httpStatus: { type: 'integer' } }) }) }),
      },
      responses: {
        Invalid: { description: 'A parameter is invalid (`appCode` VALIDATION, with `fieldIssues`)', content: { 'application/json': { schema: ref('Error') } } },
        NotFound: { description: 'No such thing, or not public (the two answer alike)', content: { 'application/json': { schema: ref('Error') } } },
        RateLimited: { description: 'Too many requests from this address; see `Retry-After`', content: { 'application/json': { schema: ref('Error') } } },
      },
    },
  };
}
