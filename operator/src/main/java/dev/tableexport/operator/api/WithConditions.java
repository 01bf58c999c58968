package dev.tableexport.operator.api;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** A status with Kubernetes conditions: what the operator's status writing has in common. */
public interface WithConditions {

  List<Condition> getConditions();

  void setConditions(List<Condition> conditions);
}
