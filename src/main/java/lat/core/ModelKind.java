package lat.core;

import java.util.Optional;

/** The five models of the paper: trained on clean images, or adversarially with one attack. */
public enum ModelKind implements Named {
    NATURAL("natural", null),
    STANDARD("standard", AttackKind.STANDARD),
    BACKGROUND("background", AttackKind.BACKGROUND),
    EXACT_MASK("exact-mask", AttackKind.EXACT_MASK),
    BROAD_MASK("broad-mask", AttackKind.BROAD_MASK);

    private final String id;
    private final AttackKind trainingAttack;

    ModelKind(String id, AttackKind trainingAttack) {
        this.id = id;
        this.trainingAttack = trainingAttack;
    }

    @Override
    public String id() {
        return id;
    }

    /** The attack whose examples this model trains on; empty for the natural model. */
    public Optional<AttackKind> trainingAttack() {
        return Optional.ofNullable(trainingAttack);
    }

    /** The model named {@code id}, or an {@link IllegalArgumentException} listing the names allowed. */
    public static ModelKind fromId(String id) {
        return Named.byId(ModelKind.class, id, "model");
    }

    /** The allowed names, comma separated, for error messages. */
    public static String ids() {
        return Named.ids(ModelKind.class);
    }

    @Override
    public String toString() {
        return id;
    }
}
