package dev.tableexport.operator.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tableexport.operator.api.SchemaValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseBaseLib;

/**
 * The Argo CD health checks of examples/argocd, in Argo CD's own layout
 * (resource_customizations/GROUP/KIND/health.lua, health_test.yaml, testdata/), tested the way
 * Argo CD tests its own: each health_test.yaml case runs health.lua on its object and must give
 * its status and message.
 */
class ArgoCdHealthChecksTest {

  private static final Path ARGOCD = Path.of("..", "examples", "argocd");
  private static final Path CUSTOMIZATIONS = ARGOCD.resolve("resource_customizations");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * What Argo CD's Lua (gopher-lua, Lua 5.1, with only the base, package and table libraries for
   * checks configured in argocd-cm) lacks and luaj (Lua 5.2) has, or what breaks there: the
   * length operator is also banned, as it is undefined on tables with holes.
   */
  private static final Pattern NOT_IN_ARGO_CDS_LUA = Pattern.compile(
      "\\b(unpack|loadstring|load|setfenv|getfenv|goto|bit32|rawlen|require|module|_ENV)\\b"
          + "|\\btable\\.pack\\b|\\b(string|math|os|io|coroutine|debug)\\.|#|::");

  record Case(Path dir, String inputPath, String status, String message) {
    @Override
    public String toString() {
      return CUSTOMIZATIONS.relativize(dir.resolve(inputPath)).toString();
    }
  }

  static List<Path> scripts() throws IOException {
    try (var files = Files.walk(CUSTOMIZATIONS)) {
      return files.filter(file -> file.getFileName().toString().equals("health.lua"))
          .sorted()
          .toList();
    }
  }

  static List<Case> cases() throws IOException {
    var cases = new ArrayList<Case>();
    for (var script : scripts()) {
      var dir = script.getParent();
      for (var test : YAML.readTree(dir.resolve("health_test.yaml").toFile()).get("tests")) {
        cases.add(new Case(dir, test.get("inputPath").asText(),
            test.at("/healthStatus/status").asText(), test.at("/healthStatus/message").asText()));
      }
    }
    return cases;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void healthMatchesTheExpectedStatusAndMessage(Case test) throws IOException {
    var script = Files.readString(test.dir().resolve("health.lua"));
    Map<?, ?> object = YAML.readValue(test.dir().resolve(test.inputPath()).toFile(), Map.class);

    var health = health(script, object);

    assertEquals(test.status() + ": " + test.message(),
        health.get("status").tojstring() + ": " + health.get("message").tojstring());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void testdataObjectsHaveTheOperatorsShapes(Case test) throws IOException {
    var object = Files.readString(test.dir().resolve(test.inputPath()));
    assertEquals(List.of(), SchemaValidator.validate(object), test.toString());
  }

  @ParameterizedTest
  @MethodSource("scripts")
  void scriptsUseOnlyWhatArgoCdsLuaHas(Path script) throws IOException {
    var found = NOT_IN_ARGO_CDS_LUA.matcher(Files.readString(script)).results()
        .map(MatchResult::group)
        .toList();
    assertEquals(List.of(), found, script.toString());
  }

  @Test
  void theArgocdCmPatchEmbedsEachScriptByteForByte() throws IOException {
    var expected = new TreeMap<String, String>();
    for (var script : scripts()) {
      var kind = script.getParent();
      var group = kind.getParent().getFileName();
      expected.put(
          "resource.customizations.health." + group + "_" + kind.getFileName(),
          Files.readString(script));
    }
    var configMap = YAML.readTree(ARGOCD.resolve("argocd-cm-health.yaml").toFile());

    assertEquals(expected, new TreeMap<>(YAML.convertValue(configMap.get("data"), Map.class)));
  }

  /** Runs a health script as Argo CD does: the object as the global obj, numbers as doubles. */
  private static LuaTable health(String script, Map<?, ?> object) {
    var globals = new Globals();
    globals.load(new JseBaseLib());
    globals.load(new PackageLib());
    globals.load(new TableLib());
    LoadState.install(globals);
    LuaC.install(globals);
    globals.set("obj", lua(object));
    return globals.load(script, "health.lua").call().checktable();
  }

  private static LuaValue lua(Object value) {
    return switch (value) {
      case null -> LuaValue.NIL;
      case String text -> LuaValue.valueOf(text);
      case Boolean bool -> LuaValue.valueOf(bool);
      case Number number -> LuaValue.valueOf(number.doubleValue());
      case List<?> list -> {
        var table = new LuaTable();
        for (int i = 0; i < list.size(); i++) {
          table.set(i + 1, lua(list.get(i)));
        }
        yield table;
      }
      case Map<?, ?> map -> {
        var table = new LuaTable();
        map.forEach((key, child) -> table.set(key.toString(), lua(child)));
        yield table;
      }
      default -> throw new IllegalArgumentException("not a JSON value: " + value);
    };
  }
}
