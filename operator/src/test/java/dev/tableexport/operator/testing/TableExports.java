package dev.tableexport.operator.testing;

import dev.tableexport.operator.api.TableExport;
import dev.tableexport.operator.api.TableExportSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** TableExports for the operator's integration tests. */
public final class TableExports {

  private TableExports() {}

  /** An export of {@code tableArn} to {@code bucket} under {@code prefix} (null for none). */
  public static TableExport named(String namespace, String name, String tableArn, String bucket,
      String prefix) {
    var spec = new TableExportSpec();
    spec.setTableArn(tableArn);
    spec.setS3Bucket(bucket);
    spec.setS3Prefix(prefix);
    var export = new TableExport();
    export.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    export.setSpec(spec);
    return export;
  }
}
