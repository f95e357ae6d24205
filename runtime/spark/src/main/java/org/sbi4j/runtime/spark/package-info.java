/**
 * The Apache Spark simulation backend ({@code simulation.backend: {type: spark, master: ...}}): seeded batch
 * ranges run as Spark tasks, and each task's batches stream back to the driver as the task finishes.
 */
package org.sbi4j.runtime.spark;
