package dev.tableexport.operator.engine;

/**
 * Why an export failed: one of {@link dev.tableexport.contract.FailureCodes}, and a message that
 * says what to change.
 */
public record ExportFailure(String code, String message) {}
