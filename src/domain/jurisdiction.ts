import type { Role } from './roles.ts';

/**
 * Who is asking: enough to decide what they may see. A user with no
 * district is city-level and sees every district, as does an admin; a user
 * with streets sees only those streets of their district.
 */
export interface Principal {
  userId: number;
  name: string;
  role: Role;
  district: string | null;
  streets: readonly string[];
  /** How the caller proved who they are (recorded with decisions); absent for the system. */
  auth?: 'session' | 'token';
}

export type Scope = { kind: 'all' } | { kind: 'district'; district: string; streets: readonly string[] };

export function scopeOf(p: Pick<Principal, 'role' | 'district' | 'streets'>): Scope {
  if (p.role === 'admin' || p.district === null) return { kind: 'all' };
  return { kind: 'district', district: p.district, streets: p.streets };
}

/** The same rule as the SQL filter, for objects already in memory. */
export function inScope(scope: Scope, place: { district: string | null; street: string | null }): boolean {
  if (scope.kind === 'all') return true;
  if (place.district !== scope.district) return false;
  return scope.streets.length === 0 || (place.street !== null && scope.streets.includes(place.street));
}
