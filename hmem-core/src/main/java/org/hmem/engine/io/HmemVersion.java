package org.hmem.engine.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The project version, recorded in every checkpoint so that files say which hmem wrote them. */
public final class HmemVersion {

    private static final String VERSION = load();

    private HmemVersion() {
    }

    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = HmemVersion.class.getResourceAsStream("/org/hmem/engine/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }
}
