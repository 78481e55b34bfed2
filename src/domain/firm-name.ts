// Firm names are written many ways: full-width characters, （） vs (),
// stray spaces, 有限责任公司 vs 有限公司. The normalized form is what
// matching compares; the name as registered is kept for display.

/** Full-width ASCII (U+FF01–FF5E) and the ideographic space to half-width. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

const BRACKETS: Record<string, string> = { '【': '(', '】': ')', '〔': '(', '〕': ')', '[': '(', ']': ')' };

/**
 * Normalized firm name for matching. 分公司 and other branch suffixes stay:
 * a branch is a different firm from its head office.
 */
export function normalizeFirmName(name: string): string {
  return toHalfWidth(name.normalize('NFKC'))
    .replace(/[【】〔〕[\]]/g, (ch) => BRACKETS[ch] ?? ch)
    .replace(/\s+/g, '')
    .replace(/有限责任公司/g, '有限公司')
    .replace(/股份有限公司/g, '股份公司')
    .toLowerCase();
}

// ---------------------------------------------------------------------------
// The matching key: a firm as people write it, beyond spelling. Records name
// 上海骋润物流科技有限公司 also as 骋润物流科技(上海)有限公司, 骋润物流科技（上海）
// or 上海骋润物流科技: the legal form (有限公司 …) is dropped and the place
// (a leading 上海/上海市 or a bracketed (上海)) moves to one position. Keys are
// stored beside the names (firms.name_key / base_key, the same on aliases)
// so that matching is an indexed equality, in SQL as in bulk loads.

// Longest first: 集团有限公司 is stripped whole, not as 有限公司 then 集团.
// normalizeFirmName has already turned 有限责任公司 into 有限公司 and
// 股份有限公司 into 股份公司.
const LEGAL_FORMS = [
  '(普通合伙)',
  '(有限合伙)',
  '(特殊普通合伙)',
  '(集团)',
  '(个人独资)',
  '有限合伙企业',
  '普通合伙企业',
  '个人独资企业',
  '集团股份公司',
  '集团有限公司',
  '集团公司',
  '股份公司',
  '有限公司',
  '有限合伙',
  '普通合伙',
  '合伙企业',
  '集团',
  '公司',
];

// A branch office, station or outlet is a firm of its own (its own licence,
// often its own USCC): its key keeps the branch part after a '|', which no
// head office's key contains, so stripping never maps a branch to its head.
const BRANCH =
  /(分公司|分店|分部|分所|分厂|分中心|分院|营业部|营业所|营业厅|办事处|代表处|服务部|服务站|服务点|配送站|配送点|配送中心|站点|网点|门店|驿站|站)$/u;

// Provinces, large cities and Shanghai's districts as they prefix firm names.
// A place only moves when what is left is still a name (≥ 2 characters).
const PLACES = [
  '中国',
  '北京',
  '天津',
  '上海',
  '重庆',
  '河北',
  '山西',
  '辽宁',
  '吉林',
  '黑龙江',
  '江苏',
  '浙江',
  '安徽',
  '福建',
  '江西',
  '山东',
  '河南',
  '湖北',
  '湖南',
  '广东',
  '海南',
  '四川',
  '贵州',
  '云南',
  '陕西',
  '甘肃',
  '青海',
  '台湾',
  '内蒙古',
  '广西',
  '西藏',
  '宁夏',
  '新疆',
  '香港',
  '澳门',
  '深圳',
  '广州',
  '杭州',
  '南京',
  '苏州',
  '无锡',
  '宁波',
  '温州',
  '合肥',
  '成都',
  '武汉',
  '西安',
  '长沙',
  '郑州',
  '济南',
  '青岛',
  '厦门',
  '福州',
  '沈阳',
  '大连',
  '哈尔滨',
  '长春',
  '石家庄',
  '太原',
  '南昌',
  '昆明',
  '贵阳',
  '南宁',
  '海口',
  '兰州',
  '银川',
  '西宁',
  '乌鲁木齐',
  '拉萨',
  '呼和浩特',
  '东莞',
  '佛山',
  '珠海',
  '黄浦',
  '徐汇',
  '长宁',
  '静安',
  '普陀',
  '虹口',
  '杨浦',
  '闵行',
  '宝山',
  '嘉定',
  '浦东',
  '浦东新区',
  '金山',
  '松江',
  '青浦',
  '奉贤',
  '崇明',
];
const PLACE_SUFFIX = '(?:省|市|自治区|特别行政区|新区|区|县)?';
const PLACE_ALT = [...PLACES].sort((a, b) => b.length - a.length).join('|');
const LEADING_PLACE = new RegExp(`^(${PLACE_ALT})${PLACE_SUFFIX}`, 'u');
const BRACKETED_PLACES = new RegExp(`\\(((?:(?:${PLACE_ALT})${PLACE_SUFFIX})+)\\)`, 'gu');
const PLACE_IN_BRACKET = new RegExp(`(${PLACE_ALT})${PLACE_SUFFIX}`, 'gu');

