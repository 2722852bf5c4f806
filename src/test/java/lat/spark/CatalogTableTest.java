package lat.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class CatalogTableTest {
    static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType)
            .add("accuracy", DataTypes.DoubleType)
            .add("created_at", DataTypes.TimestampType);

    @Test
    void theTableIsExternalParquetWithThePartitionColumnAStringDeclaredLast() {
        CatalogTable table =
                new CatalogTable("lat.evaluation", new Path("hdfs://nn:8020/lat/evaluation"), SCHEMA, "run_id");

        assertEquals(
                "CREATE EXTERNAL TABLE lat.evaluation (`accuracy` double, `created_at` timestamp)"
                        + " PARTITIONED BY (`run_id` string) STORED AS PARQUET LOCATION 'hdfs://nn:8020/lat/evaluation'",
                table.createStatement());
    }

    @Test
    void thePartitionColumnMustBeAStringColumnOfTheSchema() {
        assertThrows(IllegalArgumentException.class, () -> new CatalogTable("t", new Path("/t"), SCHEMA, "accuracy"));
        assertThrows(IllegalArgumentException.class, () -> new CatalogTable("t", new Path("/t"), SCHEMA, "seed"));
    }

    @Test
    void literalsEscapeQuotesAndBackslashes() {
        assertEquals("'it\\'s a\\\\b'", CatalogTable.literal("it's a\\b"));
    }
}
