// Messages of the mediation feature (issue 5). en must match zh key for key.
export const zh = {
} satisfies Record<string, string>

export const en: Record<keyof typeof zh, string> = {
}
