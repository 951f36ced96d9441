/** What the primary sends a worker to make it finish its requests and exit (a signal may not reach it). */
export const STOP_MESSAGE = 'fengqiao:stop'

export const isStopMessage = (m: unknown) => m === STOP_MESSAGE
