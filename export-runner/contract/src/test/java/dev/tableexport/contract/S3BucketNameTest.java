package dev.tableexport.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3BucketNameTest {

  @ParameterizedTest
  @ValueSource(strings = {"abc", "my-exports", "my.export-bucket", "a1.b2-c3", "1bucket9"})
  void namesS3AcceptsPass(String bucket) {
    assertEquals(Optional.empty(), S3BucketName.problem(bucket));
  }

  @ParameterizedTest
  @ValueSource(strings = {"UpperCase", "under_score", "ab", "-leading", "trailing-", "trailing.",
      "two..dots", "192.168.1.10", "bad bucket!"})
  void namesS3RefusesHaveAProblem(String bucket) {
    assertTrue(S3BucketName.problem(bucket).isPresent(), bucket);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 64})
  void theLengthIsThreeToSixtyThree(int length) {
    var problem = S3BucketName.problem("a".repeat(length));

    assertEquals(Optional.of("a bucket name has 3 to 63 characters"), problem);
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 63})
  void theLengthLimitsThemselvesPass(int length) {
    assertEquals(Optional.empty(), S3BucketName.problem("a".repeat(length)));
  }
}
