import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, ROLE_CATALOGUE, roleHas } from '../../src/domain/roles.ts';
import { inScope, scopeOf } from '../../src/domain/jurisdiction.ts';

describe('roles', () => {
  it('every role holds only known permissions, and admin holds all', () => {
    for (const r of ROLES) for (const p of ROLE_CATALOGUE[r].permissions) expect(PERMISSIONS).toContain(p);
    for (const p of PERMISSIONS) expect(roleHas('admin', p)).toBe(true);
  });

  it('separates duties: only approvers (and admin) approve credit listings; inspectors propose', () => {
    const approvers = ROLES.filter((r) => roleHas(r, 'credit:approve'));
    expect(approvers).toEqual(['approver', 'admin']);
    expect(roleHas('inspector', 'credit:propose')).toBe(true);
    expect(roleHas('inspector', 'credit:approve')).toBe(false);
  });

  it('keeps personal data of petitioners to roles that need it', () => {
    expect(ROLES.filter((r) => roleHas(r, 'pii:read'))).toEqual(['inspector', 'admin']);
  });

  it('only admins manage users', () => {
    expect(ROLES.filter((r) => roleHas(r, 'users:manage'))).toEqual(['admin']);
  });
});

describe('jurisdiction', () => {
  const place = (district: string | null, street: string | null) => ({ district, street });
  it('admin and city-level users see all districts', () => {
    expect(scopeOf({ role: 'admin', district: '示范区', streets: [] })).toEqual({ kind: 'all' });
    expect(scopeOf({ role: 'manager', district: null, streets: [] })).toEqual({ kind: 'all' });
  });
  it('a district user sees their district only, a street user their streets only', () => {
    const d = scopeOf({ role: 'inspector', district: '示范区', streets: [] });
    expect(inScope(d, place('示范区', '晨光路街道'))).toBe(true);
    expect(inScope(d, place('示范区', null))).toBe(true);
    expect(inScope(d, place('邻区', '晨光路街道'))).toBe(false);
    expect(inScope(d, place(null, null))).toBe(false);
    const s = scopeOf({ role: 'inspector', district: '示范区', streets: ['松涛镇'] });
    expect(inScope(s, place('示范区', '松涛镇'))).toBe(true);
    expect(inScope(s, place('示范区', '晨光路街道'))).toBe(false);
    expect(inScope(s, place('示范区', null))).toBe(false);
  });
});
