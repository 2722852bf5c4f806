package lat.core;

/**
 * How an evaluation attack searches inside its budget (the budget and the pixels it may change come
 * from {@link AttackKind} and the epsilon): the axis of the evaluation grid beside epsilon and steps.
 */
public enum AttackMethod implements Named {
    /** Projected gradient descent with a fixed step size and a random start (Madry et al.; the paper's attack). */
    PGD("pgd"),
    /**
     * APGD-CE (Croce and Hein 2020, the first attack of AutoAttack): PGD with momentum and a step
     * size that halves when progress stalls; no step size to tune.
     */
    APGD_CE("apgd-ce"),
    /**
     * APGD-T (AutoAttack's second attack): APGD on the targeted DLR loss against each of the most
     * likely wrong classes in turn.
     */
    APGD_T("apgd-t"),
    /** Square Attack (AutoAttack's black-box attack): random search on the margin, no gradient. */
    SQUARE("square"),
    /** The worst case per digit: APGD-CE, then APGD-T on the survivors, then Square on theirs. */
    AUTOATTACK("autoattack");

    private final String id;

    AttackMethod(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    /** The method named {@code id}, or an {@link IllegalArgumentException} listing the names allowed. */
    public static AttackMethod fromId(String id) {
        return Named.byId(AttackMethod.class, id, "attack method");
    }

    /** The allowed names, comma separated, for error messages. */
    public static String ids() {
        return Named.ids(AttackMethod.class);
    }

    @Override
    public String toString() {
        return id;
    }
}
