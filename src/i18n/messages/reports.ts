// Messages of the reports feature (issue 6). en must match zh key for key.
export const zh = {
  'reports.title': '年度报告',
}

export const en: Record<keyof typeof zh, string> = {
  'reports.title': 'Annual report',
}
