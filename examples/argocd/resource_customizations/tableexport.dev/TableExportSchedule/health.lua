-- Argo CD health of a TableExportSchedule: Suspended while spec.suspend is true, Degraded when the
-- operator cannot schedule it (invalid spec, table not restorable, chain broken) or its newest run
-- FAILED, Healthy otherwise. Written for Argo CD's Lua 5.1 with only its base and table libraries.
local hs = {}

local function condition(conditionType)
  for _, c in ipairs(obj.status.conditions or {}) do
    if c.type == conditionType then
      return c
    end
  end
  return nil
end

if obj.status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to schedule the first run"
  return hs
end

local generation = obj.metadata.generation
local observed = obj.status.observedGeneration
if generation ~= nil and observed ~= nil and observed < generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. generation
  return hs
end

local ready = condition("Ready")
if ready ~= nil and ready.status == "False" then
  hs.status = "Degraded"
  hs.message = ready.message
  return hs
end

local degraded = condition("Degraded")
if degraded ~= nil and degraded.status == "True" then
  hs.status = "Degraded"
  hs.message = degraded.message
  return hs
end

if obj.spec.suspend == true then
  hs.status = "Suspended"
  hs.message = "Suspended: no new run starts"
  return hs
end

hs.status = "Healthy"
hs.message = "Scheduled"
if obj.status.nextScheduleTime ~= nil then
  hs.message = "Next run at " .. obj.status.nextScheduleTime
end
return hs
