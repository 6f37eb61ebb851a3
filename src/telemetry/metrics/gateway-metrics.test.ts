import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMPTY_USAGE } from '../../spec/index.js';
import { createGatewayMetrics } from './gateway-metrics.js';

const deployment = { id: 'dep_1', name: 'we"ird\\name\nx', projectName: 'team' };

describe('GatewayMetrics', () => {
  it('renders cumulative buckets, sum and count, with escaped label values', () => {
    const metrics = createGatewayMetrics();
    metrics.requestFinished(deployment, 'openai', 'chat', 'ok', 200, 0.003);
    metrics.requestFinished(deployment, 'openai', 'chat', 'ok', 200, 0.03);
    metrics.requestFinished(deployment, 'openai', 'chat', 'upstream_error', 502, 1000);
    const text = metrics.render();
    const labels = 'project="team",deployment="we\\"ird\\\\name\\nx"';
    assert.match(
      text,
      new RegExp(
        `hangar_requests_total\\{${escape(labels)},dialect="openai",operation="chat",outcome="ok",status_class="2xx"\\} 2\\n`,
      ),
    );
    assert.match(text, /outcome="upstream_error",status_class="5xx"\} 1\n/);
    const bucket = (le: string) =>
      new RegExp(
        `gen_ai_server_request_duration_seconds_bucket\\{${escape(labels)},operation="chat",le="${escape(le)}"\\} (\\d+)`,
      ).exec(text)?.[1];
    assert.equal(bucket('0.005'), '1');
    assert.equal(bucket('0.04'), '2');
    assert.equal(bucket('163.84'), '2');
    assert.equal(bucket('+Inf'), '3');
    assert.match(
      text,
      new RegExp(`gen_ai_server_request_duration_seconds_sum\\{${escape(labels)},operation="chat"\\} 1000.033`),
    );
    assert.match(
      text,
      new RegExp(`gen_ai_server_request_duration_seconds_count\\{${escape(labels)},operation="chat"\\} 3`),
    );
    assert.ok(text.endsWith('\n'));
  });

  it('derives the time per output token from the stream timings', () => {
    const metrics = createGatewayMetrics();
    metrics.requestFinished(deployment, 'openai', 'chat', 'ok', 200, 1.1);
    metrics.usageRecorded('dep_1', 'chat', { ...EMPTY_USAGE, input: 7, output: 11 }, 0.1, 1.1);
    const series = metrics.deployments.get('dep_1')!;
    assert.equal(series.timeToFirstToken.count, 1);
    assert.equal(series.timePerOutputToken.sum, 0.1, '(1.1 s − 0.1 s) over the 10 tokens after the first');
    assert.deepEqual([...series.tokens], [7, 0, 0, 11, 0]);
  });

  it('counts quota and budget rejections, and keeps a renamed deployment under its new name', () => {
    const metrics = createGatewayMetrics();
    metrics.requestFinished(deployment, 'anthropic', 'chat', 'quota_rejected', 429, 0.001);
    metrics.requestFinished({ ...deployment, name: 'renamed' }, 'anthropic', 'chat', 'budget_rejected', 429, 0.001);
    const text = metrics.render();
    assert.match(text, /hangar_admission_rejections_total\{project="team",deployment="renamed",reason="quota"\} 1/);
    assert.match(text, /hangar_admission_rejections_total\{project="team",deployment="renamed",reason="budget"\} 1/);
  });

  it('reads registered gauges at render, skips one that throws, and unregisters', () => {
    const metrics = createGatewayMetrics();
    const unregister = metrics.register({
      name: 'hangar_backend_breaker_state',
      help: 'Circuit breaker per backend: 0 closed, 1 half-open, 2 open.',
      collect: () => [{ labels: { backend: 'openai/gpt-4o' }, value: 2 }],
    });
    metrics.register({
      name: 'hangar_broken',
      help: 'Throws.',
      collect: () => {
        throw new Error('boom');
      },
    });
    const text = metrics.render();
    assert.match(
      text,
      /# TYPE hangar_backend_breaker_state gauge\nhangar_backend_breaker_state\{backend="openai\/gpt-4o"\} 2\n/,
    );
    assert.doesNotMatch(text, /hangar_broken/);
    unregister();
    assert.doesNotMatch(metrics.render(), /hangar_backend_breaker_state/);
    assert.throws(() => metrics.register({ name: 'bad name', help: '', collect: () => [] }), /not a valid Prometheus/);
  });

  it('records upstream attempts by provider and error code', () => {
    const metrics = createGatewayMetrics();
    metrics.upstreamAttemptEnded('openai', 'chat', 0.2, 'upstream_timeout');
    metrics.upstreamAttemptEnded('openai', 'chat', 0.1, undefined);
    const text = metrics.render();
    assert.match(text, /hangar_upstream_errors_total\{provider="openai",code="upstream_timeout"\} 1/);
    assert.match(text, /gen_ai_client_operation_duration_seconds_count\{provider="openai",operation="chat"\} 2/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
