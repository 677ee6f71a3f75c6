/** Time as the product sees it; tests move it to cross a question deadline without waiting. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };
