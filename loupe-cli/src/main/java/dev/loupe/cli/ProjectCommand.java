package dev.loupe.cli;

import java.nio.file.Path;

/**
 * A command that works on an existing project. While {@code loupe serve} holds that project open,
 * such a command is handed to the server and runs there ({@link ServerHandOff}).
 */
interface ProjectCommand {
    /** The project folder as given on the command line. */
    Path project();

    /** Whether the command writes the project (writers run one at a time in the server). */
    default boolean writesProject() {
        return false;
    }
}
