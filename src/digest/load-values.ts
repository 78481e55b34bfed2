// Database values as the digest input wants them.

import type { Level } from '../domain/digest/index.ts';

export const iso = (v: unknown): string => (v instanceof Date ? v : new Date(String(v))).toISOString();
export const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));
export const LEVELS = new Set<Level>(['red', 'orange', 'yellow', 'blue']);
export const asLevel = (v: unknown): Level | null => (LEVELS.has(v as Level) ? (v as Level) : null);
