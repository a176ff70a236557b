package org.regstudy.data;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded holdout and k-fold splits. All randomness comes from one
 * {@link SplittableRandom}{@code (seed)} per call, consumed in a fixed order (never ND4J's global
 * RNG), so the same data, spec and seed give the same rows bit for bit.
 *
 * <p>Stratification divides every class separately: the number of class-{@code c} rows in a part
 * of size {@code m} is the floor or the ceiling of {@code m * n_c / n}, with the part sizes kept
 * exact (a controlled rounding of the class x part table, solved as a small max-flow). Hence
 * every part keeps the class proportions within one example per class.
 */
public final class Splitter {
    private Splitter() {
    }

    /**
     * Divides {@code data} into train, validation and test parts per {@code spec}.
     *
     * <p>Order: without shuffling, train is the first rows in file order, then validation, then
     * test (stratified without shuffling takes each class's rows in file order and keeps every
     * part in file order). With shuffling, rows are drawn from a Fisher-Yates permutation and each
     * part lists its rows in that shuffled order.
     */
    public static Split holdout(Dataset data, SplitSpec spec, long seed) {
        if (spec.validationCount(data.size()) < 1) {
            throw new IllegalArgumentException("spec leaves no validation rows: validation " + spec.validation() + " of "
                    + data.size() + " rows of " + data.name() + " rounds to 0; give a larger fraction or count");
        }
        int[][] parts = holdoutRows(data, spec, new SplittableRandom(seed));
        return Split.of(data, parts[0], parts[1], parts[2]);
    }

    /** Row indices of {train, validation, test}. */
    static int[][] holdoutRows(Dataset data, SplitSpec spec, SplittableRandom rng) {
        int n = data.size();
        int t = spec.testCount(n);
        int v = spec.validationCount(n);
        if (t + v >= n) {
            throw new IllegalArgumentException("spec leaves no training rows: validation " + v + " + test " + t + " >= " + n
                    + " rows of " + data.name());
        }
        int[] sizes = {n - v - t, v, t};
        if (!spec.stratify()) {
            int[] order = identity(n);
            if (spec.shuffle()) {
                shuffle(order, rng);
            }
            return new int[][] {
                Arrays.copyOfRange(order, 0, sizes[0]),
                Arrays.copyOfRange(order, sizes[0], sizes[0] + v),
                Arrays.copyOfRange(order, sizes[0] + v, n)};
        }
        int[][] byClass = rowsByClass(data);
        if (spec.shuffle()) {
            for (int[] rows : byClass) {
                shuffle(rows, rng);
            }
        }
        int[] classSizes = Arrays.stream(byClass).mapToInt(r -> r.length).toArray();
        int[][] alloc = apportion(classSizes, sizes);
        int[][] parts = new int[3][];
        int[] fill = new int[3];
        for (int p = 0; p < 3; p++) {
            parts[p] = new int[sizes[p]];
        }
        for (int c = 0; c < byClass.length; c++) {
            int pos = 0;
            // shuffled: test first, then validation, then train, from each class's shuffled list (the test part
            // is then the k-fold split's of the same seed); in file order: train first, then validation, then
            // test, so that the later rows of each class are held out, as without stratification
            for (int p : spec.shuffle() ? new int[] {2, 1, 0} : new int[] {0, 1, 2}) {
                for (int i = 0; i < alloc[c][p]; i++) {
                    parts[p][fill[p]++] = byClass[c][pos++];
                }
            }
        }
        for (int[] part : parts) {
            if (spec.shuffle()) {
                shuffle(part, rng);
            } else {
                Arrays.sort(part);
            }
        }
        return parts;
    }

