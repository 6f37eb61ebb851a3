// Lint with type information on: floating promises and misused promises are bugs on a request path.
// The layer rules keep the arrows one way: http → control/routing → providers/dialects → kit → spec.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const layer = (target, from, message) => ({ target: `./src/${target}`, from: from.map((f) => `./src/${f}`), message });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'bench/.portkey/**', 'portal/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            layer(
              'spec',
              [
                'kit',
                'dialects',
                'providers',
                'engine',
                'routing',
                'control',
                'store',
                'http',
                'config',
                'telemetry',
                'cli',
              ],
              'spec depends on nothing.',
            ),
            layer(
              'kit',
              ['dialects', 'providers', 'engine', 'routing', 'control', 'store', 'http', 'config', 'cli'],
              'kit depends on spec only.',
            ),
            layer(
              'dialects',
              ['providers', 'engine', 'routing', 'control', 'store', 'http', 'cli'],
              'dialects never see providers.',
            ),
            layer(
              'providers',
              ['dialects', 'routing', 'control', 'store', 'http', 'cli'],
              'providers never see dialects.',
            ),
            layer('routing', ['dialects', 'control', 'store', 'http', 'cli'], 'routing sits below control and http.'),
            layer('store', ['dialects', 'providers', 'routing', 'control', 'http', 'cli'], 'store is below control.'),
            layer('control', ['dialects', 'providers', 'http', 'cli'], 'control talks to store, not to the wire.'),
            layer(
              'config',
              ['kit', 'dialects', 'providers', 'routing', 'control', 'store', 'http', 'cli'],
              'config depends on spec only.',
            ),
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through src/config/ only.' },
      ],
    },
  },
  {
    files: ['src/config/**', 'src/cli/**', 'test/**', 'bench/**', 'scripts/**', '*.js', '*.mjs'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['test/**', 'bench/**', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // node:test's describe/it return promises the runner awaits itself.
    files: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] },
          ],
        },
      ],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.js', '**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
);
