// GET /exports/dialogues/:dialogueId/archive.zip — a dialogue's archive package, for operators
// (moderators and admins) alone: anyone else is refused before the dialogue is looked up, so the
// route tells them nothing about which dialogues exist. Everything in it is read first, then the
// export is put on the audit trail, then the ZIP streams out (attached files read as they are
// packed), with the manifest last. A file that cannot be read ends the download with an error
// rather than a short package that looks whole.
import { Readable } from 'node:stream';
import { ARCHIVE_PACKAGE_ROUTE, idSchema } from '@dialogforum/contracts';
import type { Context, Hono } from 'hono';
import { AppError } from '../../platform/app-error.ts';
import { attachmentDisposition } from '../../platform/http/content-disposition.ts';
import { refusalResponse } from '../../platform/http/error-shape.ts';
import { getOnly } from '../../platform/http/get-only.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayExportArchivePackage } from '../../platform/policy/policy.ts';
import type { Services } from '../../platform/services.ts';
import { downloadName } from '../exports/download-name.ts';
import { qaPdf } from '../exports/qa-pdf.ts';
import { readQaRecord } from '../exports/qa-record.ts';
import { RECORD_TEXTS } from '../exports/record-texts.ts';
import { recordPackageExport } from './commands.ts';
import { readPackageContents, type PackageContents } from './package-contents.ts';
import { PACKAGE_FILES, packageIndex, readmeText, type PackageFacts } from './package-index.ts';
import { PackageWriter } from './package-writer.ts';

/** Against the person's export budget: a package holds a PDF and every file, so it costs as much as several exports. */
const PACKAGE_COST = 10;

export type PackageRouteDeps = { services: Services; actorOf: (c: Context) => Promise<Actor | null> };

export function archivePackageRoute(http: Hono, deps: PackageRouteDeps): void {
  http.get(ARCHIVE_PACKAGE_ROUTE, getOnly((c) => packageResponse(c, deps)));
}

async function packageResponse(c: Context, { services, actorOf }: PackageRouteDeps): Promise<Response> {
  const actor = await actorOf(c);
  if (!actor) return refusalResponse('UNAUTHENTICATED', 'Log in first');
  if (!mayExportArchivePackage(actor)) return refusalResponse('FORBIDDEN', 'Only operators export archive packages');
  const spent = await services.rateLimiters.exportsPerPerson.take(`user:${actor.userId}`, PACKAGE_COST);
  if (!spent.allowed) return refusalResponse('RATE_LIMITED', 'Too many exports; try again later', spent.retryAfterSeconds);

  const dialogueId = c.req.param('dialogueId') ?? '';
  const exportedAt = services.clock.now().toISOString();
  let contents: PackageContents;
  let pdf: Buffer;
  try {
    const found = idSchema.safeParse(dialogueId).success ? await readPackageContents(services.store, dialogueId) : null;
    if (!found) throw new AppError('NOT_FOUND', 'No such dialogue');
    contents = found;
    pdf = await qaPdf(await readQaRecord(services.store, services.clock, actor, dialogueId), RECORD_TEXTS.sv, services.config.operator);
    await recordPackageExport(services, actor, dialogueId, exportedAt);
  } catch (error) {
    if (error instanceof AppError) return refusalResponse(error.appCode, error.message);
    throw error;
  }

  const facts = packageFacts(services, actor, contents, exportedAt);
  const writer = new PackageWriter(new Date(exportedAt));
  const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
  writer.addBytes(PACKAGE_FILES.readme, Buffer.from(readmeText(facts), 'utf8'));
  writer.addBytes(PACKAGE_FILES.index, json(packageIndex(facts)));
  writer.addBytes(PACKAGE_FILES.dialogue, json(contents.dialogue));
  writer.addBytes(PACKAGE_FILES.questions, json(contents.questions));
  writer.addBytes(PACKAGE_FILES.flags, json(contents.flags));
  writer.addBytes(PACKAGE_FILES.sessions, json(contents.sessions));
  writer.addBytes(PACKAGE_FILES.meetings, json(contents.meetings));
  writer.addBytes(PACKAGE_FILES.attachments, json(contents.attachments));
  writer.addBytes(PACKAGE_FILES.audit, json(contents.audit));
  writer.addBytes(PACKAGE_FILES.parties, json(contents.parties));
  writer.addBytes(PACKAGE_FILES.pdf, pdf);
  for (const file of contents.files) {
    writer.addStream(file.path, async () => {
      const stream = await services.blobs.read(file.blobId);
      // A record is written only after its blob is durable, and blobs with a record are never swept.
      if (!stream) throw new Error(`attachment blob ${file.blobId} is missing`);
      return stream;
    });
  }
  writer.finish();
  writer.output.on('error', (error) => services.logger.error({ err: error, dialogueId }, 'archive package failed while streaming'));

  const name = downloadName(['Arkivpaket', contents.dialogue.dialogue.title, RECORD_TEXTS.sv.day(exportedAt)], 'zip');
  return new Response(Readable.toWeb(writer.output) as ReadableStream<Uint8Array>, {
    status: 200,
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': attachmentDisposition(name),
      'X-Content-Type-Options': 'nosniff',
      // It names askers: no cache anywhere keeps a copy.
      'Cache-Control': 'private, no-store',
    },
  });
}

function packageFacts(services: Services, actor: Actor, contents: PackageContents, exportedAt: string): PackageFacts {
  const { dialogue } = contents.dialogue;
  return {
    operator: services.config.operator,
    dialogue: { id: dialogue.id, title: dialogue.title, referenceNumber: dialogue.referenceNumber, owners: contents.ownerNames },
    exportedAt,
    exportedBy: { id: actor.userId, name: actor.name },
    counts: {
      questions: contents.questions.questions.length,
      attachments: contents.attachments.attachments.length,
      sessions: contents.sessions.sessions.length,
      meetingRounds: contents.meetings.rounds.length,
      auditEntries: contents.audit.entries.length,
    },
  };
}
