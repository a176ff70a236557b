package org.regstudy.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TrainingSettingsTest {

    @Test
    void defaultRecordIntervalFollowsTheCostModel() {
        // half-moons: 30 training, 70 validation rows, full batch: epoch 4*64 + 3*30 = 346 rows,
        // record 64 + 30 + 70 = 164 rows, k = ceil(164 / (0.02*346)) = ceil(23.7) = 24
        assertEquals(24, TrainingSettings.defaultRecordEvery(4000, 30, 70, 32));
        // digits: 1000 training rows, batch 32 (32 steps), 398 validation: epoch 32*(256+96) = 11264,
        // record 64 + 1398 = 1462, k = ceil(1462 / 225.28) = ceil(6.49) = 7
        assertEquals(7, TrainingSettings.defaultRecordEvery(200, 1000, 398, 32));
        // at most epochs/5, so a short run keeps five points: 100 epochs of half-moons -> 20
        assertEquals(20, TrainingSettings.defaultRecordEvery(100, 30, 70, 32));
        assertEquals(1, TrainingSettings.defaultRecordEvery(3, 30, 70, 32));
    }

    @Test
    void badSettingsNameTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingSettings(0, 32, 1, 0, 1e6));
        assertEquals("epochs must be >= 1, got 0", e.getMessage());
    }
}
