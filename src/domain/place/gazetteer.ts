// A compact gazetteer of places that are NOT the configured district: the
// provinces (short names: 湖南, 广西, 内蒙古), the big and the prefecture
// cities that turn up in labor news, and Shanghai's 16 districts. Names a
// reader would also meet as ordinary words are left out on purpose
// (中山 公园/医院, 大理石, 大同小异, 开封, 新乡村): a missed place only makes an
// item "none", a false one would silence a local item.

export const PROVINCES: readonly string[] = [
  '北京', '天津', '河北', '山西', '内蒙古', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建', '江西', '山东',
  '河南', '湖北', '湖南', '广东', '广西', '海南', '重庆', '四川', '贵州', '云南', '西藏', '陕西', '甘肃', '青海',
  '宁夏', '新疆', '香港', '澳门', '台湾',
];

export const CITIES: readonly string[] = [
  // provincial capitals
  '石家庄', '太原', '呼和浩特', '沈阳', '长春', '哈尔滨', '南京', '杭州', '合肥', '福州', '南昌', '济南', '郑州',
  '武汉', '长沙', '广州', '南宁', '海口', '成都', '贵阳', '昆明', '拉萨', '西安', '兰州', '西宁', '银川', '乌鲁木齐',
  // other large or often-reported cities
  '深圳', '苏州', '无锡', '常州', '南通', '徐州', '扬州', '镇江', '泰州', '盐城', '淮安', '连云港', '宿迁', '昆山',
  '宁波', '温州', '嘉兴', '湖州', '绍兴', '金华', '台州', '丽水', '衢州', '舟山', '义乌', '芜湖', '蚌埠', '阜阳',
  '厦门', '泉州', '莆田', '漳州', '赣州', '九江', '青岛', '烟台', '潍坊', '临沂', '济宁', '淄博', '威海', '洛阳',
  '安阳', '南阳', '宜昌', '襄阳', '荆州', '十堰', '株洲', '湘潭', '衡阳', '岳阳', '常德', '郴州', '邵阳', '怀化',
  '东莞', '佛山', '珠海', '汕头', '惠州', '江门', '湛江', '肇庆', '清远', '揭阳', '柳州', '桂林', '三亚', '遵义',
  '绵阳', '德阳', '宜宾', '南充', '乐山', '泸州', '咸阳', '宝鸡', '大连', '鞍山', '抚顺', '唐山', '保定', '邯郸',
  '廊坊', '秦皇岛', '沧州', '邢台', '包头', '鄂尔多斯', '齐齐哈尔', '大庆', '吉安', '上饶', '天水', '喀什',
];

/** Shanghai's 16 districts, with and without 区 (浦东 for 浦东新区). */
export const SHANGHAI_DISTRICTS: readonly string[] = [
  '黄浦', '徐汇', '长宁', '静安', '普陀', '虹口', '杨浦', '闵行', '宝山', '嘉定', '浦东', '金山', '松江', '青浦',
  '奉贤', '崇明',
];

/** Words that make the item about the configured district even without its name. */
export const LOCAL_CUES: readonly string[] = ['我区', '本区', '辖区', '属地', '区人社局', '区人力资源和社会保障局', '区劳动监察', '区信访办', '区总工会'];

// A place name right before one of these is a road or a street, and
// Shanghai names many roads after provinces and cities (南京东路, 湖南路,
// 重庆南路, 广西北路, 北京西路): never a place of its own.
export const ROAD_SUFFIX = /^[东西南北中]?(?:路|街(?!道)|大道|大街|巷|弄|公路|支路)/;

/** Every gazetteer name a matcher should look for, longest variants included. */
export function gazetteerNames(): string[] {
  const out = new Set<string>();
  for (const p of PROVINCES) out.add(p);
  for (const c of CITIES) out.add(c);
  for (const d of SHANGHAI_DISTRICTS) out.add(d);
  // 浦东 is a name on its own; the others read as districts mostly with 区.
  for (const d of SHANGHAI_DISTRICTS) out.add(d === '浦东' ? '浦东新区' : `${d}区`);
  return [...out];
}
