import type { Rng } from '../demo-people.ts'

// Invented employers and grassroots unions of the demo district. A brand is two characters from a
// list of the kind firms pick, so a hundred thousand employers rarely share a name.

const BRAND_CHARS = [...'恒达华锐顺景美联宏图金辉永盛德丰佳隆南星粤新科富力万和嘉泰创东信盈志高利源鸿裕益明雅兴安泽广汇兆鑫荣昌宝正协合顺发旺通瑞祥耀凯腾亿伟威达']
/** Trades of Nanhai's industry, and the industry each belongs to (the respondent's `industry`). */
const TRADES: readonly [string, string][] = [
  ['电子', '制造业'], ['五金制品', '制造业'], ['铝材', '制造业'], ['纺织', '制造业'], ['服装', '制造业'], ['家具', '制造业'],
  ['汽车配件', '制造业'], ['陶瓷', '制造业'], ['塑料制品', '制造业'], ['印刷', '制造业'], ['袜业', '制造业'], ['内衣', '制造业'],
  ['食品', '制造业'], ['机械', '制造业'], ['新能源科技', '制造业'], ['建材', '建筑业'], ['建筑工程', '建筑业'], ['装饰工程', '建筑业'],
  ['物流', '物流'], ['供应链', '物流'], ['商贸', '批发零售'], ['超市', '批发零售'], ['餐饮管理', '住宿餐饮'], ['酒店', '住宿餐饮'],
  ['物业管理', '居民服务'], ['保安服务', '居民服务'], ['人力资源', '租赁和商务服务'], ['劳务派遣', '租赁和商务服务'],
  ['网络科技', '信息技术'], ['房地产开发', '房地产'],
]
/** Every industry a seeded respondent can have. */
export const INDUSTRIES = [...new Set(TRADES.map(([, industry]) => industry))]
const TRADE_WEIGHTS = TRADES.map(([, industry]) => (industry === '制造业' ? 3 : 1))
const TRADE_TOTAL = TRADE_WEIGHTS.reduce((a, b) => a + b, 0)

export function trade(r: Rng): readonly [string, string] {
  let roll = r.next() * TRADE_TOTAL
  for (let i = 0; i < TRADES.length; i++) if ((roll -= TRADE_WEIGHTS[i]!) < 0) return TRADES[i]!
  return TRADES[0]!
}

export function brand(r: Rng): string {
  return r.pick(BRAND_CHARS) + r.pick(BRAND_CHARS)
}

/** The town's short name: 桂城街道总工会 → 桂城. */
export const place = (townName: string) => townName.replace(/(街道|镇)总工会$/, '')

/** Registered in the district, the city or the province: 佛山市南海区恒达电子有限公司, 佛山市华锐物流有限公司… */
export function employerName(r: Rng, townName: string, tradeName: string): string {
  const roll = r.next()
  const where = roll < 0.35 ? `佛山市南海区${r.chance(0.3) ? place(townName) : ''}` : roll < 0.8 ? '佛山市' : '广东'
  return `${where}${brand(r)}${tradeName}有限公司`
}

const ROADS = ['工业大道', '桂澜路', '南海大道', '广佛路', '狮山大道', '环镇路', '兴业路', '创业路', '沿江路', '松岗大道']
export function address(r: Rng, townName: string): string {
  return `佛山市南海区${place(townName)}${r.pick(ROADS)}${r.int(1, 300)}号`
}

const VILLAGES = [...'东西南北中上下新旧大小石沙塘岗洲涌滘冲'].flatMap((a) => [...'岗村坑塘洲头'].map((b) => a + b))
/** A grassroots union of the town: an enterprise's, a village's, a community's or an industrial park's. */
export function grassrootsUnitName(r: Rng, townName: string): string {
  switch (r.int(0, 5)) {
    case 0: return `${r.pick(VILLAGES)}村工会`
    case 1: return `${place(townName)}${r.pick(VILLAGES)}社区工会`
    case 2: return `${place(townName)}${brand(r)}工业园工会联合会`
    default: return `${brand(r)}${trade(r)[0]}有限公司工会`
  }
}
