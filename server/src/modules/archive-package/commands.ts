// Every export of a dialogue's archive package is on the audit trail: who took the dialogue's whole
// record, askers' names included, and when. The event is committed before the first byte is sent,
// so no package leaves without its line in the log.
import { AppError } from '../../platform/app-error.ts';
import type { Clock } from '../../platform/clock.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayExportArchivePackage } from '../../platform/policy/policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { dialogueAccessFacts } from '../dialogues/queries.ts';

export type PackageExportDeps = { store: DocumentStore; clock: Clock; onCommit: () => void };

export async function recordPackageExport(deps: PackageExportDeps, actor: Actor | null, dialogueId: string, exportedAt: string): Promise<void> {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Log in first');
  if (!mayExportArchivePackage(actor)) throw new AppError('FORBIDDEN', 'Only operators export archive packages');
  await deps.store.withTransaction(async (scope) => {
    if (!(await dialogueAccessFacts(scope, dialogueId))) throw new AppError('NOT_FOUND', 'No such dialogue');
    await appendEvent(scope, 'dialogue.archive_package_exported', dialogueId, { dialogueId, by: actor.userId }, exportedAt);
  });
  deps.onCommit();
}
