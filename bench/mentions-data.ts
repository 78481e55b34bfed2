// Deterministic synthetic corpus for the mention-matching benchmark: firm
// aliases shaped like real platform firms (brand, brand + business, full
// registered name, a few Latin names) and feed items of news-like Chinese
// filler with aliases, sector cues and labor-risk terms sprinkled in. The
// brand characters also occur in the filler, so short aliases hit by chance
// the way they do in real copy.

import type { AliasPattern } from '../src/domain/mentions/index.ts';

/** mulberry32, the same generator the demo data uses. */
export { mulberry32 as prng } from '../src/demo/prng.ts';
import { mulberry32 as prng } from '../src/demo/prng.ts';

const BRAND_CHARS = [
  ...('快兔蓝鲸金牛美团饿达顺丰滴货拉闪送橙叮咚盒马朴京东云鸟象猫狮鹰熊鹿羚雀燕鲤虎豹狐龙凤星月阳光晨曦乐享优品鲜速易捷通达安信恒泰华盛' +
    '鼎宏盈合众联创新天地海川山河湖江溪林森木禾苗麦稻果橘柚桃梨莓芒椰茶咖啡乐淘聚惠多点趣玩酷炫彩虹飞翔奔跑腾跃'),
];
const BUSINESS = [
  '跑腿',
  '外卖',
  '物流',
  '快递',
  '配送',
  '出行',
  '科技',
  '网络',
  '同城',
  '生鲜',
  '优选',
  '直播',
  '货运',
  '到家',
  '众包',
];
const REGIONS = ['上海', '浦东', '徐汇', '闵行', '嘉定', '松江', '杭州', '苏州'];
const LATIN = ['Kuai', 'Tu', 'Lan', 'Jing', 'Xing', 'Da', 'Go', 'Run', 'Fast', 'Bee', 'Fox', 'Yun'];

const FILLER_WORDS = (
  '今天 记者 了解到 市民 表示 相关 部门 已经 介入 调查 目前 情况 平稳 工作 人员 现场 处理 据悉 该 公司 负责人 回应 称 ' +
  '将 积极 配合 此前 有 网友 发帖 反映 问题 引发 关注 近日 本市 发布 通知 要求 企业 落实 责任 保障 权益 服务 质量 ' +
  '发展 经济 城市 社区 街道 居民 生活 消费 市场 价格 上涨 下降 增长 数据 显示 同比 环比 季度 报告 会议 召开 推进 ' +
  '新 业态 劳动者 群体 从业 规模 扩大 订单 高峰 时段 天气 炎热 降雨 交通 道路 拥堵 晨光路 中山路 人民广场 站点 ' +
  '门店 开业 活动 优惠 用户 评价 投诉 热线 处理 结果 公示 政策 解读 专家 认为 未来 趋势 行业 标准 规范 管理 监督 ' +
  '的 了 在 和 与 及 对 为 是 也 都 还 但 而 并 从 向 到 被 把 这 那 其 此 等 中 上 下 内 外 后 前'
).split(' ');
const PUNCT = ['，', '，', '，', '。', '、', '；', '！', '？', '“', '”'];
const CUES = ['骑手', '外卖', '快递', '配送', '司机', '主播', '平台', '小哥', '站长'];
const RISK = [
  '欠薪',
  '讨薪',
  '拖欠工资',
  '停工',
  '罢送',
  '聚集',
  '集体维权',
  '封号',
  '罚款',
  '超时',
  '工伤',
  '车祸',
  '猝死',
  '跳楼',
];

export interface Corpus {
  patterns: AliasPattern[];
  items: string[];
}

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)] as T;
}

/** `aliasCount` distinct aliases for about aliasCount / 2.5 firms. */
export function makeAliases(aliasCount: number, seed = 42): AliasPattern[] {
  const rnd = prng(seed);
  const seen = new Set<string>();
  const out: AliasPattern[] = [];
  const add = (text: string, firmId: number, ambiguous = false): void => {
    if (out.length >= aliasCount || seen.has(text)) return;
    seen.add(text);
    out.push(ambiguous ? { text, firmId, ambiguous } : { text, firmId });
  };
  for (let firmId = 1; out.length < aliasCount; firmId++) {
    const brand = pick(rnd, BRAND_CHARS) + pick(rnd, BRAND_CHARS);
    const business = pick(rnd, BUSINESS);
    add(`${brand}${business}`, firmId);
    add(`${pick(rnd, REGIONS)}${brand}${pick(rnd, ['网络科技', '信息技术', '供应链管理'])}有限公司`, firmId);
    if (rnd() < 0.5) add(brand, firmId, rnd() < 0.6);
    if (rnd() < 0.05) add(pick(rnd, LATIN) + pick(rnd, LATIN), firmId);
  }
  return out;
}

/** Feed items (no newlines inside) totalling about `targetBytes` of UTF-8. */
export function makeItems(patterns: readonly AliasPattern[], targetBytes: number, seed = 7): string[] {
  const rnd = prng(seed);
  const items: string[] = [];
  let bytes = 0;
  while (bytes < targetBytes) {
    const parts: string[] = [];
    const words = 30 + Math.floor(rnd() * 170);
    for (let w = 0; w < words; w++) {
      const r = rnd();
      if (r < 0.012) parts.push(pick(rnd, patterns).text);
      else if (r < 0.02) parts.push(pick(rnd, CUES));
      else if (r < 0.024) parts.push(pick(rnd, RISK));
      else if (r < 0.03) parts.push(pick(rnd, BRAND_CHARS));
      else parts.push(pick(rnd, FILLER_WORDS));
      if (rnd() < 0.12) parts.push(pick(rnd, PUNCT));
    }
    const item = parts.join('');
    items.push(item);
    bytes += Buffer.byteLength(item, 'utf8') + 1;
  }
  return items;
}
