package io.vigil.it.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every shell script under agents/ passes ShellCheck (Debian's shellcheck) as POSIX sh, with no finding at any level. */
class AgentShellCheckIT {
  @Test
  void everyAgentScriptIsShellCheckClean() throws Exception {
    List<String> scripts;
    try (Stream<Path> files = Files.walk(Agents.DIR)) {
      scripts = files.filter(Files::isRegularFile).filter(AgentShellCheckIT::isShellScript).map(Path::toString).sorted().toList();
    }
    assertThat(scripts).extracting(s -> Path.of(s).getFileName().toString())
        .contains("vigil-push", "vigil-restic", "vigil-borg", "vigil-vzdump", "vigil-bacula");
    List<String> command = new ArrayList<>(List.of(Agents.required("shellcheck").toString(), "--shell=sh", "--severity=style"));
    command.addAll(scripts);
    Process shellcheck = new ProcessBuilder(command).redirectErrorStream(true).start();
    String findings = new String(shellcheck.getInputStream().readAllBytes());
    assertThat(shellcheck.waitFor()).as("shellcheck found:%n%s", findings).isZero();
  }

  private static boolean isShellScript(Path file) {
    try {
      return Files.readString(file).startsWith("#!/bin/sh");
    } catch (IOException e) {
      return false; // not text: not a script
    }
  }
}
