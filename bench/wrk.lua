-- wrk script for bench/run.sh.
--   BENCH_MODE=stable  one fixed body for every request (cache hits; the stand-in and nginx)
--   BENCH_MODE=vary    a new ECID on every request, so neither the cache nor single flight helps
--   BENCH_PATH, BENCH_KEY  the path to POST to and the X-Api-Key to send
-- done() prints one machine-readable RESULT line that run.sh parses.
-- threads and too_many are globals: wrk reads a thread's globals with thread:get().
local mode = os.getenv("BENCH_MODE") or "stable"
local path = os.getenv("BENCH_PATH") or "/v1/recommendations/abandoned-cart"
local key = os.getenv("BENCH_KEY") or ""
local headers = { ["Content-Type"] = "application/json", ["X-Api-Key"] = key }

local threads = {}
local id = 0

function setup(thread)
  id = id + 1
  thread:set("tid", id)
  table.insert(threads, thread)
end

local fixed
local counter = 0
-- Several runs share one bridge: a per-run salt keeps their ECIDs apart.
local salt = tonumber(os.getenv("BENCH_SALT") or "0") % 1000

function init(args)
  fixed = wrk.format("POST", path, headers, '{"ecid": "45781285307713846961427437541683283427"}')
end

function request()
  if mode ~= "vary" then
    return fixed
  end
  counter = counter + 1
  -- 38 digits: 2 for the thread, 3 for the run, 33 for the counter.
  local ecid = string.format("%02d%03d%033d", tid, salt, counter)
  return wrk.format("POST", path, headers, '{"ecid": "' .. ecid .. '"}')
end

-- BENCH_COUNT_429=1: 429s (the bridge turning a request away, an answer AJO retries) are
-- counted apart. Only then is response() defined: wrk hands every response to Lua once it is.
if os.getenv("BENCH_COUNT_429") == "1" then
  too_many = 0
  function response(status, headers, body)
    if status == 429 then
      too_many = too_many + 1
    end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local refused = 0
  for _, thread in ipairs(threads) do
    refused = refused + (thread:get("too_many") or 0)
  end
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d connect=%d read=%d write=%d status=%d timeout=%d too_many=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout, refused))
end
