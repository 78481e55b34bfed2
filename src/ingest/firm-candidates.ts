import { sql, type Expression, type SqlBool } from 'kysely';
import type { Scope } from '../domain/jurisdiction.ts';
import { placeInScope } from '../firms/firms-repo.ts';

// Which firms a record may resolve to. A record stays inside the importing
// user's jurisdiction, and inside its own district when it names one, so a
// name in one district's file never pulls the record (and the petitioner's
// personal data) to a firm of another. An alias added by a district user
// counts only for records of that district. This is the one home of that
// rule; the resolver applies it to every query it makes.

/** Where a record's firm may be: a jurisdiction, or null when nowhere fits (the importer's and the record's districts differ). */
export type CandidateScope = Scope | null;

export const EVERYWHERE: Scope = { kind: 'all' };

/** The importer's jurisdiction narrowed to the record's district (null: the record names none). */
export function candidateScope(importer: Scope, recordDistrict: string | null): CandidateScope {
  if (importer.kind === 'all')
    return recordDistrict === null ? EVERYWHERE : { kind: 'district', district: recordDistrict, streets: [] };
  if (recordDistrict !== null && recordDistrict !== importer.district) return null;
  return importer;
}

/** A stable key of a candidate scope, for caching resolutions per scope. */
export const candidateKey = (s: CandidateScope): string =>
  s === null ? '!' : s.kind === 'all' ? '*' : `${s.district}/${[...s.streets].sort().join(',')}`;

/** Firms (the table or an alias of it named `table`) a record may resolve to. */
export function firmCandidates(s: CandidateScope, table = 'firms'): Expression<SqlBool> {
  return s === null ? sql<SqlBool>`false` : placeInScope(s, table);
}

/** Aliases (table `firm_aliases`, or `table`) that count in the scope: city-wide ones, and the scope district's own. */
export function aliasCandidates(s: CandidateScope, table = 'firm_aliases'): Expression<SqlBool> {
  const district = sql.ref(`${table}.district`);
  if (s === null) return sql<SqlBool>`false`;
  if (s.kind === 'all') return sql<SqlBool>`${district} is null`;
  return sql<SqlBool>`(${district} is null or ${district} = ${s.district})`;
}

/** A record's candidate scope as two staging cells: none (nowhere fits), or the district it is narrowed to (null: everywhere). */
export function scopeCells(s: CandidateScope): { none: boolean; district: string | null } {
  if (s === null) return { none: true, district: null };
  return { none: false, district: s.kind === 'all' ? null : s.district };
}

/**
 * firmCandidates for set-based resolution: each staged record (table
 * `stage`) carries its own scope as scopeCells; the streets can only be
 * the importer's (a record narrows to a district, never to streets).
 */
export function stagedFirmCandidates(importer: Scope, stage: string, firms: string): Expression<SqlBool> {
  const district = sql.ref(`${stage}.scope_district`);
  const streets = importer.kind === 'district' && importer.streets.length > 0 ? [...importer.streets] : null;
  const place =
    streets === null
      ? sql<SqlBool>`${sql.ref(`${firms}.district`)} = ${district}`
      : sql<SqlBool>`${sql.ref(`${firms}.district`)} = ${district} and ${sql.ref(`${firms}.street`)} = any(${streets}::text[])`;
  return sql<SqlBool>`not ${sql.ref(`${stage}.scope_none`)} and (${district} is null or (${place}))`;
}

/** aliasCandidates for set-based resolution: city-wide aliases, and those of the staged record's scope district. */
export function stagedAliasCandidates(stage: string, aliases: string): Expression<SqlBool> {
  const district = sql.ref(`${aliases}.district`);
  return sql<SqlBool>`(${district} is null or ${district} = ${sql.ref(`${stage}.scope_district`)})`;
}
