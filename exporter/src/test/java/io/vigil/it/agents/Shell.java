package io.vigil.it.agents;

import java.nio.file.Path;
import java.util.List;

/**
 * The shells the agents must run under: dash (Debian's and Proxmox's /bin/sh), busybox sh with only busybox's
 * applets on the PATH (Alpine), and bash.
 */
enum Shell {
  DASH("/usr/bin/dash"),
  BUSYBOX("/usr/bin/busybox", "sh"),
  BASH("/bin/bash");

  /** The busybox applets the agents may use: a script that needs another tool fails under BUSYBOX. */
  static final List<String> APPLETS = List.of("sh", "awk", "cat", "cksum", "cut", "date", "dirname", "grep", "head",
      "hostname", "id", "ls", "mkdir", "mktemp", "mv", "od", "rm", "sed", "sleep", "tail", "tee", "tr", "uname", "wc");

  private final List<String> interpreter;

  Shell(String... interpreter) {
    this.interpreter = List.of(interpreter);
  }

  List<String> interpreter() {
    return interpreter;
  }

  /** The first line of a copy of a script that should run under this shell when executed directly. */
  String shebang() {
    return "#!" + String.join(" ", interpreter);
  }

  boolean onlyBusyboxTools() {
    return this == BUSYBOX;
  }

  Path binary() {
    return Path.of(interpreter.get(0));
  }
}
