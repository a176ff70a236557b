package org.regstudy.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;

/**
 * A study or search as plain data: the one schema every command reads (YAML or JSON).
 *
 * <p>Every field is optional in the file unless {@link SpecValidator} says otherwise; absent
 * fields take the defaults documented on each record and in the README. A spec is validated as a
 * whole before any training starts. Being plain data, a spec fully describes a run together with
 * the run's identity and the data's fingerprint, so runs can be shipped to other JVMs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StudySpec(
        @JsonPropertyDescription("Name of the study, used in reports.") String name,
        DataSpec data,
        NetworkSection network,
        TrainingSpec training,
        PenaltySpec penalty,
        @JsonPropertyDescription("Repeats per candidate; repeat r uses seed + r. Default 1.") Integer repeats,
        @JsonPropertyDescription("Base seed. Default 42.") Long seed,
        DiagnosisSpec diagnosis,
        LearningCurveSpec learningCurve,
        @JsonPropertyDescription("Runs trained at once (Java threads). Default 1.") Integer concurrency,
        @JsonPropertyDescription("Model zips to keep: none, selected (best, 1-SE and baseline), all. Default selected.")
        String keepModels,
        SearchSpec search) {

    /** Where the examples come from, how they are parsed and split. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DataSpec(
            String file,
            GeneratorSpec generator,
            @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = ColumnReference.class)
            String label,
            String header,
            String task,
            SplitSpec split,
            String normalization,
            SequenceSpec sequence) {
    }

    /**
     * {@code data.file} read as sequences for LSTM networks: sliding next-value windows of
     * {@code window} steps, one every {@code stride} rows (default 1; rows are time steps, every
     * column an input channel, the label column the target series; regression), or one sequence
     * per run of consecutive rows with the same value in the {@code group} column (labels per step).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SequenceSpec(Integer window, Integer stride,
            @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = ColumnReference.class) String group) {
    }

    /**
     * A seeded generator: moons (n, noise), irrelevant (n, relevant, irrelevant), sequence (kind, length,
     * window, noise). {@code sampler}: {@code regstudy} (default, every kind) or {@code sklearn} (moons
     * only: numpy's RandomState, scikit-learn's make_moons sample exactly).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GeneratorSpec(
            String kind,
            Integer n,
            Double noise,
            Integer relevant,
            Integer irrelevant,
            String series,
            Integer length,
            Integer window,
            Long seed,
            String sampler) {
    }

    /**
     * Holdout by fractions or counts, in file order or shuffled, stratified for classes; or
     * {@code folds} (k-fold cross-validation on what the test part leaves; the fold is part of
     * each run's identity).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SplitSpec(
            Double validation,
            Double test,
            Integer folds,
            Integer trainCount,
            Integer validationCount,
            Integer testCount,
            Boolean shuffle,
            Boolean stratify) {
    }

    /** The network: layers, output, updater; or the path of a DL4J configuration (JSON or model zip) to train from scratch. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NetworkSection(
            String configuration,
            List<LayerSection> hidden,
            OutputSection output,
            UpdaterSection updater,
            String weightInit,
            String dataType) {
    }

    /** A hidden layer: dense or lstm, its width and activation; an optional name. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LayerSection(String type, Integer units, String activation, String name) {
    }

    /** The output layer's activation and loss; its width comes from the data. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OutputSection(String activation, String loss) {
    }

    /** sgd, nesterovs, adam, adamw with learning rate, momentum (nesterovs), decay (adamw). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UpdaterSection(String kind, Double learningRate, Double momentum, Double weightDecay) {
    }

    /** Epochs, batch size (0 = full batch), recording interval, early stopping. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TrainingSpec(
            Integer epochs,
            Integer batchSize,
            Integer recordEvery,
            Integer earlyStoppingPatience,
            Double divergenceLimit) {
    }

    /**
     * The penalty swept by a study: its kind, where it applies and the strengths to try.
     * Strengths are given in {@code convention} (dl4j, keras, pytorch) and converted to DL4J's.
     * {@code layerScale} multiplies the swept strength per layer (a different alpha per layer
     * along one sweep); layers not named in {@code layers} carry no penalty.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PenaltySpec(
            String kind,
            String convention,
            @com.fasterxml.jackson.databind.annotation.JsonDeserialize(contentUsing = LayerReference.class)
            List<String> layers,
            String target,
            List<Double> strengths,
            RangeSpec range,
            Double l1Ratio,
            Boolean applyLearningRate,
            Map<String, Double> layerScale) {
    }

    /** Strengths spaced evenly on a log scale from min to max, {@code points} of them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RangeSpec(Double min, Double max, Integer points) {
    }

    /** Verdict thresholds; see the diagnosis package. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DiagnosisSpec(Double underfitRatio, Double gapRatio, Double riseRatio, Double confidence) {
    }

    /** Fractions of the training part for a learning curve at the selected strength. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LearningCurveSpec(List<Double> fractions) {
    }

    /** An Arbiter search over penalty strengths (and optionally learning rate, width, dropout). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SearchSpec(
            String method,
            Integer candidates,
            Integer gridPoints,
            Integer maxMinutes,
            String strengths,
            RangeSpec strengthRange,
            RangeSpec learningRate,
            List<Integer> units,
            RangeSpec dropout) {
    }

    /** A column named by its header name or its 0-based index ({@code 0} or {@code "0"}); kept as text. */
    static final class ColumnReference extends NameOrIndex {
        private static final long serialVersionUID = 1L;

        ColumnReference() {
            super("expected a column name or 0-based index");
        }
    }

    /**
     * A layer named in {@code penalty.layers}: its index, written as a whole number ({@code 0}) or as
     * text ({@code "0"}), or its name ({@code output}); kept as text. Other values are refused.
     */
    static final class LayerReference extends NameOrIndex {
        private static final long serialVersionUID = 1L;

        LayerReference() {
            super("expected a layer index (0, 1, ...) or name");
        }
    }

    /** A name or a whole-number index, written either way in the spec ({@code 0} or {@code "0"}); kept as text. */
    abstract static class NameOrIndex extends com.fasterxml.jackson.databind.deser.std.StdDeserializer<String> {
        private static final long serialVersionUID = 1L;
        private final String expected;

        NameOrIndex(String expected) {
            super(String.class);
            this.expected = expected;
        }

        @Override
        public String deserialize(com.fasterxml.jackson.core.JsonParser p,
                                  com.fasterxml.jackson.databind.DeserializationContext ctxt) throws java.io.IOException {
            return switch (p.currentToken()) {
                case VALUE_STRING, VALUE_NUMBER_INT -> p.getText();
                case VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> throw com.fasterxml.jackson.databind.JsonMappingException.from(p,
                        expected + ", got " + p.getText());
                case START_ARRAY -> throw com.fasterxml.jackson.databind.JsonMappingException.from(p, expected + ", got a list");
                case START_OBJECT -> throw com.fasterxml.jackson.databind.JsonMappingException.from(p, expected + ", got a mapping");
                default -> throw com.fasterxml.jackson.databind.JsonMappingException.from(p,
                        expected + ", got " + p.getText());
            };
        }
    }
}
