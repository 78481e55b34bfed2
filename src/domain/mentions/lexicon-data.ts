// The default labor-risk lexicon, as data so that a bureau can tune it
// without a release (see lexicon.ts for overrides). Severity runs 1 (weak
// signal, common in harmless copy: 集体, 算法) to 5 (a life at risk). Only
// the extreme category is `major` by default: it is what a duty officer must
// see at once; deaths by accident score 5 but follow the injury workflow.

export const LABOR_RISK_CATEGORIES = [
  'arrears',
  'stoppage',
  'gathering',
  'bans_fines',
  'algorithm',
  'injury',
  'extreme',
  'closure',
  'social_insurance',
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
  /** Head … tail patterns with a short gap (拖欠员工十余万元工资). */
  pairs: LexiconPair[];
  /** Cues that, right before a term, state it did not happen (未发生罢工). */
  negations: string[];
}

type Row = readonly [term: string, severity: number];
// Terms seen in public reporting on rider and courier disputes (China Labour
// Bulletin's strike map, news of station closures and 讨薪 at 网点) and in
// the platform duties of 人社部发〔2021〕56号. docs/scoring.md, "Lexicon".
const DEFAULT_TERMS: Record<LaborRiskCategory, readonly Row[]> = {
  arrears: [
    ['欠薪', 3],
    ['讨薪', 3],
    ['拖欠工资', 3],
    ['拖欠薪资', 3],
    ['工资拖欠', 3],
    ['拖欠', 2],
    ['欠发', 3],
    ['欠付', 2],
    ['讨要工资', 3],
    ['追讨工资', 3],
    ['拿不到工资', 3],
    ['发不出工资', 3],
    ['工资不发', 3],
    ['补发工资', 3],
    ['补发薪资', 3],
    ['欠工资', 3],
    ['拖欠工钱', 3],
    ['拖欠劳务费', 3],
    ['讨要欠款', 2],
    ['未发放工资', 3],
    ['未支付工资', 3],
    ['工资未发', 3],
    ['未按时发放', 3],
    ['未按时支付', 3],
    ['未足额支付', 3],
    ['拒不支付', 4],
    ['恶意欠薪', 4],
    ['薪资拖欠', 3],
    ['结算拖延', 2],
    ['压薪', 2],
  ],
  stoppage: [
    ['停工', 3],
    ['罢工', 4],
    ['罢送', 4],
    ['罢运', 4],
    ['集体停运', 4],
    ['集体拒单', 4],
    ['停摆', 3],
    ['停运', 2],
    ['集体停工', 4],
    ['集体罢工', 4],
    ['停止接单', 3],
    ['集体下线', 3],
  ],
  gathering: [
    ['聚集', 3],
    ['集体', 1],
    ['集体维权', 4],
    ['围堵', 4],
    ['堵门', 3],
    ['静坐', 3],
    ['拉横幅', 3],
    ['上访', 3],
    ['维权', 2],
    ['群体性事件', 4],
    ['拉条幅', 3],
    ['堵路', 3],
    ['讨说法', 2],
  ],
  bans_fines: [
    ['封号', 3],
    ['封禁', 2],
    ['罚款', 2],
    ['扣款', 2],
    ['扣钱', 2],
    ['克扣', 3],
    ['押金不退', 3],
    ['罚款扣款', 3],
    ['扣款罚款', 3],
    ['以罚代管', 3],
    ['乱罚款', 3],
    ['无故扣款', 3],
    ['押金难退', 3],
    ['不退押金', 3],
  ],
  algorithm: [
    ['算法', 1],
    ['超时', 2],
    ['超时罚款', 3],
    ['困在系统里', 3],
    ['困在系统', 3],
    ['压缩配送时间', 3],
  ],
  injury: [
    ['工伤', 3],
    ['事故', 3],
    ['车祸', 3],
    ['交通事故', 3],
    ['受伤', 2],
    ['伤亡', 4],
    ['中暑', 2],
    ['职业病', 3],
    ['猝死', 5],
    ['死亡', 4],
    ['身亡', 4],
    ['殉职', 4],
    ['工亡', 4],
    ['摔伤', 2],
    ['撞伤', 2],
  ],
  extreme: [
    ['跳楼', 5],
    ['轻生', 5],
    ['坠楼', 5],
    ['自杀', 5],
    ['自焚', 5],
    ['服毒', 5],
    ['割腕', 5],
    ['喝农药', 5],
  ],
  // The firm is going under: pay and deposits are at risk next.
  closure: [
    ['停业', 3],
    ['跑路', 4],
    ['老板跑路', 4],
    ['网点异常', 3],
    ['站点关闭', 3],
    ['网点关闭', 3],
    ['关停', 3],
    ['倒闭', 3],
    ['人去楼空', 4],
    ['失联', 2],
    ['暂停营业', 3],
    ['网点瘫痪', 3],
    ['爆仓', 2],
    ['解散', 2],
  ],
  social_insurance: [
    ['没有社保', 3],
    ['无社保', 3],
    ['不缴社保', 3],
    ['未缴社保', 3],
    ['未缴纳社保', 3],
    ['不交社保', 3],
    ['断缴', 3],
    ['停缴', 3],
    ['欠缴社保', 3],
    ['未参保', 2],
    ['没有工伤保险', 3],
    ['未签劳动合同', 2],
    ['没有劳动合同', 2],
  ],
};

