-- wrk script of ops/bench/run-w3-ratio.sh: each wrk thread alternates two requests, so every BUY by
-- account A meets a SELL by account B at the same price (against Bulwark every order trades). The same
-- bodies and headers go to the echo, so both servers read the same bytes.
-- Environment: W3_PATH, W3_KEY_A, W3_KEY_B, W3_MARKET, W3_PRICE, W3_SIZE.
local path = os.getenv("W3_PATH")
local market = os.getenv("W3_MARKET")
local price = os.getenv("W3_PRICE")
local size = os.getenv("W3_SIZE")

local function order(side, key)
  local body = string.format(
    '{"market":"%s","side":"%s","type":"LIMIT","timeInForce":"GTC","size":"%s","price":"%s"}',
    market, side, size, price)
  return wrk.format("POST", path,
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key }, body)
end

local buy, sell
local n = 0

function init(args)
  buy = order("BUY", os.getenv("W3_KEY_A"))
  sell = order("SELL", os.getenv("W3_KEY_B"))
end

function request()
  n = n + 1
  if n % 2 == 1 then
    return buy
  end
  return sell
end
