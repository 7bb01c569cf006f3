/**
 * Data-parallel training on Apache Spark: {@link org.hmem.spark.SparkTransport} carries the driver's shard stages
 * to Spark tasks and their results back; {@link org.hmem.spark.SparkMain} is the entry point for
 * {@code spark-submit}. Everything else (sharding, summation order, the optimiser step) is hmem-tasks'
 * {@code org.hmem.task.train.shard}.
 */
package org.hmem.spark;