export interface FirmNameKeys {
  /** The name without legal form, its places moved to the end: 骋润物流科技(上海). */
  nameKey: string;
  /** The same without the places: 骋润物流科技. */
  baseKey: string;
  /** Whether the name gave a place; a name without one may match a firm with one. */
  hasPlace: boolean;
  /** Whether the name is a branch, station or outlet (its key holds a '|'). */
  branch: boolean;
}

function stripLegalForms(s: string): string {
  for (let changed = true; changed; ) {
    changed = false;
    for (const form of LEGAL_FORMS) {
      if (s.endsWith(form) && s.length - form.length >= 2) {
        s = s.slice(0, -form.length);
        changed = true;
        break;
      }
    }
  }
  return s;
}

/** Takes the places out of `s`: bracketed anywhere, then leading (up to two, 上海市长宁区). */
function takePlaces(s: string): { rest: string; places: string[] } {
  const places: string[] = [];
  let rest = s.replace(BRACKETED_PLACES, (whole, inner: string, _offset: number, str: string) => {
    if (str.length - whole.length < 2) return whole;
    for (const m of inner.matchAll(PLACE_IN_BRACKET)) places.unshift(m[1]!);
    return '';
  });
  const leading: string[] = [];
  for (let i = 0; i < 2; i++) {
    const m = LEADING_PLACE.exec(rest);
    if (!m || rest.length - m[0].length < 2) break;
    leading.push(m[1]!);
    rest = rest.slice(m[0].length);
  }
  return { rest, places: [...leading, ...places.reverse()] };
}

/**
 * The matching keys of a firm name (raw or already normalized). Two names
 * with the same key are the same firm as far as a reader can tell; whether
 * that identifies one registry firm is for the resolver to count.
 */
export function firmNameKeys(name: string): FirmNameKeys {
  const norm = normalizeFirmName(name);
  // 上海骋润物流科技有限公司长宁分公司 is a branch as written; 晨光路配送站有限公司
  // is a station registered as a company, and 晨光路配送站 is how people write
  // it: both keep their station part behind the '|'.
  let body = norm;
  let m = BRANCH.exec(body);
  if (m === null) {
    body = stripLegalForms(body);
    m = BRANCH.exec(body);
  }
  const branch = m !== null && body.length - m[0].length >= 2;
  let tail = '';
  if (branch) {
    tail = `|${m![0]}`;
    body = body.slice(0, -m![0].length);
    // The head's legal form inside a branch name says nothing (longest first).
    for (const form of LEGAL_FORMS) if (body.length > form.length + 1) body = body.split(form).join('');
  }
  const { rest, places } = takePlaces(body);
  const seen = [...new Set(places)].sort();
  const base = rest + tail;
  return {
    nameKey: seen.length ? `${rest}(${seen.join('')})${tail}` : base,
    baseKey: base,
    hasPlace: seen.length > 0,
    branch,
  };
}

/** The stored key columns of a firm name or alias. */
export function keyColumns(name: string): { name_key: string; base_key: string } {
  const k = firmNameKeys(name);
  return { name_key: k.nameKey, base_key: k.baseKey };
}
