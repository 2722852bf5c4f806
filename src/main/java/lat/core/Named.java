package lat.core;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A value with the name it has in configuration, on the command line and in the evaluation table
 * ({@link ModelKind}, {@link AttackKind}); and the two look-ups every such enum needs.
 */
public interface Named {

    /** The name used in configuration, on the command line and in the evaluation table. */
    String id();

    /**
     * The constant of {@code type} named {@code id}.
     *
     * @param what what a name names, for the message ("model")
     * @throws IllegalArgumentException listing the names allowed when none is called {@code id}
     */
    static <E extends Enum<E> & Named> E byId(Class<E> type, String id, String what) {
        for (E value : type.getEnumConstants()) {
            if (value.id().equals(id)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + id + "'; allowed: " + ids(type));
    }

    /** The names of {@code type}'s constants, comma separated, for messages. */
    static <E extends Enum<E> & Named> String ids(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Named::id).collect(Collectors.joining(", "));
    }
}
