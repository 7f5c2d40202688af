package io.vigil.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * Runs requests from several worker threads over keep-alive HTTP/1.1 connections and records every
 * answer: a 200 counts as acknowledged, anything else (or an I/O failure) as an error, by cause.
 * Apache HttpClient's classic client: each worker writes its request and reads the answer on its own
 * socket, where the JDK client handed every request between its selector and executor threads and
 * took as much CPU as the exporter it was measuring. Bodies arrive as sent (no decompression).
 */
public final class Load implements AutoCloseable {
  /** One request to send: method, path, bearer key (or null), content type, body, and how many events it carries. */
  public record Req(String method, String path, String key, String contentType, String body, int events) {}

  /** What a run measured. Latencies in nanoseconds, one per request. */
  public record Outcome(long requests, long acknowledged, long events, double seconds, long[] latencies, Map<String, Long> errors) {
    public double requestsPerSecond() {
      return acknowledged / seconds;
    }

    public double eventsPerSecond() {
      return events / seconds;
    }

    public double percentileMillis(double p) {
      if (latencies.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1);
      return latencies[Math.max(0, i)] / 1e6;
    }

    /** Runs one after the other, as one: counts and times add up, latencies are pooled. */
    public static Outcome merge(List<Outcome> parts) {
      Map<String, Long> errors = new java.util.HashMap<>();
      parts.forEach(p -> p.errors().forEach((k, v) -> errors.merge(k, v, Long::sum)));
      return new Outcome(parts.stream().mapToLong(Outcome::requests).sum(), parts.stream().mapToLong(Outcome::acknowledged).sum(),
          parts.stream().mapToLong(Outcome::events).sum(), parts.stream().mapToDouble(Outcome::seconds).sum(),
          parts.stream().flatMapToLong(p -> Arrays.stream(p.latencies())).sorted().toArray(), Map.copyOf(errors));
    }

