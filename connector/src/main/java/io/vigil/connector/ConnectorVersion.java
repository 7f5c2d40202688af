package io.vigil.connector;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The connector's version, from the build (Maven resource filtering). */
public final class ConnectorVersion {

    private ConnectorVersion() {}

    public static String get() {
        try (InputStream in = ConnectorVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties props = new Properties();
            props.load(in);
            String version = props.getProperty("version", "unknown");
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
