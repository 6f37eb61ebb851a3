// Answers of the content-safety routes for the page's tests, shaped as the API sends them.
import type { Blocklist, FilterEvent, Policy } from './safety-types';

const piiOff = {
  email: 'off',
  phone: 'off',
  payment_card: 'off',
  iban: 'off',
  national_id: 'off',
  secret: 'off',
} as const;
const medium = { hate: 'medium', sexual: 'medium', violence: 'medium', self_harm: 'medium' } as const;

export const BUILT_IN_DEFAULT: Policy = {
  name: 'default',
  scope: 'platform',
  description: "Azure's default: medium thresholds for the four categories, jailbreak attempts blocked.",
  built_in: true,
  analyzer: { type: 'builtin' },
  prompt: { ...medium, jailbreak: 'block', indirect_attack: 'annotate', blocklists: [], pii: { ...piiOff } },
  completion: { ...medium, blocklists: [], pii: { ...piiOff } },
  created_at: null,
  updated_at: null,
};

export const STRICT: Policy = {
  name: 'strict',
  scope: 'project',
  project: 'team',
  description: 'Low thresholds and redacted emails.',
  built_in: false,
  analyzer: { type: 'builtin' },
  prompt: {
    hate: 'low',
    sexual: 'low',
    violence: 'low',
    self_harm: 'low',
    jailbreak: 'block',
    indirect_attack: 'block',
    blocklists: ['codenames'],
    pii: { ...piiOff, email: 'redact' },
  },
  completion: { ...medium, blocklists: [], pii: { ...piiOff, secret: 'block' } },
  created_at: '2026-11-20T00:00:00Z',
  updated_at: '2026-11-21T00:00:00Z',
};

export const CODENAMES: Blocklist = {
  name: 'codenames',
  project: 'team',
  description: 'Internal project names.',
  items: [
    { pattern: 'nightjar', regex: false },
    { pattern: 'blue[- ]?heron', regex: true },
  ],
  created_at: '2026-11-20T00:00:00Z',
  updated_at: '2026-11-20T00:00:00Z',
};

export const DEPLOYMENTS = [
  { name: 'chat', model: 'gpt-4o', content_filter: 'strict' },
  { name: 'local-chat', model: 'tiny', content_filter: null },
];

export const EVENTS: FilterEvent[] = [
  {
    id: 'cfe_2',
    at: '2026-11-23T10:05:00Z',
    project: 'team',
    deployment: 'chat',
    request_id: 'req_b',
    stage: 'prompt',
    action: 'blocked',
    policy: 'strict',
    results: {
      hate: { filtered: false, severity: 'safe' },
      sexual: { filtered: false, severity: 'safe' },
      violence: { filtered: true, severity: 'high' },
      self_harm: { filtered: false, severity: 'safe' },
      jailbreak: { filtered: false, detected: false },
      indirect_attack: { filtered: false, detected: false },
    },
  },
  {
    id: 'cfe_1',
    at: '2026-11-23T10:00:00Z',
    project: 'team',
    deployment: 'chat',
    request_id: 'req_a',
    stage: 'prompt',
    action: 'redacted',
    policy: 'strict',
    results: {
      hate: { filtered: false, severity: 'safe' },
      sexual: { filtered: false, severity: 'safe' },
      violence: { filtered: false, severity: 'low' },
      self_harm: { filtered: false, severity: 'safe' },
      custom_blocklists: { filtered: true, details: [{ filtered: true, id: 'codenames' }] },
      personally_identifiable_information: { filtered: false, detected: true, redacted: true, kinds: ['email'] },
    },
  },
];

export const list = <T>(data: T[]) => ({ object: 'list', data });

export const apiError = (status: number, message: string, param?: string) =>
  new Response(JSON.stringify({ error: { message, type: 'invalid_request_error', code: 'invalid_request', param } }), {
    status,
  });
