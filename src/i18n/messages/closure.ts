// Closure (issue 5): resolution level and amounts recovered, and their timeline words.
export const zh = {
  'closure.level.grassroots': '基层化解',
  'closure.level.town': '镇街化解',
  'closure.level.district': '区级化解',
  'closure.level.court': '诉调对接化解',
  'cases.event.agreed': '约定金额 {amount}，分 {instalments} 期履行',
  'cases.event.recovered': '挽回金额 {amount}',
  'closure.section': '结案',
  'closure.field.level': '化解层级',
  'closure.field.recovered': '为劳动者挽回金额（元）',
  'closure.field.note': '结案说明',
  'closure.hint.level': '按实际化解的层级选择；已按承办单位预选（诉调对接案件预选为诉调对接化解）。',
  'closure.hint.recovered': '劳动者实际拿到的金额；已按登记的履行款预填，没有则填 0。',
  'closure.error.unperformed': '协议还有未付款项，不能以“协议履行完毕”结案。请先登记付款，或选择其他结案原因。',
  'closure.error.recovered': '请填写金额，例如 12345.67；没有挽回金额请填 0。',
}

export const en: Record<keyof typeof zh, string> = {
  'closure.level.grassroots': 'Resolved at grassroots level',
  'closure.level.town': 'Resolved at town level',
  'closure.level.district': 'Resolved at district level',
  'closure.level.court': 'Resolved through court linkage',
  'cases.event.agreed': 'agreed {amount} in {instalments} instalment(s)',
  'cases.event.recovered': 'recovered {amount}',
  'closure.section': 'Closed',
  'closure.field.level': 'Resolution level',
  'closure.field.recovered': 'Amount recovered for the workers (yuan)',
  'closure.field.note': 'Closing note',
  'closure.hint.level': 'The level at which the dispute was actually resolved; preselected from the unit handling the case (court linkage for court-linked cases).',
  'closure.hint.recovered': 'What the workers actually received; prefilled from recorded payments, otherwise enter 0.',
  'closure.error.unperformed': 'Money agreed is still unpaid, so the case cannot close as "agreement performed". Record the payments first or choose another reason.',
  'closure.error.recovered': 'Enter an amount such as 12345.67; enter 0 if nothing was recovered.',
}
