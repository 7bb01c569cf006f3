package org.hmem.task.train;

import java.nio.file.Path;

import com.google.gson.JsonObject;

/**
 * What a supervised run needs besides the model, the objective and the data: names, where files go, the
 * evaluate switch, the optimisation settings and the params stored in its checkpoints.
 *
 * @param task task name stored in checkpoints (a checkpoint of another task is refused)
 * @param suffix the reference's file-name suffix, e.g. {@code memorizing_associations_task-10-10}
 * @param params the run's flags under the reference's names
 * @param seed initialisation seed
 * @param distribution in this process or on a cluster
 */
public record RunSettings(String task, String suffix, Path checkpointDir, Path runsDir, boolean logging,
                          boolean evaluate, JsonObject params, TrainingOptions training, int threads, long seed,
                          int startEpoch, Distribution distribution) {
}
