import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError, loadConfig } from './index.js';

const directory = mkdtempSync(join(tmpdir(), 'hangar-sla-config-'));
function fromFile(yaml: string) {
  const path = join(directory, 'hangar.yaml');
  writeFileSync(path, yaml);
  return loadConfig({ configFile: path, env: { TARGET: '99.5' } });
}

describe('the sla section', () => {
  after(() => rmSync(directory, { recursive: true, force: true }));

  it('reads targets per deployment type, the downtime threshold and the credit ladder', () => {
    const config = fromFile(`
sla:
  default_target: 99.5
  targets:
    provisioned: 99.95
    standard: \${TARGET}
  downtime_error_rate_percent: 10
  credits:
    - below: 99.5
      credit_percent: 5
`);
    assert.deepEqual(config.sla, {
      defaultTargetPercent: 99.5,
      targetsByType: { provisioned: 99.95, standard: 99.5 },
      downtimeErrorRatePercent: 10,
      creditLadder: [{ belowPercent: 99.5, creditPercent: 5 }],
    });
  });

  it('refuses a percentage above 100 and an unknown deployment type, naming the key', () => {
    assert.throws(
      () => fromFile('sla:\n  default_target: 120\n'),
      (error: unknown) => error instanceof ConfigError && /sla\.default_target.*percentage 0-100/.test(error.message),
    );
    assert.throws(
      () => fromFile('sla:\n  targets:\n    premium: 99\n'),
      (error: unknown) => error instanceof ConfigError && /sla\.targets/.test(error.message),
    );
  });
});
