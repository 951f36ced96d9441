// autocannon 9 ships no types; this declares only the part of its programmatic API the bench uses.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events'

  namespace autocannon {
    type Headers = Record<string, string>

    interface Request {
      method?: 'GET' | 'POST'
      path?: string
      headers?: Headers
      body?: string
      /** Called before each request is sent; returns the request to send. */
      setupRequest?: (request: Request, context: Record<string, unknown>) => Request
      /** Called with each response, just before the instance emits `response` for it. */
      onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string | string[]>) => void
    }

    interface Options {
      url: string
      connections?: number
      /** Seconds. */
      duration?: number
      /** Seconds a request may take before it counts as a timeout. */
      timeout?: number
      requests?: Request[]
    }

    interface Result {
      /** Seconds the run lasted. */
      duration: number
      /** Socket errors plus timeouts. */
      errors: number
      timeouts: number
      non2xx: number
      statusCodeStats: Record<string, { count: number }>
    }

    interface Instance extends EventEmitter, PromiseLike<Result> {
      on(event: 'response', listener: (client: unknown, status: number, bytes: number, milliseconds: number) => void): this
      stop(): void
    }
  }

  function autocannon(options: autocannon.Options): autocannon.Instance
  export default autocannon
}
