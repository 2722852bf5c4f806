package lat.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Which digits each training step uses: the schedule that lets every executor build its own
 * minibatches and a resumed run replay exactly the steps it would have run. One rule per test.
 */
class MinibatchScheduleTest {
    /** 100 digits in 3 shards (33, 33, 34), minibatches of 10. */
    private static final MinibatchSchedule SCHEDULE = new MinibatchSchedule(100, 3, 10, 42);

    @Test
    void shardsAreContiguousAndCoverEveryDigitOnce() {
        assertEquals(
                List.of(0, 33, 66, 100),
                IntStream.rangeClosed(0, 3).map(SCHEDULE::shardStart).boxed().toList());
        assertEquals(100, IntStream.range(0, 3).map(SCHEDULE::shardSize).sum());
    }

    @Test
    void stepGBelongsToShardGModShardsAndUsesOnlyItsDigits() {
        for (long step = 0; step < 60; step++) {
            int shard = SCHEDULE.shardOf(step);
            assertEquals(step % 3, shard);
            for (int digit : SCHEDULE.digitsOf(step)) {
                assertTrue(
                        digit >= SCHEDULE.shardStart(shard) && digit < SCHEDULE.shardStart(shard + 1),
                        "step " + step + " uses digit " + digit + " outside shard " + shard);
            }
        }
    }

    @Test
    void anEpochOfAShardUsesEachOfItsDigitsExactlyOnceAndEndsWithTheRemainder() {
        // shard 0 has 33 digits: 4 minibatches of 10, 10, 10 and 3, its local steps 0..3 = global 0, 3, 6, 9
        List<Integer> used = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (long local = 0; local < 4; local++) {
            int[] digits = SCHEDULE.digitsOf(local * 3);
            sizes.add(digits.length);
            Arrays.stream(digits).forEach(used::add);
        }
        assertEquals(List.of(10, 10, 10, 3), sizes);
        assertEquals(
                IntStream.range(0, 33).boxed().toList(), used.stream().sorted().toList());
    }

    @Test
    void eachEpochIsAFreshPermutation() {
        int[] firstEpoch = SCHEDULE.digitsOf(0);
        int[] secondEpoch = SCHEDULE.digitsOf(4 * 3); // shard 0, local step 4: the next epoch's first minibatch
        assertFalse(Arrays.equals(firstEpoch, secondEpoch));
    }

    @Test
    void theScheduleIsAPureFunctionOfTheSettingsSoAResumedRunReplaysTheSameMinibatches() {
        MinibatchSchedule beforeTheKill = new MinibatchSchedule(100, 3, 10, 42);
        for (long step = 0; step < 30; step++) {
            beforeTheKill.digitsOf(step); // a run that got this far, then died
        }
        MinibatchSchedule resumed = new MinibatchSchedule(100, 3, 10, 42);
        for (long step = 30; step < 90; step++) {
            assertArrayEquals(beforeTheKill.digitsOf(step), resumed.digitsOf(step), "step " + step);
        }
    }

    @Test
    void anotherSeedGivesOtherMinibatches() {
        assertFalse(Arrays.equals(SCHEDULE.digitsOf(0), new MinibatchSchedule(100, 3, 10, 43).digitsOf(0)));
    }

    @Test
    void moreShardsThanDigitsCannotBeBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new MinibatchSchedule(2, 3, 10, 42));
    }
}
