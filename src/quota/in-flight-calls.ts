/**
 * Counts the calls a limiter has in flight, so `close()` can refuse new ones and resolve once the last one is
 * done: a shutdown then loses no settlement that was already on its way to the store.
 */
export class InFlightCalls {
  private running = 0;
  private closed = false;
  private readonly waiting: Array<() => void> = [];

  /** `what` names the closed thing in the refusal, e.g. `The budget limiter`. */
  constructor(private readonly what = 'The quota limiter') {}

  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`${this.what} is closed.`));
    this.running += 1;
    let started: Promise<T>;
    try {
      started = work();
    } catch (error) {
      started = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return started.finally(() => {
      this.running -= 1;
      if (this.running === 0) for (const resolve of this.waiting.splice(0)) resolve();
    });
  }

  close(): Promise<void> {
    this.closed = true;
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}
