package dev.tableexport.runner.source;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Receives scan pages; it may block, which holds back that segment's scan. */
@FunctionalInterface
public interface PageConsumer {

  void accept(List<Map<String, AttributeValue>> items) throws InterruptedException;
}
