package dev.tableexport.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.marcnuri.helm.Helm;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartLintTest {

  @Test
  void lintsCleanInStrictMode() {
    var result = new Helm(Chart.DIR).lint().strict().call();

    assertFalse(result.isFailed(), String.join("\n", result.getMessages()));
    assertEquals(List.of(), result.getMessages().stream()
        .filter(message -> message.startsWith("[ERROR]") || message.startsWith("[WARNING]"))
        .toList());
  }
}
