import { createMemoryQuotaLimiter } from './memory-quota-limiter.js';
import { runQuotaLimiterSuite } from './testing/quota-limiter-suite.js';

runQuotaLimiterSuite({
  name: 'memory',
  skip: undefined,
  open: (now) => Promise.resolve([createMemoryQuotaLimiter({ now })]),
  dispose: () => Promise.resolve(),
});
