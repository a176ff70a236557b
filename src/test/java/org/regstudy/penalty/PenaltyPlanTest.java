package org.regstudy.penalty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PenaltyPlanTest {

    private static final List<String> NAMES = List.of("in", "mid", "output");

    @Test
    void resolvesIndexThenNameThenDefault() {
        LayerPenalty a = LayerPenalty.weightsOnly(Penalty.l1(0.1));
        LayerPenalty b = new LayerPenalty(Penalty.l2(0.2), Penalty.l2(0.01));
        LayerPenalty d = LayerPenalty.weightsOnly(Penalty.weightDecay(0.5, true));
        PenaltyPlan plan = PenaltyPlan.builder().defaults(d).layer(0, a).layer("mid", b).layer("in", b).build();
        assertEquals(a, plan.forLayer(0, "in")); // index wins over name
        assertEquals(b, plan.forLayer(1, "mid"));
        assertEquals(d, plan.forLayer(2, "output"));
        assertEquals(Penalty.none(), PenaltyPlan.uniform(Penalty.l2(0.1)).forLayer(5, null).biases());
    }

    @Test
    void equalityAndNormalizedForm() {
        PenaltyPlan uniform = PenaltyPlan.uniform(Penalty.l2(0.1));
        PenaltyPlan explicit = PenaltyPlan.builder()
                .layer(0, LayerPenalty.weightsOnly(Penalty.l2(0.1)))
                .layer(1, LayerPenalty.weightsOnly(Penalty.l2(0.1)))
                .layer(2, LayerPenalty.weightsOnly(Penalty.l2(0.1))).build();
        assertEquals(uniform, PenaltyPlan.uniform(Penalty.l2(0.1)));
        assertEquals(uniform.hashCode(), PenaltyPlan.uniform(Penalty.l2(0.1)).hashCode());
        assertNotEquals(uniform, explicit);
        assertEquals(explicit, uniform.normalized(NAMES));
        assertEquals(explicit.normalized(NAMES), uniform.normalized(NAMES));
        assertEquals(PenaltyPlan.none(), PenaltyPlan.none().normalized(NAMES));
    }

    @Test
    void overrideOfMissingLayerIsRejected() {
        PenaltyPlan plan = PenaltyPlan.builder().layer(7, LayerPenalty.weightsOnly(Penalty.l2(0.1))).build();
        PenaltyTest.assertMessage(() -> plan.validateAgainst(NAMES), "override for layer 7: network has 3 layers (0..2)");
        PenaltyPlan named = PenaltyPlan.builder().layer("nope", LayerPenalty.none()).build();
        PenaltyTest.assertMessage(() -> named.validateAgainst(NAMES),
                "override for layer 'nope': no layer has that name (layers: [in, mid, output])");
        PenaltyTest.assertMessage(() -> PenaltyPlan.builder().layer(-1, LayerPenalty.none()), "layer index must be >= 0, got -1");
    }

    @Test
    void aLayerOverriddenByIndexAndByNameIsRejected() {
        // layer 2 is 'output': the index override won and the weight decay was dropped without a word
        PenaltyPlan both = PenaltyPlan.builder().layer(2, LayerPenalty.weightsOnly(Penalty.l2(1e-3)))
                .layer("output", LayerPenalty.weightsOnly(Penalty.weightDecay(1e-2, true))).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> both.validateAgainst(NAMES));
        assertTrue(e.getMessage().startsWith("layer 2 'output' has two overrides, by index ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("; give one"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> both.normalized(NAMES));
        // by index and by name on different layers is fine
        PenaltyPlan.builder().layer(1, LayerPenalty.weightsOnly(Penalty.l2(1e-3)))
                .layer("output", LayerPenalty.weightsOnly(Penalty.weightDecay(1e-2, true))).build().validateAgainst(NAMES);
    }

    @Test
    void conventionsConvertToDl4j() {
        // Keras l2(0.001) adds 0.001*sum w^2 = 0.5*0.002*sum w^2: DL4J l2(0.002)
        assertEquals(Penalty.l2(0.002), Conventions.toDl4j(Convention.KERAS, Penalty.l2(0.001)));
        assertEquals(Penalty.l1(0.001), Conventions.toDl4j(Convention.KERAS, Penalty.l1(0.001)));
        assertEquals(Penalty.elasticNet(0.01, 0.04), Conventions.toDl4j(Convention.KERAS, Penalty.elasticNet(0.01, 0.02)));
        assertEquals(Penalty.l2(0.002), Conventions.kerasL2(0.001));
        // PyTorch Adam weight_decay=1e-4: L2 on the gradient, same value; AdamW: decoupled, lr-scaled
        assertEquals(Penalty.l2(1e-4), Conventions.torchWeightDecay(1e-4));
        assertEquals(Penalty.weightDecay(1e-2, true), Conventions.torchAdamW(1e-2));
        assertEquals(Penalty.l2(1e-4), Conventions.toDl4j(Convention.PYTORCH, Penalty.l2(1e-4)));
        assertThrows(IllegalArgumentException.class, () -> Conventions.toDl4j(Convention.KERAS, Penalty.weightDecay(0.1, true)));
        assertThrows(IllegalArgumentException.class, () -> Conventions.toDl4j(Convention.PYTORCH, Penalty.l1(0.1)));
        assertEquals(Penalty.l2(0.3), Conventions.toDl4j(Convention.DL4J, Penalty.l2(0.3)));
    }
}
