package lat.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Binds a Spark task's thread to the GPU Spark assigned the task, so that ND4J allocates and
 * computes on that device. Without it, every executor of a host with several GPUs would use device
 * 0 (a new thread's CUDA default). Called on the task thread before the task's first ND4J
 * allocation ({@link GpuPlugin}); DL4J carries the device over to the threads it starts from there
 * (e.g. the prefetch thread of its data iterators).
 *
 * @param address    the address Spark assigned (an nvidia-smi index from the discovery script)
 * @param cudaDevice the CUDA device number it maps to in this JVM
 * @param bound      true when ND4J's CUDA device was set; false on the CPU backend
 */
public record GpuBinding(String address, int cudaDevice, boolean bound) implements Serializable {

    /** The latest binding of each thread of this JVM, by thread id. */
    private static final Map<Long, GpuBinding> BY_THREAD = new ConcurrentHashMap<>();

    /**
     * Binds the calling task thread to its task's GPU, when the task was assigned one
     * ({@code spark.task.resource.gpu.amount}); otherwise does nothing.
     */
    static void bindTaskThread() {
        TaskContext task = TaskContext.get();
        ResourceInformation gpu = task == null ? null : task.resourcesJMap().get("gpu");
        if (gpu == null || gpu.addresses().length == 0) {
            return;
        }
        // One GPU per task is what lat asks for; with more, ND4J still computes on one per thread.
        String address = gpu.addresses()[0];
        int device = cudaDevice(address, System.getenv("CUDA_VISIBLE_DEVICES"));
        boolean cuda = !Nd4j.getEnvironment().isCPU();
        if (cuda) {
            Nd4j.getAffinityManager().unsafeSetDevice(device);
        }
        BY_THREAD.put(Thread.currentThread().getId(), new GpuBinding(address, device, cuda));
    }

    /** The binding of the calling thread, or null when it was given no GPU. */
    public static GpuBinding ofCurrentThread() {
        return BY_THREAD.get(Thread.currentThread().getId());
    }

    /**
     * The CUDA device number of the GPU Spark calls {@code address}. Addresses are nvidia-smi
     * indices, which are CUDA's numbers when every GPU is visible (and CUDA_DEVICE_ORDER is
     * PCI_BUS_ID, as the lat Spark settings set); when the executor sees only some GPUs
     * (CUDA_VISIBLE_DEVICES, e.g. set by a container runtime), CUDA numbers those from 0 in the
     * order listed.
     *
     * @param visibleDevices the executor's CUDA_VISIBLE_DEVICES (null or empty: all GPUs visible)
     * @throws IllegalStateException if the address is not a GPU this JVM can see
     */
    public static int cudaDevice(String address, String visibleDevices) {
        if (visibleDevices == null || visibleDevices.isBlank()) {
            try {
                return Integer.parseInt(address.trim());
            } catch (NumberFormatException notAnIndex) {
                throw new IllegalStateException("Spark assigned GPU '" + address + "', which is not a GPU index "
                        + "(the discovery script must list nvidia-smi indices)");
            }
        }
        List<String> visible =
                Arrays.stream(visibleDevices.split(",")).map(String::trim).toList();
        int device = visible.indexOf(address.trim());
        if (device < 0) {
            throw new IllegalStateException("Spark assigned GPU '" + address + "', but this executor sees only "
                    + "CUDA_VISIBLE_DEVICES=" + visibleDevices);
        }
        return device;
    }
}
