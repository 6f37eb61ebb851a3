import { randomUUID } from 'node:crypto';
import type { Registry } from '../control/registry-types.js';
import { dispatchChat } from '../routing/index.js';
import {
  createAzureContentSafetyAnalyzer,
  createBuiltinAnalyzer,
  createModelAnalyzer,
  type AnalyzerFactory,
  type ClassificationCall,
} from '../safety/index.js';
import type { AnalyzerSpec } from '../safety/index.js';
import type { ChatMessage } from '../spec/index.js';
import type { InferenceServices } from './inference/inference-services.js';
import { routingOptions } from './inference/routing-options.js';

export interface AnalyzerFactoryOptions {
  registry: Registry;
  /** A project's id by name: a platform policy's model analyzer names the project of its deployment. */
  projectIdByName: (name: string) => Promise<string | undefined>;
  /** How the classifying deployment is called: the same routing, timeouts and local engine as any request. */
  services: Pick<InferenceServices, 'upstreamTimeoutMs' | 'localProvider' | 'routing'>;
}

/**
 * Builds each policy's analyzer. The built-in one holds no per-policy state, so every policy shares it; a model
 * analyzer calls its deployment through routing like any request, without quota or metering: classification is the
 * platform's cost, not the tenant's.
 */
export function createAnalyzerFactory(options: AnalyzerFactoryOptions): AnalyzerFactory {
  const builtin = createBuiltinAnalyzer();
  return (spec, projectId) => {
    switch (spec.type) {
      case 'builtin':
        return builtin;
      case 'azure-content-safety':
        return createAzureContentSafetyAnalyzer({
          endpoint: spec.endpoint,
          apiKey: spec.apiKey,
          ...(spec.apiVersion === undefined ? {} : { apiVersion: spec.apiVersion }),
        });
      case 'model':
        return createModelAnalyzer({ classify: (call) => classify(options, spec, projectId, call) });
    }
  };
}

async function classify(
  options: AnalyzerFactoryOptions,
  spec: Extract<AnalyzerSpec, { type: 'model' }>,
  policyProjectId: string | null,
  call: ClassificationCall,
): Promise<string> {
  const projectId = spec.project === undefined ? policyProjectId : await options.projectIdByName(spec.project);
  if (projectId === null || projectId === undefined) {
    throw new Error(
      spec.project === undefined
        ? `the model analyzer of a platform policy must name the project of deployment '${spec.deployment}'`
        : `project '${spec.project}' does not exist`,
    );
  }
  const deployment = options.registry.resolveDeployment(projectId, spec.deployment);
  if (deployment === undefined) throw new Error(`deployment '${spec.deployment}' does not exist`);
  const messages: ChatMessage[] = [];
  if (call.system !== undefined) messages.push({ role: 'system', content: call.system });
  messages.push({ role: 'user', content: call.prompt });
  const signal = call.signal ?? new AbortController().signal;
  const { value } = await dispatchChat(
    {
      model: deployment.name,
      messages,
      stream: false,
      includeUsage: false,
      maxOutputTokens: call.maxTokens,
      temperature: 0,
      extra: {},
    },
    {
      backends: deployment.backends,
      defaultTimeoutMs: options.services.upstreamTimeoutMs,
      localProvider: options.services.localProvider,
      context: {
        requestId: `content-safety-${randomUUID()}`,
        projectId,
        signal,
        warnings: [],
        unknownParameters: 'drop',
      },
      ...routingOptions(options.services, deployment),
    },
  );
  return value.choices[0]?.content ?? '';
}
