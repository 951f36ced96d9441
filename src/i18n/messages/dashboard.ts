// Messages of the dashboard feature (issue 6). en must match zh key for key.
export const zh = {
  'dashboard.title': '统计看板',
}

export const en: Record<keyof typeof zh, string> = {
  'dashboard.title': 'Dashboard',
}
