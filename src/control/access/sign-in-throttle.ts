/**
 * Slows password guessing: after `maxFailures` wrong passwords for one email within `windowMs`, sign-in for
 * that email is refused until the window ends. Per process; with several replicas the bound is per replica.
 */
export class SignInThrottle {
  readonly #failures = new Map<string, { count: number; firstAt: number }>();

  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until the email may try again; 0 when it may try now. */
  waitMs(email: string): number {
    const entry = this.#failures.get(email);
    if (entry === undefined) return 0;
    const ends = entry.firstAt + this.windowMs;
    if (ends <= this.now()) {
      this.#failures.delete(email);
      return 0;
    }
    return entry.count >= this.maxFailures ? ends - this.now() : 0;
  }

  fail(email: string): void {
    const now = this.now();
    const entry = this.#failures.get(email);
    if (entry === undefined || entry.firstAt + this.windowMs <= now) {
      // Bounded: entries for emails nobody retries are dropped once their window has passed.
      if (this.#failures.size >= 100_000) this.#sweep(now);
      this.#failures.set(email, { count: 1, firstAt: now });
    } else {
      entry.count += 1;
    }
  }

  succeed(email: string): void {
    this.#failures.delete(email);
  }

  #sweep(now: number): void {
    for (const [email, entry] of this.#failures) {
      if (entry.firstAt + this.windowMs <= now) this.#failures.delete(email);
    }
  }
}
