/**
 * Loading the bAbI data set exactly as the reference does: finding a task's files in a directory or the official
 * tarball ({@link BabiFiles}), parsing them into samples ({@link BabiParser}), the vocabulary, vectorisation, the
 * train/validation split and the summary a run prints, gathered in {@link BabiTaskData}. It imports nothing of hmem
 * (only the JDK and commons-compress for the tarball), so the data set code stays apart from models and training.
 */
package org.hmem.task.babi.data;
