package dev.tableexport.runner.resources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The CPU and memory limits of the container the runner is in, as its cgroup states them: cgroup
 * v2's {@code cpu.max} and {@code memory.max}, else v1's {@code cpu/cpu.cfs_quota_us} over {@code
 * cpu/cpu.cfs_period_us} and {@code memory/memory.limit_in_bytes}. Empty where there is no limit
 * (or no cgroup, outside a container).
 */
public record ContainerLimits(OptionalDouble cpus, OptionalLong memoryBytes) {

  /** v1's way of saying "no memory limit": the largest page-aligned long. */
  private static final long V1_UNLIMITED = 0x7FFFFFFFFFFFF000L;

  public static ContainerLimits ofThisContainer() {
    return read(Path.of("/sys/fs/cgroup"));
  }

  /** @param root where the cgroup file system is mounted, {@code /sys/fs/cgroup} in a container */
  public static ContainerLimits read(Path root) {
    if (Files.exists(root.resolve("cgroup.controllers"))) {
      return new ContainerLimits(
          v2Cpus(root.resolve("cpu.max")), v2Memory(root.resolve("memory.max")));
    }
    return new ContainerLimits(
        v1Cpus(root.resolve("cpu/cpu.cfs_quota_us"), root.resolve("cpu/cpu.cfs_period_us")),
        v1Memory(root.resolve("memory/memory.limit_in_bytes")));
  }

  /** "max 100000" (no limit) or "150000 100000" (1.5 CPUs). */
  private static OptionalDouble v2Cpus(Path file) {
    var fields = text(file).map(text -> text.split("\\s+")).orElse(new String[0]);
    if (fields.length != 2 || fields[0].equals("max")) {
      return OptionalDouble.empty();
    }
    return ratio(fields[0], fields[1]);
  }

  private static OptionalLong v2Memory(Path file) {
    return text(file).filter(text -> !text.equals("max")).map(ContainerLimits::number)
        .orElse(OptionalLong.empty());
  }

  /** A quota of -1 means no limit. */
  private static OptionalDouble v1Cpus(Path quota, Path period) {
    var quotaText = text(quota);
    var periodText = text(period);
    if (quotaText.isEmpty() || periodText.isEmpty() || quotaText.get().startsWith("-")) {
      return OptionalDouble.empty();
    }
    return ratio(quotaText.get(), periodText.get());
  }

  private static OptionalLong v1Memory(Path file) {
    var limit = text(file).map(ContainerLimits::number).orElse(OptionalLong.empty());
    return limit.isPresent() && limit.getAsLong() >= V1_UNLIMITED ? OptionalLong.empty() : limit;
  }

  private static OptionalDouble ratio(String quota, String period) {
    var q = number(quota);
    var p = number(period);
    if (q.isEmpty() || p.isEmpty() || q.getAsLong() <= 0 || p.getAsLong() <= 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of((double) q.getAsLong() / p.getAsLong());
  }

  private static OptionalLong number(String text) {
    try {
      return OptionalLong.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static Optional<String> text(Path file) {
    try {
      return Files.isRegularFile(file)
          ? Optional.of(Files.readString(file).strip())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
