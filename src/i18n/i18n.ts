import { zhCN } from './zh-CN.ts'
import { en } from './en.ts'

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export type MessageKey = keyof typeof zhCN
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

const catalogues: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en }

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v)
}

export function translator(locale: Locale): Translate {
  const messages = catalogues[locale]
  return (key, params) => {
    const text = messages[key] ?? key
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : text
  }
}

export function isMessageKey(v: string): v is MessageKey {
  return Object.hasOwn(zhCN, v)
}

/** A label from a fixed list (`${prefix}.${value}`); a value the catalogue does not know is shown as it is rather than hidden. */
export function label(t: Translate, prefix: string, value: unknown): string {
  const key = `${prefix}.${String(value)}`
  return isMessageKey(key) ? t(key) : String(value)
}
