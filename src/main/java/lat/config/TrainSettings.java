package lat.config;

import java.io.Serializable;
import java.util.List;
import lat.model.ModelKind;

/**
 * Training ({@code lat.train}).
 *
 * @param models       the models to train, in order
 * @param steps        minibatch steps per model (paper: 100,000)
 * @param batchSize    examples per minibatch (paper: 50)
 * @param learningRate Adam's learning rate (paper: 1e-4)
 * @param pgd          the attack used to craft training examples (paper: 40 steps of 0.01, random start)
 */
public record TrainSettings(List<ModelKind> models, long steps, int batchSize, double learningRate,
                            PgdSettings pgd) implements Serializable {
}
