package dev.tableexport.operator.api;

import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;

/**
 * Build time only (the CRD generator runs it): makes a status' {@code conditions} a list-map keyed
 * by type, as Kubernetes' own conditions are, so that server-side apply merges them by type and
 * the server refuses two of one type. crd-generator 7.5.2 has no annotation for list types, and
 * its merge-patch customizer replaces the whole properties map.
 */
public final class ConditionsListMap implements SchemaCustomizer.Customizer {

  @Override
  public JSONSchemaProps apply(
      JSONSchemaProps status, String input, KubernetesSerialization serialization) {
    var conditions = status.getProperties().get("conditions");
    conditions.setXKubernetesListType("map");
    conditions.setXKubernetesListMapKeys(List.of("type"));
    return status;
  }
}