    /**
     * k-fold cross-validation. First a test part of {@code testFraction} (a fraction in
     * {@code [0, 1)} or a whole count, as in {@link SplitSpec}; 0 = none) is carved out, shuffled
     * and stratified when {@code stratified}; it is the same in every fold. The remaining rows,
     * in shuffled order (grouped by class when stratified), are dealt to folds {@code 0, 1, ..,
     * k-1, 0, 1, ..}; split {@code i} validates on fold {@code i} and trains on the others. Fold
     * sizes differ by at most one, and stratified folds hold each class's rows within one.
     */
    public static List<Split> kFold(Dataset data, int k, boolean stratified, double testFraction, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("k must be at least 2, got " + k);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[][] outer = holdoutRows(data, new SplitSpec(0, testFraction, true, stratified), rng);
        int[] rest = outer[0];
        int[] test = outer[2];
        if (rest.length < k) {
            throw new IllegalArgumentException("k = " + k + " folds need at least k rows outside the test part, have " + rest.length);
        }
        int[] dealt = rest;
        if (stratified) {
            int[] cls = data.classIndices();
            int[] byClassOrder = new int[rest.length];
            int pos = 0;
            for (int c = 0; c < data.numOutputs(); c++) {
                for (int r : rest) {
                    if (cls[r] == c) {
                        byClassOrder[pos++] = r;
                    }
                }
            }
            dealt = byClassOrder;
        }
        int[] fold = new int[data.size()];
        Arrays.fill(fold, -1);
        for (int j = 0; j < dealt.length; j++) {
            fold[dealt[j]] = j % k;
        }
        List<Split> splits = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            final int f = i;
            int[] val = Arrays.stream(rest).filter(r -> fold[r] == f).toArray();
            int[] train = Arrays.stream(rest).filter(r -> fold[r] != f).toArray();
            splits.add(Split.of(data, train, val, test));
        }
        return List.copyOf(splits);
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Fisher-Yates: for i = len-1 .. 1, swap a[i] with a[rng.nextInt(i + 1)]. */
    static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    static int[][] rowsByClass(Dataset data) {
        if (data.task() != TaskType.CLASSIFICATION) {
            throw new IllegalArgumentException("stratify needs a classification dataset; " + data.name() + " is " + data.task());
        }
        int[] cls = data.classIndices();
        int k = data.numOutputs();
        int[] counts = new int[k];
        for (int c : cls) {
            counts[c]++;
        }
        int[][] rows = new int[k][];
        for (int c = 0; c < k; c++) {
            rows[c] = new int[counts[c]];
        }
        int[] fill = new int[k];
        for (int r = 0; r < cls.length; r++) {
            rows[cls[r]][fill[cls[r]]++] = r;
        }
        return rows;
    }

    /**
     * Controlled rounding: an integer table {@code a[c][p]} with row sums {@code classSizes[c]},
     * column sums {@code partSizes[p]}, and every entry the floor or ceiling of
     * {@code classSizes[c] * partSizes[p] / n}. Starts from the floors and distributes the missing
     * units by max-flow over cells with a fractional part (such a rounding always exists).
     */
    static int[][] apportion(int[] classSizes, int[] partSizes) {
        int k = classSizes.length;
        int parts = partSizes.length;
        long n = Arrays.stream(classSizes).asLongStream().sum();
        int[][] a = new int[k][parts];
        boolean[][] frac = new boolean[k][parts];
        int[] rowNeed = new int[k];
        int[] colNeed = partSizes.clone();
        for (int c = 0; c < k; c++) {
            rowNeed[c] = classSizes[c];
            for (int p = 0; p < parts; p++) {
                long prod = (long) classSizes[c] * partSizes[p];
                a[c][p] = (int) (prod / n);
                frac[c][p] = prod % n != 0;
                rowNeed[c] -= a[c][p];
                colNeed[p] -= a[c][p];
            }
        }
        // bipartite flow: source -> class (rowNeed) -> part (1 per fractional cell) -> sink (colNeed)
        boolean[][] used = new boolean[k][parts];
        int[] colFlow = new int[parts];
        int[] rowFlow = new int[k];
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int c0 = 0; c0 < k; c0++) {
                if (rowFlow[c0] < rowNeed[c0] && augment(c0, frac, used, rowFlow, colFlow, colNeed, k, parts)) {
                    progress = true;
                }
            }
        }
        for (int c = 0; c < k; c++) {
            if (rowFlow[c] != rowNeed[c]) {
                throw new IllegalStateException("controlled rounding failed for class " + c);
            }
            for (int p = 0; p < parts; p++) {
                if (used[c][p]) {
                    a[c][p]++;
                }
            }
        }
        return a;
    }

    /** BFS for an augmenting path from class {@code c0} in the residual graph. */
    private static boolean augment(int c0, boolean[][] frac, boolean[][] used, int[] rowFlow, int[] colFlow, int[] colNeed,
            int k, int parts) {
        // nodes: classes 0..k-1, parts k..k+parts-1
        int[] prev = new int[k + parts];
        Arrays.fill(prev, -2);
        prev[c0] = -1;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(c0);
        while (!queue.isEmpty()) {
            int u = queue.poll();
            if (u < k) {
                for (int p = 0; p < parts; p++) {
                    int node = k + p;
                    if (frac[u][p] && !used[u][p] && prev[node] == -2) {
                        prev[node] = u;
                        if (colFlow[p] < colNeed[p]) {
                            // augment along the path
                            int cur = node;
                            while (prev[cur] != -1) {
                                int from = prev[cur];
                                if (cur >= k) {
                                    used[from][cur - k] = true; // class from -> part cur
                                } else {
                                    used[cur][from - k] = false; // undo part from -> class cur
                                }
                                cur = from;
                            }
                            colFlow[p]++;
                            rowFlow[c0]++;
                            return true;
                        }
                        queue.add(node);
                    }
                }
            } else {
                int p = u - k;
                for (int c = 0; c < k; c++) {
                    if (used[c][p] && prev[c] == -2) {
                        prev[c] = u;
                        queue.add(c);
                    }
                }
            }
        }
        return false;
    }
}
