package dev.tableexport.runner.format;

import java.io.IOException;
import java.io.OutputStream;

/** The two data formats of a DynamoDB export, with their data file suffix. */
public enum ExportFormat {
  DYNAMODB_JSON(".json.gz") {
    @Override
    public ItemEncoder openEncoder(OutputStream out) throws IOException {
      return new DynamoDbJsonItemEncoder(out);
    }
  },
  ION(".ion.gz") {
    @Override
    public ItemEncoder openEncoder(OutputStream out) throws IOException {
      return new IonItemEncoder(out);
    }
  };

  private final String dataFileSuffix;

  ExportFormat(String dataFileSuffix) {
    this.dataFileSuffix = dataFileSuffix;
  }

  public String dataFileSuffix() {
    return dataFileSuffix;
  }

  public abstract ItemEncoder openEncoder(OutputStream out) throws IOException;
}
