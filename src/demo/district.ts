// A FICTIONAL district for demos, screenshots and tests: every firm, person,
// address and code below is invented. Names are meant to look like the real
// thing (分公司 branches, （集团）, brand aliases that nest) so the name
// matcher and the jurisdiction filter have something realistic to chew on.
// Pure and seeded: the same seed always gives the same district.

import { orgCodeCheckChar, usccCheckChar } from '../domain/uscc.ts';
import { Random } from './prng.ts';
import {
  GIVEN,
  KIND_OF_ROLE,
  NEIGHBOUR_EVERY,
  NEIGHBOUR_STREETS,
  PARTNER_COUNT,
  PLATFORMS,
  REGIONS,
  ROLES_BY_SECTOR,
  STREETS,
  SURNAMES,
  TEMPLATES,
  TRADE_CHARS,
  type Template,
} from './district-data.ts';

export type Sector =
  | 'food_delivery'
  | 'ride_hailing'
  | 'courier'
  | 'instant_delivery'
  | 'live_streaming'
  | 'freight'
  | 'other';
export type FirmRole = 'platform' | 'franchisee' | 'agent' | 'outsourcing' | 'dispatch' | 'other';
export type LinkKind = 'franchise' | 'agency' | 'outsourcing' | 'dispatch' | 'other';

export interface DemoFirm {
  key: string;
  name: string;
  uscc: string | null;
  aliases: string[];
  sector: Sector;
  role: FirmRole;
  district: string;
  street: string | null;
  address: string | null;
  legalRepresentative: string | null;
}
export interface DemoLink {
  platformKey: string;
  partnerKey: string;
  kind: LinkKind;
}
export interface DemoUser {
  name: string;
  role: 'inspector' | 'opinion_staff' | 'duty_officer' | 'approver' | 'manager' | 'admin';
  /** null = city level (sees every district). */
  district: string | null;
  /** Empty = the whole district. */
  streets: string[];
  displayName: string;
  password: string;
}
export interface DemoDistrict {
  label: string;
  district: string;
  streets: string[];
  firms: DemoFirm[];
  links: DemoLink[];
  users: DemoUser[];
}

export const DEMO_DISTRICT = '示范区';
export const NEIGHBOUR_DISTRICT = '邻区';
export const DEMO_LABEL = '示范区 · 演示数据（虚构）/ demo data (fictional) — 企业、人名、地址与代码均为虚构';

