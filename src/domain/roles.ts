// Roles and what each may do. The `roles` table mirrors this catalogue (a
// test keeps them equal); checks in code read it from here.

export const PERMISSIONS = [
  'firms:read',
  'firms:write',
  'records:read',
  'imports:write',
  'pii:read',
  'alerts:read',
  'alerts:write',
  'feeds:manage',
  'webhooks:manage',
  'roster:read',
  'roster:manage',
  'silences:manage',
  'credit:read',
  'credit:propose',
  'credit:approve',
  'digest:read',
  'audit:read',
  'users:manage',
  'jobs:run',
  // Escalation policies switch paging on and off: admins only (a district's admin for its district).
  'escalation:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['inspector', 'opinion_staff', 'duty_officer', 'approver', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const INSPECT: Permission[] = ['firms:read', 'records:read', 'alerts:read'];

export const ROLE_CATALOGUE: Record<Role, { labelZh: string; permissions: readonly Permission[] }> = {
  inspector: {
    labelZh: '劳动保障监察员',
    permissions: [
      ...INSPECT,
      'firms:write',
      'imports:write',
      'pii:read',
      'alerts:write',
      'roster:read',
      'credit:read',
      'credit:propose',
    ],
  },
  opinion_staff: {
    labelZh: '舆情处置',
    // Their district's group robots and webhooks are theirs to keep (issue 15 item 11; endpoints are district-scoped).
    permissions: [...INSPECT, 'alerts:write', 'feeds:manage', 'webhooks:manage', 'roster:read', 'silences:manage'],
  },
  duty_officer: {
    labelZh: '值班人员',
    permissions: [...INSPECT, 'alerts:write', 'roster:read', 'roster:manage', 'silences:manage'],
  },
  approver: {
    labelZh: '审批',
    permissions: [...INSPECT, 'credit:read', 'credit:approve', 'digest:read'],
  },
  manager: {
    labelZh: '科室/局领导',
    permissions: [...INSPECT, 'roster:read', 'credit:read', 'digest:read', 'audit:read'],
  },
  admin: { labelZh: '系统管理员', permissions: PERMISSIONS },
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_CATALOGUE[role].permissions.includes(permission);
}
