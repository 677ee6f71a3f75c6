export * from './arenas.ts';
export * from './inputs.ts';
export * from './views.ts';
export * from './errors.ts';
export * from './realtime.ts';
export * from './field-issues.ts';
export * from './organisation-number.ts';
export * from './organisations.ts';
