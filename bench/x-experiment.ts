import { readBenchOptions } from './bench-options.js';
import { startTargets } from './start-targets.js';
import { SequentialClients } from './measure/http-clients.js';
import { chatBody } from './targets.js';
import { percentile, elapsedMs } from './measure/statistics.js';
import { callChild } from './processes/ipc.js';

const options = readBenchOptions(process.argv.slice(2).filter((a) => a !== '--x'));
const started = await startTargets(options);
const clients = new SequentialClients();
for (const target of started.targets) {
  for (let r = 0; r < 6; r++) {
    const samples: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const t = process.hrtime.bigint();
      const res = await clients.pool(target).request({ path: new URL(target.url).pathname, method: 'POST', headers: target.headers, body: chatBody(false) });
      await res.body.text();
      samples.push(elapsedMs(t));
    }
    console.log(target.name, r, percentile(samples, 50).toFixed(3), percentile(samples, 90).toFixed(3), percentile(samples, 99).toFixed(3));
  }
}
await clients.close();
for (const p of started.processes.reverse()) await ('ready' in p ? callChild(p.process, 'stop').catch(() => p.stop()) : p.stop());
process.exit(0);
