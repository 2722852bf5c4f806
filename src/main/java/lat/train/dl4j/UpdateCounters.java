package lat.train.dl4j;

import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicLong;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.ConvexOptimizer;
import org.deeplearning4j.optimize.solvers.accumulation.EncodedGradientsAccumulator;
import org.deeplearning4j.optimize.solvers.accumulation.GradientsAccumulator;
import org.deeplearning4j.spark.parameterserver.networking.v2.WiredEncodingHandler;
import org.nd4j.parameterserver.distributed.v2.ModelParameterServer;
import org.nd4j.parameterserver.distributed.v2.messages.INDArrayMessage;
import org.nd4j.parameterserver.distributed.v2.messages.impl.GradientsUpdateMessage;
import org.nd4j.parameterserver.distributed.v2.transport.Transport;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Counts, in this JVM, the threshold-encoded updates the parameter server sent to the mesh and
 * those that arrived from other JVMs, so a run where executors trained alone shows up as
 * "received 0". DL4J exposes neither count: arrivals are counted by subscribing to the
 * transport's incoming messages; sends by reading the encoding handler's own counter.
 */
final class UpdateCounters {
    private static final AtomicLong RECEIVED = new AtomicLong();
    private static final AtomicLong LOOPBACK = new AtomicLong();
    private static Transport subscribed;

    private UpdateCounters() {}

    /** Starts counting arrivals on the current transport (once per transport instance). */
    static synchronized void subscribe() {
        Transport transport = ModelParameterServer.getInstance().getTransport();
        if (transport == null || transport == subscribed) {
            return;
        }
        subscribed = transport;
        String self = transport.id();
        transport.incomingPublisher().subscribe(new Subscriber<INDArrayMessage>() {
            @Override
            public void onSubscribe(Subscription subscription) {}

            @Override
            public void onNext(INDArrayMessage message) {
                if (message instanceof GradientsUpdateMessage) {
                    (self.equals(message.getOriginatorId()) ? LOOPBACK : RECEIVED).incrementAndGet();
                }
            }

            @Override
            public void onError(Throwable error) {}

            @Override
            public void onComplete() {}
        });
    }

    /** Updates that arrived from other JVMs since this JVM started. */
    static long received() {
        return RECEIVED.get();
    }

    /** This JVM's own updates handed back to it (a mesh of one node, e.g. Spark local mode). */
    static long loopback() {
        return LOOPBACK.get();
    }

    /**
     * Updates {@code network}'s gradient sharing has sent, or -1 where DL4J's internals differ
     * from 1.0.0-M2's (the count is a field of its encoding handler, without a getter). The driver's
     * standstill guard then cannot fire: it warns, and the metadata says {@code standstillGuard: OFF}.
     */
    static long sent(MultiLayerNetwork network) {
        try {
            ConvexOptimizer optimizer = network.getOptimizer();
            GradientsAccumulator accumulator = optimizer == null ? null : optimizer.getGradientsAccumulator();
            if (accumulator instanceof EncodedGradientsAccumulator encoded
                    && encoded.getHandler() instanceof WiredEncodingHandler handler) {
                Field counter = WiredEncodingHandler.class.getDeclaredField("updatesCounter");
                counter.setAccessible(true);
                return ((AtomicLong) counter.get(handler)).get();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
