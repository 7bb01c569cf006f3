/**
 * The {@code hmem} command line on picocli: {@link Main} with one subcommand per task ({@code associations},
 * {@code babi}, each with its {@code plot} subcommand) and {@code bench}, and {@link FlagOptions}, which turns a
 * task's flag declarations into picocli options and the parsed command line back into flag values. This is the only
 * package where picocli appears; it may use every engine and task package, nothing depends on it, and its commands
 * stay thin, handing the parsed values to the task's runner.
 */
package org.hmem.cli;
