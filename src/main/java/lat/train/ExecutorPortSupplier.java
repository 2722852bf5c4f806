package lat.train;

import org.apache.spark.SparkEnv;
import org.nd4j.parameterserver.distributed.v2.transport.PortSupplier;

/**
 * A distinct parameter-server port per JVM: the driver's for the driver, {@code driver + 1 + id}
 * for executor {@code id}. DL4J's {@code unicastPort} has no effect in 1.0.0-M2 (every JVM gets
 * 49876), and two JVMs of one host on the same port each believe they are the mesh's root: they
 * train alone, silently.
 */
record ExecutorPortSupplier(int driverPort) implements PortSupplier {

    @Override
    public int getPort() {
        String executor = SparkEnv.get() == null ? "driver" : SparkEnv.get().executorId();
        if ("driver".equals(executor)) {
            return driverPort;
        }
        try {
            return driverPort + 1 + Integer.parseInt(executor);
        } catch (NumberFormatException nonNumeric) {
            return driverPort + 1 + Math.floorMod(executor.hashCode(), 1000);
        }
    }
}
