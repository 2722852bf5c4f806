package lat.train.dl4j;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import lat.io.records.WorkerStats;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Tells {@link LiveTraining} which network the executor trains, on which thread, and after each
 * parameter update. Set on the SharedTrainingMaster, so DL4J ships it to every executor and
 * attaches it to the executor's network; all callbacks run on the training thread.
 *
 * @param training    identifies the model being trained (run and model kind): per-JVM state resets when it changes
 * @param statsDir    Hadoop directory where each executor JVM writes its {@link WorkerStats} at the end of a chunk
 */
public record CraftingListener(String training, String statsDir) implements TrainingListener, Serializable {

    @Override
    public void onEpochStart(Model model) {
        LiveTraining.started(this, (MultiLayerNetwork) model);
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        LiveTraining.updated(model.score());
    }

    @Override
    public void onEpochEnd(Model model) {
        LiveTraining.ended();
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {}

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {}

    @Override
    public void onGradientCalculation(Model model) {}

    @Override
    public void onBackwardPass(Model model) {}
}
