import type { App } from '../../src/app.ts'

export const ORIGIN = 'http://localhost'

type Form = Record<string, string | string[] | number | undefined>

function encode(form: Form): string {
  const body = new URLSearchParams()
  for (const [k, v] of Object.entries(form)) {
    if (v === undefined) continue
    for (const one of Array.isArray(v) ? v : [v]) body.append(k, String(one))
  }
  return body.toString()
}

/**
 * A browser stand-in over app.request(): keeps cookies, and sends on unsafe requests the
 * headers a real browser sends (Origin, Sec-Fetch-Site), so CSRF protection sees a same-origin form.
 */
export class Browser {
  cookies = new Map<string, string>()
  constructor(
    public app: App,
    public headers: Record<string, string> = {},
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';')
      const eq = pair!.indexOf('=')
      const name = pair!.slice(0, eq).trim()
      const value = pair!.slice(eq + 1).trim()
      const expired = attrs.some((a) => /max-age=0/i.test(a) || (/expires=/i.test(a) && new Date(a.split('=')[1]!) < new Date('2000-01-02')))
      if (expired || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return res
  }

  async request(path: string, init: RequestInit & { hx?: boolean; currentUrl?: string } = {}) {
    const headers = new Headers(init.headers)
    for (const [k, v] of Object.entries(this.headers)) headers.set(k, v)
    if (this.cookies.size) headers.set('Cookie', this.cookieHeader())
    if (init.hx) headers.set('HX-Request', 'true')
    if (init.currentUrl) headers.set('HX-Current-URL', ORIGIN + init.currentUrl)
    return this.remember(await this.app.request(ORIGIN + path, { ...init, headers }))
  }

  get(path: string, opts: { hx?: boolean; currentUrl?: string } = {}) {
    return this.request(path, { method: 'GET', ...opts })
  }

  post(path: string, form: Form = {}, opts: { hx?: boolean; currentUrl?: string; headers?: Record<string, string> } = {}) {
    return this.request(path, {
      method: 'POST',
      body: encode(form),
      hx: opts.hx,
      currentUrl: opts.currentUrl,
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: ORIGIN,
        'Sec-Fetch-Site': 'same-origin',
        ...opts.headers,
      },
    })
  }

  /** A multipart form as a browser sends a file upload: string fields and File parts, same-origin headers. */
  postMultipart(path: string, form: Record<string, string | string[] | File | undefined>, opts: { hx?: boolean; headers?: Record<string, string> } = {}) {
    const body = new FormData()
    for (const [k, v] of Object.entries(form)) {
      if (v === undefined) continue
      for (const one of Array.isArray(v) ? v : [v]) body.append(k, one)
    }
    return this.request(path, {
      method: 'POST',
      body,
      hx: opts.hx,
      headers: { Origin: ORIGIN, 'Sec-Fetch-Site': 'same-origin', ...opts.headers },
    })
  }

  async login(username: string, password: string) {
    const res = await this.post('/login', { username, password })
    if (res.status !== 303) throw new Error(`login as ${username} failed with ${res.status}`)
    return res
  }
}

export async function signedIn(app: App, username: string, password: string) {
  const b = new Browser(app)
  await b.login(username, password)
  return b
}

/** The visible text of an HTML response, tags stripped, for asserting what a person would read. */
export function text(html: string): string {
  return html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ')
}
