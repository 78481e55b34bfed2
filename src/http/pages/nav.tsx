import type { Principal } from '../../domain/jurisdiction.ts';
import { roleHas, type Permission, type Role } from '../../domain/roles.ts';
import type { Catalogue } from '../i18n/zh.ts';

// The console's navigation: every page the user's role may open, in one place.

type NavKey = Exclude<keyof Catalogue['nav'], 'label'>;

const ITEMS: ReadonlyArray<{ key: NavKey; href: string; needs: Permission | null; demoOnly?: boolean }> = [
  { key: 'queue', href: '/', needs: 'alerts:read' },
  { key: 'firms', href: '/firms', needs: 'firms:read' },
  { key: 'unresolved', href: '/records/unresolved', needs: 'records:read' },
  { key: 'quarantine', href: '/quarantine', needs: 'imports:write' },
  { key: 'feeds', href: '/feeds', needs: 'records:read' },
  { key: 'webhooks', href: '/webhooks', needs: 'webhooks:manage' },
  { key: 'roster', href: '/roster', needs: 'roster:read' },
  { key: 'silences', href: '/silences', needs: 'alerts:read' },
  { key: 'digests', href: '/digests', needs: 'digest:read' },
  { key: 'credit', href: '/credit', needs: 'credit:read' },
  { key: 'users', href: '/admin/users', needs: 'users:manage' },
  { key: 'inbox', href: '/demo/inbox', needs: null, demoOnly: true },
];

/** The pages a role may open (the demo inbox only in demo mode). */
export function navItems(role: Role, demo: boolean): Array<{ key: NavKey; href: string }> {
  return ITEMS.filter((i) => (i.needs === null || roleHas(role, i.needs)) && (!i.demoOnly || demo));
}

export const NAV_CSS = `
nav.main{border-bottom:1px solid var(--line);padding:.3rem 1rem;overflow-x:auto}
nav.main ul{display:flex;flex-wrap:wrap;gap:.2rem 1rem;list-style:none;margin:0 auto;padding:0;max-width:72rem}
nav.main a{text-decoration:none;white-space:nowrap}nav.main a[aria-current=page]{font-weight:700;text-decoration:underline}
`;

export function Nav(p: { t: Catalogue; principal: Principal; demo: boolean; current?: string | undefined }) {
  return (
    <nav class="main" aria-label={p.t.nav.label}>
      <ul>
        {navItems(p.principal.role, p.demo).map((i) => (
          <li>
            <a href={i.href} aria-current={p.current === i.href ? 'page' : undefined}>
              {p.t.nav[i.key]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
