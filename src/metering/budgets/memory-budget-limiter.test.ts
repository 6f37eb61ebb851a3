import { createMemoryBudgetLimiter } from './memory-budget-limiter.js';
import { runBudgetLimiterSuite } from './testing/budget-limiter-suite.js';

runBudgetLimiterSuite({
  name: 'memory',
  skip: undefined,
  open: (now) => Promise.resolve([createMemoryBudgetLimiter({ now })]),
  dispose: () => Promise.resolve(),
});
