import { searchInput, type SearchHitView } from '@dialogforum/contracts';
import { byAddress, checkRateLimit } from '../../platform/http/rate-limited.ts';
import { publicProcedure, router } from '../../platform/http/trpc.ts';
import { visibleDialogueVisibilities } from '../../platform/policy/policy.ts';

export const searchRouter = router({
  query: publicProcedure.input(searchInput).query(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'searchPerAddress', byAddress);
    const result = await ctx.services.search.search({
      text: input.q,
      limit: input.limit,
      // Dialogues for registered users are found only by registered users.
      visibilities: visibleDialogueVisibilities(ctx.actor),
    });
    const hits: SearchHitView[] = result.hits.map((hit) => ({
      id: hit.id,
      kind: hit.kind,
      dialogueId: hit.dialogueId,
      threadId: hit.threadId,
      title: hit.title,
      snippet: hit.snippet,
    }));
    return { hits, total: result.total };
  }),
});
