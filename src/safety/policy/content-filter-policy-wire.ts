import { z } from 'zod';
import { HARM_CATEGORIES, PII_KINDS, type HarmCategory, type JsonObject, type PiiKind } from '../../spec/index.js';
import {
  PII_ACTIONS,
  SHIELD_ACTIONS,
  THRESHOLDS,
  type CompletionFilterSettings,
  type ContentFilterPolicy,
  type PiiActions,
  type PromptFilterSettings,
} from './content-filter-policy.js';
import { builtInDefaultPolicy } from './default-policy.js';
import { NAME_PATTERN, NAME_RULE, parseWire } from './parse-wire.js';

/** The most blocklists one side of a policy may name. */
export const MAXIMUM_POLICY_BLOCKLISTS = 32;

const name = z.string().regex(NAME_PATTERN, { error: NAME_RULE });
const threshold = z.enum(THRESHOLDS);
const shieldAction = z.enum(SHIELD_ACTIONS);
const piiAction = z.enum(PII_ACTIONS);

const piiSchema = z
  .object(
    Object.fromEntries(PII_KINDS.map((kind) => [kind, piiAction.optional()])) as Record<
      PiiKind,
      z.ZodOptional<typeof piiAction>
    >,
  )
  .strict();
const categorySchemas = Object.fromEntries(
  HARM_CATEGORIES.map((category) => [category, threshold.optional()]),
) as Record<HarmCategory, z.ZodOptional<typeof threshold>>;
const blocklistNames = z
  .array(name)
  .max(MAXIMUM_POLICY_BLOCKLISTS)
  .transform((names) => [...new Set(names)]);

const promptSchema = z
  .object({
    ...categorySchemas,
    jailbreak: shieldAction.optional(),
    indirect_attack: shieldAction.optional(),
    blocklists: blocklistNames.optional(),
    pii: piiSchema.optional(),
  })
  .strict();

const completionSchema = z
  .object({ ...categorySchemas, blocklists: blocklistNames.optional(), pii: piiSchema.optional() })
  .strict();

const analyzerSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('builtin') }).strict(),
    z.object({ type: z.literal('model'), deployment: name, project: name.optional() }).strict(),
    z
      .object({
        type: z.literal('azure-content-safety'),
        // http too: an emulator on loopback in tests, a private endpoint behind a proxy.
        endpoint: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
        api_key: z.string().trim().min(1).max(4096).optional(),
        api_version: z.string().trim().min(1).max(64).optional(),
      })
      .strict(),
  ],
  { error: 'must be builtin, model or azure-content-safety' },
);

/** A policy as the admin API, the CLI and the config file write it; every field may be left out. */
export const policyInputSchema = z
  .object({
    name: name.optional(),
    description: z.string().trim().max(1024).optional(),
    analyzer: analyzerSchema.optional(),
    prompt: promptSchema.optional(),
    completion: completionSchema.optional(),
  })
  .strict();

/** How texts are graded, as given: the Azure key may be left out to keep the stored one. */
export type AnalyzerInput =
  | { type: 'builtin' }
  | { type: 'model'; deployment: string; project?: string }
  | { type: 'azure-content-safety'; endpoint: string; apiKey?: string; apiVersion?: string };

/** A policy body, checked, with what it left out taken from the built-in default policy. */
export interface ParsedPolicyInput {
  /** The name in the body, when it gave one (it must then match the path). */
  name?: string;
  description: string | undefined;
  analyzer: AnalyzerInput;
  prompt: PromptFilterSettings;
  completion: CompletionFilterSettings;
}

/** The body of `PUT …/content-filters/{name}`, or a policy of the config file; a mistake is a 400 naming the field. */
export function parsePolicyInput(body: unknown): ParsedPolicyInput {
  const input = parseWire(policyInputSchema, body);
  const base = builtInDefaultPolicy();
  const analyzer = input.analyzer;
  return {
    ...(input.name === undefined ? {} : { name: input.name }),
    description: input.description,
    analyzer:
      analyzer === undefined || analyzer.type === 'builtin'
        ? { type: 'builtin' }
        : analyzer.type === 'model'
          ? {
              type: 'model',
              deployment: analyzer.deployment,
              ...(analyzer.project === undefined ? {} : { project: analyzer.project }),
            }
          : {
              type: 'azure-content-safety',
              endpoint: analyzer.endpoint,
              ...(analyzer.api_key === undefined ? {} : { apiKey: analyzer.api_key }),
              ...(analyzer.api_version === undefined ? {} : { apiVersion: analyzer.api_version }),
            },
    prompt: {
      thresholds: thresholdsOf(input.prompt, base.prompt.thresholds),
      jailbreak: input.prompt?.jailbreak ?? base.prompt.jailbreak,
      indirectAttack: input.prompt?.indirect_attack ?? base.prompt.indirectAttack,
      blocklists: input.prompt?.blocklists ?? [...base.prompt.blocklists],
      pii: { ...base.prompt.pii, ...definedOnly(input.prompt?.pii) },
    },
    completion: {
      thresholds: thresholdsOf(input.completion, base.completion.thresholds),
      blocklists: input.completion?.blocklists ?? [...base.completion.blocklists],
      pii: { ...base.completion.pii, ...definedOnly(input.completion?.pii) },
    },
  };
}

function thresholdsOf(
  given: Partial<Record<HarmCategory, PromptFilterSettings['thresholds'][HarmCategory]>> | undefined,
  base: PromptFilterSettings['thresholds'],
): PromptFilterSettings['thresholds'] {
  // Only the four categories: `given` is the whole prompt or completion object, shields and lists included.
  const thresholds = { ...base };
  for (const category of HARM_CATEGORIES) {
    const threshold = given?.[category];
    if (threshold !== undefined) thresholds[category] = threshold;
  }
  return thresholds;
}

function definedOnly<Value>(object: Partial<Record<string, Value | undefined>> | undefined): Record<string, Value> {
  if (object === undefined) return {};
  return Object.fromEntries(Object.entries(object).filter((entry): entry is [string, Value] => entry[1] !== undefined));
}

/**
 * The policy's settings in the wire spelling, complete: what is stored (without the key, which is encrypted in its
 * own column) and what the admin API shows (with `api_key_set` instead of the key).
 */
export function policySettingsWire(
  policy: Pick<ContentFilterPolicy, 'analyzer' | 'prompt' | 'completion'>,
): JsonObject {
  const analyzer = policy.analyzer;
  return {
    analyzer:
      analyzer.type === 'builtin'
        ? { type: 'builtin' }
        : analyzer.type === 'model'
          ? {
              type: 'model',
              deployment: analyzer.deployment,
              ...(analyzer.project === undefined ? {} : { project: analyzer.project }),
            }
          : {
              type: 'azure-content-safety',
              endpoint: analyzer.endpoint,
              ...(analyzer.apiVersion === undefined ? {} : { api_version: analyzer.apiVersion }),
            },
    prompt: {
      ...policy.prompt.thresholds,
      jailbreak: policy.prompt.jailbreak,
      indirect_attack: policy.prompt.indirectAttack,
      blocklists: [...policy.prompt.blocklists],
      pii: piiWire(policy.prompt.pii),
    },
    completion: {
      ...policy.completion.thresholds,
      blocklists: [...policy.completion.blocklists],
      pii: piiWire(policy.completion.pii),
    },
  };
}

function piiWire(pii: PiiActions): JsonObject {
  return Object.fromEntries(PII_KINDS.map((kind) => [kind, pii[kind]]));
}
