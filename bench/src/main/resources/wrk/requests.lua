-- Replays a file of prepared requests, each thread its own share, round and round.
-- File format, one request after another: a header line of METHOD, PATH, KEY, CONTENT-TYPE and LENGTH separated by
-- tabs (KEY "-" for none, else sent as "Authorization: Bearer KEY"), then LENGTH bytes of body, then a newline.
-- Usage: wrk -t THREADS ... -s requests.lua URL -- FILE THREADS
local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

function init(args)
  local file = assert(io.open(args[1], "rb"))
  step = tonumber(args[2])
  requests = {}
  while true do
    local header = file:read("*l")
    if not header then break end
    local method, path, key, ctype, length = header:match("^([^\t]+)\t([^\t]+)\t([^\t]+)\t([^\t]+)\t(%d+)$")
    assert(method, "bad request header: " .. header)
    local body = file:read(tonumber(length))
    file:read(1)
    local headers = { ["Content-Type"] = ctype }
    if key ~= "-" then headers["Authorization"] = "Bearer " .. key end
    requests[#requests + 1] = wrk.format(method, path, headers, body)
  end
  file:close()
  position = id
end

function request()
  local r = requests[position]
  position = position + step
  if position > #requests then position = (position - 1) % #requests + 1 end
  return r
end
