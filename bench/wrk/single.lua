-- One request, repeated: wrk's fastest path (no per-response Lua call).
-- Statuses of 400 and above are still counted by wrk (errors.status).
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")
