import '../../testing/install-dom';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { SessionProvider } from '../../auth/session-context';
import { fakeFetch } from '../../testing/install-dom';
import { chatFrames, controlledStream, errorResponse, sseResponse } from './fake-chat-stream';
import { PlaygroundPage } from './playground-page';

const PROJECTS = { object: 'list', data: [{ id: 'prj_1', name: 'team', created_at: '2026-11-01T00:00:00Z' }] };
const DEPLOYMENTS = {
  object: 'list',
  data: [
    { name: 'chat', model: 'gpt-4o', type: 'global-standard' },
    { name: 'local-chat', model: 'tiny', type: 'global-standard' },
  ],
};
const rates = (input: number, output: number) => ({
  input,
  cached_input: input,
  cache_write_input: input,
  output,
  reasoning: output,
});
const GPT_PRICE = {
  object: 'price_card',
  origin: 'catalog',
  version: 'catalog:gpt-4o:global-standard@2025-01-01',
  discount_basis_points: 0,
  usd_per_million_tokens: rates(2.5, 10),
  tiers: [{ prompt_tokens_above: 0, version: 'v', usd_per_million_tokens: rates(2.5, 10) }],
};
const TINY_PRICE = { ...GPT_PRICE, origin: 'unpriced', usd_per_million_tokens: rates(0, 0), tiers: [] };
const PRICE_OF = (model: string) =>
  `GET /admin/projects/team/prices/effective?model=${model}&deployment_type=global-standard`;

function me(role: 'Reader' | 'Contributor') {
  return { kind: 'user', email: 'dev@example.org', platform_admin: false, projects: [{ project: 'team', role }] };
}

function routes(role: 'Reader' | 'Contributor', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'GET /admin/me': me(role),
    'GET /admin/projects': PROJECTS,
    'GET /admin/projects/team/deployments': DEPLOYMENTS,
    [PRICE_OF('gpt-4o')]: GPT_PRICE,
    [PRICE_OF('tiny')]: TINY_PRICE,
    ...extra,
  };
}

const STORED_KEY = JSON.stringify({ secret: 'hgk_playground_secret', name: 'playground-old', prefix: 'hgk_play' });

function renderPlayground(options: { key?: boolean } = {}) {
  sessionStorage.setItem('hangar.token', 'hgs_test');
  if (options.key === true) sessionStorage.setItem('hangar.playground-key.team', STORED_KEY);
  return render(
    <SessionProvider signIn={() => <p>Signed out</p>}>
      <PlaygroundPage />
    </SessionProvider>,
  );
}

async function typeAndSend(text: string, button = 'Send') {
  fireEvent.change(await screen.findByLabelText('Message'), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: button }));
}

