-- One permit from the fleet's Target token bucket. Redis runs a script alone, so the
-- read, the refill and the take are one atomic step whichever replica asks.
-- KEYS[1]  the account's bucket, a hash: tokens, at (µs), start (µs, the ramp's start)
-- ARGV     limit (calls/s), ramp step (calls/s; 0: no ramp), ramp interval (µs),
--          refill period (µs), longest wait (µs), idle expiry (ms)
-- Returns  {1, wait µs, rate}: a permit, to be used after waiting (reserved now, so
--          waits queue fairly); {0, wait µs, rate}: none within the longest wait.
-- Times come from Redis's clock, one for the whole fleet.
local limit, step, interval = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local period, max_wait, idle = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local time = redis.call('TIME')
-- Microseconds as text: Lua would print the number with 14 digits only.
local now_text = time[1] .. string.format('%06d', tonumber(time[2]))
local now = tonumber(now_text)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'start')
-- Adobe's ramp, once for the fleet: from the first permit the bucket's life has seen.
local start_text = state[3] or now_text
local rate = limit
if step > 0 then
  rate = math.min(limit, step * (1 + math.floor((now - tonumber(start_text)) / interval)))
end
-- One refill period's permits as burst, at least one: a limit under 2 per period is a
-- steady spacing, never exceeded in any second.
local capacity = math.max(1, math.floor(rate * period / 1000000))
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate / 1000000)
local wait = 0
if tokens < 1 then
  wait = math.ceil((1 - tokens) * 1000000 / rate)
  if wait > max_wait then
    return {0, wait, rate}
  end
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - 1), 'at', now_text, 'start', start_text)
-- Idle that long, the fleet's next send ramps up again.
redis.call('PEXPIRE', KEYS[1], idle)
return {1, wait, rate}
