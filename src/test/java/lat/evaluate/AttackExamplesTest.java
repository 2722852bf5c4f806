package lat.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import lat.core.Images;
import lat.core.ModelKind;
import org.junit.jupiter.api.Test;

/** Which digits Figure 1 shows, on hand-built candidates: one rule per test. */
class AttackExamplesTest {
    private static final int LABEL = 7;

    @Test
    void theDigitsFooledByTheMostAttacksAreShown() {
        List<AttackExamples.Digit> candidates = List.of(
                digit(0, LABEL, 1), digit(1, LABEL, 4), digit(2, LABEL, 0), digit(3, LABEL, 3), digit(4, LABEL, 2));
        assertEquals(List.of(1, 3, 4), indices(AttackExamples.shown(candidates)));
    }

    @Test
    void onTiesTheFirstDigitsAreShown() {
        List<AttackExamples.Digit> candidates =
                List.of(digit(0, LABEL, 2), digit(1, LABEL, 2), digit(2, LABEL, 2), digit(3, LABEL, 2));
        assertEquals(List.of(0, 1, 2), indices(AttackExamples.shown(candidates)));
    }

    @Test
    void aDigitTheModelGetsWrongCountsAsFooledByNone() {
        // digit 0 is misclassified (predicted 1), so its four "fooled" attacks do not count
        List<AttackExamples.Digit> candidates =
                List.of(digit(0, LABEL, 4, 1), digit(1, LABEL, 1), digit(2, LABEL, 1), digit(3, LABEL, 1));
        assertEquals(List.of(1, 2, 3), indices(AttackExamples.shown(candidates)));
        assertEquals(0, candidates.get(0).fooledBy());
    }

    @Test
    void fewerCandidatesThanShownAreAllShown() {
        assertEquals(List.of(1, 0), indices(AttackExamples.shown(List.of(digit(0, LABEL, 0), digit(1, LABEL, 1)))));
    }

    @Test
    void theNaturalModelIsAttackedWhenTheRunHasOneElseTheFirst() {
        assertEquals("natural", AttackExamples.modelShown(List.of("standard", "natural")));
        assertEquals("background", AttackExamples.modelShown(List.of("background", "standard")));
        assertEquals(ModelKind.NATURAL.id(), AttackExamples.modelShown(List.of(ModelKind.NATURAL.id())));
    }

    @Test
    void aPerturbationIsAdversarialMinusClean() {
        AttackExamples.Example example = example("standard", new float[] {0.5f, 0.25f, 1f}, LABEL);
        assertArrayEquals(new float[] {0.5f, -0.25f, 0f}, example.perturbation(new float[] {0f, 0.5f, 1f}));
    }

    @Test
    void aPredictionsProbabilityIsThatOfItsDigit() {
        float[] probabilities = new float[10];
        probabilities[3] = 0.75f;
        assertEquals(0.75f, new AttackExamples.Prediction(3, probabilities).probability());
    }

    /** A correctly classified digit that {@code fooled} of four attacks fool. */
    private static AttackExamples.Digit digit(int index, int label, int fooled) {
        return digit(index, label, fooled, label);
    }

    private static AttackExamples.Digit digit(int index, int label, int fooled, int predicted) {
        List<String> attacks = List.of("standard", "background", "exact-mask", "broad-mask");
        List<AttackExamples.Example> examples = IntStream.range(0, attacks.size())
                .mapToObj(a -> example(attacks.get(a), new float[Images.PIXELS], a < fooled ? (label + 1) % 10 : label))
                .toList();
        return new AttackExamples.Digit(index, label, new float[Images.PIXELS], prediction(predicted), examples);
    }

    private static AttackExamples.Example example(String attack, float[] adversarial, int predicted) {
        return new AttackExamples.Example(attack, "pgd", 0.3, 40, 0.01, true, adversarial, prediction(predicted));
    }

    private static AttackExamples.Prediction prediction(int digit) {
        float[] probabilities = new float[10];
        probabilities[digit] = 1;
        return new AttackExamples.Prediction(digit, probabilities);
    }

    private static List<Integer> indices(List<AttackExamples.Digit> digits) {
        return digits.stream().map(AttackExamples.Digit::index).toList();
    }
}
