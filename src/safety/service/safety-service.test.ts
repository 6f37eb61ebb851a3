import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GatewayError } from '../../spec/index.js';
import {
  DeploymentRepository,
  ProjectRepository,
  SecretBox,
  type DeploymentRecord,
  type HangarDatabase,
} from '../../store/index.js';
import { DATABASES, type OpenTestDatabase } from '../../../test/support/test-databases.js';
import type { Analyzer } from '../analyzers/analyzer.js';
import type { AnalyzerSpec } from '../policy/content-filter-policy.js';
import { createSafetyService, type SafetyChangeNotices, type SafetyService } from './safety-service.js';

const AZURE_KEY = 'azure-content-safety-key-0123456789';

/** Two replicas on one bus: a notice reaches every subscriber but the sender, as on Redis. */
function noticeBus() {
  const listeners: (() => void)[] = [];
  return (): SafetyChangeNotices => {
    let own: (() => void) | undefined;
    return {
      publish: () => {
        for (const listener of listeners) if (listener !== own) listener();
        return Promise.resolve();
      },
      subscribe: (onChange) => {
        own = onChange;
        listeners.push(onChange);
        return Promise.resolve();
      },
    };
  };
}

/** An analyzer factory that says what it was asked to build. */
function recordingAnalyzers() {
  const built: { spec: AnalyzerSpec; projectId: string | null }[] = [];
  const analyzerFor = (spec: AnalyzerSpec, projectId: string | null): Analyzer => {
    built.push({ spec, projectId });
    return {
      kind: spec.type,
      grade: () => Promise.resolve({ hate: 'safe', sexual: 'safe', violence: 'safe', self_harm: 'safe' }),
      shield: (input) => Promise.resolve({ jailbreak: false, indirectAttacks: input.documents.map(() => false) }),
    };
  };
  return { built, analyzerFor };
}

const rejectsWith = (code: string, param: string | undefined, pattern: RegExp) => (error: unknown) => {
  assert.ok(error instanceof GatewayError, String(error));
  assert.equal(error.code, code);
  assert.equal(error.param, param);
  assert.match(error.message, pattern);
  return true;
};

async function addDeployment(database: HangarDatabase, projectId: string, name: string, contentFilter: string | null) {
  const record: DeploymentRecord = {
    id: `dep_${projectId}_${name}`,
    projectId,
    name,
    model: 'gpt-4o',
    createdAt: 1,
    tpm: null,
    rpm: null,
    type: 'global-standard',
    contentFilter,
    versionUpgrade: 'on-new-default',
    backends: [],
  };
  await new DeploymentRepository(database.db).insert(record);
}

