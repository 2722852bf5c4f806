package lat.train.dl4j;

import lat.attack.LocalizedAttack;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One training minibatch that turns adversarial on the executor that trains on it (Algorithm 1):
 * {@link #getFeatures()} returns the clean images everywhere (Spark's count, shuffle, DL4J's
 * prefetch thread) except on the executor's training thread during training, where it returns
 * images crafted with {@code attack} against the live network's current parameters
 * ({@link LiveTraining#features}). A natural minibatch ({@code attack == null}) stays clean but is
 * still counted, so the job can show which executor trained on what.
 *
 * <p>Only Spark's serialization (Java or Kryo, both keep subclass fields) may move it: DL4J's
 * Export training approach would save it as a plain DataSet, so the job uses the Direct one.
 */
public final class AdversarialDataSet extends DataSet {
    private static final long serialVersionUID = 1L;

    private final LocalizedAttack attack;
    private final int shard;
    private final long pgdSeed;
    /** Checkpoint the executor loads before its first minibatch of this chunk; null for none. */
    private final String syncFrom;

    private final int chunk;

    private transient INDArray crafted;
    private transient long craftedAtUpdate = -1;

    public AdversarialDataSet(
            INDArray cleanFeatures,
            INDArray labels,
            LocalizedAttack attack,
            int shard,
            long pgdSeed,
            int chunk,
            String syncFrom) {
        super(cleanFeatures, labels);
        this.attack = attack;
        this.shard = shard;
        this.pgdSeed = pgdSeed;
        this.chunk = chunk;
        this.syncFrom = syncFrom;
    }

    @Override
    public INDArray getFeatures() {
        return LiveTraining.features(this, super.getFeatures());
    }

    /** The clean images, whatever the calling thread. */
    public INDArray cleanFeatures() {
        return super.getFeatures();
    }

    LocalizedAttack attack() {
        return attack;
    }

    int shard() {
        return shard;
    }

    long pgdSeed() {
        return pgdSeed;
    }

    int chunk() {
        return chunk;
    }

    String syncFrom() {
        return syncFrom;
    }

    /** The images crafted at update {@code update}, or null if none were. */
    INDArray craftedAt(long update) {
        return craftedAtUpdate == update ? crafted : null;
    }

    void rememberCrafted(INDArray images, long update) {
        crafted = images;
        craftedAtUpdate = update;
    }

    // DataSet's equals/hashCode look at the arrays only; two minibatches with equal images are still distinct.
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
