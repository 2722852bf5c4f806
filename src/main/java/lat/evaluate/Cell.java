package lat.evaluate;

import java.io.Serializable;
import lat.core.AttackKind;
import lat.core.AttackMethod;
import lat.core.ModelId;

/**
 * One cell of the evaluation grid: a model on one kind of input, natural (clean images) or under
 * one attack crafted against that model (white-box) by one method, at one epsilon, with one number
 * of steps.
 *
 * @param model   the model evaluated: a kind and its training seed
 * @param attack  the attack, or null for natural inputs
 * @param method  how the attack searches its budget; null for natural inputs
 * @param epsilon the attack's L-infinity budget; 0 for natural inputs
 * @param steps   the attack's iterations; 0 for natural inputs
 */
public record Cell(ModelId model, AttackKind attack, AttackMethod method, double epsilon, int steps)
        implements Serializable {

    /** The {@code attack} column's value for clean inputs. */
    public static final String NATURAL = "natural";

    /** The {@code method} column's value for clean inputs. */
    public static final String NO_METHOD = "none";

    public Cell {
        boolean natural = attack == null;
        if (natural != (method == null) || natural != (epsilon == 0) || natural != (steps == 0)) {
            throw new IllegalArgumentException("a cell has an attack, a method, an epsilon and steps, or none of "
                    + "them: " + attack + ", " + method + ", " + epsilon + ", " + steps);
        }
    }

    /** The model on clean images. */
    public static Cell natural(ModelId model) {
        return new Cell(model, null, null, 0, 0);
    }

    public boolean isNatural() {
        return attack == null;
    }

    /** The input as the table's {@code attack} column names it: {@code natural} or the attack's name. */
    public String input() {
        return isNatural() ? NATURAL : attack.id();
    }

    /** The table's {@code method} column: {@value #NO_METHOD} for natural inputs, else the method's name. */
    public String methodName() {
        return isNatural() ? NO_METHOD : method.id();
    }

    @Override
    public String toString() {
        return isNatural()
                ? model + " x " + NATURAL
                : model + " x " + attack + " (" + method + ", eps " + epsilon + ", " + steps + " steps)";
    }
}