describe('playground', () => {
  afterEach(() => {
    cleanup();
    sessionStorage.clear();
    localStorage.clear();
  });

  it('creates a playground key through the admin API and keeps its secret in the tab', async () => {
    const table = routes('Contributor', {
      'POST /admin/projects/team/keys': (body: unknown) => ({
        ...(body as object),
        id: 'key_9',
        project: 'team',
        prefix: 'hgk_new1',
        status: 'active',
        created_at: '2026-11-24T10:00:00Z',
        revoked_at: null,
        deployments: null,
        last_used_at: null,
        role: null,
        key: 'hgk_new1_the_secret',
      }),
    });
    const fake = fakeFetch(table);
    try {
      renderPlayground();
      assert.equal(
        (await screen.findByRole('button', { name: 'Send' })).hasAttribute('disabled'),
        true,
        'nothing is sent without a key',
      );
      fireEvent.click(screen.getByRole('button', { name: 'Create a playground key' }));
      await screen.findByText(/Calling with/);
      const call = fake.calls.find((candidate) => candidate.method === 'POST');
      const body = call?.body as { name: string; scope: string; expires_at: string };
      assert.match(body.name, /^playground-\d{4}-\d{2}-\d{2}-\d{6}$/);
      assert.equal(body.scope, 'inference');
      const days = (Date.parse(body.expires_at) - Date.now()) / 86_400_000;
      assert.ok(days > 6.9 && days <= 7, `expires in 7 days, not ${days}`);
      const stored = JSON.parse(sessionStorage.getItem('hangar.playground-key.team') ?? '{}') as { secret?: string };
      assert.equal(stored.secret, 'hgk_new1_the_secret');
      assert.ok(screen.getByText(body.name));
      fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'hi' } });
      assert.equal(screen.getByRole('button', { name: 'Send' }).hasAttribute('disabled'), false);

      // The playground's own key can be revoked from here, after confirming.
      table[`DELETE /admin/projects/team/keys/${body.name}`] = { name: body.name, status: 'revoked' };
      fireEvent.click(screen.getByRole('button', { name: 'Revoke this key' }));
      const confirm = await screen.findByRole('dialog', { name: `Revoke ${body.name}?` });
      fireEvent.click(within(confirm).getByRole('button', { name: 'Revoke' }));
      await screen.findByRole('button', { name: 'Create a playground key' });
      assert.ok(
        fake.calls.some((call) => call.method === 'DELETE' && call.path === `/admin/projects/team/keys/${body.name}`),
      );
      assert.equal(sessionStorage.getItem('hangar.playground-key.team'), null);
    } finally {
      fake.restore();
    }
  });

  it('lets a Reader paste a key instead, and offers no key creation', async () => {
    const fake = fakeFetch(routes('Reader'));
    try {
      renderPlayground();
      fireEvent.change(await screen.findByLabelText('Paste an API key of this project'), {
        target: { value: 'hgk_pasted_key_value' },
      });
      assert.ok(screen.queryByRole('button', { name: 'Create a playground key' }) === null);
      fireEvent.click(screen.getByRole('button', { name: 'Use this key' }));
      await screen.findByText(/a pasted key/);
      const stored = JSON.parse(sessionStorage.getItem('hangar.playground-key.team') ?? '{}') as { secret?: string };
      assert.equal(stored.secret, 'hgk_pasted_key_value');
    } finally {
      fake.restore();
    }
  });

  it('renders the answer as it streams in, then tokens, timings and the estimated cost', async () => {
    const stream = controlledStream();
    const fake = fakeFetch(routes('Contributor', { 'POST /v1/chat/completions': () => stream.response }));
    try {
      renderPlayground({ key: true });
      fireEvent.change(await screen.findByLabelText('Temperature'), { target: { value: '0.3' } });
      await typeAndSend('Say hello');
      const frames = chatFrames(['Hel', 'lo', '!'], { prompt_tokens: 9, completion_tokens: 3 });
      await act(async () => {
        stream.push(frames.slice(0, 2).join(''));
        await new Promise((resolve) => setTimeout(resolve, 10));
      });
      await screen.findByText('Hel');
      assert.ok(screen.getByText(/answering…/));
      assert.ok(screen.getByRole('button', { name: 'Stop' }));
      await act(async () => {
        stream.push(frames.slice(2).join(''));
        stream.close();
        await new Promise((resolve) => setTimeout(resolve, 10));
      });
      await screen.findByText('Hello!');
      const stats = await screen.findByLabelText(/Figures of the reply from chat/);
      const text = stats.textContent ?? '';
      assert.match(text, /Prompt tokens9/);
      assert.match(text, /Completion tokens3/);
      assert.match(text, /Latency\d+ ms/);
      assert.match(text, /First token\d+ ms/);
      // 9 × $2.50 + 3 × $10 per 1M tokens = 52.5 micro-dollars.
      await waitFor(() => assert.match(stats.textContent ?? '', /Cost \(estimate\)≈ \$0\.000053/));
      const sent = fake.calls.find((call) => call.path === '/v1/chat/completions')?.body as Record<string, unknown>;
      assert.deepEqual(sent, {
        model: 'chat',
        messages: [
          { role: 'system', content: 'You are a helpful assistant.' },
          { role: 'user', content: 'Say hello' },
        ],
        stream: true,
        stream_options: { include_usage: true },
        temperature: 0.3,
      });
      assert.ok(screen.queryByRole('button', { name: 'Stop' }) === null);
      // With nothing typed, View code shows the call just made, without its reply.
      fireEvent.click(screen.getByRole('button', { name: 'View code' }));
      const code = within(await screen.findByRole('tabpanel')).getByText(/chat\.completions\.create/).textContent ?? '';
      assert.match(code, /content: "Say hello"/);
      assert.match(code, /temperature: 0\.3/);
      assert.doesNotMatch(code, /Hello!/);
    } finally {
      fake.restore();
    }
  });

  it('sends one prompt to two deployments side by side and shows both answers with their figures', async () => {
    const fake = fakeFetch(
      routes('Contributor', {
        'POST /v1/chat/completions': (body: unknown) => {
          const model = (body as { model: string }).model;
          return sseResponse(chatFrames([`Answer from ${model}`], { prompt_tokens: 20, completion_tokens: 5 }, model));
        },
      }),
    );
    try {
      renderPlayground({ key: true });
      fireEvent.click(await screen.findByLabelText(/Side by side/));
      assert.equal(screen.getByLabelText<HTMLSelectElement>('Second deployment').value, 'local-chat');
      await typeAndSend('Compare', 'Send to both');
      const left = await screen.findByRole('region', { name: 'chat' });
      const right = screen.getByRole('region', { name: 'local-chat' });
      await within(left).findByText('Answer from chat');
      await within(right).findByText('Answer from local-chat');
      const posted = fake.calls.filter((call) => call.path === '/v1/chat/completions');
      assert.deepEqual(posted.map((call) => (call.body as { model: string }).model).sort(), ['chat', 'local-chat']);
      await waitFor(() => assert.match(left.textContent ?? '', /Cost \(estimate\)≈ \$0\.000100/));
      await waitFor(() => assert.match(right.textContent ?? '', /Cost \(estimate\)not priced/));
      assert.match(right.textContent ?? '', /Prompt tokens20/);
    } finally {
      fake.restore();
    }
  });

  it('shows a content-filter refusal in words with the API’s message, and a refused key with a way out', async () => {
    let answer = errorResponse(400, 'content_filter', 'The prompt was filtered: violence (high).');
    const fake = fakeFetch(routes('Contributor', { 'POST /v1/chat/completions': () => answer }));
    try {
      renderPlayground({ key: true });
      await typeAndSend('something violent');
      await waitFor(() =>
        assert.ok(
          screen
            .getAllByRole('alert')
            .some((alert) =>
              /Blocked by the content filter: The prompt was filtered: violence \(high\)\./.test(
                alert.textContent ?? '',
              ),
            ),
          'the refusal is shown in words',
        ),
      );
      answer = errorResponse(401, 'invalid_api_key', 'The key was revoked.');
      await typeAndSend('again');
      fireEvent.click(await screen.findByRole('button', { name: 'Use another key' }));
      await screen.findByRole('button', { name: 'Create a playground key' });
      assert.equal(sessionStorage.getItem('hangar.playground-key.team'), null);
    } finally {
      fake.restore();
    }
  });

  it('shows a tool call and sends the result typed for it back with the conversation', async () => {
    const toolCall = {
      id: 'call_7',
      type: 'function',
      function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
    };
    const answers = [
      sseResponse([
        `data: ${JSON.stringify({ choices: [{ index: 0, delta: { tool_calls: [{ index: 0, ...toolCall }] }, finish_reason: 'tool_calls' }] })}\n\n`,
        `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 30, completion_tokens: 8 } })}\n\n`,
        'data: [DONE]\n\n',
      ]),
      sseResponse(chatFrames(['It is sunny in Oslo.'], { prompt_tokens: 50, completion_tokens: 6 })),
    ];
    const fake = fakeFetch(routes('Contributor', { 'POST /v1/chat/completions': () => answers.shift() }));
    try {
      renderPlayground({ key: true });
      fireEvent.click(await screen.findByRole('button', { name: 'Insert an example tool' }));
      await typeAndSend('Weather in Oslo?');
      await screen.findByText('Tool call · get_weather');
      fireEvent.change(await screen.findByLabelText('Result of get_weather'), { target: { value: '{"sky":"sunny"}' } });
      fireEvent.click(screen.getByRole('button', { name: 'Send' }));
      await screen.findByText('It is sunny in Oslo.');
      const second = fake.calls.filter((call) => call.path === '/v1/chat/completions')[1]?.body as {
        messages: unknown[];
        tools: unknown[];
      };
      assert.deepEqual(second.messages.slice(1), [
        { role: 'user', content: 'Weather in Oslo?' },
        { role: 'assistant', content: null, tool_calls: [toolCall] },
        { role: 'tool', tool_call_id: 'call_7', content: '{"sky":"sunny"}' },
      ]);
      assert.equal(second.tools.length, 1);
    } finally {
      fake.restore();
    }
  });

  it('shows the call as code with the real base URL and deployment, and checks the tools JSON', async () => {
    const fake = fakeFetch(routes('Contributor'));
    try {
      renderPlayground({ key: true });
      fireEvent.change(await screen.findByLabelText('Tools'), { target: { value: '[{"type":"function"}]' } });
      assert.match(screen.getByLabelText('Tools').parentElement?.textContent ?? '', /Tool 1 needs a "function" object/);
      fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'hi' } });
      assert.equal(screen.getByRole('button', { name: 'Send' }).hasAttribute('disabled'), true);
      fireEvent.change(screen.getByLabelText('Tools'), { target: { value: '' } });
      fireEvent.click(screen.getByRole('button', { name: 'Insert an example tool' }));
      assert.equal(screen.getByRole('button', { name: 'Send' }).hasAttribute('disabled'), false);

      fireEvent.click(screen.getByRole('button', { name: 'View code' }));
      const dialog = await screen.findByRole('dialog', { name: 'View code' });
      const code = () => within(dialog).getByRole('tabpanel').textContent ?? '';
      assert.match(code(), /baseURL: 'http:\/\/127\.0\.0\.1:4000\/v1'/);
      assert.match(code(), /model: "chat"/);
      assert.match(code(), /get_weather/);
      assert.match(code(), /content: "hi"/);
      fireEvent.click(within(dialog).getByRole('tab', { name: 'Azure AI Inference SDK' }));
      assert.match(code(), /'http:\/\/127\.0\.0\.1:4000\/models'/);
      fireEvent.click(within(dialog).getByRole('tab', { name: 'curl' }));
      assert.match(code(), /curl -N http:\/\/127\.0\.0\.1:4000\/v1\/chat\/completions/);
      assert.match(code(), /\$HANGAR_API_KEY/);
      assert.doesNotMatch(code(), /hgk_playground_secret/, 'the key itself never appears');
    } finally {
      fake.restore();
    }
  });
});
