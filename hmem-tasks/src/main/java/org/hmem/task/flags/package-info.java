/**
 * Command-line flags declared independently of any command-line library: {@link Flag} (one declaration: name, type,
 * default, help, checkpoint role, allowed values), {@link FlagType}, {@link FlagRole}, {@link FlagGroup},
 * {@link FlagSet}, {@link Allowed} and {@link FlagValues}, which resolves a command's values from the command line, a
 * checkpoint's stored params and the defaults. It must not depend on any task package ({@code associations},
 * {@code babi}), on {@code model}, {@code plot} or {@code bench}, nor on picocli or {@code org.hmem.cli}. Its one hmem
 * dependency is {@code org.hmem.task.flags.UserError}, thrown for a bad value or a mismatching checkpoint; since
 * {@code train} in turn uses the flags, the two packages depend on each other through that one class.
 */
package org.hmem.task.flags;
