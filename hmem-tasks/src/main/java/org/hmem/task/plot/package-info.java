/**
 * Figure building blocks on JFreeChart, in the style of the reference's matplotlib figures: a {@link Figure} is a grid
 * of {@link Panel}s (spike rasters, matrices, firing-rate bars) with colour scales and bars, rendered to PNG. It
 * depends only on {@code org.hmem.engine.io} ({@code AtomicFiles}, to write the files) and knows nothing of tasks,
 * training or models: each task's own plot classes feed it plain arrays.
 */
package org.hmem.task.plot;
