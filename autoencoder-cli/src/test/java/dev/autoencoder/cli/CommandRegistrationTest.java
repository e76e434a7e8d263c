package dev.autoencoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Main} registers only the subcommand it is given (picocli's reflection over all of them cost start-up
 * time): what a user sees must not change. Help lists every command; a named command still inherits
 * {@code --verbose}; a misspelt name is a usage error; {@code help NAME} works for every command.
 */
class CommandRegistrationTest {
    private static final List<String> COMMANDS =
            List.of("demo", "explain", "train", "encode", "reconstruct", "score", "evaluate", "inspect", "bench", "help");

    @Test
    void topLevelHelpListsEveryCommand() {
        CliRunner r = CliRunner.run("--help");
        assertEquals(0, r.exitCode(), r.err());
        for (String c : COMMANDS) {
            assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith(c + " ")), c + " missing from:\n" + r.out());
        }
    }

    @Test
    void helpForEachCommandNamesThatCommand() {
        for (String c : COMMANDS) {
            CliRunner r = CliRunner.run("help", c);
            assertEquals(0, r.exitCode(), c + ": " + r.err());
            assertTrue(r.out().contains("Usage: autoencoder " + c + " "), c + ": " + r.out());
        }
    }

    @Test
    void aNamedCommandStillTakesTheInheritedVerboseOptionOnEitherSide() {
        for (String[] args : List.of(new String[] {"--verbose", "bench", "--bogus"},
                new String[] {"bench", "--verbose", "--bogus"})) {
            CliRunner r = CliRunner.run(args);
            assertEquals(ExitCodes.USAGE, r.exitCode(), String.join(" ", args));
            assertTrue(r.err().startsWith("autoencoder bench: Unknown option: '--bogus'"), r.err());
            assertTrue(r.err().contains("UnmatchedArgumentException"), "--verbose gives the stack trace: " + r.err());
        }
    }

    @Test
    void aMisspeltCommandIsAUsageErrorAndNoCommandAtAllToo() {
        CliRunner r = CliRunner.run("trian");
        assertEquals(ExitCodes.USAGE, r.exitCode());
        assertTrue(r.err().contains("'trian'"), r.err());
        CliRunner none = CliRunner.run();
        assertEquals(ExitCodes.USAGE, none.exitCode());
        assertTrue(none.err().contains("a command is required"), none.err());
    }
}
