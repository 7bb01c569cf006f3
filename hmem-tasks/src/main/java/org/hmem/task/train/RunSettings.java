package org.hmem.task.train;

import java.nio.file.Path;
import java.util.Set;

import com.google.gson.JsonObject;

/**
 * What a supervised run needs besides the model and the data: names, where files go, resume/evaluate switches, the
 * parameter check, and the optimisation settings.
 *
 * @param task task name stored in checkpoints (a checkpoint of another task is refused)
 * @param suffix the reference's file-name suffix, e.g. {@code memorizing_associations_task-10-10}
 * @param resume checkpoint to resume or evaluate, or null
 * @param checkParams compare the stored parameters with the current ones on resume
 * @param ignoredOnResume parameters exempt from the check
 * @param ignoredOnEvaluate further parameters exempt when only evaluating
 * @param params the run's parameters under the reference's flag names
 * @param seed initialisation seed
 */
public record RunSettings(String task, String suffix, Path checkpointDir, Path runsDir, boolean logging,
                          boolean evaluate, Path resume, boolean checkParams, Set<String> ignoredOnResume,
                          Set<String> ignoredOnEvaluate, JsonObject params, TrainingOptions training, int threads,
                          long seed, int startEpoch) {
}