for (const database of DATABASES) {
  describe(`content safety service on ${database.name}`, { skip: database.skip }, () => {
    let opened: OpenTestDatabase;
    let safety: SafetyService;
    const analyzers = recordingAnalyzers();
    const secretBox = new SecretBox('safety-secret');

    before(async () => {
      opened = await database.open();
      const projects = new ProjectRepository(opened.database.db);
      await projects.insert({ id: 'prj_alpha', name: 'alpha', createdAt: 1 });
      await projects.insert({ id: 'prj_beta', name: 'beta', createdAt: 1 });
      safety = await createSafetyService({
        db: opened.database.db,
        secretBox,
        analyzerFor: analyzers.analyzerFor,
        onEventError: (error) => assert.fail(String(error)),
      });
    });
    after(async () => {
      await safety?.close();
      await opened?.destroy();
    });

    it('applies the built-in default, as Azure configures it, to a deployment that names no policy', async () => {
      const resolved = safety.policyFor('prj_alpha', null);
      assert.equal(resolved.policy.name, 'default');
      assert.equal(resolved.fallback, false);
      assert.deepEqual(resolved.policy.analyzer, { type: 'builtin' });
      assert.deepEqual(resolved.policy.prompt.thresholds, {
        hate: 'medium',
        sexual: 'medium',
        violence: 'medium',
        self_harm: 'medium',
      });
      assert.equal(resolved.policy.prompt.jailbreak, 'block');
      assert.equal(resolved.policy.prompt.indirectAttack, 'annotate');
      assert.deepEqual(Object.values(resolved.policy.completion.pii), ['off', 'off', 'off', 'off', 'off', 'off']);
      assert.deepEqual(resolved.promptBlocklists.names, []);
      assert.equal(safety.policyFor('prj_alpha', null), resolved, 'resolved once, then served from the cache');
      assert.ok(safety.hasPolicy('prj_alpha', 'default'));

      const listed = await safety.policies.listPlatform();
      assert.deepEqual(
        listed.map((policy) => [policy.name, policy.scope, policy.built_in, policy.created_at]),
        [['default', 'platform', true, null]],
      );
    });

    it('serves a platform policy at once, and a project policy of the same name wins for its project only', async () => {
      const platform = await safety.policies.putPlatform('strict', {
        description: 'Low thresholds',
        prompt: { hate: 'low', violence: 'low' },
      });
      assert.equal(platform.scope, 'platform');
      assert.equal(platform.project, undefined);
      assert.equal((platform.prompt as { sexual: string }).sexual, 'medium', 'left out: the default value');
      assert.equal(safety.policyFor('prj_alpha', 'strict').policy.prompt.thresholds.hate, 'low');
      assert.ok(safety.hasPolicy('prj_beta', 'strict'));

      await safety.blocklists.put('alpha', 'rivals', { items: [{ pattern: 'contoso' }] });
      const own = await safety.policies.putProject('alpha', 'strict', {
        prompt: { hate: 'high', blocklists: ['rivals'] },
        completion: { pii: { email: 'redact' } },
      });
      assert.equal(own.scope, 'project');
      assert.equal(own.project, 'alpha');
      const alpha = safety.policyFor('prj_alpha', 'strict');
      assert.equal(alpha.policy.projectId, 'prj_alpha');
      assert.equal(alpha.policy.prompt.thresholds.hate, 'high');
      assert.equal(alpha.policy.completion.pii.email, 'redact');
      assert.deepEqual(alpha.promptBlocklists.names, ['rivals']);
      assert.deepEqual(alpha.completionBlocklists.names, []);
      assert.equal(safety.policyFor('prj_beta', 'strict').policy.prompt.thresholds.hate, 'low', "beta: the platform's");

      const viewed = await safety.policies.listProject('alpha');
      assert.deepEqual(
        viewed.map((policy) => [policy.name, policy.scope]),
        [
          ['strict', 'project'],
          ['default', 'platform'],
          ['strict', 'platform'],
        ],
      );
      assert.equal((await safety.policies.getProject('beta', 'strict')).scope, 'platform');
    });

    it('falls back to the default, and says so, when a deployment names a policy that is gone', () => {
      const resolved = safety.policyFor('prj_beta', 'no-such-policy');
      assert.equal(resolved.policy.name, 'default');
      assert.equal(resolved.fallback, true);
      assert.equal(safety.hasPolicy('prj_beta', 'no-such-policy'), false);
    });

    it('refuses what a policy cannot mean: unknown fields, bad values, missing blocklists, reserved names', async () => {
      await assert.rejects(
        safety.policies.putPlatform('loose', { prompt: { hate: 'extreme' } }),
        rejectsWith('invalid_request', 'prompt.hate', /must be one of off, low, medium, high/),
      );
      await assert.rejects(
        safety.policies.putPlatform('loose', { prompt: { jailbrake: 'block' } }),
        rejectsWith('invalid_request', 'prompt', /unknown key 'jailbrake'/),
      );
      await assert.rejects(
        safety.policies.putPlatform('loose', { analyzer: { type: 'magic' } }),
        rejectsWith('invalid_request', 'analyzer.type', /builtin, model or azure-content-safety/),
      );
      await assert.rejects(
        safety.policies.putProject('alpha', 'lists', { completion: { blocklists: ['rivals', 'missing'] } }),
        rejectsWith('invalid_request', 'completion.blocklists', /'missing', which project 'alpha' does not have/),
      );
      await assert.rejects(
        safety.policies.putProject('alpha', 'events', {}),
        rejectsWith('invalid_request', 'name', /reserved/),
      );
      await assert.rejects(
        safety.policies.putProject('alpha', 'other', { name: 'different' }),
        rejectsWith('invalid_request', 'name', /differs/),
      );
      await assert.rejects(
        safety.policies.putPlatform('classify', { analyzer: { type: 'model', deployment: 'guard' } }),
        rejectsWith('invalid_request', 'analyzer.project', /required for a platform policy/),
      );
      await assert.rejects(
        safety.policies.putProject('alpha', 'classify', {
          analyzer: { type: 'model', deployment: 'guard', project: 'beta' },
        }),
        rejectsWith('invalid_request', 'analyzer.project', /only ask a deployment of its own project/),
      );
      await assert.rejects(
        safety.policies.putProject('alpha', 'classify', { analyzer: { type: 'model', deployment: 'guard' } }),
        rejectsWith('invalid_request', 'analyzer.deployment', /not a deployment of project 'alpha'/),
      );
      await assert.rejects(
        safety.policies.putProject('gamma', 'strict', {}),
        rejectsWith('not_found', 'project', /Project 'gamma' does not exist/),
      );
      await assert.rejects(
        safety.blocklists.put('alpha', 'bad', { items: [{ pattern: '(unclosed', regex: true }] }),
        rejectsWith('invalid_request', 'items[0].pattern', /./),
      );
    });

    it('builds a model analyzer for the policy’s project once the deployment exists', async () => {
      await addDeployment(opened.database, 'prj_alpha', 'guard', null);
      await safety.policies.putProject('alpha', 'classify', { analyzer: { type: 'model', deployment: 'guard' } });
      const resolved = safety.policyFor('prj_alpha', 'classify');
      assert.equal(resolved.analyzer.kind, 'model');
      assert.deepEqual(analyzers.built.at(-1), {
        spec: { type: 'model', deployment: 'guard' },
        projectId: 'prj_alpha',
      });
    });

    it('stores the Azure key encrypted, hands it to the analyzer, and never renders it', async () => {
      const analyzer = { type: 'azure-content-safety', endpoint: 'https://safety.example.com', api_key: AZURE_KEY };
      const written = await safety.policies.putPlatform('azure', { analyzer });
      assert.deepEqual(written.analyzer, {
        type: 'azure-content-safety',
        endpoint: 'https://safety.example.com',
        api_key_set: true,
      });
      const everything = JSON.stringify([
        written,
        await safety.policies.listPlatform(),
        await safety.policies.getPlatform('azure'),
        await safety.policies.listProject('beta'),
      ]);
      assert.ok(!everything.includes(AZURE_KEY), 'the key is in no answer');
      const stored = await opened.database.db
        .selectFrom('content_filter_policies')
        .select(['definition', 'api_key_ciphertext'])
        .where('name', '=', 'azure')
        .executeTakeFirstOrThrow();
      assert.ok(!stored.definition.includes(AZURE_KEY));
      assert.ok(stored.api_key_ciphertext !== null && !stored.api_key_ciphertext.includes(AZURE_KEY));
      assert.equal(secretBox.decrypt(stored.api_key_ciphertext), AZURE_KEY);

      safety.policyFor('prj_beta', 'azure');
      const spec = analyzers.built.at(-1)?.spec;
      assert.ok(spec?.type === 'azure-content-safety');
      assert.equal(spec.apiKey, AZURE_KEY);

      // Left out, the key is kept for the same endpoint, and needed again for another one.
      const kept = await safety.policies.putPlatform('azure', {
        analyzer: { type: 'azure-content-safety', endpoint: 'https://safety.example.com', api_version: '2024-09-01' },
      });
      assert.equal((kept.analyzer as { api_key_set: boolean }).api_key_set, true);
      const reread = safety.policyFor('prj_beta', 'azure').policy.analyzer;
      assert.ok(reread.type === 'azure-content-safety' && reread.apiKey === AZURE_KEY);
      await assert.rejects(
        safety.policies.putPlatform('azure', {
          analyzer: { type: 'azure-content-safety', endpoint: 'https://elsewhere.example.com' },
        }),
        rejectsWith('invalid_request', 'analyzer.api_key', /required/),
      );
    });

    it('refuses to remove a policy that deployments still name, and says which', async () => {
      await addDeployment(opened.database, 'prj_beta', 'chat', 'strict');
      // beta's deployment uses the platform's 'strict' (beta has none of its own): alpha's may go.
      await addDeployment(opened.database, 'prj_alpha', 'chat', 'strict');
      await assert.rejects(
        safety.policies.deletePlatform('strict'),
        rejectsWith('invalid_request', 'name', /used by deployment\(s\) beta\/chat;/),
      );
      // alpha's own 'strict' may go: its deployment then uses the platform's.
      assert.deepEqual(await safety.policies.deleteProject('alpha', 'strict'), {
        object: 'content_filter_policy',
        project: 'alpha',
        name: 'strict',
        deleted: true,
      });
      assert.equal(safety.policyFor('prj_alpha', 'strict').policy.projectId, null);
      await assert.rejects(
        safety.policies.deletePlatform('strict'),
        rejectsWith('invalid_request', 'name', /alpha\/chat, beta\/chat/),
      );
      await assert.rejects(
        safety.policies.deleteProject('beta', 'strict'),
        rejectsWith('not_found', 'name', /no policy 'strict' of its own \(the platform has one/),
      );
      // A blocklist a policy names stays until the policy stops naming it.
      await safety.policies.putProject('alpha', 'listed', { prompt: { blocklists: ['rivals'] } });
      await assert.rejects(
        safety.blocklists.delete('alpha', 'rivals'),
        rejectsWith('invalid_request', 'name', /named by the project's content-filter policy 'listed'/),
      );
      await safety.policies.deleteProject('alpha', 'listed');
      assert.deepEqual(await safety.blocklists.delete('alpha', 'rivals'), {
        object: 'content_blocklist',
        project: 'alpha',
        name: 'rivals',
        deleted: true,
      });
    });

    it('lets a platform admin change the default, and removing it brings back the built-in one', async () => {
      await safety.policies.putPlatform('default', { prompt: { hate: 'high', jailbreak: 'annotate' } });
      const relaxed = safety.policyFor('prj_beta', null).policy;
      assert.equal(relaxed.prompt.thresholds.hate, 'high');
      assert.equal(relaxed.prompt.jailbreak, 'annotate');
      assert.equal(safety.policyFor('prj_beta', 'gone').policy.prompt.jailbreak, 'annotate', 'the fallback too');
      const listed = await safety.policies.listPlatform();
      assert.deepEqual(
        listed.filter((policy) => policy.name === 'default').map((policy) => policy.built_in),
        [false],
      );
      await safety.policies.deletePlatform('default');
      assert.equal(safety.policyFor('prj_beta', null).policy.prompt.jailbreak, 'block');
      await assert.rejects(
        safety.policies.deletePlatform('default'),
        rejectsWith('not_found', 'name', /built-in one already/),
      );
    });

    it('reaches a second replica through its change notice', async () => {
      const connect = noticeBus();
      const here = await createSafetyService({
        db: opened.database.db,
        secretBox,
        notices: connect(),
        analyzerFor: analyzers.analyzerFor,
      });
      const there = await createSafetyService({
        db: opened.database.db,
        secretBox,
        notices: connect(),
        analyzerFor: analyzers.analyzerFor,
      });
      try {
        assert.equal(there.hasPolicy('prj_beta', 'replicated'), false);
        await here.policies.putPlatform('replicated', { prompt: { sexual: 'low' } });
        // The notice's reload runs in the background on the other replica.
        for (let attempt = 0; attempt < 100 && !there.hasPolicy('prj_beta', 'replicated'); attempt += 1) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        assert.equal(there.policyFor('prj_beta', 'replicated').policy.prompt.thresholds.sexual, 'low');
      } finally {
        await here.close();
        await there.close();
      }
    });

    it('records filter events off the request path and lists them newest first', async () => {
      const event = (requestId: string, at: number) => ({
        at,
        projectId: 'prj_alpha',
        deploymentId: 'dep_chat',
        deploymentName: 'chat',
        requestId,
        stage: 'prompt' as const,
        action: 'blocked' as const,
        policyName: 'default',
        results: {
          hate: { filtered: true, severity: 'high' as const },
          jailbreak: { filtered: false, detected: false },
        },
      });
      safety.recordEvent(event('req_1', 1_000));
      safety.recordEvent(event('req_2', 2_000));
      safety.recordEvent({ ...event('req_3', 3_000), stage: 'completion', action: 'annotated' });
      const listed = await safety.listEvents('prj_alpha', { limit: 2 });
      assert.deepEqual(
        listed.map((stored) => [stored.requestId, stored.stage, stored.action]),
        [
          ['req_3', 'completion', 'annotated'],
          ['req_2', 'prompt', 'blocked'],
        ],
      );
      assert.deepEqual(listed[1]?.results, event('req_2', 2_000).results);
      const older = await safety.listEvents('prj_alpha', { limit: 10, before: 2_000 });
      assert.deepEqual(
        older.map((stored) => stored.requestId),
        ['req_1'],
      );
      const rendered = await safety.listProjectEvents('alpha', { limit: 1 });
      assert.deepEqual(rendered[0], {
        object: 'content_filter_event',
        id: listed[0]?.id ?? '',
        at: '1970-01-01T00:00:03.000Z',
        project: 'alpha',
        deployment: 'chat',
        deployment_id: 'dep_chat',
        request_id: 'req_3',
        stage: 'completion',
        action: 'annotated',
        policy: 'default',
        results: { hate: { filtered: true, severity: 'high' }, jailbreak: { filtered: false, detected: false } },
      });
      assert.deepEqual(await safety.listEvents('prj_beta', { limit: 10 }), []);
    });

    it('keeps the other events when one belongs to a project removed meanwhile', async () => {
      safety.recordEvent({
        projectId: 'prj_removed',
        deploymentId: 'dep_x',
        deploymentName: 'x',
        requestId: 'req_orphan',
        stage: 'prompt',
        action: 'redacted',
        policyName: 'default',
        results: {},
      });
      safety.recordEvent({
        projectId: 'prj_beta',
        deploymentId: 'dep_chat',
        deploymentName: 'chat',
        requestId: 'req_kept',
        stage: 'prompt',
        action: 'redacted',
        policyName: 'default',
        results: {},
      });
      const listed = await safety.listEvents('prj_beta', { limit: 10 });
      assert.deepEqual(
        listed.map((stored) => stored.requestId),
        ['req_kept'],
      );
    });

    it('annotates rather than fails when a policy’s analyzer cannot be built', async () => {
      const failing = await createSafetyService({
        db: opened.database.db,
        secretBox,
        analyzerFor: () => {
          throw new Error('no such deployment');
        },
      });
      try {
        const resolved = failing.policyFor('prj_beta', null);
        await assert.rejects(resolved.analyzer.grade('hello'), /no such deployment/);
      } finally {
        await failing.close();
      }
    });

    it("removes a project's policies, blocklists and events with the project", async () => {
      const db = opened.database.db;
      await new ProjectRepository(db).insert({ id: 'prj_gone', name: 'gone', createdAt: 1 });
      await safety.blocklists.put('gone', 'words', { items: [{ pattern: 'word' }] });
      await safety.policies.putProject('gone', 'mine', { prompt: { blocklists: ['words'] } });
      safety.recordEvent({
        projectId: 'prj_gone',
        deploymentId: 'dep_x',
        deploymentName: 'x',
        requestId: 'req_gone',
        stage: 'prompt',
        action: 'blocked',
        policyName: 'mine',
        results: {},
      });
      assert.equal((await safety.listEvents('prj_gone', { limit: 5 })).length, 1);
      await new ProjectRepository(db).deleteByName('gone');
      const count = async (table: 'content_filter_policies' | 'content_blocklists' | 'content_filter_events') =>
        (await db.selectFrom(table).select('id').where('project_id', '=', 'prj_gone').execute()).length;
      assert.deepEqual(
        [
          await count('content_filter_policies'),
          await count('content_blocklists'),
          await count('content_filter_events'),
        ],
        [0, 0, 0],
      );
    });

    it('applies the config file by name, changes nothing the second time, and checks deployments', async () => {
      const declared = {
        contentFilters: [{ name: 'declared-platform', definition: { prompt: { hate: 'low' } } }],
        projects: [
          {
            name: 'beta',
            blocklists: [
              { name: 'declared-list', items: [{ pattern: 'fabrikam' }, { pattern: 'x\\d+', regex: true }] },
            ],
            contentFilters: [{ name: 'declared-own', definition: { completion: { blocklists: ['declared-list'] } } }],
            deployments: [{ name: 'chat', contentFilter: 'declared-own' }],
          },
        ],
      };
      await safety.applyDeclared(declared);
      assert.deepEqual(safety.policyFor('prj_beta', 'declared-own').completionBlocklists.names, ['declared-list']);
      assert.equal(safety.policyFor('prj_beta', 'declared-platform').policy.prompt.thresholds.hate, 'low');
      const times = async () =>
        opened.database.db
          .selectFrom('content_filter_policies')
          .select(['name', 'updated_at'])
          .orderBy('name')
          .execute();
      const first = await times();
      await safety.applyDeclared(declared);
      assert.deepEqual(await times(), first, 'a second run writes nothing');

      await assert.rejects(
        safety.applyDeclared({ projects: [{ name: 'beta', deployments: [{ name: 'chat', contentFilter: 'nope' }] }] }),
        /Declared deployment 'chat' of project 'beta': content_filter 'nope' is not a policy/,
      );
      await assert.rejects(
        safety.applyDeclared({
          contentFilters: [{ name: 'broken', definition: { prompt: { hate: 'x' } } }],
          projects: [],
        }),
        /Declared content filter 'broken': prompt.hate must be one of/,
      );
    });
  });
}
