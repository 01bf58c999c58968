package dev.tableexport.operator.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the process kubelet runs for an image: the image's ENTRYPOINT as a local command. An image
 * with no entry here cannot be pulled (the container waits in ImagePullBackOff).
 */
public final class Images {

  /** The runner's image in tests: export-runner/Dockerfile's. */
  public static final String RUNNER = "ghcr.io/tableexport/export-runner:test";

  /** An image whose entrypoint is {@code sh -c}: its first argument is the script. */
  public static final String SHELL = "tableexport.dev/test-shell:1";

  private final Map<String, List<String>> entrypoints = new HashMap<>();

  /**
   * {@code image} runs export-runner/Dockerfile's ENTRYPOINT ({@code java
   * -XX:+ExitOnOutOfMemoryError -jar /app/export-runner.jar}) with this JVM's java (JDK 21+) and
   * the built export-runner/target/export-runner.jar.
   */
  public Images runner(String image) {
    var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var jar = RepositoryFiles.find("export-runner/target/export-runner.jar").toString();
    return map(image, List.of(java, "-XX:+ExitOnOutOfMemoryError", "-jar", jar));
  }

  /** {@link #SHELL}, whose containers are scripts. */
  public Images shell() {
    return map(SHELL, List.of("sh", "-c"));
  }

  public Images map(String image, List<String> entrypoint) {
    entrypoints.put(image, List.copyOf(entrypoint));
    return this;
  }

  Optional<List<String>> entrypoint(String image) {
    return Optional.ofNullable(entrypoints.get(image));
  }
}
