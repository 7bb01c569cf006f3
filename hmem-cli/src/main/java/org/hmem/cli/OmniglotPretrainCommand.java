package org.hmem.cli;

import java.util.concurrent.Callable;

import org.hmem.task.flags.FlagSet;
import org.hmem.task.omniglot.pretrain.OmniglotPretrain;
import org.hmem.task.omniglot.pretrain.PretrainFlags;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hmem omniglot pretrain}: the reference's {@code utils/pretrain_protonet.py} (spec §8.9), every flag in both
 * spellings; see {@link PretrainFlags}.
 */
@Command(name = "pretrain", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Train the ANN prototypical network on Omniglot with the prototypical loss: the CNN whose"
                + " weights the spiking Omniglot task starts from (--protonet_checkpoint_path).",
                "Train (default), or test a checkpoint (--evaluate --checkpoint_path FILE; the shipped"
                        + " omniglot-protonet.safetensors works too)."},
        footer = {"", "Checkpoints (in --checkpoint_dir, two per run): ...-protonet_omniglot-<shots>-shot-<ways>-way"
                + ".safetensors, rewritten after every epoch, and ..._best.safetensors at the best validation"
                + " accuracy. They hold the network's weights under the reference's state-dict names, for"
                + " 'hmem omniglot --protonet_checkpoint_path FILE'."})
public final class OmniglotPretrainCommand implements Callable<Integer>, FlagCommand {

    @Spec
    CommandSpec spec;

    @Override
    public FlagSet flags() {
        return PretrainFlags.ALL;
    }

    @Override
    public Integer call() {
        OmniglotPretrain.run(FlagOptions.values(spec, flags()), System.out);
        return 0;
    }
}
