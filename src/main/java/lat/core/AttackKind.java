package lat.core;

/** The four attacks of the paper; they differ only in which pixels may change (see {@code lat.attack.Masks}). */
public enum AttackKind implements Named {
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

    @Override
    public String id() {
        return id;
    }

    /** The attack named {@code id}, or an {@link IllegalArgumentException} listing the names allowed. */
    public static AttackKind fromId(String id) {
        return Named.byId(AttackKind.class, id, "attack");
    }

    /** The allowed names, comma separated, for error messages. */
    public static String ids() {
        return Named.ids(AttackKind.class);
    }

    @Override
    public String toString() {
        return id;
    }
}
