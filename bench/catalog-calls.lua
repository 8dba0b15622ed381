-- wrk script for bench/catalog-calls.sh: every request is a new shopper (a new ECID) whose
-- abandoned cart is 1 to 3 products, sent as bare ids, drawn from the sandbox catalog's
-- products, so carts share products as real shoppers' do. BENCH_KEY is the X-Api-Key.
local key = os.getenv("BENCH_KEY") or ""
local headers = { ["Content-Type"] = "application/json", ["X-Api-Key"] = key }
local products = {
  "coat-alpine-01", "coat-parka-02", "coat-wool-03", "coat-puffer-04", "coat-trench-05", "coat-rain-06",
  "parka-arctic-01", "parka-field-02", "parka-city-03", "parka-fishtail-04", "sweat-crew-03", "sweat-hood-04",
  "sweat-zip-05", "sweat-raglan-06", "sweat-logo-07", "knit-merino-01", "knit-cable-02", "knit-cardigan-03",
  "knit-turtle-04", "knit-vest-05", "boot-trail-01", "boot-chelsea-02", "boot-snow-03", "boot-hiker-04",
  "boot-rain-05", "acc-beanie-01", "acc-scarf-02", "acc-gloves-03", "acc-socks-04", "acc-mittens-05",
  "acc-earmuffs-06", "acc-tote-07",
}

local id = 0
function setup(thread)
  id = id + 1
  thread:set("tid", id)
end

local counter = 0
function init(args)
  math.randomseed(os.time() + tid)
end

function request()
  counter = counter + 1
  -- 38 digits: 2 for the thread, 36 for the counter: a new shopper every time.
  local ecid = string.format("%02d%036d", tid, counter)
  local cart = {}
  for i = 1, math.random(1, 3) do
    cart[i] = '"' .. products[math.random(#products)] .. '"'
  end
  local body = '{"ecid": "' .. ecid .. '", "cartItemIds": [' .. table.concat(cart, ", ") .. ']}'
  return wrk.format("POST", "/v1/recommendations/abandoned-cart", headers, body)
end
