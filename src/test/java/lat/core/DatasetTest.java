package lat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The datasets' names: in configuration, in the evaluation table's dataset column, for labels. */
class DatasetTest {

    @Test
    void theTablesDatasetColumnNamesTheTestSet() {
        assertEquals("mnist-test", Dataset.MNIST.testSetId());
        assertEquals("fashion-mnist-test", Dataset.FASHION_MNIST.testSetId());
    }

    @Test
    void theTestSetNameLeadsBackToTheDataset() {
        assertEquals(Optional.of(Dataset.FASHION_MNIST), Dataset.ofTestSet("fashion-mnist-test"));
        assertEquals(Optional.of(Dataset.MNIST), Dataset.ofTestSet("mnist-test"));
        assertEquals(Optional.empty(), Dataset.ofTestSet("fashion-mnist"));
    }

    @Test
    void labelsAreNamedAsEachDatasetNamesThem() {
        assertEquals("7", Dataset.MNIST.className(7));
        assertEquals("T-shirt/top", Dataset.FASHION_MNIST.className(0));
        assertEquals("Trouser", Dataset.FASHION_MNIST.className(1));
        assertEquals("Ankle boot", Dataset.FASHION_MNIST.className(9));
    }

    @Test
    void aLabelOutsideTheTenClassesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Dataset.FASHION_MNIST.className(10));
    }

    @Test
    void anUnknownNameListsTheAllowedOnes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Dataset.fromId("emnist"));
        assertEquals("unknown dataset 'emnist'; allowed: mnist, fashion-mnist", error.getMessage());
    }
}
