import { usccCheckChar } from '../../domain/uscc.ts'
import { residentIdCheckChar } from '../../domain/resident-id.ts'

/** A small deterministic random source, so every fresh demo district looks the same. */
export function prng(seed: number) {
  let s = seed >>> 0
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
  /** One of the choices, each as likely as its weight. */
  const weighted = <T>(choices: readonly (readonly [T, number])[]): T => {
    let roll = next() * choices.reduce((a, [, w]) => a + w, 0)
    for (const [value, w] of choices) if ((roll -= w) < 0) return value
    return choices.at(-1)![0]
  }
  return { next, int, pick, weighted, chance: (p: number) => next() < p }
}
export type Rng = ReturnType<typeof prng>

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余杜叶程苏魏吕丁任沈姚卢'
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞',
  '平', '刚', '桂英', '建华', '志强', '晓燕', '海燕', '春梅', '国庆', '文辉', '永红', '小龙', '家豪', '梓轩', '子涵', '建国', '玉兰', '德华', '少波', '金凤']

export function personName(r: Rng): string {
  return r.pick([...SURNAMES]) + r.pick(GIVEN)
}

export function mobile(r: Rng): string {
  return `1${r.pick(['3', '5', '7', '8', '9'])}${String(r.int(0, 999_999_999)).padStart(9, '0')}`
}

// Where Nanhai's migrant workers come from: Guangdong, Guangxi, Hunan, Sichuan, Guizhou, Jiangxi, Henan.
const AREAS = ['440605', '440604', '441900', '450102', '450881', '430521', '431024', '510322', '511623', '520221', '522425', '360731', '411623']

export function residentId(r: Rng, birthYear: number): string {
  const birth = `${birthYear}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}`
  const first17 = r.pick(AREAS) + birth + String(r.int(1, 999)).padStart(3, '0')
  return first17 + residentIdCheckChar(first17)
}

const BRANDS = ['恒达', '华锐', '顺景', '美联', '宏图', '金辉', '永盛', '德丰', '佳隆', '南星', '粤华', '新科', '富力', '万和', '嘉泰', '联创', '东信', '盈丰', '志高', '利源']
const TRADES = ['电子', '五金制品', '铝材', '纺织', '服装', '家具', '汽车配件', '物流', '建材', '食品', '陶瓷', '塑料制品', '印刷', '袜业', '内衣']

export function enterpriseName(r: Rng, town: string): string {
  const place = town.replace(/(街道|镇)总工会$/, '')
  return `佛山市南海区${r.chance(0.5) ? place : ''}${r.pick(BRANDS)}${r.pick(TRADES)}有限公司`
}

/** A code that passes GB 32100: registration authority 9 (market regulation), type 1 (company), a Nanhai area code. */
export function uscc(r: Rng): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  let body = '91440605'
  for (let i = 0; i < 9; i++) body += charset[r.int(0, i < 8 ? 30 : 9)]!
  return body + usccCheckChar(body)
}
