package io.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.store.StoreException;
import io.vigil.testsupport.ThreadPriority;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReportQueueTest {
  @Test
  void reportsAreMadeOneAtATimeOnAThreadAtTheLowestCpuPriorityAndOneMoreThanMayWaitIsRefused() throws Exception {
    ReportQueue queue = new ReportQueue(1);
    CountDownLatch making = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<List<ThreadPriority>> first = CompletableFuture.supplyAsync(() -> call(queue, () -> {
      making.countDown();
      await(release);
      return ThreadPriority.ofThreadsNamed("vigil-report-");
    }));
    assertThat(making.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<List<Integer>> second = CompletableFuture.supplyAsync(() -> call(queue, () -> List.of(2)));
    CompletableFuture<List<Integer>> third = CompletableFuture.supplyAsync(() -> call(queue, () -> List.of(3)));

    // One of the two waits behind the first; the other finds the queue full, whichever came later.
    CompletableFuture.anyOf(second, third).handle((done, failed) -> null).get(10, TimeUnit.SECONDS);
    release.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS)).as("scheduling of the report thread, seen from it").containsExactly(ThreadPriority.IDLE);
    List<Throwable> refused = List.of(second, third).stream().filter(CompletableFuture::isCompletedExceptionally)
        .map(f -> f.handle((v, e) -> e.getCause()).join()).toList();
    assertThat(refused).singleElement().isInstanceOf(ReportQueue.Full.class)
        .hasFieldOrPropertyWithValue("message", "a report is being made and 1 more wait; ask again in a few seconds");
    assertThat(List.of(second, third).stream().filter(f -> !f.isCompletedExceptionally()).map(CompletableFuture::join).toList())
        .singleElement().isIn(List.of(2), List.of(3));
  }

  @Test
  void whatTheWorkThrowsReachesTheCallerAsItWas() {
    ReportQueue queue = new ReportQueue(1);
    assertThatThrownBy(() -> queue.call(() -> {
      throw new StoreException("the history cannot be read", null);
    })).isInstanceOf(StoreException.class).hasMessage("the history cannot be read");
    assertThatThrownBy(() -> queue.call(() -> {
      throw new IOException("cannot render the PDF: broken table");
    })).isInstanceOf(IOException.class).hasMessage("cannot render the PDF: broken table");
  }

  private static <T> T call(ReportQueue queue, ReportQueue.Work<T> work) {
    try {
      return queue.call(work);
    } catch (Exception e) {
      throw new CompletionException(e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
