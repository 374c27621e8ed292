-- A mix of requests, given as script arguments, one per argument:
--   PATH            a GET of PATH
--   PATH|Name: v    a GET of PATH with one extra header
-- Each thread walks the list round-robin from its own offset; response()
-- counts every status so the harness can tell expected 4xx from surprises.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local requests = {}
local next_index = 1
statuses = {}

function init(args)
   for _, arg in ipairs(args) do
      local path, header = arg:match("^([^|]*)|(.*)$")
      local headers = {}
      if path then
         local name, value = header:match("^([^:]+):%s*(.*)$")
         headers[name] = value
      else
         path = arg
      end
      table.insert(requests, wrk.format("GET", path, headers))
   end
   next_index = (id or 0) % #requests + 1
end

function request()
   local req = requests[next_index]
   next_index = next_index % #requests + 1
   return req
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end
