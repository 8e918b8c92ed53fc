export * from './schemas';
export * from './errors';
export * from './countries';
export type * from './contact-lists';
export * from './runtime';
export * from './settings';
export { z } from './zod';
