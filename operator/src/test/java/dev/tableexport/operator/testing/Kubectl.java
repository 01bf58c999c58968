package dev.tableexport.operator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the control plane's kubectl with its administrator kubeconfig. */
public final class Kubectl {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Path binary;
  private final Path kubeconfig;

  Kubectl(Path binary, Path kubeconfig) {
    this.binary = binary;
    this.kubeconfig = kubeconfig;
  }

  /** What one kubectl run printed, and how it exited. */
  public record Result(int exitCode, String stdout, String stderr) {

    /** The output, failing with what kubectl said when it did not exit 0. */
    public String ok() {
      if (exitCode != 0) {
        throw new AssertionError("kubectl exited " + exitCode + ": " + stderr + stdout);
      }
      return stdout;
    }
  }

  /** A started kubectl, for commands that wait on the cluster (kubectl wait). */
  public final class Running {
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private Running(Process process, Path stdout, Path stderr) {
      this.process = process;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    public Result await() {
      try {
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError("kubectl still running after " + TIMEOUT);
        }
        return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        delete(stdout);
        delete(stderr);
      }
    }
  }

  public Result run(String... args) {
    return start(args).await();
  }

  public Running start(String... args) {
    var command =
        new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    try {
      var stdout = Files.createTempFile("kubectl", ".out");
      var stderr = Files.createTempFile("kubectl", ".err");
      var process =
          new ProcessBuilder(command)
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      return new Running(process, stdout, stderr);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
