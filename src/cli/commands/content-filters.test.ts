import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { createControlPlane, type ControlPlane } from '../../control/index.js';
import { registerAdminRoutes } from '../../http/admin/index.js';
import { createSafetyService, type Analyzer, type SafetyService } from '../../safety/index.js';
import { SecretBox } from '../../store/index.js';
import { DATABASES, type OpenTestDatabase } from '../../../test/support/test-databases.js';
import { runCliCaptured } from '../testing/run-cli-captured.js';

const ADMIN_KEY = 'cli-content-filters-admin-key';
const sqlite = DATABASES.find((database) => database.name === 'sqlite')!;

const quietAnalyzer = (): Analyzer => ({
  kind: 'builtin',
  grade: () => Promise.resolve({ hate: 'safe', sexual: 'safe', violence: 'safe', self_harm: 'safe' }),
  shield: (input) => Promise.resolve({ jailbreak: false, indirectAttacks: input.documents.map(() => false) }),
});

describe('hangar content-filters and blocklists', () => {
  let opened: OpenTestDatabase;
  let control: ControlPlane;
  let safety: SafetyService;
  let app: FastifyInstance;
  let url: string;

  before(async () => {
    opened = await sqlite.open();
    control = await createControlPlane({ database: opened.database, secretKey: 'secret' });
    safety = await createSafetyService({
      db: opened.database.db,
      secretBox: new SecretBox('secret'),
      analyzerFor: quietAnalyzer,
    });
    await control.projects.create({ name: 'shop' });
    app = Fastify();
    registerAdminRoutes(app, { control, adminKey: ADMIN_KEY, safety });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await app?.close();
    await safety?.close();
    await control?.close();
    await opened?.destroy();
  });

  const hangar = (...argv: string[]) => runCliCaptured(argv, url, { HANGAR_ADMIN_KEY: ADMIN_KEY });

  it('lists the built-in default and shows it', async () => {
    const listed = await hangar('content-filters', 'list');
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^NAME\s+SCOPE\s+ANALYZER\s+PROMPT\s+DESCRIPTION\n/);
    assert.match(
      listed.stdout,
      /\ndefault\s+platform\s+builtin\s+medium\/medium\/medium\/medium jailbreak block\s+Azure/,
    );
    const shown = await hangar('content-filters', 'show', 'default');
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /^default \(platform, built in\)\n/);
    assert.match(
      shown.stdout,
      /\n {2}prompt: {5}hate medium, sexual medium, violence medium, self_harm medium, jailbreak block, indirect_attack annotate\n/,
    );
  });

  it('sets blocklists from terms, patterns and a file, and a project policy that names them', async () => {
    const items = join(opened.dataDir, 'items.json');
    await writeFile(items, JSON.stringify({ description: 'From a file', items: [{ pattern: 'fabrikam' }] }));
    const set = await hangar(
      'blocklists',
      'set',
      '--project',
      'shop',
      'rivals',
      '--term',
      'contoso',
      '--regex',
      'tailspin\\s+toys',
      '--file',
      items,
    );
    assert.equal(set.code, 0, set.stderr);
    assert.equal(set.stdout, 'Blocklist rivals of project shop holds 3 item(s).\n');
    const shown = await hangar('blocklists', 'show', '--project', 'shop', 'rivals');
    assert.equal(
      shown.stdout,
      'PATTERN          KIND\nfabrikam         term\ncontoso          term\ntailspin\\s+toys  regex\n',
    );
    const listed = await hangar('blocklists', 'list', '--project', 'shop', '--json');
    const data = (JSON.parse(listed.stdout) as { data: { name: string; description: string }[] }).data;
    assert.deepEqual(
      data.map((list) => [list.name, list.description]),
      [['rivals', 'From a file']],
    );

    const policy = join(opened.dataDir, 'policy.json');
    await writeFile(
      policy,
      JSON.stringify({ prompt: { hate: 'low', blocklists: ['rivals'], pii: { email: 'redact' } } }),
    );
    const written = await hangar('content-filters', 'set', '--project', 'shop', 'strict', '--file', policy);
    assert.equal(written.code, 0, written.stderr);
    assert.match(written.stdout, /^strict \(project shop\)\n/);
    assert.match(written.stdout, /blocklists rivals, pii email redact\n/);
    const json = await hangar('content-filters', 'show', '--project', 'shop', 'strict', '--json');
    assert.equal((JSON.parse(json.stdout) as { scope: string }).scope, 'project');
    const projectList = await hangar('content-filters', 'list', '--project', 'shop');
    assert.match(projectList.stdout, /\nstrict\s+project\s+builtin\s+low\/medium/);
  });

  it('sets and removes a platform policy from an inline body, and lists events', async () => {
    const set = await hangar('content-filters', 'set', 'relaxed', '--body', '{"prompt":{"jailbreak":"annotate"}}');
    assert.equal(set.code, 0, set.stderr);
    const removed = await hangar('content-filters', 'delete', 'relaxed');
    assert.equal(removed.stdout, 'Removed content-filter policy relaxed.\n');
    const events = await hangar('content-filters', 'events', '--project', 'shop', '--limit', '5');
    assert.equal(events.code, 0, events.stderr);
    assert.equal(events.stdout, 'AT  DEPLOYMENT  STAGE  ACTION  POLICY  FOUND  REQUEST\n');
  });

  it('says what is wrong, from the command line and from the server', async () => {
    const neither = await hangar('content-filters', 'set', 'x');
    assert.equal(neither.code, 2);
    assert.match(neither.stderr, /give the policy with --file FILE or --body JSON/);
    const badJson = await hangar('content-filters', 'set', 'x', '--body', '{nope');
    assert.equal(badJson.code, 2);
    assert.match(badJson.stderr, /--body is not JSON/);
    const refused = await hangar('content-filters', 'set', 'x', '--body', '{"prompt":{"hate":"extreme"}}');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /prompt\.hate must be one of off, low, medium, high/);
    const empty = await hangar('blocklists', 'set', '--project', 'shop', 'none');
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /give the items with --term, --regex or --file/);
    const inUse = await hangar('blocklists', 'delete', '--project', 'shop', 'rivals');
    assert.equal(inUse.code, 1);
    assert.match(inUse.stderr, /named by the project's content-filter policy 'strict'/);
  });
});
