package dev.tableexport.runner.export;

/** Ends an export as FAILED with a failure code and a message that says what to change. */
public class ExportFailure extends RuntimeException {

  private final String code;

  public ExportFailure(String code, String message) {
    super(message);
    this.code = code;
  }

  public ExportFailure(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
