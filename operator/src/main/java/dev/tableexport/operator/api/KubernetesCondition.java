package dev.tableexport.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * Schema only: the CRD schema of a status condition, the same as Kubernetes publishes for
 * metav1.Condition. The Java type stays fabric8's {@link
 * io.fabric8.kubernetes.api.model.Condition}, whose generated schema has neither descriptions nor
 * validation.
 */
final class KubernetesCondition {

  @Required
  @Size(max = 316)
  @Pattern(
      "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
          + "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$")
  @JsonPropertyDescription("Type of the condition, in CamelCase, such as Ready or Failed.")
  public String type;

  @Required
  @JsonPropertyDescription("Status of the condition: True, False or Unknown.")
  public ConditionStatus status;

  @Min(0)
  @JsonPropertyDescription(
      "The metadata.generation the condition was set for: older than the object's generation"
          + " when the condition is out of date.")
  public Long observedGeneration;

  @Required
  @DateTime
  @JsonPropertyDescription("When the condition last changed from one status to another, RFC 3339.")
  public String lastTransitionTime;

  @Required
  @Size(min = 1, max = 1024)
  @Pattern("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$")
  @JsonPropertyDescription(
      "Why the condition has its status: a CamelCase word for programs, such as JobCreated.")
  public String reason;

  @Required
  @Size(max = 32768)
  @JsonPropertyDescription("The condition in words, for people; may be empty.")
  public String message;

  enum ConditionStatus {
    True,
    False,
    Unknown
  }
}
