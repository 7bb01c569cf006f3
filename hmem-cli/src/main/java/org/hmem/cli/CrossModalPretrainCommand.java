package org.hmem.cli;

import java.util.concurrent.Callable;

import org.hmem.task.crossmodal.pretrain.CrossModalPretrain;
import org.hmem.task.crossmodal.pretrain.DigitClassifierFlags;
import org.hmem.task.flags.FlagSet;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hmem cross-modal pretrain}: the reference's {@code utils/pretrain_digit_classifier.py} (spec §8.10), every
 * flag in both spellings; see {@link DigitClassifierFlags}.
 */
@Command(name = "pretrain", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Train the ANN digit classifier (ProtoNet encoder + linear head, cross-entropy) on MNIST images"
                + " (--modality image) or FSDD MFCC images (--modality audio): the CNNs whose weights the spiking"
                + " cross-modal task starts from (--image_protonet_path, --audio_protonet_path).",
                "Train (default), or test a classifier on the test set (--evaluate [--checkpoint_path FILE]; without"
                        + " a file the shipped one of the modality)."},
        footer = {"", "Checkpoints (in --checkpoint_dir, two per run): ...-<MNIST|Audio>_classification_task"
                + ".safetensors, rewritten after every epoch, and ..._best.safetensors at the lowest validation"
                + " loss. They hold the classifier's weights under the reference's state-dict names and record the"
                + " modality."})
public final class CrossModalPretrainCommand implements Callable<Integer>, FlagCommand {

    @Spec
    CommandSpec spec;

    @Override
    public FlagSet flags() {
        return DigitClassifierFlags.ALL;
    }

    @Override
    public Integer call() {
        CrossModalPretrain.run(FlagOptions.values(spec, flags()), System.out);
        return 0;
    }
}
