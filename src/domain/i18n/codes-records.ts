// Labels of the record vocabularies (sectors, firm roles, inspection and
// petition enums, import kinds); part of VOCABULARIES in codes.ts.

import {
  FIRM_ROLE,
  INCIDENT_KIND,
  INSPECTION_KIND,
  INSPECTION_STATUS,
  ORDER,
  PETITION_CATEGORY,
  PETITION_CHANNEL,
  PETITION_STATUS,
  SECTOR,
  VIOLATION,
} from '../values/enums.ts';
import type { Vocabulary } from './vocabulary.ts';

export const RECORD_VOCABULARIES = {
  sector: {
    zh: SECTOR.labels,
    en: {
      food_delivery: 'food delivery',
      ride_hailing: 'ride-hailing',
      courier: 'courier',
      instant_delivery: 'instant delivery',
      live_streaming: 'live streaming',
      freight: 'freight',
      other: 'other',
    },
  },
  firmRole: {
    zh: FIRM_ROLE.labels,
    en: {
      platform: 'platform',
      franchisee: 'franchisee',
      agent: 'delivery agent',
      outsourcing: 'outsourcing firm',
      dispatch: 'labor dispatch firm',
      other: 'other',
    },
  },
  linkKind: {
    zh: { franchise: '加盟', agency: '代理', outsourcing: '外包', dispatch: '劳务派遣', other: '其他' },
    en: {
      franchise: 'franchise',
      agency: 'agency',
      outsourcing: 'outsourcing',
      dispatch: 'labor dispatch',
      other: 'other',
    },
  },
  inspectionKind: {
    zh: INSPECTION_KIND.labels,
    en: { routine: 'routine patrol', complaint: 'complaint', campaign: 'special campaign' },
  },
  violation: {
    zh: VIOLATION.labels,
    en: {
      wage_arrears: 'wage arrears',
      min_wage: 'below minimum wage',
      no_contract: 'no written contract',
      social_insurance: 'social insurance unpaid',
      overtime: 'excessive overtime',
      rest: 'rest and leave',
      illegal_dispatch: 'unlawful dispatch',
      occupational_injury: 'work injury',
      discrimination: 'employment discrimination',
      child_labor: 'child labor',
      women_minors: 'protection of women and juvenile workers',
      other: 'other',
    },
  },
  order: { zh: ORDER.labels, en: { none: 'none', rectify: 'order to rectify', pay: 'order to pay' } },
  inspectionStatus: {
    zh: INSPECTION_STATUS.labels,
    en: {
      open: 'in progress',
      rectified: 'rectified',
      overdue: 'overdue, not rectified',
      closed: 'closed',
      transferred: 'transferred',
    },
  },
  petitionChannel: {
    zh: { ...PETITION_CHANNEL.labels, hotline: '热线（12333）' },
    en: {
      visit: 'visit',
      letter: 'letter',
      hotline: 'hotline (12333)',
      hotline_12345: '12345 hotline',
      leaders_board: "leaders' message board",
      online: 'online petition',
    },
  },
  petitionCategory: {
    zh: PETITION_CATEGORY.labels,
    en: {
      wage_arrears: 'wage arrears',
      social_insurance: 'social insurance',
      injury: 'work injury',
      account_ban: 'account ban',
      deduction: 'deductions and fines',
      algorithm: 'algorithmic dispatch',
      hours: 'working hours',
      dismissal: 'dismissal',
      other: 'other',
    },
  },
  petitionStatus: { zh: PETITION_STATUS.labels, en: { open: 'in progress', closed: 'concluded' } },
  incidentKind: {
    zh: INCIDENT_KIND.labels,
    en: {
      strike: 'work stoppage',
      protest: 'gathering',
      extreme: 'extreme incident',
      arrears: 'wage-arrears incident',
      other: 'other',
    },
  },
  importKind: {
    zh: {
      firms: '企业',
      inspections: '劳动保障监察',
      petitions: '信访',
      opinion: '舆情',
      incidents: '事件标注',
      roster: '排班',
    },
    en: {
      firms: 'firms',
      inspections: 'labor inspections',
      petitions: 'petitions',
      opinion: 'public opinion',
      incidents: 'incident labels',
      roster: 'duty roster',
    },
  },
  recordSource: {
    zh: { inspection: '劳动保障监察', petition: '信访', opinion: '舆情' },
    en: { inspection: 'labor inspection', petition: 'petition', opinion: 'public opinion' },
  },
} as const satisfies Record<string, Vocabulary>;
