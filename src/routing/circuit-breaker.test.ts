import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_ROUTING_POLICY, type BreakerPolicy } from '../spec/index.js';
import { CircuitBreaker } from './circuit-breaker.js';

function breakerWith(overrides: Partial<BreakerPolicy>) {
  let now = 1_000_000;
  const policy = { ...DEFAULT_ROUTING_POLICY.breaker, ...overrides };
  const breaker = new CircuitBreaker(
    () => policy,
    () => now,
  );
  return { breaker, advance: (milliseconds: number) => (now += milliseconds) };
}

describe('CircuitBreaker', () => {
  it('opens after the configured failures in a row, and a success in between resets the count', () => {
    const { breaker } = breakerWith({ consecutiveFailures: 3 });
    breaker.recordFailure();
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    breaker.recordFailure();
    assert.equal(breaker.state, 'closed');
    breaker.recordFailure();
    assert.equal(breaker.state, 'open');
    assert.equal(breaker.admit(), 'refused');
  });

  it('opens on the failure rate over the window once it holds enough calls', () => {
    const { breaker, advance } = breakerWith({
      consecutiveFailures: 100,
      failureRatePercent: 50,
      minimumCalls: 10,
      windowMs: 10_000,
    });
    for (let call = 0; call < 4; call += 1) {
      breaker.recordSuccess();
      breaker.recordFailure();
    }
    assert.equal(breaker.state, 'closed', '8 calls: below the minimum');
    breaker.recordSuccess();
    breaker.recordFailure();
    assert.equal(breaker.state, 'open', '5 of 10 failed');
    const other = breakerWith({ consecutiveFailures: 100, failureRatePercent: 50, minimumCalls: 4, windowMs: 1_000 });
    other.breaker.recordFailure();
    other.breaker.recordFailure();
    other.advance(2_000);
    other.breaker.recordSuccess();
    other.breaker.recordSuccess();
    other.breaker.recordFailure();
    assert.equal(other.breaker.state, 'closed', 'failures older than the window no longer count');
    assert.equal(other.breaker.snapshot().windowCalls, 3);
    advance(0);
  });

  it('lets one probe through after the cool-down, closes on its success', () => {
    const { breaker, advance } = breakerWith({ consecutiveFailures: 1, coolDownMs: 5_000 });
    breaker.recordFailure();
    advance(4_999);
    assert.equal(breaker.admit(), 'refused');
    advance(1);
    assert.equal(breaker.state, 'half-open');
    assert.equal(breaker.admit(), 'probe');
    assert.equal(breaker.admit(), 'refused', 'one probe at a time');
    assert.equal(breaker.refusing, true);
    breaker.recordSuccess();
    assert.equal(breaker.state, 'closed');
    assert.equal(breaker.admit(), 'allowed');
  });

  it('opens again for a whole cool-down when the probe fails, and frees the probe when it is abandoned', () => {
    const { breaker, advance } = breakerWith({ consecutiveFailures: 1, coolDownMs: 1_000 });
    breaker.recordFailure();
    advance(1_000);
    assert.equal(breaker.admit(), 'probe');
    breaker.recordFailure();
    assert.equal(breaker.state, 'open');
    advance(999);
    assert.equal(breaker.admit(), 'refused');
    advance(1);
    assert.equal(breaker.admit(), 'probe');
    breaker.releaseProbe();
    assert.equal(breaker.admit(), 'probe', 'the next request probes instead');
  });

  it('ignores late failures of calls sent before it opened', () => {
    const { breaker, advance } = breakerWith({ consecutiveFailures: 1, coolDownMs: 1_000 });
    breaker.recordFailure();
    const openedAt = breaker.snapshot().openedAt;
    advance(500);
    breaker.recordFailure();
    assert.equal(breaker.snapshot().openedAt, openedAt);
  });

  it('closes an open circuit on a probe success without waiting for the cool-down', () => {
    const { breaker } = breakerWith({ consecutiveFailures: 1, coolDownMs: 60_000 });
    breaker.recordFailure();
    assert.equal(breaker.state, 'open');
    breaker.recordProbeSuccess();
    assert.equal(breaker.state, 'closed');
    assert.equal(breaker.snapshot().consecutiveFailures, 0);
  });

  it('counts a probe failure like a failure when closed, but leaves the window alone on a probe success', () => {
    const { breaker } = breakerWith({ consecutiveFailures: 2 });
    breaker.recordProbeSuccess();
    assert.equal(breaker.snapshot().windowCalls, 0);
    breaker.recordProbeFailure();
    breaker.recordProbeFailure();
    assert.equal(breaker.state, 'open');
  });

  it('reopens for another cool-down on a probe failure once half-open, not before', () => {
    const { breaker, advance } = breakerWith({ consecutiveFailures: 1, coolDownMs: 1_000 });
    breaker.recordFailure();
    const openedAt = breaker.snapshot().openedAt!;
    advance(500);
    breaker.recordProbeFailure();
    assert.equal(breaker.snapshot().openedAt, openedAt);
    advance(600);
    assert.equal(breaker.state, 'half-open');
    breaker.recordProbeFailure();
    assert.equal(breaker.state, 'open');
    assert.equal(breaker.snapshot().openedAt, openedAt + 1_100);
  });
});
