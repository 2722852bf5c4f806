package lat.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import lat.attack.AttackKind;

/** The five models of the paper: trained on clean images, or adversarially with one attack. */
public enum ModelKind {
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

    public String id() {
        return id;
    }

    /** The attack whose examples this model trains on; empty for the natural model. */
    public Optional<AttackKind> trainingAttack() {
        return Optional.ofNullable(trainingAttack);
    }

    /** The model named {@code id}, or an {@link IllegalArgumentException} listing the names allowed. */
    public static ModelKind fromId(String id) {
        for (ModelKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown model '" + id + "'; allowed: " + ids());
    }

    public static String ids() {
        return Arrays.stream(values()).map(ModelKind::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
