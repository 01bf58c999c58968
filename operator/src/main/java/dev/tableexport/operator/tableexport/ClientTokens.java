package dev.tableexport.operator.tableexport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.api.TableExportSpec;
import dev.tableexport.operator.api.TableExportStatus;
import dev.tableexport.operator.engine.PitrCheck;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The record of client tokens, kept in one ConfigMap per namespace so that it outlives the
 * TableExports that used them and the operator's restarts. As in DynamoDB, a token stays valid for
 * 8 hours after the export that first used it ends; each write drops the tokens past that, and a
 * record holds only what a later use of its token needs, so that the ConfigMap (1 MiB at most)
 * does not fill.
 */
final class ClientTokens {

  static final String CONFIG_MAP = "tableexport-client-tokens";
  static final Duration VALIDITY = Duration.ofHours(8);
  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * Of n exports writing at once, one wins each round: enough rounds for a burst of them (one
   * round is a GET and a PUT); past that, the reconcile is retried.
   */
  private static final int MAX_WRITE_ATTEMPTS = 50;

  /**
   * What a token was first used for.
   *
   * @param parameters a digest of the export's spec, token left out
   * @param result the first export's status once it ended; null while it runs
   */
  record Use(String parameters, String exportName, String endTime, TableExportStatus result) {

    boolean validAt(Instant now) {
      return endTime == null || PitrCheck.instant(endTime).plus(VALIDITY).isAfter(now);
    }

    /** The use once its export ended: the result without what only that export's status needs. */
    Use ended(TableExportStatus status) {
      var result = JSON.convertValue(status, TableExportStatus.class);
      result.setConditions(null);
      result.setProgress(null);
      result.setJobName(null);
      result.setObservedGeneration(null);
      return new Use(parameters, exportName, status.getEndTime(), result);
    }
  }

  private ClientTokens() {}

  static Optional<Use> find(KubernetesClient client, TableExport export) {
    var data = configMap(client, export).map(ConfigMap::getData).orElse(null);
    var text = data == null ? null : data.get(key(export.getSpec().getClientToken()));
    return text == null ? Optional.empty() : Optional.of(read(text));
  }

  private static Use read(String text) {
    try {
      return JSON.readValue(text, Use.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("ConfigMap " + CONFIG_MAP + " holds an unreadable token record", e);
    }
  }

  /**
   * The valid use of this export's token: another export's, if one holds it (it may have written
   * it since the caller looked), else {@code use}, now recorded.
   */
  static Use claim(KubernetesClient client, TableExport export, Use use, Instant now) {
    return update(client, export, use, now, true);
  }

  /** Records {@code use} of this export's own token (its result, once ended). */
  static void record(KubernetesClient client, TableExport export, Use use, Instant now) {
    update(client, export, use, now, false);
  }

  /**
   * Writes the use and drops the tokens no longer valid. Every export with a token in the
   * namespace writes this one ConfigMap: a write that raced another's (409) is done again on what
   * is there now.
   */
  private static Use update(KubernetesClient client, TableExport export, Use use, Instant now,
      boolean claim) {
    var key = key(export.getSpec().getClientToken());
    for (int attempt = 1; ; attempt++) {
      var existing = configMap(client, export);
      if (claim) {
        var holder = existing.map(ConfigMap::getData).map(data -> data.get(key))
            .map(ClientTokens::read)
            .filter(other -> other.validAt(now) && !other.exportName().equals(use.exportName()));
        if (holder.isPresent()) {
          return holder.get();
        }
      }
      try {
        write(client, export, existing, key, use, now);
        return use;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == MAX_WRITE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static void write(KubernetesClient client, TableExport export,
      Optional<ConfigMap> existing, String key, Use use, Instant now) {
    var namespace = export.getMetadata().getNamespace();
    var data = withUse(existing.map(ConfigMap::getData).orElse(Map.of()), key, use, now);
    var configMap = new ConfigMapBuilder()
        .withNewMetadata()
            .withName(CONFIG_MAP)
            .withNamespace(namespace)
            .withResourceVersion(existing.map(c -> c.getMetadata().getResourceVersion()).orElse(null))
        .endMetadata()
        .withData(data)
        .build();
    if (existing.isPresent()) {
      client.configMaps().inNamespace(namespace).resource(configMap).update();
    } else {
      client.configMaps().inNamespace(namespace).resource(configMap).create();
    }
  }

  /** The record's data with {@code use} under {@code key} and without the expired tokens. */
  static Map<String, String> withUse(Map<String, String> data, String key, Use use, Instant now) {
    var kept = new HashMap<String, String>();
    data.forEach((token, text) -> {
      if (read(text).validAt(now)) {
        kept.put(token, text);
      }
    });
    try {
      kept.put(key, JSON.writeValueAsString(use));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A token record always serializes", e);
    }
    return kept;
  }

  /** A digest of everything the export asks for but its token. */
  static String parameters(TableExportSpec spec) {
    try {
      var tree = JSON.valueToTree(spec);
      ((com.fasterxml.jackson.databind.node.ObjectNode) tree).remove("clientToken");
      return sha256(JSON.writeValueAsString(tree));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A spec always serializes", e);
    }
  }

  private static Optional<ConfigMap> configMap(KubernetesClient client, TableExport export) {
    return Optional.ofNullable(client.configMaps().inNamespace(export.getMetadata().getNamespace())
        .withName(CONFIG_MAP).get());
  }

  /** ConfigMap keys allow only [-._a-zA-Z0-9]; tokens allow nearly anything. */
  static String key(String token) {
    return "token-" + sha256(token);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime provides SHA-256", e);
    }
  }
}
