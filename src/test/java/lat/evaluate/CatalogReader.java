package lat.evaluate;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A SQL user of the metastore, in a JVM of its own: Spark with Hive support and nothing of lat's,
 * runs each argument as a query and prints its rows, one a line, columns separated by tabs, after
 * a line {@code -- <query>}. The metastore and warehouse come from {@code spark.*} system properties.
 */
public final class CatalogReader {
    private CatalogReader() {}

    public static void main(String[] queries) {
        SparkSession spark = SparkSession.builder()
                .master("local[1]")
                .appName("catalog reader")
                .enableHiveSupport()
                .getOrCreate();
        try {
            for (String query : queries) {
                System.out.println("-- " + query);
                for (Row row : spark.sql(query).collectAsList()) {
                    System.out.println(row.mkString("\t"));
                }
            }
        } finally {
            spark.stop();
        }
    }
}
