import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { safeParseJson } from '../../src/kit/index.js';
import { startOpenAiStyleEmulator, type Emulator } from '../support/emulators/index.js';
import { startHangar, type HangarUnderTest } from '../support/start-hangar.js';

/** The parts of an OTLP/JSON export this test reads. */
interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number; boolValue?: boolean };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: OtlpAttribute[];
  status?: { code?: number };
}
interface OtlpExport {
  resourceSpans: { resource: { attributes: OtlpAttribute[] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
}

const attribute = (span: OtlpSpan, key: string) => {
  const value = span.attributes.find((candidate) => candidate.key === key)?.value;
  if (value === undefined) return undefined;
  return value.stringValue ?? (value.intValue === undefined ? value.boolValue : Number(value.intValue));
};

// Traces end to end: Hangar configured with `telemetry.traces: otlp` exports over OTLP/HTTP to a collector on
// loopback; one SERVER span per request with the GenAI attributes, a CLIENT child per upstream attempt.
describe('OpenTelemetry traces', () => {
  let emulator: Emulator;
  let hangar: HangarUnderTest;
  let collector: Server;
  const exports: OtlpExport[] = [];
  const KEY = 'traces-client-key-000001';

  before(async () => {
    collector = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        assert.equal(request.url, '/v1/traces');
        const parsed = safeParseJson(Buffer.concat(chunks).toString('utf8'));
        if (parsed.ok) exports.push(parsed.value as unknown as OtlpExport);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const { port } = collector.address() as AddressInfo;
    emulator = await startOpenAiStyleEmulator({ flavor: 'openai' });
    hangar = await startHangar({
      yaml: `
telemetry:
  traces: otlp
  otlp_endpoint: http://127.0.0.1:${port}
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
      - name: chat
        model: gpt-4o
        backends:
          - connection: openai
            model: gpt-4o
`,
    });
  });
  after(async () => {
    await emulator?.close();
    await new Promise((resolve) => collector?.close(resolve));
  });

  it('exports a span per request with GenAI attributes and a child per upstream attempt', async () => {
    emulator.setFault({ kind: 'status', status: 503, times: 1 });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await fetch(`${hangar.url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${KEY}`,
        'content-type': 'application/json',
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      },
      body: JSON.stringify({ model: 'chat', max_tokens: 20, messages: [{ role: 'user', content: 'hello there' }] }),
    });
    assert.equal(response.status, 200);
    const answer = (await response.json()) as { usage: { prompt_tokens: number; completion_tokens: number } };
    // Closing flushes the batch processor: every span is exported before close resolves.
    await hangar.close();

    const spans = exports.flatMap((batch) =>
      batch.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans)),
    );
    const serviceName = exports[0]?.resourceSpans[0]?.resource.attributes.find((item) => item.key === 'service.name');
    assert.equal(serviceName?.value.stringValue, 'hangar');
    const server = spans.filter((span) => span.kind === 2);
    assert.equal(server.length, 1, JSON.stringify(spans));
    const request = server[0]!;
    assert.equal(request.traceId, traceId, 'the caller’s traceparent is the parent');
    assert.equal(request.parentSpanId, '00f067aa0ba902b7');
    assert.equal(attribute(request, 'gen_ai.operation.name'), 'chat');
    assert.equal(attribute(request, 'gen_ai.request.model'), 'chat');
    assert.equal(attribute(request, 'gen_ai.response.model'), 'gpt-4o');
    assert.equal(attribute(request, 'gen_ai.provider.name'), 'openai');
    assert.equal(attribute(request, 'gen_ai.usage.input_tokens'), answer.usage.prompt_tokens);
    assert.equal(attribute(request, 'gen_ai.usage.output_tokens'), answer.usage.completion_tokens);
    assert.equal(attribute(request, 'http.response.status_code'), 200);
    assert.match(String(attribute(request, 'hangar.request_id')), /^req_/);

    const attempts = spans.filter((span) => span.kind === 3);
    assert.equal(attempts.length, 2, 'the 503 and the retry that answered');
    for (const attempt of attempts) {
      assert.equal(attempt.parentSpanId, request.spanId);
      assert.equal(attempt.traceId, traceId);
      assert.equal(attribute(attempt, 'gen_ai.request.model'), 'gpt-4o');
      assert.equal(attribute(attempt, 'server.address'), '127.0.0.1');
      assert.equal(typeof attribute(attempt, 'server.port'), 'number');
    }
    const [failed, answered] = [...attempts].sort(
      (left, right) => Number(attribute(left, 'hangar.attempt')) - Number(attribute(right, 'hangar.attempt')),
    );
    assert.equal(attribute(failed!, 'http.response.status_code'), 503);
    assert.equal(failed!.status?.code, 2, 'status ERROR');
    assert.equal(typeof attribute(failed!, 'error.type'), 'string');
    assert.equal(attribute(answered!, 'error.type'), undefined);
  });
});
