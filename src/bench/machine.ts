import { readFileSync } from 'node:fs'
import os from 'node:os'

export type Machine = { cpu: string; cpus: number; memory: string; os: string; node: string; postgres: string }

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1]
    return `${pretty ?? os.type()}, kernel ${os.release()}`
  } catch {
    return `${os.type()} ${os.release()}`
  }
}

function cpuModel(): string {
  try {
    const model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]
    if (model) return model.trim()
  } catch {
    // not Linux: os.cpus() still knows the model
  }
  return os.cpus()[0]?.model ?? 'unknown'
}

/** The machine the numbers were measured on; `postgres` is the server's own `select version()`. */
export function describeMachine(postgresVersion: string): Machine {
  return {
    cpu: cpuModel(),
    cpus: os.availableParallelism(),
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    os: osName(),
    node: process.version,
    postgres: postgresVersion,
  }
}
