package io.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.ConfigLoader;
import io.vigil.console.Links;
import io.vigil.testsupport.ConsoleClient;
import io.vigil.testsupport.KeysYaml;
import io.vigil.testsupport.RunningExporter;
import io.vigil.testsupport.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A console session lives only as long as its key is in the configuration: a reload that revokes the key ends it. */
class ConsoleRevokedKeyIT {
  @TempDir
  Path dir;
  Path configFile;
  RunningExporter vigil;
  ConsoleClient console;

  @BeforeEach
  void start() throws Exception {
    configFile = dir.resolve("vigil.yml");
    writeConfig("acme-read");
    vigil = RunningExporter.start(new ConfigLoader().load(configFile), configFile, new TestClock(Instant.now()));
    console = new ConsoleClient(vigil.uri());
  }

  @AfterEach
  void stop() {
    vigil.close();
  }

  void writeConfig(String acmeReadKey) throws Exception {
    Files.writeString(configFile, "listen: 127.0.0.1:0\ndata_dir: " + dir.resolve("data") + "\n"
        + KeysYaml.of("admin", "acme", "acme-push", acmeReadKey, "globex", "globex-push", "globex-read"));
  }

  @Test
  void aSessionEndsWhenAReloadRevokesItsKey() throws Exception {
    String acme = console.session("acme-read");
    String globex = console.session("globex-read");
    assertThat(console.get(Links.errors("acme"), acme).statusCode()).isEqualTo(200);

    writeConfig("acme-read-2026");
    assertThat(vigil.post("/api/v1/admin/reload", RunningExporter.ADMIN, "{}").statusCode()).isEqualTo(200);

    assertThat(console.get(Links.errors("acme"), acme).statusCode()).isEqualTo(303);
    assertThat(console.signIn("acme-read").statusCode()).isEqualTo(401);
    assertThat(console.get(Links.errors("acme"), console.session("acme-read-2026")).statusCode()).isEqualTo(200);
    assertThat(console.get(Links.errors("globex"), globex).statusCode()).isEqualTo(200);
  }
}
