import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { validateJsonValue } from '../../src/engine/json-schema/index.js';
import { fixedPricer } from '../../src/metering/budgets/testing/fixed-pricer.js';
import type { JsonObject, JsonValue } from '../../src/spec/index.js';
import { startOpenAiStyleEmulator, type Emulator } from '../support/emulators/index.js';
import { startHangar, type HangarUnderTest } from '../support/start-hangar.js';

const KEY = 'slo-client-key-000000001';

/**
 * Service levels through a running Hangar: upstream failures lower a deployment's availability, the client's own
 * mistakes and quota refusals do not, and the month's SLA report turns it into a credit on the invoice amount.
 */
describe('SLO and SLA through a running Hangar', () => {
  let emulator: Emulator;
  let hangar: HangarUnderTest;
  let client: OpenAI;

  before(async () => {
    emulator = await startOpenAiStyleEmulator({ flavor: 'openai' });
    hangar = await startHangar({
      yaml: `
connections:
  - name: openai
    provider: openai
    base_url: ${emulator.baseUrl}
    api_key: ${emulator.apiKey}
projects:
  - name: demo
    keys:
      - name: app
        value: ${KEY}
    deployments:
      - name: chat
        model: gpt-4o
        backends:
          - connection: openai
            model: gpt-4o
      - name: limited
        model: gpt-4o
        tpm: 1000
        rpm: 1
        backends:
          - connection: openai
            model: gpt-4o
`,
      overrides: { pricer: fixedPricer({ perRequestMicroUsd: 1_000_000 }) },
    });
    client = new OpenAI({ baseURL: `${hangar.url}/v1`, apiKey: KEY, maxRetries: 0 });
  });
  after(async () => {
    await hangar?.close();
    await emulator?.close();
  });

  async function admin(path: string): Promise<JsonObject> {
    const response = await fetch(`${hangar.url}${path}`, { headers: { authorization: `Bearer ${hangar.adminKey}` } });
    const body = (await response.json()) as JsonObject;
    assert.equal(response.status, 200, JSON.stringify(body));
    return body;
  }

  /** Checks an answer against the schema /openapi.json documents for the operation. */
  async function assertDocumented(operation: string, answer: JsonValue): Promise<void> {
    const document = (await (await fetch(`${hangar.url}/openapi.json`)).json()) as {
      components: { schemas: JsonObject };
      paths: Record<
        string,
        { get: { responses: Record<string, { content: Record<string, { schema: JsonObject }> }> } }
      >;
    };
    const rewrite = (value: JsonValue): JsonValue =>
      JSON.parse(JSON.stringify(value).replaceAll('#/components/schemas/', '#/$defs/')) as JsonValue;
    const schema = document.paths[operation]!.get.responses['200']!.content['application/json']!.schema;
    const problems = validateJsonValue(answer, {
      ...(rewrite(schema) as JsonObject),
      $defs: rewrite(document.components.schemas),
    });
    assert.deepEqual(problems, [], JSON.stringify(answer));
  }

  const ask = (model = 'chat') =>
    client.chat.completions.create({ model, max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] });

  it('counts upstream failures against availability, and client errors and quota refusals not at all', async () => {
    for (let call = 0; call < 6; call += 1) await ask();
    for (let call = 0; call < 2; call += 1) {
      const stream = await client.chat.completions.create({
        model: 'chat',
        stream: true,
        messages: [{ role: 'user', content: 'a streamed answer' }],
      });
      for await (const chunk of stream) assert.ok(chunk);
    }
    // The vendor refuses the request as malformed: the client's mistake, excluded.
    emulator.setFault({ kind: 'status', status: 400 });
    for (let call = 0; call < 3; call += 1) {
      await assert.rejects(ask(), (error: unknown) => error instanceof OpenAI.BadRequestError);
    }
    // The vendor fails: counted against the deployment.
    emulator.setFault({ kind: 'status', status: 500 });
    for (let call = 0; call < 2; call += 1) {
      await assert.rejects(ask(), (error: unknown) => error instanceof OpenAI.APIError && (error.status ?? 0) >= 500);
    }
    emulator.setFault(undefined);
    // The second request in the minute passes the deployment's 1 RPM: Hangar's 429, excluded.
    await ask('limited');
    await assert.rejects(ask('limited'), (error: unknown) => error instanceof OpenAI.RateLimitError);

    const slo = await admin('/admin/projects/demo/deployments/chat/slo?window=1h');
    await assertDocumented('/admin/projects/{project}/deployments/{name}/slo', slo);
    assert.deepEqual(
      [slo.eligible_requests, slo.successful_requests, slo.failed_requests, slo.availability_percent],
      [10, 8, 2, 80],
    );
    assert.deepEqual(slo.excluded_requests, {
      client_error: 3,
      quota: 0,
      budget: 0,
      content_filter: 0,
      client_abort: 0,
    });
    const latency = slo.latency_ms as Record<string, number | null>;
    const firstToken = slo.time_to_first_token_ms as Record<string, number | null>;
    assert.ok((latency.p50 ?? 0) > 0 && (latency.p99 ?? 0) >= (latency.p50 ?? 0), JSON.stringify(latency));
    assert.ok((firstToken.p50 ?? 0) > 0, 'the streamed requests give a time to first token');
    assert.ok(Number(slo.output_tokens_per_second) > 0);

    const limited = await admin('/admin/projects/demo/deployments/limited/slo?window=24h');
    assert.deepEqual([limited.eligible_requests, limited.availability_percent], [1, 100]);
    assert.equal((limited.excluded_requests as JsonObject).quota, 1);
  });

  it('reports the month: availability, downtime minutes and a credit on the invoice amount', async () => {
    const month = new Date().toISOString().slice(0, 7);
    // The ledger writes every second; the invoice reads what it wrote.
    let chat: JsonObject | undefined;
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const report = await admin(`/admin/projects/demo/sla?month=${month}`);
      await assertDocumented('/admin/projects/{project}/sla', report);
      chat = (report.deployments as JsonObject[]).find((line) => line.deployment === 'chat');
      if (Number(chat?.invoice_amount_micro_usd) >= 8_000_000) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(chat !== undefined);
    assert.deepEqual([chat.availability_percent, chat.target_percent, chat.met], [80, 99.9, false]);
    // 20 % of the minute's eligible requests failed (above 5 %): one downtime minute, two if the burst crossed one.
    assert.ok(Number(chat.downtime_minutes) >= 1, JSON.stringify(chat));
    // 80 % is below 95 %: the ladder's top rung, 100 % of what the deployment was billed.
    assert.equal(chat.credit_percent, 100);
    assert.ok(Number(chat.invoice_amount_micro_usd) >= 8_000_000, JSON.stringify(chat));
    assert.equal(chat.credit_micro_usd, chat.invoice_amount_micro_usd);
  });
});
