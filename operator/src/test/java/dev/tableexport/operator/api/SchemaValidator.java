package dev.tableexport.operator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a manifest against the generated CRD of its apiVersion and kind as the API server checks
 * a create: the structural part of the openAPIV3Schema (the subset our CRDs use: type,
 * properties, additional properties, int-or-string, unknown fields, required, enum, pattern, lengths, minimum and maximum, items,
 * format date-time), then, on a structurally valid object, the CEL rules through
 * {@link CelValidator}. Messages start with the path of the field, as the API server's do.
 */
public final class SchemaValidator {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

  private SchemaValidator() {}

  /** What the API server would refuse in this manifest; empty when it would create it. */
  public static List<String> validate(String yaml) {
    Map<?, ?> object;
    try {
      object = YAML.readValue(yaml, Map.class);
    } catch (JsonProcessingException e) {
      return List.of("not a YAML object: " + e.getOriginalMessage());
    }
    var crd = Crds.forKind(
        String.valueOf(object.get("apiVersion")), String.valueOf(object.get("kind")));
    if (crd.isEmpty()) {
      return List.of("apiVersion " + object.get("apiVersion") + " kind " + object.get("kind")
          + ": no such resource in the CRDs");
    }
    var violations = new ArrayList<String>();
    var name = object.get("metadata") instanceof Map<?, ?> metadata ? metadata.get("name") : null;
    if (!(name instanceof String text
        && text.length() <= 253
        && DNS_SUBDOMAIN.matcher(text).matches())) {
      violations.add("metadata.name: Invalid value: " + json(name)
          + ": must be a lowercase RFC 1123 subdomain");
    }
    // The API server checks these three itself; the schema describes the rest.
    var rest = new LinkedHashMap<>(object);
    rest.keySet().removeAll(List.of("apiVersion", "kind", "metadata"));
    check(Crds.rootSchema(crd.get()), rest, "", violations);
    if (violations.isEmpty()) {
      violations.addAll(new CelValidator(crd.get()).create(yaml));
    }
    return violations;
  }

  private static void check(
      JSONSchemaProps schema, Object value, String path, List<String> violations) {
    if (Boolean.TRUE.equals(schema.getXKubernetesIntOrString())) {
      if (!hasType("integer", value) && !hasType("string", value)) {
        violations.add(path + ": Invalid value: " + json(value)
            + ": must be an integer or a string");
      }
      return;
    }
    var type = schema.getType();
    if (!hasType(type, value)) {
      violations.add(path + ": Invalid value: " + json(value) + ": must be of type " + type);
      return;
    }
    var allowed = schema.getEnum();
    if (allowed != null
        && !allowed.isEmpty()
        && allowed.stream().noneMatch(YAML.valueToTree(value)::equals)) {
      violations.add(path + ": Unsupported value: " + json(value) + ": supported values: "
          + allowed.stream().map(Object::toString).collect(Collectors.joining(", ")));
    }
    switch (value) {
      case String text -> checkString(schema, text, path, violations);
      case Number number -> checkNumber(schema, number, path, violations);
      case List<?> list -> {
        for (int i = 0; i < list.size(); i++) {
          check(schema.getItems().getSchema(), list.get(i), path + "[" + i + "]", violations);
        }
      }
      case Map<?, ?> map -> checkObject(schema, map, path, violations);
      default -> {}
    }
  }

  private static void checkObject(
      JSONSchemaProps schema, Map<?, ?> map, String path, List<String> violations) {
    var prefix = path.isEmpty() ? "" : path + ".";
    var properties =
        schema.getProperties() == null ? Map.<String, JSONSchemaProps>of() : schema.getProperties();
    for (var required : schema.getRequired() == null ? List.<String>of() : schema.getRequired()) {
      if (map.get(required) == null) {
        violations.add(prefix + required + ": Required value");
      }
    }
    for (var entry : map.entrySet()) {
      var field = prefix + entry.getKey();
      var property = properties.get(String.valueOf(entry.getKey()));
      if (property == null && schema.getAdditionalProperties() != null) {
        property = schema.getAdditionalProperties().getSchema();
      }
      if (property == null) {
        violations.add(field + ": unknown field");
      } else {
        check(property, entry.getValue(), field, violations);
      }
    }
  }

  private static void checkString(
      JSONSchemaProps schema, String text, String path, List<String> violations) {
    var length = text.codePointCount(0, text.length());
    if (schema.getMinLength() != null && length < schema.getMinLength()) {
      violations.add(path + ": Invalid value: " + json(text) + ": should be at least "
          + schema.getMinLength() + " chars long");
    }
    if (schema.getMaxLength() != null && length > schema.getMaxLength()) {
      violations.add(path + ": Too long: may not be more than " + schema.getMaxLength() + " chars");
    }
    if (schema.getPattern() != null && !Pattern.compile(schema.getPattern()).matcher(text).find()) {
      violations.add(path + ": Invalid value: " + json(text) + ": should match '"
          + schema.getPattern() + "'");
    }
    if ("date-time".equals(schema.getFormat())) {
      try {
        OffsetDateTime.parse(text);
      } catch (DateTimeParseException e) {
        violations.add(path + ": Invalid value: " + json(text) + ": must be an RFC 3339 date-time");
      }
    }
  }

  private static void checkNumber(
      JSONSchemaProps schema, Number number, String path, List<String> violations) {
    if (schema.getMinimum() != null && number.doubleValue() < schema.getMinimum()) {
      violations.add(path + ": Invalid value: " + number + ": should be greater than or equal to "
          + schema.getMinimum().longValue());
    }
    if (schema.getMaximum() != null && number.doubleValue() > schema.getMaximum()) {
      violations.add(path + ": Invalid value: " + number + ": should be less than or equal to "
          + schema.getMaximum().longValue());
    }
  }

  private static boolean hasType(String type, Object value) {
    return switch (type) {
      case "object" -> value instanceof Map;
      case "array" -> value instanceof List;
      case "string" -> value instanceof String;
      case "boolean" -> value instanceof Boolean;
      case "integer" ->
          value instanceof Integer || value instanceof Long || value instanceof BigInteger;
      case "number" -> value instanceof Number;
      case null, default -> throw new IllegalArgumentException("a schema of type " + type);
    };
  }

  private static String json(Object value) {
    try {
      return new ObjectMapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
