// How many tRPC calls one HTTP request may carry. The browser batches the queries a page makes in
// the same tick; clicking through every page in the e2e tests, it never sent more than 4 in one
// request. The client never sends more than this (httpBatchLink's maxItems splits larger batches);
// the server refuses a larger batch before any call runs (BATCH_TOO_LARGE), since each call costs
// server time and one request could otherwise carry hundreds.
export const MAX_CALLS_PER_REQUEST = 10;
