package lat.io.records;

/**
 * One point of a model's training curve, recorded at each checkpoint (the model's metadata.json
 * keeps them all, over resumed applications too).
 *
 * @param step          global minibatch steps trained
 * @param loss          mean minibatch loss of the chunk that ended here, on the examples trained on
 *                      (adversarial ones for attacked models); NaN when unknown
 * @param cleanAccuracy accuracy of the model at this step on the first (up to 1,000) clean training digits
 * @param wallSeconds   training seconds spent so far, over every application
 */
public record CurvePoint(long step, double loss, double cleanAccuracy, double wallSeconds) {}
