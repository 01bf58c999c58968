package dev.tableexport.runner.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerLimitsTest {

  @TempDir Path root;

  @Test
  void cgroupV2LimitsAreRead() throws IOException {
    write("cgroup.controllers", "cpuset cpu io memory pids\n");
    write("cpu.max", "150000 100000\n");
    write("memory.max", "1073741824\n");

    var limits = ContainerLimits.read(root);

    assertEquals(OptionalDouble.of(1.5), limits.cpus());
    assertEquals(OptionalLong.of(1L << 30), limits.memoryBytes());
  }

  @Test
  void cgroupV2WithoutLimitsHasNone() throws IOException {
    write("cgroup.controllers", "cpu memory\n");
    write("cpu.max", "max 100000\n");
    write("memory.max", "max\n");

    assertEquals(new ContainerLimits(OptionalDouble.empty(), OptionalLong.empty()),
        ContainerLimits.read(root));
  }

  @Test
  void cgroupV1LimitsAreRead() throws IOException {
    write("cpu/cpu.cfs_quota_us", "200000\n");
    write("cpu/cpu.cfs_period_us", "100000\n");
    write("memory/memory.limit_in_bytes", "536870912\n");

    var limits = ContainerLimits.read(root);

    assertEquals(OptionalDouble.of(2.0), limits.cpus());
    assertEquals(OptionalLong.of(512L << 20), limits.memoryBytes());
  }

  @Test
  void cgroupV1UnlimitedQuotaAndMemoryAreNoLimits() throws IOException {
    write("cpu/cpu.cfs_quota_us", "-1\n");
    write("cpu/cpu.cfs_period_us", "100000\n");
    write("memory/memory.limit_in_bytes", "9223372036854771712\n");

    assertEquals(new ContainerLimits(OptionalDouble.empty(), OptionalLong.empty()),
        ContainerLimits.read(root));
  }

  @Test
  void noCgroupFilesMeanNoLimits() {
    assertEquals(new ContainerLimits(OptionalDouble.empty(), OptionalLong.empty()),
        ContainerLimits.read(root.resolve("absent")));
  }

  private void write(String name, String content) throws IOException {
    var file = root.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
