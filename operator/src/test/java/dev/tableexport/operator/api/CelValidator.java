package dev.tableexport.operator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a CRD's x-kubernetes-validations rules on objects as the API server does, so that they are
 * tested without one: defaults are applied first; each rule runs on the value at its node when that
 * value is present; rules naming oldSelf (transition rules) run only on update, where the old
 * object has the value too; format date-time strings are CEL timestamps. Only the rules: the
 * structural checks (types, required, enums, patterns) are left to the schema tests.
 */
final class CelValidator {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .addVar("oldSelf", SimpleType.DYN)
          .setResultType(SimpleType.BOOL)
          .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  private final JSONSchemaProps root;

  CelValidator(CustomResourceDefinition crd) {
    this.root = Crds.rootSchema(crd);
  }

  /** The messages of the rules a new object breaks. */
  List<String> create(String yaml) {
    var violations = new ArrayList<String>();
    validate(root, withDefaults(root, parse(yaml)), null, violations);
    return violations;
  }

  /** The messages of the rules an update from {@code oldYaml} to {@code yaml} breaks. */
  List<String> update(String oldYaml, String yaml) {
    var violations = new ArrayList<String>();
    validate(root, withDefaults(root, parse(yaml)), withDefaults(root, parse(oldYaml)), violations);
    return violations;
  }

  /** Parses and checks a rule, with self and oldSelf untyped; throws if it does not compile. */
  static void compile(String rule) throws CelValidationException {
    COMPILER.compile(rule).getAst();
  }

  private static void validate(
      JSONSchemaProps schema, Object value, Object old, List<String> violations) {
    if (schema.getXKubernetesValidations() != null) {
      for (var rule : schema.getXKubernetesValidations()) {
        var transition = rule.getRule().contains("oldSelf");
        if (transition && old == null) {
          continue;
        }
        var variables = new HashMap<String, Object>();
        variables.put("self", cel(schema, value));
        if (transition) {
          variables.put("oldSelf", cel(schema, old));
        }
        if (!evaluate(rule.getRule(), variables)) {
          violations.add(rule.getMessage());
        }
      }
    }
    if (value instanceof Map<?, ?> map && schema.getProperties() != null) {
      for (var property : schema.getProperties().entrySet()) {
        var child = map.get(property.getKey());
        var oldChild = old instanceof Map<?, ?> oldMap ? oldMap.get(property.getKey()) : null;
        if (child != null) {
          validate(property.getValue(), child, oldChild, violations);
        }
      }
    }
  }

  private static boolean evaluate(String rule, Map<String, Object> variables) {
    try {
      var program = RUNTIME.createProgram(COMPILER.compile(rule).getAst());
      return (Boolean) program.eval(variables);
    } catch (CelValidationException | CelEvaluationException e) {
      throw new AssertionError("rule '" + rule + "' does not evaluate: " + e.getMessage(), e);
    }
  }

  private static Object withDefaults(JSONSchemaProps schema, Object value) {
    if (!(value instanceof Map<?, ?> map) || schema.getProperties() == null) {
      return value;
    }
    var result = new LinkedHashMap<String, Object>();
    map.forEach((key, child) -> result.put((String) key, child));
    for (var property : schema.getProperties().entrySet()) {
      var child = result.get(property.getKey());
      if (child == null && property.getValue().getDefault() != null) {
        child = YAML.convertValue(property.getValue().getDefault(), Object.class);
      }
      if (child != null) {
        result.put(property.getKey(), withDefaults(property.getValue(), child));
      }
    }
    return result;
  }

  /** The value as the API server hands it to CEL. */
  private static Object cel(JSONSchemaProps schema, Object value) {
    if (value instanceof String text && "date-time".equals(schema.getFormat())) {
      return OffsetDateTime.parse(text).toInstant();
    }
    if (value instanceof Integer number) {
      return number.longValue();
    }
    if (value instanceof Map<?, ?> map) {
      var result = new LinkedHashMap<String, Object>();
      map.forEach((key, child) -> {
        var properties = schema.getProperties();
        var childSchema = properties == null ? null : properties.get((String) key);
        result.put(
            (String) key, cel(childSchema == null ? new JSONSchemaProps() : childSchema, child));
      });
      return result;
    }
    if (value instanceof List<?> list) {
      var items = schema.getItems() == null ? null : schema.getItems().getSchema();
      return list.stream()
          .map(item -> cel(items == null ? new JSONSchemaProps() : items, item))
          .toList();
    }
    return value;
  }

  private static Object parse(String yaml) {
    try {
      return YAML.readValue(yaml, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not YAML: " + yaml, e);
    }
  }
}
