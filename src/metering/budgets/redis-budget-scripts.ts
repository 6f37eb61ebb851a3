import { defineRedisScript } from '../../quota/index.js';

// Amounts stay integers end to end: they travel as strings, Redis adds them with HINCRBY (64-bit integers), and Lua
// only compares them (exact below 2^53). Lua's own number-to-string conversion (%.14g) would round amounts above
// 10^14 micro-dollars if a script ever wrote a sum it computed itself.

/**
 * Check-and-reserve, the whole admission in one atomic step. One hash per key and month holds `spent` and
 * `reserved`. A month's hash that does not exist yet needs the ledger's opening figure: without one (ARGV[1] = '')
 * the script answers {-1} and the caller reads the ledger and calls again with it; with one, `spent` is created
 * from it only if no other replica created it meanwhile (HSETNX), so every replica counts from the same figure.
 * The hash expires ARGV[4] ms later (just after the month ends), so old months disappear on their own.
 *
 * KEYS[1] the hash. ARGV[1] opening spend or '', ARGV[2] cost, ARGV[3] limit or '' (none), ARGV[4] time to live, ms.
 * Returns {admitted 1|0 (or -1: opening needed), spent, reserved} — after the charge when admitted, as found when
 * refused.
 */
export const BUDGET_RESERVE_SCRIPT = defineRedisScript(`
local stored = redis.call('HMGET', KEYS[1], 'spent', 'reserved')
if stored[1] == false then
  if ARGV[1] == '' then return {-1, 0, 0} end
  redis.call('HSETNX', KEYS[1], 'spent', ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  stored = redis.call('HMGET', KEYS[1], 'spent', 'reserved')
end
local spent = tonumber(stored[1])
local reserved = tonumber(stored[2]) or 0
if ARGV[3] ~= '' and spent + reserved + tonumber(ARGV[2]) > tonumber(ARGV[3]) then
  return {0, spent, reserved}
end
reserved = redis.call('HINCRBY', KEYS[1], 'reserved', ARGV[2])
return {1, spent, reserved}
`);

/**
 * Settle: takes the reservation out of `reserved` (never below 0) and adds the actual cost to `spent`. A hash that
 * is gone (expired, flushed) is left gone: writing would resurrect it without its opening figure or expiry.
 *
 * KEYS[1] the hash. ARGV[1] minus the reservation, ARGV[2] the actual cost. Returns {1, spent after} or {-1, 0}.
 */
export const BUDGET_SETTLE_SCRIPT = defineRedisScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return {-1, 0} end
if redis.call('HINCRBY', KEYS[1], 'reserved', ARGV[1]) < 0 then redis.call('HSET', KEYS[1], 'reserved', '0') end
return {1, redis.call('HINCRBY', KEYS[1], 'spent', ARGV[2])}
`);
