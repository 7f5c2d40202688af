package io.vigil.bench.jmh;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time of the whole benchmark JVM (every thread: writer, JIT, GC) per operation
 * ({@code -prof io.vigil.bench.jmh.CpuPerOp}). On a machine shared with other work throughput swings
 * with their load; CPU per operation much less, so it is what to compare between two runs.
 */
public final class CpuPerOp implements InternalProfiler {
  private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long start;

  @Override
  public String getDescription() {
    return "process CPU time per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    start = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    double micros = (os.getProcessCpuTime() - start) / 1e3 / result.getMetadata().getMeasuredOps();
    return List.of(new ScalarResult("cpu.per.op", micros, "us/op", AggregationPolicy.AVG));
  }
}
