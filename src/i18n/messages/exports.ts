// Messages of the exports feature (issue 6). en must match zh key for key.
export const zh = {
  'exports.title': '导出',
}

export const en: Record<keyof typeof zh, string> = {
  'exports.title': 'Exports',
}
