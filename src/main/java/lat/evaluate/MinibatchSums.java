package lat.evaluate;

import java.io.Serializable;

/**
 * Exact sums over one minibatch of one cell: what an evaluation task returns for each minibatch
 * it scores. The driver adds them up in minibatch order (see {@link CellResult#combine}), so the
 * total is bit-for-bit the one of a single pass over all digits, however the digits were sharded.
 *
 * @param batch    the minibatch's index among all the evaluated digits' minibatches
 * @param lossSum  summed cross-entropy (natural log) of its digits
 * @param correct  its digits the model classified correctly
 * @param seconds  time spent on it (crafting and scoring)
 */
public record MinibatchSums(Cell cell, int batch, long examples, double lossSum, long correct, double seconds)
        implements Serializable {}
