package org.hmem.cli;

import picocli.CommandLine;

/** The version printed by {@code hmem --version}: the Maven project version baked into the jar's manifest. */
public final class Version implements CommandLine.IVersionProvider {

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"hmem " + current(), "Java " + System.getProperty("java.version")};
    }
}
