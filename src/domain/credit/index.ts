export * from './config.ts';
export * from './states.ts';
export * from './deadlines.ts';
export * from './machine.ts';
export * from './candidate.ts';
