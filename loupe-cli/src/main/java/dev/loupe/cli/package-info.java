/**
 * The {@code loupe} command line (picocli): one thin command class per subcommand over the use cases of
 * {@code loupe-app} and the store, the composition root that wires modules together, and the hand-off of project
 * commands to a running {@code loupe serve} ({@link dev.loupe.cli.ServerHandOff}). Failures map to exit codes in
 * {@link dev.loupe.cli.ExitCodes}.
 */
package dev.loupe.cli;
