package lat.spark;

import java.util.Map;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * Spark plugin ({@code spark.plugins=lat.spark.GpuPlugin}, set by target/lat-spark-defaults.conf):
 * at the start of every task, on the task's own thread and before the task runs, binds that thread
 * to the GPU Spark assigned the task ({@link GpuBinding}). Tasks without a GPU are left alone.
 */
public final class GpuPlugin implements SparkPlugin {

    @Override
    public DriverPlugin driverPlugin() {
        return null;
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return new ExecutorPlugin() {
            @Override
            public void init(PluginContext context, Map<String, String> extraConf) {}

            @Override
            public void onTaskStart() {
                GpuBinding.bindTaskThread();
            }
        };
    }
}
