export { ConfigError } from './config-error.js';
export type {
  Declared,
  DeclaredBackend,
  DeclaredBlocklist,
  DeclaredConnection,
  DeclaredContentFilter,
  DeclaredDeployment,
  DeclaredKey,
  DeclaredModel,
  DeclaredProject,
  HangarConfig,
  LogLevel,
} from './config-schema.js';
export { LOG_LEVELS, MINIMUM_KEY_LENGTH, NAME_PATTERN } from './config-schema.js';
export type { ConfigFlags, LoadConfigOptions } from './load-config.js';
export { loadConfig } from './load-config.js';
export { describeIssue, formatPath, quoteValue, valueAt } from './describe-issue.js';
export { routingSchema } from './routing-schema.js';