/** 拖欠员工十余万元工资: a head, then at most `gap` code units of the same clause, then a tail. */
export interface LexiconPair {
  heads: string[];
  tails: string[];
  gap: number;
  category: string;
  severity: number;
  /** How the hit reports its term, e.g. 拖欠…工资. */
  term: string;
}

const WAGES = ['工资', '薪资', '薪水', '工钱', '薪酬', '劳务费', '报酬', '提成', '佣金', '配送费', '运费'];
const DEFAULT_PAIRS: LexiconPair[] = [
  {
    heads: ['拖欠', '欠', '欠发', '克扣', '扣发', '拖发'],
    tails: WAGES,
    gap: 12,
    category: 'arrears',
    severity: 3,
    term: '拖欠…工资',
  },
  {
    heads: ['补发', '讨要', '追讨', '索要', '讨回'],
    tails: WAGES,
    gap: 12,
    category: 'arrears',
    severity: 3,
    term: '讨要…工资',
  },
  {
    heads: ['押金'],
    tails: ['不退', '未退', '难退', '拒退', '退不了', '不予退还', '迟迟不退'],
    gap: 8,
    category: 'bans_fines',
    severity: 3,
    term: '押金…不退',
  },
  {
    heads: ['社保'],
    tails: ['断缴', '停缴', '未缴', '欠缴', '不缴'],
    gap: 6,
    category: 'social_insurance',
    severity: 3,
    term: '社保…断缴',
  },
];

// Cues that put the term right after them out of fact: 并未拖欠, 没有拖欠,
// 骑手未被拖欠工资, 否认欠薪, 不存在欠薪, 无欠薪. Single characters (未, 没,
// 无) reach only a short way, and words built on them that assert the risk
// instead (无故扣款, 未能拿到, 无锡) are blocked in negation.ts; bare 不 is
// left out (不发工资 is the risk itself).
const DEFAULT_NEGATIONS = [
  '未发生',
  '没有发生',
  '并未发生',
  '未出现',
  '没有出现',
  '并未出现',
  '不存在',
  '并无',
  '未造成',
  '没有造成',
  '并未',
  '并没有',
  '并没',
  '没有',
  '从未',
  '从没',
  '从来没有',
  '未曾',
  '未',
  '没',
  '无',
  '并非',
  '否认',
  '绝无',
  '不曾',
  '不涉及',
];

export const DEFAULT_LEXICON: Lexicon = {
  terms: (Object.entries(DEFAULT_TERMS) as [LaborRiskCategory, readonly Row[]][]).flatMap(([category, rows]) =>
    rows.map(([term, severity]) => ({ term, category, severity, major: category === 'extreme' })),
  ),
  pairs: DEFAULT_PAIRS,
  negations: DEFAULT_NEGATIONS,
};
