package org.hmem.cli;

import org.hmem.engine.io.HmemVersion;

import picocli.CommandLine;

/** The version printed by {@code hmem --version}: the Maven project version recorded by the engine. */
public final class Version implements CommandLine.IVersionProvider {

    public static String current() {
        return HmemVersion.current();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"hmem " + current(), "Java " + System.getProperty("java.version")};
    }
}
