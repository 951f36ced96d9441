/**
 * The demo district: Nanhai's federation, its seven towns (DESIGN §1) and a few grassroots unions
 * in each. Enterprise names are invented; town names are real.
 */
export const DISTRICT = { name: '佛山市南海区总工会', code: 'NH' }

export const TOWNS: { name: string; code: string; grassroots: string[] }[] = [
  { name: '桂城街道总工会', code: 'NH-GC', grassroots: ['平洲玉器街工会联合会', '千灯湖科技园工会', '叠滘社区工会', '桂城恒达电子有限公司工会'] },
  { name: '狮山镇总工会', code: 'NH-SS', grassroots: ['狮山汽车配件产业园工会联合会', '小塘社区工会', '狮山华锐精密制造有限公司工会'] },
  { name: '大沥镇总工会', code: 'NH-DL', grassroots: ['大沥铝型材行业工会联合会', '黄岐社区工会', '盐步内衣产业工会联合会'] },
  { name: '里水镇总工会', code: 'NH-LS', grassroots: ['里水袜业行业工会', '和顺社区工会', '里水新能源物流有限公司工会'] },
  { name: '西樵镇总工会', code: 'NH-XQ', grassroots: ['西樵纺织行业工会联合会', '西樵山旅游区工会', '樵山建材有限公司工会'] },
  { name: '九江镇总工会', code: 'NH-JJ', grassroots: ['九江酒业工会', '九江水产养殖合作社工会', '沙头社区工会'] },
  { name: '丹灶镇总工会', code: 'NH-DZ', grassroots: ['丹灶五金产业园工会联合会', '金沙社区工会', '丹灶氢能装备有限公司工会'] },
]

/** One demo user per role; the username is the role key so a new user can guess it. */
export const DEMO_USERS: { username: string; displayName: string; unitCode: string; description: string }[] = [
  { username: 'informant', displayName: '陈晓华', unitCode: 'NH-GC-1', description: '劳动关系信息员 informant — 平洲玉器街工会联合会' },
  { username: 'rights_officer', displayName: '李建国', unitCode: 'NH-GC', description: '维权专员 rights officer — 桂城街道总工会' },
  { username: 'bargaining_instructor', displayName: '黄丽珍', unitCode: 'NH-SS', description: '集体协商指导员 bargaining instructor — 狮山镇总工会' },
  { username: 'mediator', displayName: '梁志强', unitCode: 'NH-GC', description: '调解员 mediator — 桂城街道总工会' },
  { username: 'legal_adviser', displayName: '何文静', unitCode: 'NH', description: '法律顾问 legal adviser — 南海区总工会' },
  { username: 'manager', displayName: '周国平', unitCode: 'NH', description: '管理人员 manager — 南海区总工会' },
  { username: 'admin', displayName: '系统管理员', unitCode: 'NH', description: '系统管理员 admin — 南海区总工会' },
]

/** Each other town gets its own informant, rights officer and mediator (same demo password), so every town has live cases. */
export const TOWN_STAFF = TOWNS.slice(1).flatMap((t) => {
  const code = t.code.slice(3).toLowerCase()
  return [
    { username: `informant_${code}`, displayName: `${t.name.slice(0, 2)}信息员`, unitCode: `${t.code}-1`, role: 'informant' },
    { username: `rights_officer_${code}`, displayName: `${t.name.slice(0, 2)}维权专员`, unitCode: t.code, role: 'rights_officer' },
    { username: `mediator_${code}`, displayName: `${t.name.slice(0, 2)}调解员`, unitCode: t.code, role: 'mediator' },
  ]
})
