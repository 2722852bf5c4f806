package lat.spark;

import java.util.Arrays;
import java.util.stream.Collectors;
import lat.core.Check;
import lat.core.ConfigError;
import lat.core.DataError;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A Parquet dataset partitioned by one string column ({@code <location>/<column>=<value>/}), registered
 * in Spark's catalog (a Hive metastore; AWS Glue through the same interface) as an external Hive
 * table at its files' location, so that SQL users (Spark SQL, Hive, Trino, Athena) query it by name.
 * The files are the truth and the catalog follows them (docs/design.md, "The evaluation table in a
 * catalog"): {@link #sync} creates the table once and makes its partitions those of the directories,
 * {@link #registerPartition} adds one after its files were written. A table is one value of this
 * record: registering another is one more {@code new CatalogTable(...)}.
 *
 * @param name            {@code database.table} or {@code table}
 * @param location        the table's directory (any Hadoop path)
 * @param schema          every column, the partition column included
 * @param partitionColumn a string column of {@code schema}
 */
public record CatalogTable(String name, Path location, StructType schema, String partitionColumn) {
    public CatalogTable {
        Check.that(!name.isBlank(), "a catalog table needs a name");
        Check.that(
                Arrays.asList(schema.fieldNames()).contains(partitionColumn)
                        && schema.apply(partitionColumn).dataType().equals(DataTypes.StringType),
                "the partition column " + partitionColumn + " must be a string column of " + name);
    }

    /**
     * Stops with a {@link ConfigError} on {@code key} unless this JVM has Spark's Hive support (the
     * classes {@code SparkSession.enableHiveSupport} needs), before any Spark session starts.
     */
    public static void requireHiveSupport(String key, String value) {
        for (String name : new String[] {
            "org.apache.spark.sql.hive.HiveSessionStateBuilder", "org.apache.hadoop.hive.conf.HiveConf"
        }) {
            try {
                Class.forName(name, false, CatalogTable.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new ConfigError("invalid " + key + " = \"" + value + "\": a catalog table needs Spark with Hive"
                        + " support (spark-hive and Hive's jars, as in Spark's distributions and pyspark), and "
                        + name + " is not on the driver's classpath; set " + key + " = \"\" or submit with such a"
                        + " Spark (docs/cluster.md)");
            }
        }
    }

    /**
     * Creates the table (and its database) unless it exists (an external Parquet table at {@link #location}, the
     * partition column last, as Hive lays it out), then makes its partitions exactly the partition
     * directories under the location: a partition whose files a killed or failed writer left
     * unregistered is added, one whose directory is gone is dropped.
     *
     * @throws DataError when a table of that name exists elsewhere
     */
    public void sync(SparkSession spark) {
        if (name.contains(".")) {
            spark.sql("CREATE DATABASE IF NOT EXISTS " + name.substring(0, name.indexOf('.')));
        }
        if (!spark.catalog().tableExists(name)) {
            try {
                spark.sql(createStatement());
            } catch (Exception e) {
                // another writer created it in the meantime: as good as this one
                if (!(e instanceof TableAlreadyExistsException)
                        && !spark.catalog().tableExists(name)) {
                    throw e;
                }
            }
        }
        Path registered = new Path(catalogLocation(spark));
        if (!qualified(spark, registered).equals(qualified(spark, location))) {
            throw new DataError("the catalog table " + name + " is at " + registered + ", not at " + location
                    + "; choose another table name or drop that table");
        }
        spark.sql("MSCK REPAIR TABLE " + name + " SYNC PARTITIONS");
    }

    /**
     * Registers the partition {@code value} (at {@code <location>/<column>=<value>}) unless it is,
     * once its files are written, and drops Spark's cached listing of the table. A rewritten
     * partition keeps its entry: the entry names the directory, whose file was replaced.
     */
    public void registerPartition(SparkSession spark, String value) {
        String literal = literal(value);
        spark.sql("ALTER TABLE " + name + " ADD IF NOT EXISTS PARTITION (" + partitionColumn + " = " + literal
                + ") LOCATION " + literal(new Path(location, partitionColumn + "=" + value).toString()));
        spark.sql("REFRESH TABLE " + name);
    }

    /** The Hive DDL of the table: external, Parquet, the partition column declared a string. */
    String createStatement() {
        String columns = Arrays.stream(schema.fields())
                .filter(field -> !field.name().equals(partitionColumn))
                .map(field -> "`" + field.name() + "` " + field.dataType().catalogString())
                .collect(Collectors.joining(", "));
        return "CREATE EXTERNAL TABLE " + name + " (" + columns + ") PARTITIONED BY (`" + partitionColumn
                + "` string) STORED AS PARQUET LOCATION " + literal(location.toString());
    }

    private String catalogLocation(SparkSession spark) {
        for (Row row : spark.sql("DESCRIBE TABLE EXTENDED " + name).collectAsList()) {
            if ("Location".equals(row.getString(0))) {
                return row.getString(1);
            }
        }
        throw new DataError("the catalog table " + name + " has no location: not an external table of lat's");
    }

    private static Path qualified(SparkSession spark, Path path) {
        try {
            return path.getFileSystem(spark.sparkContext().hadoopConfiguration())
                    .makeQualified(path);
        } catch (java.io.IOException e) {
            throw new DataError("cannot resolve " + path + ": " + e.getMessage(), e);
        }
    }

    /** A Spark SQL string literal. */
    static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
