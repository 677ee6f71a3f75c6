// hono, @hono/node-server and mingo are dependencies of server/, not of the workspace root, so a
// bare import from tests/load does not resolve. They are loaded here from server/node_modules (the
// same copies the server runs), typed by their own declaration files.
import { createRequire } from 'node:module';
import type * as NodeServerModule from '../../../server/node_modules/@hono/node-server/dist/index.mjs';
import type * as HonoModule from '../../../server/node_modules/hono/dist/types/index.js';
import type * as MingoModule from '../../../server/node_modules/mingo/types/index.js';

const requireFromServer = createRequire(new URL('../../../server/package.json', import.meta.url));

// As the server loads them: mingo through its "node" (CommonJS) export, hono and its adapter as ESM.
export const { Query } = requireFromServer('mingo') as typeof MingoModule;
export const { Hono } = (await import('../../../server/node_modules/hono/dist/index.js' as string)) as typeof HonoModule;
export const { serve } = (await import('../../../server/node_modules/@hono/node-server/dist/index.mjs' as string)) as typeof NodeServerModule;
export type Hono = HonoModule.Hono;
