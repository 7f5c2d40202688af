package io.vigil.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RenderQueueTest {
  @Test
  void aRequestPastThoseThatMayWaitIsRefusedAtOnceAndTheNextAfterwardsIsServed() throws Exception {
    CountDownLatch rendering = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RenderQueue queue = new RenderQueue(xhtml -> {
      rendering.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
      return xhtml.getBytes(StandardCharsets.UTF_8);
    }, 0);
    CompletableFuture<byte[]> first = CompletableFuture.supplyAsync(() -> {
      try {
        return queue.render("first");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(rendering.await(10, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(() -> queue.render("second")).isInstanceOf(RenderQueue.Full.class)
        .hasMessage("a PDF is being rendered and 0 more wait; ask again in a few seconds");
    release.countDown();
    assertThat(new String(first.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8)).isEqualTo("first");
    assertThat(new String(queue.render("third"), StandardCharsets.UTF_8)).isEqualTo("third");
  }

  @Test
  void aRendererFailureReachesTheCallerAsItWas() {
    RenderQueue queue = new RenderQueue(xhtml -> {
      throw new IOException("cannot render the PDF: broken table");
    }, 1);
    assertThatThrownBy(() -> queue.render("<html/>")).isInstanceOf(IOException.class).hasMessage("cannot render the PDF: broken table");
  }
}
