package dev.tableexport.operator.testing;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A container's environment as the kubelet builds it: envFrom first, then env, with Secrets and
 * ConfigMaps read from the API server, and the downward API's fieldRefs. A missing, non-optional
 * reference is the kubelet's CreateContainerConfigError.
 */
final class ContainerEnvironment {

  /** Why a container cannot be configured, in the kubelet's words. */
  static final class ConfigError extends Exception {
    ConfigError(String message) {
      super(message);
    }
  }

  /** A fieldRef to one annotation or label, as the Job controller's JOB_COMPLETION_INDEX is. */
  private static final Pattern METADATA_KEY =
      Pattern.compile("metadata\\.(annotations|labels)\\['(.+)'\\]");

  private final KubernetesClient client;
  private final Pod pod;

  ContainerEnvironment(KubernetesClient client, Pod pod) {
    this.client = client;
    this.pod = pod;
  }

  Map<String, String> of(Container container) throws ConfigError {
    var env = new LinkedHashMap<String, String>();
    for (var from : container.getEnvFrom()) {
      var prefix = from.getPrefix() == null ? "" : from.getPrefix();
      Map<String, String> values = Map.of();
      if (from.getSecretRef() != null) {
        values = secret(from.getSecretRef().getName(), from.getSecretRef().getOptional());
      } else if (from.getConfigMapRef() != null) {
        values = configMap(from.getConfigMapRef().getName(), from.getConfigMapRef().getOptional());
      }
      values.forEach((name, value) -> env.put(prefix + name, value));
    }
    for (var variable : container.getEnv()) {
      if (variable.getValueFrom() == null) {
        env.put(variable.getName(), variable.getValue() == null ? "" : variable.getValue());
      } else {
        var value = valueFrom(variable.getValueFrom());
        if (value != null) {
          env.put(variable.getName(), value);
        }
      }
    }
    return env;
  }

  private String valueFrom(EnvVarSource source) throws ConfigError {
    if (source.getSecretKeyRef() != null) {
      var ref = source.getSecretKeyRef();
      return key(secret(ref.getName(), ref.getOptional()), "Secret", ref.getName(), ref.getKey(),
          ref.getOptional());
    }
    if (source.getConfigMapKeyRef() != null) {
      var ref = source.getConfigMapKeyRef();
      return key(configMap(ref.getName(), ref.getOptional()), "ConfigMap", ref.getName(),
          ref.getKey(), ref.getOptional());
    }
    if (source.getFieldRef() != null) {
      var path = source.getFieldRef().getFieldPath();
      var metadataKey = METADATA_KEY.matcher(path);
      if (metadataKey.matches()) {
        var metadata = pod.getMetadata();
        var values = metadataKey.group(1).equals("annotations")
            ? metadata.getAnnotations() : metadata.getLabels();
        // The kubelet's downward API gives "" for a key the pod does not have.
        return values == null ? "" : values.getOrDefault(metadataKey.group(2), "");
      }
      return switch (path) {
        case "metadata.name" -> pod.getMetadata().getName();
        case "metadata.namespace" -> pod.getMetadata().getNamespace();
        case "metadata.uid" -> pod.getMetadata().getUid();
        case "spec.nodeName" -> pod.getSpec().getNodeName();
        case "spec.serviceAccountName" -> pod.getSpec().getServiceAccountName();
        case "status.podIP", "status.hostIP" -> KubeletNode.ADDRESS;
        default -> throw new ConfigError(
            "unsupported fieldRef " + source.getFieldRef().getFieldPath());
      };
    }
    throw new ConfigError("unsupported valueFrom " + source);
  }

  private String key(Map<String, String> values, String kind, String name, String key,
      Boolean optional) throws ConfigError {
    var value = values.get(key);
    if (value == null && !Boolean.TRUE.equals(optional)) {
      throw new ConfigError("couldn't find key " + key + " in " + kind + " "
          + pod.getMetadata().getNamespace() + "/" + name);
    }
    return value;
  }

  private Map<String, String> secret(String name, Boolean optional) throws ConfigError {
    Secret secret = client.secrets().inNamespace(pod.getMetadata().getNamespace())
        .withName(name).get();
    if (secret == null) {
      return missing("secret", name, optional);
    }
    var values = new LinkedHashMap<String, String>();
    if (secret.getData() != null) {
      secret.getData().forEach((key, value) ->
          values.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
    }
    if (secret.getStringData() != null) {
      values.putAll(secret.getStringData());
    }
    return values;
  }

  private Map<String, String> configMap(String name, Boolean optional) throws ConfigError {
    ConfigMap configMap = client.configMaps().inNamespace(pod.getMetadata().getNamespace())
        .withName(name).get();
    if (configMap == null) {
      return missing("configmap", name, optional);
    }
    return configMap.getData() == null ? Map.of() : configMap.getData();
  }

  private static Map<String, String> missing(String kind, String name, Boolean optional)
      throws ConfigError {
    if (Boolean.TRUE.equals(optional)) {
      return Map.of();
    }
    throw new ConfigError(kind + " \"" + name + "\" not found");
  }
}
