package lat.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertSame;

import lat.TestData;
import lat.attack.LocalizedAttack;
import lat.config.AttackSettings;
import lat.config.PgdSettings;
import lat.core.AttackKind;
import lat.data.Digits;
import org.junit.jupiter.api.Test;

/** A training minibatch outside the executor's training thread. */
class AdversarialDataSetTest {
    @Test
    void aMinibatchIsCleanOffTheTrainingThread() {
        Digits batch = TestData.train().head(10);
        LocalizedAttack attack = new LocalizedAttack(
                AttackKind.BROAD_MASK, new AttackSettings(0.3, 0.0, 6), new PgdSettings(10, 0.05, true));
        AdversarialDataSet minibatch =
                new AdversarialDataSet(batch.images(), batch.labelsOneHot(), attack, 0, 1, 0, null);
        assertSame(minibatch.cleanFeatures(), minibatch.getFeatures(), "the driver never crafts");
    }
}
