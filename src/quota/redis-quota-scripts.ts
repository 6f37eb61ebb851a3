import { defineRedisScript } from './define-redis-script.js';

// Both scripts read the clock the same way: the caller's `now` (ARGV[1]) when given, else the server's TIME, so
// one clock decides every window whichever replica asks. Redis ≥ 5 replicates a script's effects rather than the
// script, which is what lets TIME come before a write.
const READ_CLOCK = `
local now = tonumber(ARGV[1])
if now == nil then
  local time = redis.call('TIME')
  now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end`;

/**
 * Check-and-reserve, the whole admission in one atomic step. One hash per key holds, for each counter, the
 * window number (`<field>:w`) and the count (`<field>:c`); a stored window number other than the current one
 * means the count is from an earlier window and reads as zero, so windows reset in O(1) with nothing to sweep.
 * The hash expires one longest window after the last admission, so idle keys disappear on their own; no count
 * depends on that expiry.
 *
 * KEYS[1] the key's hash. ARGV[1] now in ms or '' (server clock), ARGV[2] expiry in ms, then per counter four
 * arguments: field, window length in ms, limit, cost. Returns {admitted 1|0, now, then each counter's count in
 * its current window — after the charge when admitted, as found when refused}.
 */
export const RESERVE_SCRIPT = defineRedisScript(`${READ_CLOCK}
local counters = (#ARGV - 2) / 4
local fields = {}
for i = 1, counters do
  fields[i * 2 - 1] = ARGV[i * 4 - 1] .. ':w'
  fields[i * 2] = ARGV[i * 4 - 1] .. ':c'
end
local stored = redis.call('HMGET', KEYS[1], unpack(fields))
local windows, counts, costs = {}, {}, {}
local admitted = 1
for i = 1, counters do
  local window = math.floor(now / tonumber(ARGV[i * 4]))
  local count = 0
  if tonumber(stored[i * 2 - 1]) == window then count = tonumber(stored[i * 2]) or 0 end
  windows[i] = window
  counts[i] = count
  costs[i] = tonumber(ARGV[i * 4 + 2])
  if count + costs[i] > tonumber(ARGV[i * 4 + 1]) then admitted = 0 end
end
if admitted == 1 then
  local writes = {}
  for i = 1, counters do
    counts[i] = counts[i] + costs[i]
    writes[i * 4 - 3] = fields[i * 2 - 1]
    writes[i * 4 - 2] = windows[i]
    writes[i * 4 - 1] = fields[i * 2]
    writes[i * 4] = counts[i]
  end
  redis.call('HSET', KEYS[1], unpack(writes))
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
local reply = {admitted, now}
for i = 1, counters do reply[i + 2] = counts[i] end
return reply
`);

/**
 * Settle: moves the token counter by actual − estimate, never below 0, but only while the window the estimate
 * was charged to is still the current one and still stored — an ended window has nothing left to correct, and
 * writing to an expired hash would resurrect it without an expiry.
 *
 * KEYS[1] the key's hash. ARGV[1] now in ms or '', ARGV[2] token field, ARGV[3] token window length in ms,
 * ARGV[4] the window charged, ARGV[5] the correction. Returns the new count, or -1 when the window is over.
 */
export const SETTLE_SCRIPT = defineRedisScript(`${READ_CLOCK}
local window = tonumber(ARGV[4])
if math.floor(now / tonumber(ARGV[3])) ~= window then return -1 end
local stored = redis.call('HMGET', KEYS[1], ARGV[2] .. ':w', ARGV[2] .. ':c')
if tonumber(stored[1]) ~= window then return -1 end
local count = (tonumber(stored[2]) or 0) + tonumber(ARGV[5])
if count < 0 then count = 0 end
redis.call('HSET', KEYS[1], ARGV[2] .. ':c', count)
return count
`);
