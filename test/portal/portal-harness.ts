import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startOpenAiStyleEmulator, type Emulator } from '../support/emulators/index.js';
import { serveModelFiles, type ModelFileServer } from '../../src/engine/model-store/testing/serve-model-files.js';
import { createSloTracker } from '../../src/metering/index.js';
import { openDatabase } from '../../src/store/index.js';
import { writeTinyLlamaGguf } from '../support/gguf/write-tiny-gguf.js';
import { startHangar, type HangarUnderTest } from '../support/start-hangar.js';

/** Debian's Chromium, driven by playwright-core; a test tool's own browser download does not work offline. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
/** Why the browser tests cannot run here, or false. */
export const browserSkip: string | false = existsSync(CHROMIUM)
  ? false
  : `${CHROMIUM} is missing (apt-get install -y chromium)`;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');

export const ADMIN = { email: 'admin@example.org', password: 'correct horse battery' };
export const DEVELOPER = { email: 'dev@example.org', password: 'staple battery horse' };
export const PROJECT = 'team';
export const PROJECT_KEY = 'portal-demo-project-key-01';

/** Builds the portal into dist/portal when it is not there (a fresh clone builds it in `npm ci`'s prepare). */
export async function ensurePortalBuilt(): Promise<void> {
  if (existsSync(join(ROOT, 'dist', 'portal', 'index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'portal', 'vite.config.ts'), logLevel: 'warn' });
}

export interface DemoHangar {
  hangar: HangarUnderTest;
  vendor: Emulator;
  /** Stands in for Hugging Face: `/files/tinystories.gguf` is a small model sent over about three seconds. */
  modelFiles: ModelFileServer;
  /** Calls the admin API as the operator. */
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/**
 * A Hangar with what the portal shows: an emulated OpenAI (streaming at a visible pace), a tiny local model,
 * project `team` with two deployments and a key, a platform admin and a Contributor who sign in with passwords,
 * and a few answered requests so usage, billing and service levels have data.
 */
export async function startDemoHangar(
  options: {
    chunkDelayMs?: number;
    seedRequests?: number;
    /** Write a day of `chat`'s service-level history, for the trend charts (its SLA month then has failures). */
    serviceLevelHistory?: boolean;
  } = {},
): Promise<DemoHangar> {
  await ensurePortalBuilt();
  const vendor = await startOpenAiStyleEmulator({ flavor: 'openai' });
  vendor.setFraming({ chunkDelayMs: options.chunkDelayMs ?? 15 });
  const models = await mkdtemp(join(tmpdir(), 'hangar-portal-models-'));
  await writeTinyLlamaGguf(join(models, 'tiny.gguf'), {
    seed: 5,
    contextLength: 1024,
    chatTemplate:
      "{% for message in messages %}{{ message['role'] }}: {{ message['content'] }}\n{% endfor %}" +
      '{% if add_generation_prompt %}assistant: {% endif %}',
  });
  const gguf = await readFile(join(models, 'tiny.gguf'));
  const modelFiles = await serveModelFiles({
    '/files/tinystories.gguf': { body: gguf, bytesPerSecond: Math.ceil(gguf.length / 3) },
  });
  const hangar = await startHangar({
    env: { HANGAR_ENGINE_THREADS: '1', HANGAR_ENGINE_GPU: 'false' },
    yaml: `
models:
  - name: tiny
    file: ${join(models, 'tiny.gguf')}
    context_size: 1024
    parallel: 1
connections:
  - name: openai
    provider: openai
    base_url: ${vendor.baseUrl}
    api_key: ${vendor.apiKey}
  - name: engine
    provider: local
projects:
  - name: ${PROJECT}
    keys:
      - name: app
        value: ${PROJECT_KEY}
    deployments:
      - name: chat
        model: gpt-4o
        backends:
          - connection: openai
            model: gpt-4o
      - name: local-chat
        model: tiny
        backends:
          - connection: engine
            model: tiny
`,
  });
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${hangar.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${hangar.adminKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  };
  await admin('POST', '/admin/users', { ...ADMIN, platform_admin: true });
  await admin('POST', '/admin/users', DEVELOPER);
  await admin('PUT', `/admin/projects/${PROJECT}/members/${encodeURIComponent(DEVELOPER.email)}`, {
    role: 'Contributor',
  });
  for (let index = 0; index < (options.seedRequests ?? 6); index += 1) {
    await fetch(`${hangar.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PROJECT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'chat',
        messages: [{ role: 'user', content: `Warm-up question number ${index}` }],
      }),
    });
  }
  if (options.serviceLevelHistory === true) await seedServiceLevelHistory(hangar, admin);
  return {
    hangar,
    vendor,
    modelFiles,
    admin,
    async close() {
      await hangar.close();
      await vendor.close();
      await modelFiles.close();
      await rm(models, { recursive: true, force: true });
    },
  };
}

const HOUR_MS = 3_600_000;

/**
 * The last day of `chat`'s service level, written through the SLO tracker into the server's own database as the
 * server would have written it, so the trend charts have hours to draw: latency that climbs in the afternoon and
 * one hour with failures.
 */
async function seedServiceLevelHistory(hangar: HangarUnderTest, admin: DemoHangar['admin']): Promise<void> {
  const projects = (await admin('GET', '/admin/projects')).body as { data: { id: string; name: string }[] };
  const project = projects.data.find((candidate) => candidate.name === PROJECT);
  if (project === undefined) throw new Error(`the demo has no project ${PROJECT}`);
  const deployments = (await admin('GET', `/admin/projects/${PROJECT}/deployments`)).body as {
    data: { id: string; name: string; type: string }[];
  };
  const chat = deployments.data.find((deployment) => deployment.name === 'chat');
  if (chat === undefined) throw new Error('the demo has no chat deployment');
  const database = await openDatabase({ sqlitePath: join(hangar.dataDir, 'hangar.db') });
  const start = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 23 * HOUR_MS;
  let now = start;
  const tracker = createSloTracker({
    db: database.db,
    now: () => now,
    flushEveryMs: HOUR_MS,
    onError: (message, error) => {
      throw new Error(message, { cause: error });
    },
  });
  const subject = { projectId: project.id, deploymentId: chat.id, deploymentType: chat.type };
  for (let hour = 0; hour < 23; hour += 1) {
    now = start + hour * HOUR_MS + 60_000;
    const slowdown = 1 + 0.6 * Math.sin((hour / 23) * Math.PI);
    for (let request = 0; request < 40; request += 1) {
      if (hour === 15 && request % 8 === 0) {
        tracker.record(subject, { kind: 'failed' });
        continue;
      }
      const latencyMs = Math.round((380 + 9 * request) * slowdown);
      tracker.record(subject, { kind: 'succeeded', latencyMs, timeToFirstTokenMs: latencyMs / 4, outputTokens: 60 });
    }
  }
  await tracker.close();
  await database.close();
}

export async function screenshotsDirectory(): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  return SCREENSHOTS;
}
