package dev.tableexport.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RunnerExitCodesTest {

  @Test
  void permanentFailuresAreNotTransient() {
    for (var code : new String[] {FailureCodes.VALIDATION, FailureCodes.TABLE_NOT_FOUND,
        FailureCodes.DYNAMODB_ACCESS_DENIED, FailureCodes.S3_ACCESS_DENIED,
        FailureCodes.S3_NO_SUCH_BUCKET, FailureCodes.PITR_UNAVAILABLE,
        FailureCodes.INVALID_EXPORT_TIME, FailureCodes.EXPORT_CONFLICT,
        FailureCodes.CORRUPT_BACKUP_OBJECT, FailureCodes.INTERNAL_ERROR, null}) {
      assertFalse(FailureCodes.isTransient(code), code);
    }
  }

  @Test
  void unavailableStoresAndTimeoutsAreTransient() {
    for (var code : new String[] {FailureCodes.DYNAMODB_UNAVAILABLE, FailureCodes.DYNAMODB_TIMEOUT,
        FailureCodes.S3_UNAVAILABLE, FailureCodes.S3_TIMEOUT}) {
      assertTrue(FailureCodes.isTransient(code), code);
    }
  }

  @Test
  void theExitCodeSaysWhetherARetryCanHelp() {
    assertEquals(0, RunnerExitCodes.of(description("COMPLETED", null)));
    assertEquals(1, RunnerExitCodes.of(description("FAILED", FailureCodes.S3_NO_SUCH_BUCKET)));
    assertEquals(75, RunnerExitCodes.of(description("FAILED", FailureCodes.S3_UNAVAILABLE)));
  }

  private static ExportDescription description(String status, String failureCode) {
    return new ExportDescription("arn", status, null, null, null, null, null, null, null, null,
        null, null, null, null, failureCode, null, null, null, null, null, null);
  }
}
