-- Argo CD health of a ContinuousBackup: Healthy once the table has a restorable window, Degraded
-- while the recorder is silent or behind, Progressing before the first base snapshot. Written for
-- Argo CD's Lua 5.1 with only its base and table libraries.
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
  hs.message = "Waiting for the operator to start the recorder"
  return hs
end

local generation = obj.metadata.generation
local observed = obj.status.observedGeneration
if generation ~= nil and observed ~= nil and observed < generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. generation
  return hs
end

local degraded = condition("Degraded")
if degraded ~= nil and degraded.status == "True" then
  hs.status = "Degraded"
  hs.message = degraded.message
  return hs
end

local ready = condition("Ready")
if obj.status.pointInTimeRecoveryStatus == "ENABLED" or (ready ~= nil and ready.status == "True") then
  local earliest = obj.status.earliestRestorableDateTime
  local latest = obj.status.latestRestorableDateTime
  hs.status = "Healthy"
  hs.message = "Point-in-time recovery is enabled"
  if earliest ~= nil and latest ~= nil then
    hs.message = "Restorable from " .. earliest .. " to " .. latest
  end
  return hs
end

hs.status = "Progressing"
hs.message = "Waiting for the recorder's first base snapshot"
if ready ~= nil and ready.message ~= nil and ready.message ~= "" then
  hs.message = ready.message
end
return hs
