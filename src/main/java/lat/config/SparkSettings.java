package lat.config;

import java.io.Serializable;

/**
 * How lat meets Spark ({@code lat.spark}).
 *
 * @param master Spark master URL for the embedded default ({@code local[*]}); empty to leave it to
 *               {@code spark-submit --master}
 */
public record SparkSettings(String master) implements Serializable {}
