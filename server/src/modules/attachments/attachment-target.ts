// Where an upload goes, checked against the policy: before the body is read (so a refusal costs no
// upload), and again inside the transaction that records it (the dialogue or answer may have
// changed meanwhile). Something the uploader may not see answers as if it did not exist.
import type { AttachmentTarget } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayAttachTo, takesAttachments } from '../../platform/policy/attachment-policy.ts';
import type { MemberActor } from '../../platform/policy/policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import type { DialogueDocument } from '../dialogues/documents.ts';
import { visibleDialogue } from '../dialogues/queries.ts';
import type { PostDocument, ThreadDocument } from '../threads/documents.ts';
import { visiblePost, visibleThread } from '../threads/thread-access.ts';

type Readable = Pick<DocumentStore, 'collection'>;

export type ResolvedTarget =
  | { target: 'toDialogue'; dialogue: DialogueDocument }
  | { target: 'toAnswer'; dialogue: DialogueDocument; thread: ThreadDocument; post: PostDocument }
  | { target: 'draftForThread'; dialogue: DialogueDocument; thread: ThreadDocument };

export async function resolveTarget(store: Readable, actor: MemberActor | Actor, target: AttachmentTarget, id: string): Promise<ResolvedTarget> {
  switch (target) {
    case 'toDialogue': {
      const dialogue = await visibleDialogue(store, actor, id);
      refuseUnlessBuyer(actor, dialogue);
      return { target, dialogue };
    }
    case 'toAnswer': {
      const { dialogue, thread, post } = await visiblePost(store, actor, id);
      refuseUnlessBuyer(actor, dialogue);
      if (!takesAttachments(post)) throw new AppError('FORBIDDEN', 'Files are attached to official answers');
      return { target, dialogue, thread, post };
    }
    case 'draftForThread': {
      const { dialogue, thread } = await visibleThread(store, actor, id);
      refuseUnlessBuyer(actor, dialogue);
      return { target, dialogue, thread };
    }
  }
}

function refuseUnlessBuyer(actor: Actor, dialogue: DialogueDocument): void {
  if (!mayAttachTo(actor, dialogue)) throw new AppError('FORBIDDEN', 'Only the buyers of this dialogue attach files');
}
