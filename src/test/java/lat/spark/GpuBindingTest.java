package lat.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** From the address Spark assigns to the CUDA device number ND4J is bound to. */
class GpuBindingTest {

    @Test
    void withEveryGpuVisibleTheAddressIsTheDeviceNumber() {
        assertEquals(3, GpuBinding.cudaDevice("3", null));
        assertEquals(0, GpuBinding.cudaDevice("0", ""));
    }

    @Test
    void withSomeGpusVisibleCudaNumbersThemInTheOrderListed() {
        assertEquals(1, GpuBinding.cudaDevice("2", "5,2"));
        assertEquals(0, GpuBinding.cudaDevice("5", " 5, 2"));
    }

    @Test
    void anAddressThisJvmCannotSeeIsAnError() {
        IllegalStateException hidden =
                assertThrows(IllegalStateException.class, () -> GpuBinding.cudaDevice("1", "0,2"));
        IllegalStateException notAnIndex =
                assertThrows(IllegalStateException.class, () -> GpuBinding.cudaDevice("GPU-8f2c", null));

        assertEquals(
                "Spark assigned GPU '1', but this executor sees only CUDA_VISIBLE_DEVICES=0,2", hidden.getMessage());
        assertEquals(
                "Spark assigned GPU 'GPU-8f2c', which is not a GPU index (the discovery script must list "
                        + "nvidia-smi indices)",
                notAnIndex.getMessage());
    }
}
