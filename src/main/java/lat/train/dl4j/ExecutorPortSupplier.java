package lat.train.dl4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import org.apache.spark.SparkEnv;
import org.nd4j.parameterserver.distributed.v2.transport.PortSupplier;

/**
 * The UDP port of this JVM's parameter-server node. Every JVM must have its own: DL4J's
 * {@code unicastPort} has no effect in 1.0.0-M2 (every JVM gets 49876), and two JVMs of one host
 * on the same port each believe they are the mesh's root: they train alone, silently.
 *
 * <p>{@code basePort} 0 (the default): each JVM takes a port the operating system reports free,
 * once, when DL4J first asks. That is safe for any number of trainings on one host, because a node
 * announces its own address ({@code ip:port}) to the root and the root learns the driver's port
 * from the driver's supplier ({@code SharedTrainingMaster} sets it as the controller port before
 * broadcasting the configuration). A fixed {@code basePort} (for firewalls that open known ports
 * only): the driver takes it, executor {@code i} takes {@code basePort + 1 + i}; two trainings on
 * one host then collide. {@code samePort} (one lat JVM per host): every JVM takes {@code basePort}.
 */
record ExecutorPortSupplier(int basePort, boolean samePort) implements PortSupplier {

    /** This JVM's port, chosen once: DL4J asks several times and must get the same answer. */
    private static Integer chosen;

    @Override
    public int getPort() {
        synchronized (ExecutorPortSupplier.class) {
            if (chosen == null) {
                chosen = basePort == 0 ? freeUdpPort() : fixedPort();
            }
            return chosen;
        }
    }

    private int fixedPort() {
        String executor = SparkEnv.get() == null ? "driver" : SparkEnv.get().executorId();
        if (samePort || "driver".equals(executor)) {
            return basePort;
        }
        try {
            return basePort + 1 + Integer.parseInt(executor);
        } catch (NumberFormatException nonNumeric) {
            return basePort + 1 + Math.floorMod(executor.hashCode(), 1000);
        }
    }

    /** A UDP port nobody on this host uses now; Aeron binds it right after. */
    private static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free UDP port for the parameter server", e);
        }
    }
}
