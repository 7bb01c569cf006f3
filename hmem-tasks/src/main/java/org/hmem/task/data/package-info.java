/**
 * What the tasks' data loaders share: {@link CacheFile}, the checked binary file that keeps preprocessed data
 * between runs. It depends on the engine's I/O only.
 */
package org.hmem.task.data;
