export const zh = {
  'settings.title': '规则设置',
  'settings.ackDays': '转办签收期限（工作日）',
  'settings.ackDaysHint': '案件转给联合会其他单位时，接收单位应在多少个工作日内签收或说明理由退回。只影响此后发出的转办。',
  'settings.error.ackDays': '请填写 1 到 30 之间的整数',
  'settings.saved': '设置已保存。',
  'nav.settings': '规则设置',
}

export const en: Record<keyof typeof zh, string> = {
  'settings.title': 'Rules',
  'settings.ackDays': 'Referral acknowledgment deadline (working days)',
  'settings.ackDaysHint': 'How many working days a unit of the federation has to acknowledge a referred case, or return it with a reason. Applies to referrals sent from now on.',
  'settings.error.ackDays': 'A whole number from 1 to 30',
  'settings.saved': 'Settings saved.',
  'nav.settings': 'Rules',
}
