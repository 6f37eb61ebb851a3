import { loadConfig } from '../../src/config/index.js';

/**
 * The Redis that tests may use, read the way Hangar reads it (HANGAR_REDIS_URL, else REDIS_URL) through config,
 * the only reader of the environment. Undefined: suites that need Redis skip and say so.
 */
export const TEST_REDIS_URL: string | undefined = loadConfig({}).redis.url;
