// The early-warning board (/early-warning). Risk reasons are the shared 'cases.risk.reason.*' keys.
export const zh = {
  'earlyWarning.title': '预警',
  'earlyWarning.count': '{count} 件',
  'earlyWarning.intro': '未结的红色、橙色风险案件：红色在前，同一等级中收到最早的在前。',
  'earlyWarning.respondent': '被申请人',
  'earlyWarning.noRespondent': '未填写',
  'earlyWarning.workers': '涉及劳动者',
  'earlyWarning.workersValue': '{workers} 人',
  'earlyWarning.daysOpen': '已受理',
  'earlyWarning.daysValue': '{days} 天',
  'earlyWarning.town': '镇街',
  'earlyWarning.empty': '目前没有红色或橙色预警案件。群体性或重大风险案件一经登记，会立即出现在这里。',
  'earlyWarning.toList': '查看案件列表',
  'earlyWarning.more': '此处只显示前 {shown} 件，共 {count} 件。',
}

export const en: Record<keyof typeof zh, string> = {
  'earlyWarning.title': 'Early warning',
  'earlyWarning.count': '{count} cases',
  'earlyWarning.intro': 'Open red and orange cases: red first, and within a level the longest open first.',
  'earlyWarning.respondent': 'Respondent',
  'earlyWarning.noRespondent': 'Not recorded',
  'earlyWarning.workers': 'Workers involved',
  'earlyWarning.workersValue': '{workers}',
  'earlyWarning.daysOpen': 'Open for',
  'earlyWarning.daysValue': '{days} days',
  'earlyWarning.town': 'Town',
  'earlyWarning.empty': 'No red or orange case right now. Collective and high-risk cases appear here as soon as they are registered.',
  'earlyWarning.toList': 'Go to the case list',
  'earlyWarning.more': 'Only the first {shown} of {count} are shown here.',
}
