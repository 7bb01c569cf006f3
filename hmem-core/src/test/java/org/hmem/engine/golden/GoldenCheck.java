package org.hmem.engine.golden;

/** Recomputes one golden case with the engine and asserts agreement. */
@FunctionalInterface
public interface GoldenCheck {
    void check(GoldenCase c) throws Exception;
}
