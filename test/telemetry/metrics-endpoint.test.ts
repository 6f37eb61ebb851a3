import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import parsePrometheusTextFormat, { type PrometheusFamily, type PrometheusSample } from 'parse-prometheus-text-format';
import { startOpenAiStyleEmulator, type Emulator } from '../support/emulators/index.js';
import { startHangar, type HangarUnderTest } from '../support/start-hangar.js';

// GET /metrics after known traffic: every figure is checked against what was sent, and the page must parse
// with a Prometheus text-format parser.
describe('GET /metrics', () => {
  let emulator: Emulator;
  let hangar: HangarUnderTest;
  const KEY = 'metrics-client-key-000001';
  const TOKEN = 'scrape-token-for-tests';

  before(async () => {
    emulator = await startOpenAiStyleEmulator({ flavor: 'openai' });
    hangar = await startHangar({
      yaml: `
metrics:
  token: ${TOKEN}
connections:
  - name: openai
    provider: openai
    base_url: ${emulator.baseUrl}
    api_key: ${emulator.apiKey}
projects:
  - name: team
    keys:
      - name: app
        value: ${KEY}
    deployments:
      - name: chat-a
        model: gpt-4o
        backends:
          - connection: openai
            model: gpt-4o
      - name: tiny
        model: gpt-4o
        tpm: 1000
        rpm: 6
        backends:
          - connection: openai
            model: gpt-4o
      - name: embed
        model: text-embedding-3-small
        backends:
          - connection: openai
            model: text-embedding-3-small
`,
    });
  });
  after(async () => {
    await hangar?.close();
    await emulator?.close();
  });

  const post = (path: string, body: unknown) =>
    fetch(`${hangar.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const chat = (model: string, stream = false) =>
    post('/v1/chat/completions', {
      model,
      stream,
      max_tokens: 50,
      messages: [{ role: 'user', content: 'say something short' }],
    });
  const scrape = () => fetch(`${hangar.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });

  it('refuses a scrape without the token', async () => {
    const response = await fetch(`${hangar.url}/metrics`);
    assert.equal(response.status, 401);
    const wrong = await fetch(`${hangar.url}/metrics`, { headers: { authorization: 'Bearer nope' } });
    assert.equal(wrong.status, 401);
  });

  it('counts requests, tokens, latencies, rejections and upstream errors after known traffic', async () => {
    const chatARequestIds: string[] = [];
    const answered = async (response: Response) => {
      assert.equal(response.status, 200);
      chatARequestIds.push(response.headers.get('x-request-id') ?? '');
      return response.text();
    };
    for (let index = 0; index < 3; index += 1) await answered(await chat('chat-a'));
    for (let index = 0; index < 2; index += 1) assert.match(await answered(await chat('chat-a', true)), /\[DONE\]/);
    const embedded = await post('/v1/embeddings', { model: 'embed', input: ['one', 'two'] });
    assert.equal(embedded.status, 200);
    await embedded.arrayBuffer();
    const unknown = await chat('no-such-deployment');
    assert.equal(unknown.status, 404);
    await unknown.arrayBuffer();
    // Every attempt fails (retries included), so the client gets a 5xx.
    emulator.setFault({ kind: 'status', status: 500 });
    const failed = await chat('chat-a');
    assert.ok(failed.status >= 500, `an upstream that always fails is a 5xx, got ${failed.status}`);
    await failed.arrayBuffer();
    emulator.setFault(undefined);
    const failedAttempts = emulator.requests.filter((request) => request.path === '/v1/chat/completions').length - 5;
    assert.ok(failedAttempts >= 1);
    // rpm 6 is one request per 10 s window: the second is refused at admission.
    const statuses: number[] = [];
    for (let index = 0; index < 2; index += 1) {
      const response = await chat('tiny');
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    assert.deepEqual(statuses, [200, 429]);

    const response = await scrape();
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    const families = parsePrometheusTextFormat(text);
    const family = (name: string): PrometheusFamily => {
      const found = families.find((candidate) => candidate.name === name);
      assert.ok(found !== undefined, `no ${name} in:\n${text}`);
      return found;
    };
    const sample = (name: string, labels: Record<string, string>): PrometheusSample | undefined =>
      family(name).metrics.find((metric) =>
        Object.entries(labels).every(([key, value]) => metric.labels?.[key] === value),
      );
    const value = (name: string, labels: Record<string, string>) => Number(sample(name, labels)?.value ?? 0);
    // The parser folds every series of a histogram family into one (it was written for unlabelled ones), so one
    // series is cut out of the page and parsed on its own, with only its `le` label left.
    const histogram = (name: string, labels: Record<string, string>): PrometheusSample | undefined => {
      const wanted = Object.entries(labels).map(([key, labelValue]) => `${key}="${labelValue}"`);
      const lines = text
        .split('\n')
        .filter((line) => line.startsWith(`${name}_`) && wanted.every((label) => line.includes(label)))
        .map((line) =>
          line.replace(/\{[^}]*?(le="[^"]*")?\}/, (_whole, le: string | undefined) => (le ? `{${le}}` : '')),
        );
      return parsePrometheusTextFormat([`# TYPE ${name} histogram`, ...lines, ''].join('\n'))[0]?.metrics[0];
    };

    const requests = { project: 'team', dialect: 'openai', operation: 'chat' };
    assert.equal(family('hangar_requests_total').type, 'COUNTER');
    assert.equal(
      value('hangar_requests_total', { ...requests, deployment: 'chat-a', outcome: 'ok', status_class: '2xx' }),
      5,
    );
    assert.equal(
      value('hangar_requests_total', {
        ...requests,
        deployment: 'chat-a',
        outcome: 'upstream_error',
        status_class: '5xx',
      }),
      1,
    );
    assert.equal(value('hangar_requests_total', { deployment: '', outcome: 'client_error', status_class: '4xx' }), 1);
    assert.equal(
      value('hangar_requests_total', {
        deployment: 'embed',
        operation: 'embeddings',
        outcome: 'ok',
        status_class: '2xx',
      }),
      1,
    );
    assert.equal(
      value('hangar_requests_total', { deployment: 'tiny', outcome: 'quota_rejected', status_class: '4xx' }),
      1,
    );
    assert.equal(value('hangar_admission_rejections_total', { deployment: 'tiny', reason: 'quota' }), 1);
    assert.equal(value('hangar_admission_rejections_total', { deployment: 'tiny', reason: 'budget' }), 0);

    // Tokens: exactly what the meter received for chat-a, bucket by bucket.
    const chatAUsage = hangar.usage.filter((event) => chatARequestIds.includes(event.requestId));
    assert.equal(chatAUsage.length, 5);
    const input = chatAUsage.reduce((total, event) => total + event.usage.input, 0);
    const output = chatAUsage.reduce((total, event) => total + event.usage.output, 0);
    assert.ok(input > 0 && output > 0);
    assert.equal(value('hangar_tokens_total', { deployment: 'chat-a', kind: 'input' }), input);
    assert.equal(value('hangar_tokens_total', { deployment: 'chat-a', kind: 'output' }), output);

    // Histograms: five answered chats and one failed one on chat-a; two streams with a first token.
    const duration = histogram('gen_ai_server_request_duration_seconds', { deployment: 'chat-a', operation: 'chat' });
    assert.equal(family('gen_ai_server_request_duration_seconds').type, 'HISTOGRAM');
    assert.equal(Number(duration?.count), 6);
    assert.equal(Number(duration?.buckets?.['+Inf']), 6);
    assert.ok(Number(duration?.sum) > 0);
    const firstToken = histogram('gen_ai_server_time_to_first_token_seconds', { deployment: 'chat-a' });
    assert.equal(Number(firstToken?.count), 2);
    const tokenUsage = histogram('gen_ai_client_token_usage', { deployment: 'chat-a', token_type: 'output' });
    assert.equal(Number(tokenUsage?.count), 5);
    assert.equal(Number(tokenUsage?.sum), output);

    // Upstream: the one 500 by provider and code; every attempt timed.
    const upstreamErrors = family('hangar_upstream_errors_total').metrics;
    assert.deepEqual(
      upstreamErrors.map((metric) => [metric.labels?.provider, Number(metric.value)]),
      [['openai', failedAttempts]],
      text,
    );
    const attempts = histogram('gen_ai_client_operation_duration_seconds', { provider: 'openai', operation: 'chat' });
    assert.equal(Number(attempts?.count), 5 + failedAttempts + 1, 'every attempt at chat-a, and the one at tiny');

    // Gauges registered by other modules: nothing in flight now, no local model loaded.
    assert.equal(family('hangar_requests_in_flight').type, 'GAUGE');
    assert.equal(value('hangar_requests_in_flight', {}), 0);
    assert.equal(family('hangar_local_requests_waiting').metrics.length, 0);
    // Routing's breakers, one series per backend called on this replica; chat-a's recovered from its one 500.
    assert.equal(family('hangar_backend_breaker_state').type, 'GAUGE');
    const breakers = family('hangar_backend_breaker_state').metrics;
    assert.ok(breakers.length >= 1, text);
    assert.ok(breakers.every((metric) => ['0', '1', '2'].includes(String(metric.value))));
  });
});
