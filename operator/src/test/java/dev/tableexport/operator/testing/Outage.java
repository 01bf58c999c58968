package dev.tableexport.operator.testing;

/** What a test does while something the operator needs is down. */
@FunctionalInterface
public interface Outage {
  void run() throws Exception;
}
