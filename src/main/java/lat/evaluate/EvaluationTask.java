package lat.evaluate;

import java.io.Serializable;

/**
 * One Spark task of the evaluate job: one shard of one cell.
 *
 * @param modelPath   the model zip (any Hadoop path)
 * @param modelSha256 the version of it the driver planned with
 */
public record EvaluationTask(Cell cell, Shard shard, String modelPath, String modelSha256) implements Serializable {}
