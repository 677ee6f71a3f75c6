// The procedures one /trpc request calls, read from its URL the way tRPC reads them: the path after
// /trpc/, percent-decoded, split at commas when the request is a batch (`?batch=1`). Read before tRPC
// runs, so that limits can refuse a request without parsing its input or running anything.
const PREFIX = '/trpc/';

export function calledProcedures(requestUrl: string): string[] {
  const url = new URL(requestUrl);
  if (!url.pathname.startsWith(PREFIX)) return [];
  const raw = url.pathname.slice(PREFIX.length);
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    // tRPC refuses a path it cannot decode; counting the raw commas is enough until then.
    path = raw;
  }
  return url.searchParams.get('batch') === '1' ? path.split(',') : [path];
}
