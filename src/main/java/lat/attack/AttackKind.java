package lat.attack;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The four attacks of the paper; they differ only in which pixels may change (see {@link Masks}). */
public enum AttackKind {
    /** Every pixel may change (Madry's attack). */
    STANDARD("standard"),
    /** Every pixel except the central block. */
    BACKGROUND("background"),
    /** Every pixel that is not part of the digit. */
    EXACT_MASK("exact-mask"),
    /** Every pixel that neither belongs to the digit nor touches it (8-neighbourhood). */
    BROAD_MASK("broad-mask");

    private final String id;

    AttackKind(String id) {
        this.id = id;
    }

    /** The name used in configuration, on the command line and in the evaluation table. */
    public String id() {
        return id;
    }

    /** The attack named {@code id}, or an {@link IllegalArgumentException} listing the names allowed. */
    public static AttackKind fromId(String id) {
        for (AttackKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown attack '" + id + "'; allowed: " + ids());
    }

    /** The allowed names, comma separated, for error messages. */
    public static String ids() {
        return Arrays.stream(values()).map(AttackKind::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
