/**
 * Counts the inference requests between reaching their handler and having been recorded, so shutdown can wait for
 * the last usage records before it flushes the ledger, and `/metrics` can show the count.
 */
export class InFlightRequests {
  count = 0;
  private waiters: (() => void)[] = [];

  started(): void {
    this.count += 1;
  }

  ended(): void {
    this.count -= 1;
    if (this.count === 0 && this.waiters.length > 0) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const wake of waiters) wake();
    }
  }

  /** Resolves once no request is in flight, or after `timeoutMs`, whichever comes first. */
  idle(timeoutMs: number): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      timer.unref();
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
