// The default labor-risk lexicon, as data so that a bureau can tune it
// without a release (see lexicon.ts for overrides). Severity runs 1 (weak
// signal, common in harmless copy: 集体, 算法) to 5 (a life at risk). Only
// the extreme category is `major` by default: it is what a duty officer must
// see at once; deaths by accident score 5 but follow the injury workflow.

export const LABOR_RISK_CATEGORIES = [
  'arrears', 'stoppage', 'gathering', 'bans_fines', 'algorithm', 'injury', 'extreme',
] as const;
export type LaborRiskCategory = (typeof LABOR_RISK_CATEGORIES)[number];

export interface LexiconTerm {
  term: string;
  /** One of LABOR_RISK_CATEGORIES, or a category added by an override. */
  category: string;
  severity: number;
  major: boolean;
}

export interface Lexicon {
  terms: LexiconTerm[];
  /** Cues that, right before a term, state it did not happen (未发生罢工). */
  negations: string[];
}

type Row = readonly [term: string, severity: number];
const DEFAULT_TERMS: Record<LaborRiskCategory, readonly Row[]> = {
  arrears: [
    ['欠薪', 3], ['讨薪', 3], ['拖欠工资', 3], ['拖欠薪资', 3], ['工资拖欠', 3], ['拖欠', 2], ['欠发', 3], ['欠付', 2],
    ['讨要工资', 3], ['追讨工资', 3], ['拿不到工资', 3], ['发不出工资', 3], ['工资不发', 3],
  ],
  stoppage: [
    ['停工', 3], ['罢工', 4], ['罢送', 4], ['罢运', 4], ['集体停运', 4], ['集体拒单', 4], ['停摆', 3], ['停运', 2],
  ],
  gathering: [
    ['聚集', 3], ['集体', 1], ['集体维权', 4], ['围堵', 4], ['堵门', 3], ['静坐', 3], ['拉横幅', 3], ['上访', 3],
    ['维权', 2], ['群体性事件', 4],
  ],
  bans_fines: [
    ['封号', 3], ['封禁', 2], ['罚款', 2], ['扣款', 2], ['扣钱', 2], ['克扣', 3], ['押金不退', 3],
  ],
  algorithm: [
    ['算法', 1], ['超时', 2], ['超时罚款', 3], ['困在系统里', 3], ['困在系统', 3], ['压缩配送时间', 3],
  ],
  injury: [
    ['工伤', 3], ['事故', 3], ['车祸', 3], ['交通事故', 3], ['受伤', 2], ['伤亡', 4], ['中暑', 2], ['职业病', 3],
    ['猝死', 5], ['死亡', 4], ['身亡', 4], ['殉职', 4],
  ],
  extreme: [
    ['跳楼', 5], ['轻生', 5], ['坠楼', 5], ['自杀', 5], ['自焚', 5], ['服毒', 5], ['割腕', 5], ['喝农药', 5],
  ],
};

// Only phrases that plainly assert absence. Bare 无/没/不 are left out on
// purpose (无故扣款, 不发工资 are risks), and so are denials (否认欠薪):
// a denial is news, not an all-clear.
const DEFAULT_NEGATIONS = [
  '未发生', '没有发生', '并未发生', '未出现', '没有出现', '并未出现', '不存在', '并无', '未造成', '没有造成',
];

export const DEFAULT_LEXICON: Lexicon = {
  terms: (Object.entries(DEFAULT_TERMS) as [LaborRiskCategory, readonly Row[]][]).flatMap(([category, rows]) =>
    rows.map(([term, severity]) => ({ term, category, severity, major: category === 'extreme' })),
  ),
  negations: DEFAULT_NEGATIONS,
};
