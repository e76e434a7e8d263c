package dev.autoencoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The library's parameter names become the tool's flags in messages, and nothing else changes. */
class FlagsTest {
    @Test
    void parameterNamesBecomeFlags() {
        assertEquals("t.csv: fix the cell or leave the column out with --exclude-columns b",
                Flags.forCli("t.csv: fix the cell or leave the column out with CsvOptions.exclude b"));
        assertEquals("x: fill it in, or pass --missing drop (leave such rows out) or --missing mean",
                Flags.forCli("x: fill it in, or set CsvOptions.missing to DROP (leave such rows out) or MEAN"));
        assertEquals("names must be unique (or pass --header no)",
                Flags.forCli("names must be unique (or set CsvOptions.header to NO)"));
        assertEquals("x: --id-column 9 is out of range", Flags.forCli("x: CsvOptions.idColumn 9 is out of range"));
        assertEquals("expected a file written by 'train --checkpoint'",
                Flags.forCli("expected a file written by Checkpoint.write"));
        assertEquals("a plain message stays as it is", Flags.forCli("a plain message stays as it is"));
    }
}
