/**
 * The supervised training flow shared by the tasks: the {@link SupervisedModel} and {@link Objective} contracts, one
 * step over a batch ({@link SupervisedStep}), the epoch loop ({@link Trainer}), train/resume/evaluate
 * ({@link SupervisedRun}), run checkpoints ({@link RunCheckpoint}) and the shared {@link TrainingFlags}. It depends
 * on the engine, {@code org.hmem.task.flags} and {@code org.hmem.task.train.log}; it must not depend on the task
 * packages ({@code associations}, {@code babi}), {@code model}, {@code plot} or {@code bench}.
 */
package org.hmem.task.train;
