import { closeSync, openSync, readSync, writeSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Writable } from 'node:stream'

/**
 * A table's COPY input on its way to the server, through a file: the generator appends and never
 * waits; a pump sends what is there to the connection as fast as the server takes it. So no table
 * holds the generator back, every core keeps busy, and a table still loading when generation ends
 * goes on loading while the case table builds its search index.
 */
export class Spool {
  private readonly fd: number
  private written = 0
  private finished = false

  constructor(readonly file: string) {
    this.fd = openSync(file, 'w+')
  }

  write(data: Uint8Array): void {
    let at = 0
    while (at < data.length) at += writeSync(this.fd, data, at, data.length - at, this.written + at)
    this.written += data.length
  }

  /** No more data will come. */
  finish(): void {
    this.finished = true
  }

  get size(): number {
    return this.written
  }

  /** Sends everything written, and what will be, to the stream; resolves once the stream has taken the last byte. */
  async pump(stream: Writable, failed: () => Error | null): Promise<void> {
    const chunk = Buffer.allocUnsafe(4 << 20)
    let sent = 0
    for (;;) {
      const e = failed()
      if (e) throw e
      if (sent < this.written) {
        const n = readSync(this.fd, chunk, 0, Math.min(chunk.length, this.written - sent), sent)
        sent += n
        if (!stream.write(Buffer.from(chunk.subarray(0, n)))) await drained(stream)
      } else if (this.finished) {
        return
      } else {
        await sleep(20)
      }
    }
  }

  close(): void {
    closeSync(this.fd)
  }
}

function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done)
      stream.off('error', done)
      stream.off('close', done)
      resolve()
    }
    stream.on('drain', done)
    stream.on('error', done)
    stream.on('close', done)
  })
}
