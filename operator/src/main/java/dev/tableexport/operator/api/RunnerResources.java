package dev.tableexport.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.Map;
import java.util.Objects;

/** The runner pod's requests and limits: a container's resources, without DRA claims. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunnerResources {

  @JsonPropertyDescription(
      "What the runner's container requests, by resource name: {cpu: 500m, memory: 512Mi}.")
  private Map<String, Quantity> requests;

  @JsonPropertyDescription(
      "The runner's container limits, by resource name: {cpu: \"2\", memory: 1Gi}. The runner"
          + " sizes its threads from the CPU limit, its heap (75%) and buffers from the memory"
          + " limit.")
  private Map<String, Quantity> limits;

  public RunnerResources() {}

  public RunnerResources(Map<String, Quantity> requests, Map<String, Quantity> limits) {
    this.requests = requests;
    this.limits = limits;
  }

  public Map<String, Quantity> getRequests() {
    return requests;
  }

  public void setRequests(Map<String, Quantity> requests) {
    this.requests = requests;
  }

  public Map<String, Quantity> getLimits() {
    return limits;
  }

  public void setLimits(Map<String, Quantity> limits) {
    this.limits = limits;
  }

  public ResourceRequirements toRequirements() {
    return new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RunnerResources that
        && Objects.equals(requests, that.requests)
        && Objects.equals(limits, that.limits);
  }

  @Override
  public int hashCode() {
    return Objects.hash(requests, limits);
  }
}
