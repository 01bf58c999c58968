package dev.tableexport.runner.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireScanPageTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"Count\":2,\"Items\":[{\"a\":{\"S\":\"x\"}},{\"b\":{\"N\":\"1\"}}],\"ScannedCount\":2}",
    "{\"Items\":[],\"Count\":0,\"ScannedCount\":5}",
    "{\"Count\":1,\"ScannedCount\":1,\"Items\":[{\"s\":{\"S\":\"}]{[\\\" \\\\\"}}],"
        + "\"LastEvaluatedKey\":{\"pk\":{\"S\":\"a,b}\"}},"
        + "\"ConsumedCapacity\":{\"CapacityUnits\":0.5}}",
    " {\n  \"Count\" : 1 ,\n  \"Items\" : "
        + "[ {\"m\": {\"M\": {\"l\": {\"L\": [ {\"BOOL\": true} ]}}}} ] ,"
        + "\n  \"ScannedCount\" : 1, \"Flag\": true, \"Nothing\": null\n}\n",
    "{\"Count\":0,\"ScannedCount\":0}",
  })
  void itemsAreTakenOutAndTheRestIsKept(String response) throws IOException {
    var page = new WireScanPage();

    var rest = page.split(response.getBytes(UTF_8));

    var original = (ObjectNode) JSON.readTree(response);
    var items = original.remove("Items");
    assertEquals(original, JSON.readTree(rest));
    assertEquals(items == null ? 0 : items.size(), page.items().size());
    for (int i = 0; i < page.items().size(); i++) {
      var item = page.items().get(i);
      var json = new String(item.json(), item.offset(), item.length(), UTF_8);
      assertEquals(items.get(i), JSON.readTree(json));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[]", "{\"Items\":[{\"a\":{\"S\":\"x\"}}", "{\"Items\":[{\"a\":\"x"})
  void aBodyThatIsNoScanResponseIsRefused(String response) {
    assertThrows(IOException.class, () -> new WireScanPage().split(response.getBytes(UTF_8)));
  }
}
