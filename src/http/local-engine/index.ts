export { startLocalEngine, type LocalEngine } from './start-local-engine.js';
