-- Argo CD health of a TableExport: Progressing until the export ends, then Healthy once
-- COMPLETED and Degraded once FAILED. Written for Argo CD's Lua 5.1 with only its base and
-- table libraries.
local hs = {}

local function condition(conditionType)
  for _, c in ipairs(obj.status.conditions or {}) do
    if c.type == conditionType then
      return c
    end
  end
  return nil
end

if obj.status == nil or obj.status.exportStatus == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to start the export"
  return hs
end

local generation = obj.metadata.generation
local observed = obj.status.observedGeneration
if generation ~= nil and observed ~= nil and observed < generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. generation
  return hs
end

if obj.status.exportStatus == "COMPLETED" then
  hs.status = "Healthy"
  hs.message = "Exported " .. (obj.status.itemCount or 0) .. " items"
  if obj.status.exportManifest ~= nil then
    hs.message = hs.message .. " to " .. obj.status.exportManifest
  end
  return hs
end

if obj.status.exportStatus == "FAILED" then
  hs.status = "Degraded"
  hs.message = (obj.status.failureCode or "Failed") .. ": " .. (obj.status.failureMessage or "")
  return hs
end

local queued = condition("Queued")
hs.status = "Progressing"
hs.message = "The export is pending"
if obj.status.progress ~= nil then
  hs.message = obj.status.progress
elseif queued ~= nil and queued.status == "True" and queued.message ~= nil then
  hs.message = queued.message
end
return hs