    public long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final CloseableHttpClient http = HttpClients.custom()
      .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setMaxConnTotal(1024).setMaxConnPerRoute(1024)
          .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(10)).build()).build())
      .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofMinutes(5)).build())
      .disableAutomaticRetries().disableContentCompression().build();
  private final URI base;
  private volatile boolean stopped;

  public Load(URI base) {
    this.base = base;
  }

  /** Ends the run in progress after the requests already sent. */
  public void stop() {
    stopped = true;
  }

  /**
   * Sends requests {@code 0..count-1} (built by {@code request}) from {@code workers} threads, until all are sent or
   * {@code maxSeconds} have passed.
   */
  public Outcome run(int workers, long count, double maxSeconds, IntFunction<Req> request) throws InterruptedException {
    return run(workers, count, maxSeconds, request, 0);
  }

  /**
   * As {@link #run(int, long, double, IntFunction)}, at {@code perSecond} requests a second when it is above 0: request
   * {@code i} is due {@code i / perSecond} seconds after the start, and its latency counts from then, so a request that
   * waited for a busy worker is as late as its answer (no coordinated omission). Ends early at {@link #stop()}.
   */
  public Outcome run(int workers, long count, double maxSeconds, IntFunction<Req> request, double perSecond)
      throws InterruptedException {
    stopped = false;
    AtomicLong next = new AtomicLong();
    AtomicLong acknowledged = new AtomicLong();
    AtomicLong events = new AtomicLong();
    Map<String, Long> errors = new ConcurrentHashMap<>();
    List<long[]> perWorker = new ArrayList<>();
    List<int[]> sizes = new ArrayList<>();
    long start = System.nanoTime();
    long deadline = start + (long) (maxSeconds * 1e9);
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      long[][] lat = {new long[1024]};
      int[] n = {0};
      perWorker.add(null);
      sizes.add(n);
      int index = w;
      Thread t = new Thread(() -> {
        byte[] buffer = new byte[64 * 1024];
        long i;
        while ((i = next.getAndIncrement()) < count && System.nanoTime() < deadline && !stopped) {
          long due = perSecond > 0 ? start + (long) (i * 1e9 / perSecond) : 0;
          while (due > 0 && System.nanoTime() < due) {
            LockSupport.parkNanos(due - System.nanoTime());
          }
          Req r = request.apply((int) i);
          ClassicRequestBuilder b = ClassicRequestBuilder.create(r.method()).setUri(base.resolve(r.path()));
          if (r.key() != null) {
            b.setHeader("Authorization", "Bearer " + r.key());
          }
          if (r.body() != null) {
            b.setEntity(new ByteArrayEntity(r.body().getBytes(StandardCharsets.UTF_8), ContentType.parse(r.contentType())));
          }
          long t0 = due > 0 ? due : System.nanoTime();
          try {
            Answer answer = sendDroppingSuccess(b.build(), buffer);
            long took = System.nanoTime() - t0;
            if (answer.status() == 200 || answer.status() == 202) {
              acknowledged.incrementAndGet();
              events.addAndGet(r.events());
              if (n[0] == lat[0].length) {
                lat[0] = Arrays.copyOf(lat[0], n[0] * 2);
              }
              lat[0][n[0]++] = took;
            } else {
              String body = new String(answer.body(), StandardCharsets.UTF_8);
              errors.merge(answer.status() + " " + (body.length() > 200 ? body.substring(0, 200) : body), 1L, Long::sum);
            }
          } catch (Exception e) {
            errors.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1L, Long::sum);
          }
        }
        synchronized (perWorker) {
          perWorker.set(index, Arrays.copyOf(lat[0], n[0]));
        }
      }, "load-" + w);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] all = perWorker.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    long failed = errors.values().stream().mapToLong(Long::longValue).sum();
    return new Outcome(acknowledged.get() + failed, acknowledged.get(), events.get(), seconds, all, Map.copyOf(errors));
  }

  /** One GET, timed to the last byte of the body (counted, not kept); returns {nanos, bytes, status}. */
  public long[] get(String path, String key, Map<String, String> headers) throws IOException {
    ClassicRequestBuilder b = ClassicRequestBuilder.get(base.resolve(path));
    if (key != null) {
      b.setHeader("Authorization", "Bearer " + key);
    }
    headers.forEach(b::setHeader);
    long t0 = System.nanoTime();
    long[] statusAndBytes = http.execute(b.build(), response -> {
      long bytes = 0;
      if (response.getEntity() != null) {
        try (InputStream in = response.getEntity().getContent()) {
          byte[] chunk = new byte[64 * 1024];
          for (int n; (n = in.read(chunk)) >= 0; ) {
            bytes += n;
          }
        }
      }
      return new long[] {response.getCode(), bytes};
    });
    return new long[] {System.nanoTime() - t0, statusAndBytes[1], statusAndBytes[0]};
  }

  /** One GET whose body is kept (small answers only); fails unless it is 200. */
  public String getText(String path, String key) throws IOException {
    ClassicRequestBuilder b = ClassicRequestBuilder.get(base.resolve(path));
    if (key != null) {
      b.setHeader("Authorization", "Bearer " + key);
    }
    Answer answer = send(b.build());
    if (answer.status() != 200) {
      throw new IOException(path + " answered " + answer.status());
    }
    return new String(answer.body(), StandardCharsets.UTF_8);
  }

  private record Answer(int status, byte[] body) {}

  private Answer send(ClassicHttpRequest request) throws IOException {
    return http.execute(request, response ->
        new Answer(response.getCode(), response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity())));
  }

  /**
   * As {@link #send}, but the body of a 2xx answer is read through a buffer of the worker's and dropped: a load of PDFs
   * would otherwise fill the generator's heap and its collections would show as the pushes' latency.
   */
  private Answer sendDroppingSuccess(ClassicHttpRequest request, byte[] buffer) throws IOException {
    return http.execute(request, response -> {
      if (response.getEntity() == null) {
        return new Answer(response.getCode(), new byte[0]);
      }
      if (response.getCode() / 100 != 2) {
        return new Answer(response.getCode(), EntityUtils.toByteArray(response.getEntity()));
      }
      try (InputStream in = response.getEntity().getContent()) {
        while (in.read(buffer) >= 0) {
          // dropped
        }
      }
      return new Answer(response.getCode(), new byte[0]);
    });
  }

  @Override
  public void close() throws IOException {
    http.close();
  }
}
