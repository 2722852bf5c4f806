/**
 * lat's adapters to DL4J's Spark parameter server (DL4J 1.0.0-M2): the only package that uses
 * {@code org.deeplearning4j.spark..}, {@code org.nd4j.parameterserver..}, DL4J's gradient
 * accumulation ({@code org.deeplearning4j.optimize.solvers.accumulation..}), Aeron and reactive
 * streams (ArchitectureTest). {@code lat.train} drives a training through {@link
 * lat.train.dl4j.GradientSharing}, feeds it {@link lat.train.dl4j.AdversarialDataSet}s, and never
 * sees these libraries; nothing here depends on {@code lat.train}.
 *
 * <p>What lat relies on inside DL4J 1.0.0-M2, each a behaviour found by reading or running it, not a
 * documented contract. On an upgrade, re-check every item (the class that relies on it in brackets),
 * then run TrainJobTest and the cluster integration tests (StandaloneClusterIT, MultiHostClusterIT):
 * <ol>
 * <li>SharedTrainingWrapper trains one network per executor JVM on one thread, inside
 *     {@code MultiLayerNetwork.fit}; on that thread the minibatch's {@code getFeatures()} is called
 *     just before its parameter update, and the listener's {@code onEpochStart}, {@code iterationDone}
 *     and {@code onEpochEnd} run there too ({@code LiveTraining}, {@code CraftingListener}).
 *     TrainJobTest's staleness 0 on executor task threads checks it.</li>
 * <li>{@code RDDTrainingApproach.Direct} hands the RDD's DataSets to the workers as they are, so a
 *     subclass survives; {@code Export} would save them as plain DataSets ({@code AdversarialDataSet}).</li>
 * <li>{@code Repartition.Never} with a {@code Repartitioner} that returns the RDD keeps one partition
 *     (task) per shard ({@code KeepPartitions}).</li>
 * <li>{@code VoidConfiguration.unicastPort} has no effect: every JVM asks its {@code PortSupplier}, several
 *     times, and the mesh root learns the driver's port from the driver's supplier
 *     ({@code ExecutorPortSupplier}).</li>
 * <li>Updates that arrive at an executor between two {@code fit} calls are dropped, so executors start
 *     each chunk from the driver's checkpoint, parameters and the updater's state view array
 *     ({@code LiveTraining.syncToCheckpoint}).</li>
 * <li>The driver applies the executors' updates to its own network; {@code getUpdatesConsumer().flush()}
 *     applies those still queued ({@code GradientSharing.applyPendingUpdates}).</li>
 * <li>Counting updates: arrivals through {@code ModelParameterServer.getInstance().getTransport()
 *     .incomingPublisher()} ({@code GradientsUpdateMessage}, its originator id); sends through the private
 *     field {@code WiredEncodingHandler.updatesCounter}, read by reflection ({@code UpdateCounters}).
 *     Should that field go, the count reads -1, the job warns once and records
 *     {@code standstillGuard: OFF} in the model's metadata: its guard against a driver model that
 *     stands still can no longer fire.</li>
 * <li>The mesh does not heal: an executor that dies cuts the driver off (the standstill guard), and
 *     a replacement that rejoins on a lost node's address waits forever ({@code LateExecutors}).</li>
 * <li>The transport's embedded Aeron media driver takes its directory from the {@code aeron.dir}
 *     system property when it starts ({@code AeronDirectory}).</li>
 * </ol>
 */
package lat.train.dl4j;
