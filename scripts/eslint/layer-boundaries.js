// An ESLint rule that keeps Hangar's layers pointing one way:
//   http → control/routing → providers/dialects → engine → kit → spec.
// Each folder directly under src/ is a layer; an import from one layer into another must be allowed below.
// Written here rather than taken from a plugin so the rule is the table itself, readable in one screen.
import { dirname, relative, resolve, sep } from 'node:path';

/** Layer → the layers it may import from (besides itself). */
export const ALLOWED_IMPORTS = {
  spec: [],
  kit: ['spec'],
  dialects: ['spec', 'kit'],
  providers: ['spec', 'kit', 'engine'],
  engine: ['spec', 'kit'],
  routing: ['spec', 'kit', 'providers'],
  store: ['spec', 'kit'],
  catalog: ['spec', 'kit'],
  quota: ['spec', 'kit'],
  tokens: ['spec', 'kit'],
  config: ['spec', 'kit'],
  telemetry: ['spec'],
  control: ['spec', 'store', 'config', 'catalog', 'quota', 'tokens'],
  metering: ['spec', 'kit', 'store', 'catalog', 'quota', 'tokens'],
  safety: ['spec', 'kit', 'store'],
  http: [
    'spec',
    'kit',
    'dialects',
    'providers',
    'engine',
    'routing',
    'store',
    'control',
    'metering',
    'config',
    'telemetry',
    'catalog',
    'quota',
    'tokens',
    'safety',
  ],
  cli: ['spec', 'kit', 'engine', 'http', 'control', 'metering', 'safety', 'store', 'config', 'telemetry', 'catalog'],
};

function layerOf(path, sourceRoot) {
  const inside = relative(sourceRoot, path);
  if (inside.startsWith('..') || inside === '') return undefined;
  const [layer, ...rest] = inside.split(sep);
  return rest.length === 0 ? undefined : layer;
}

export const layerBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports between the folders of src/ follow the layer table.' },
    schema: [],
    messages: {
      forbidden: 'The {{from}} layer may not import from {{to}} (allowed: {{allowed}}). See docs/architecture.md.',
      unknown: 'The folder src/{{from}} is not in the layer table of scripts/eslint/layer-boundaries.js.',
    },
  },
  create(context) {
    const filename = context.filename;
    const sourceRoot = resolve(context.cwd, 'src');
    const from = layerOf(filename, sourceRoot);
    if (from === undefined) return {};
    const check = (node) => {
      const specifier = node.source?.value;
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const to = layerOf(resolve(dirname(filename), specifier), sourceRoot);
      if (to === undefined || to === from) return;
      const allowed = ALLOWED_IMPORTS[from];
      if (allowed === undefined) {
        context.report({ node, messageId: 'unknown', data: { from } });
        return;
      }
      if (!allowed.includes(to)) {
        context.report({ node, messageId: 'forbidden', data: { from, to, allowed: allowed.join(', ') || 'nothing' } });
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
