import { SESSION_COOKIE } from '../auth/session-cookie.ts'

/**
 * The headers a browser sends with a same-origin form: CSRF protection (hono/csrf) judges a POST by
 * its Origin and Sec-Fetch-Site.
 */
export const sameOriginForm = (baseUrl: string) => ({
  'Content-Type': 'application/x-www-form-urlencoded',
  Origin: baseUrl,
  'Sec-Fetch-Site': 'same-origin',
})

/**
 * Signs in as a browser does (the login page, then its form) and returns the Cookie header that
 * carries the session. Only failed sign-ins count towards the lockout (5 per user, 30 minutes) and
 * the per-address throttle, so we try once and stop with the reason.
 */
export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const page = await fetch(`${baseUrl}/login`)
  if (page.status !== 200) throw new Error(`GET /login answered ${page.status}`)
  await page.arrayBuffer()
  const res = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: sameOriginForm(baseUrl),
    body: new URLSearchParams({ username, password, next: '/' }),
  })
  await res.arrayBuffer()
  if (res.status === 401) {
    throw new Error(`Signing in as "${username}" failed (401): no such user, or the password is wrong. ` +
      'Demo users exist only where the app created them (npm start outside production); five wrong passwords lock a user for 30 minutes.')
  }
  if (res.status === 429) throw new Error('Signing in was refused (429): too many failed sign-ins from this address lately; wait and try again.')
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${SESSION_COOKIE}=`))
  if (res.status !== 303 || !cookie) throw new Error(`Signing in as "${username}" answered ${res.status} without a session cookie`)
  return cookie
}
