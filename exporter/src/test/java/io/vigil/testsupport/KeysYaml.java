package io.vigil.testsupport;

import io.vigil.http.Authenticator;

/** The keys part of a configuration: an admin key and tenants with a push and a read key each, stored as SHA-256. */
public final class KeysYaml {
  private KeysYaml() {}

  /** {@code accountPushRead}: account, push key, read key; again for each further tenant. */
  public static String of(String adminKey, String... accountPushRead) {
    StringBuilder yaml = new StringBuilder("admin_keys: [{sha256: " + Authenticator.sha256Hex(adminKey) + "}]\ntenants:\n");
    for (int i = 0; i < accountPushRead.length; i += 3) {
      yaml.append("  - account: ").append(accountPushRead[i]).append("\n    keys:\n")
          .append("      - {role: push, sha256: ").append(Authenticator.sha256Hex(accountPushRead[i + 1])).append("}\n")
          .append("      - {role: read, sha256: ").append(Authenticator.sha256Hex(accountPushRead[i + 2])).append("}\n");
    }
    return yaml.toString();
  }
}
