package org.hmem.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** What every plot command takes besides the model flags: the checkpoint, the check switch, the output folder. */
public final class PlotFlags {

    @Option(names = {"--checkpoint", "--checkpoint_path", "--checkpoint-path"}, paramLabel = "FILE", order = 1,
            description = "Checkpoint to plot (default: an untrained model).")
    Path checkpoint;

    @Option(names = {"--check_params", "--check-params"}, defaultValue = "1", order = 2,
            description = "1: refuse flags that differ from the checkpoint's (default: ${DEFAULT-VALUE}).")
    int checkParams;

    @Option(names = {"--out", "--out_dir", "--out-dir"}, defaultValue = "results/plots", order = 3,
            description = "Folder for the PNG files (default: ${DEFAULT-VALUE}).")
    Path out;
}
