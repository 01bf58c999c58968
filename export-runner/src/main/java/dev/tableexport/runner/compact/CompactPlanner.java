package dev.tableexport.runner.compact;

import dev.tableexport.runner.export.ExportPipeline;
import dev.tableexport.runner.export.ExportPlan;
import dev.tableexport.runner.export.ExportPlanner;
import dev.tableexport.runner.export.ExportRequest;
import dev.tableexport.runner.source.SourceTable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Plans the full export a chain ends at, read from S3 alone: its items are the {@link ChainMerge}
 * of the chain, its export time the chain's end, and it is billed, as a full export is, by the size
 * of the table's items at that time.
 */
public final class CompactPlanner implements ExportPlanner {

  private final ExportChain chain;
  private final ChainMerge items;

  /** @param items the merge of {@code chain} */
  public CompactPlanner(ExportChain chain, ChainMerge items) {
    this.chain = chain;
    this.items = items;
  }

  /**
   * The table as the chain's full export describes it: its ARN and id. The key schema is not
   * needed here ({@link ChainMerge} finds it in the records), nor its size (nothing is scanned).
   */
  public SourceTable table(ExportRequest request) {
    return new SourceTable(request.tableArn(), Optional.empty(), chain.base().summary().tableId(),
        List.of(), 0, 0);
  }

  @Override
  public ExportPlan plan(ExportRequest request, SourceTable table, Instant now) {
    return (context, startTime) -> {
      var output = ExportPipeline.Output.items(
          request.s3Bucket(), context.layout().dataDirectory(), request.exportFormat());
      var result = new ExportPipeline<>(context.objects(), output, context.settings())
          .run(items);
      return new ExportPlan.Result(result, result.billedSizeBytes(), chain.exportTime(), null);
    };
  }
}