export function buildDemoDistrict(seed = 20261128): DemoDistrict {
  const rnd = new Random(seed);
  const usedNames = new Set<string>();
  const usedTrade = new Set<string>(['快兔', '饭点', '蓝鲸', '松鼠', '大象', '橙子', '云雀', '萤火', '椰子']);
  const usedUscc = new Set<string>();

  const uscc = (): string => {
    for (;;) {
      const org = rnd.chance(0.6)
        ? `MA1${rnd.chars('0123456789ABCDEFGHJKLMNPQRTUWXY', 5)}`
        : rnd.chars('123456789', 1) + rnd.chars('0123456789', 7);
      const first17 = `91${rnd.pick(REGIONS)}${org}${orgCodeCheckChar(org)}`;
      const code = first17 + usccCheckChar(first17);
      if (!usedUscc.has(code)) {
        usedUscc.add(code);
        return code;
      }
    }
  };
  const person = (): string => rnd.chars(SURNAMES, 1) + rnd.chars(GIVEN, rnd.chance(0.7) ? 2 : 1);
  const place = (district: string, streets: typeof STREETS) => {
    const [street, roads] = rnd.pick(streets);
    const floor = rnd.chance(0.5) ? `${rnd.int(2, 12)}楼` : `${rnd.int(1, 9)}0${rnd.int(1, 9)}室`;
    return { district, street, address: `上海市${district}${rnd.pick(roads)}${rnd.int(1, 1200)}号${floor}` };
  };

  const firms: DemoFirm[] = PLATFORMS.map((p) => ({
    key: p.key,
    name: p.name,
    uscc: uscc(),
    aliases: [...p.aliases],
    sector: p.sector,
    role: 'platform',
    ...place(DEMO_DISTRICT, STREETS),
    legalRepresentative: person(),
  }));
  for (const f of firms) usedNames.add(f.name);
  const links: DemoLink[] = [];

  for (let i = 0; i < PARTNER_COUNT; i++) {
    const platform = rnd.weighted(PLATFORMS.map((p) => [p, p.weight] as const));
    const role = rnd.weighted(ROLES_BY_SECTOR[platform.sector]);
    const byRole = TEMPLATES[role];
    const templates = byRole[platform.sector] ?? byRole.any;
    let trade = '';
    let name = '';
    let template: Template = templates[0]!;
    do {
      trade = rnd.chars(TRADE_CHARS, 2);
      template = rnd.pick(templates);
      name = template[0].replace('{z}', trade);
      if (rnd.chance(0.06)) name = name.replace('有限公司', '（集团）有限公司');
    } while (usedTrade.has(trade) || usedNames.has(name) || trade[0] === trade[1]);

    const neighbour = i % NEIGHBOUR_EVERY === 7;
    const loc = neighbour ? place(NEIGHBOUR_DISTRICT, NEIGHBOUR_STREETS) : place(DEMO_DISTRICT, STREETS);
    const aliases = [trade + template[1]];
    // Branches keep the head office's name as an alias: that is how people write them.
    if (rnd.chance(0.12)) {
      aliases.push(name);
      name = `${name}${loc.street.replace(/(街道|镇)$/u, '').replace(/路$/u, '')}分公司`;
    }
    if (role === 'agent' && (platform.sector === 'food_delivery' || platform.sector === 'instant_delivery')) {
      aliases.push(`${platform.aliases[0]}${loc.street.replace(/(街道|镇)$/u, '')}站`);
    }
    usedTrade.add(trade);
    usedNames.add(name);

    const located = rnd.chance(0.95);
    const key = `f-${String(i + 1).padStart(3, '0')}`;
    firms.push({
      key,
      name,
      uscc: rnd.chance(0.85) ? uscc() : null,
      aliases,
      sector: platform.sector,
      role,
      district: loc.district,
      street: located ? loc.street : null,
      address: located && rnd.chance(0.94) ? loc.address : null,
      legalRepresentative: rnd.chance(0.92) ? person() : null,
    });
    links.push({ platformKey: platform.key, partnerKey: key, kind: KIND_OF_ROLE[role] });

    // Dispatch and outsourcing firms often serve two platforms in a sector family.
    const p2 = role === 'dispatch' || role === 'outsourcing' ? 0.35 : 0.05;
    if (rnd.chance(p2)) {
      const others = PLATFORMS.filter((p) => p.key !== platform.key && family(p.sector) === family(platform.sector));
      if (others.length > 0)
        links.push({ platformKey: rnd.pick(others).key, partnerKey: key, kind: KIND_OF_ROLE[role] });
    }
  }

  return {
    label: DEMO_LABEL,
    district: DEMO_DISTRICT,
    streets: STREETS.map(([s]) => s),
    firms,
    links,
    users: demoUsers(),
  };
}

function family(s: Sector): string {
  return s === 'food_delivery' || s === 'instant_delivery' || s === 'courier'
    ? 'delivery'
    : s === 'live_streaming'
      ? 'streaming'
      : 'transport';
}

/** Fixed, printable, obviously demo-only credentials; never used outside demo mode. */
function demoUsers(): DemoUser[] {
  const [s1, s2, s3, s4, s5, s6, s7, s8, s9] = STREETS.map(([s]) => s);
  const u = (
    name: string,
    role: DemoUser['role'],
    district: string | null,
    streets: (string | undefined)[],
    displayName: string,
    password: string,
  ): DemoUser => ({
    name,
    role,
    district,
    streets: streets.filter((s): s is string => s !== undefined),
    displayName,
    password,
  });
  return [
    u('demo_inspector', 'inspector', DEMO_DISTRICT, [s1, s2, s3, s4], '演示监察员（甲）', 'demo-inspector-2026'),
    u('demo_inspector2', 'inspector', DEMO_DISTRICT, [s5, s6, s7, s8, s9], '演示监察员（乙）', 'demo-inspector2-2026'),
    u(
      'demo_inspector_neighbour',
      'inspector',
      NEIGHBOUR_DISTRICT,
      NEIGHBOUR_STREETS.map(([s]) => s),
      '邻区演示监察员',
      'demo-neighbour-2026',
    ),
    u('demo_opinion', 'opinion_staff', DEMO_DISTRICT, [], '演示舆情处置', 'demo-opinion-2026'),
    u('demo_duty', 'duty_officer', DEMO_DISTRICT, [], '演示值班员', 'demo-duty-2026'),
    u('demo_approver', 'approver', DEMO_DISTRICT, [], '演示审批人', 'demo-approver-2026'),
    u('demo_manager', 'manager', DEMO_DISTRICT, [], '演示科室领导', 'demo-manager-2026'),
    u('demo_admin', 'admin', null, [], '演示系统管理员', 'demo-admin-2026'),
  ];
}
