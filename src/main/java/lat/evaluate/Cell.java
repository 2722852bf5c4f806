package lat.evaluate;

import java.io.Serializable;
import lat.core.AttackKind;
import lat.core.ModelKind;

/**
 * One cell of the evaluation matrix: a model on one kind of input, natural (clean images) or
 * under one attack crafted against that model (white-box).
 *
 * @param model  the model evaluated
 * @param attack the attack, or null for natural inputs
 */
public record Cell(ModelKind model, AttackKind attack) implements Serializable {

    /** The {@code attack} column's value for clean inputs. */
    public static final String NATURAL = "natural";

    /** The model on clean images. */
    public static Cell natural(ModelKind model) {
        return new Cell(model, null);
    }

    public boolean isNatural() {
        return attack == null;
    }

    /** The input as the table's {@code attack} column names it: {@code natural} or the attack's name. */
    public String input() {
        return isNatural() ? NATURAL : attack.id();
    }

    @Override
    public String toString() {
        return model + " x " + input();
    }
}
