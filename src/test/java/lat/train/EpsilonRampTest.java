package lat.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import lat.attack.LocalizedAttack;
import lat.config.AttackSettings;
import lat.config.PgdSettings;
import lat.core.AttackKind;
import org.junit.jupiter.api.Test;

class EpsilonRampTest {
    private static final LocalizedAttack FULL = new LocalizedAttack(
            AttackKind.BACKGROUND, new AttackSettings(0.3, 0.0, 6), new PgdSettings(40, 0.01, true));

    @Test
    void withoutARampEveryStepAttacksWithTheFullEpsilon() {
        EpsilonRamp none = new EpsilonRamp(0);
        assertSame(FULL, none.attackAt(FULL, 0));
        assertSame(FULL, none.attackAt(FULL, 123_456));
        assertEquals(1.0, none.fraction(0));
    }

    @Test
    void epsilonAndStepSizeGrowLinearlyToTheFullValue() {
        EpsilonRamp ramp = new EpsilonRamp(100);
        LocalizedAttack first = ramp.attackAt(FULL, 0);
        assertEquals(0.003, first.attack().epsilon(), 1e-12);
        assertEquals(0.0001, first.pgd().stepSize(), 1e-12);
        LocalizedAttack middle = ramp.attackAt(FULL, 49);
        assertEquals(0.15, middle.attack().epsilon(), 1e-12);
        assertEquals(0.005, middle.pgd().stepSize(), 1e-12);
        // what does not scale stays
        assertEquals(FULL.kind(), middle.kind());
        assertEquals(40, middle.pgd().steps());
        assertEquals(true, middle.pgd().randomStart());
        assertEquals(6, middle.attack().backgroundBlock());
        // from step 99 on: the full attack itself
        assertSame(FULL, ramp.attackAt(FULL, 99));
        assertSame(FULL, ramp.attackAt(FULL, 5000));
    }

    @Test
    void theNaturalModelHasNoAttackToScale() {
        assertNull(new EpsilonRamp(100).attackAt(null, 3));
    }

    @Test
    void aNegativeLengthIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new EpsilonRamp(-1));
    }
}
