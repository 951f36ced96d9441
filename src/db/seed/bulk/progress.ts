/**
 * A progress bar on stderr: redrawn in place on a terminal (percent, rows a second, time left),
 * a line every tenth otherwise, so a log stays readable.
 */
export type Progress = { update(done: number): void; done(note?: string): void }

const WIDTH = 30

export function progressBar(label: string, total: number, out: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now()
  const tty = out.isTTY === true
  let lastDraw = 0
  let lastTenth = -1
  const line = (done: number) => {
    const seconds = (Date.now() - started) / 1000
    const rate = seconds > 0 ? done / seconds : 0
    const share = total ? done / total : 1
    const left = rate > 0 ? (total - done) / rate : 0
    const filled = Math.round(share * WIDTH)
    return `${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${(share * 100).toFixed(1).padStart(5)}%  ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}  ${Math.round(rate).toLocaleString('en-US')}/s  ETA ${clock(left)}`
  }
  return {
    update(done) {
      if (tty) {
        if (Date.now() - lastDraw < 200) return
        lastDraw = Date.now()
        out.write(`\r${line(done)}\x1b[K`)
      } else {
        const tenth = Math.floor((done / Math.max(1, total)) * 10)
        if (tenth > lastTenth && tenth < 10) {
          lastTenth = tenth
          out.write(line(done) + '\n')
        }
      }
    },
    done(note = '') {
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      out.write(`${tty ? '\r' : ''}${line(total)}  done in ${seconds} s${note ? `  ${note}` : ''}${tty ? '\x1b[K' : ''}\n`)
    },
  }
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}
