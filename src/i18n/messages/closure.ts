// Closure (issue 5): resolution level and amounts recovered, and their timeline words.
export const zh = {
  'closure.level.grassroots': '基层化解',
  'closure.level.town': '镇街化解',
  'closure.level.district': '区级化解',
  'closure.level.court': '诉调对接化解',
  'cases.event.agreed': '约定金额 {amount}，分 {instalments} 期履行',
  'cases.event.recovered': '挽回金额 {amount}',
}

export const en: Record<keyof typeof zh, string> = {
  'closure.level.grassroots': 'Resolved at grassroots level',
  'closure.level.town': 'Resolved at town level',
  'closure.level.district': 'Resolved at district level',
  'closure.level.court': 'Resolved through court linkage',
  'cases.event.agreed': 'agreed {amount} in {instalments} instalment(s)',
  'cases.event.recovered': 'recovered {amount}',
}
