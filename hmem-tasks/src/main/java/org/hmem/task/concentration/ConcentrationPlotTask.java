package org.hmem.task.concentration;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.hmem.engine.tensor.CarriedState;
import org.hmem.task.concentration.env.Concentration;
import org.hmem.task.concentration.env.ConcentrationConfig;
import org.hmem.task.concentration.env.Deck;
import org.hmem.task.concentration.env.OptimalFlips;
import org.hmem.task.flags.FlagRole;
import org.hmem.task.flags.FlagValues;
import org.hmem.task.plot.Figure;
import org.hmem.task.plot.LinePanel;
import org.hmem.task.plot.MatrixPanel;
import org.hmem.task.plot.RasterPanel;
import org.hmem.task.rl.ActorCritic;
import org.hmem.task.rl.Categorical;
import org.hmem.task.rl.RecurrentCore;
import org.hmem.task.rl.RecurrentPolicy;
import org.hmem.task.rl.SpikingMemoryCore;
import org.hmem.task.train.RunCheckpoint;
import org.hmem.task.train.TrainingFlags;
import org.hmem.task.train.log.CsvScalarWriter;

/**
 * {@code hmem concentration plot}: the learning curve of the checkpoint's run (mean flips of the last 30 games
 * against environment steps, from its {@code scalars.csv}, next to the perfect-memory optimum and a random agent),
 * and one game played by the policy (deterministic, on an evaluation seed) as a strip: per flip the grid before it and
 * the cell chosen, the read-out's spikes (spiking) and the memory after the flip.
 */
public final class ConcentrationPlotTask {

    private ConcentrationPlotTask() {
    }

    public static List<Path> run(FlagValues given, PrintStream out) {
        RunCheckpoint.Loaded ckpt = RunCheckpoint.forPlot(given.get(ConcentrationFlags.CHECKPOINT),
                ConcentrationTask.TASK, out);
        FlagValues v = ckpt == null ? given : given.continuing(ckpt.params(), ckpt.file(),
                Set.of(FlagRole.MODEL, FlagRole.SETTING), Set.of(), true);
        v.validate();
        ConcentrationConfig config = ConcentrationTask.config(v);
        Deck deck = ConcentrationTask.deck(v, config, out);
        RecurrentPolicy<?> policy = ConcentrationPolicies.build(v, config);
        Long seed = v.get(TrainingFlags.SEED);
        policy.initialize(new SplittableRandom(seed != null ? seed : 0));
        if (ckpt != null) {
            RunCheckpoint.loadModel(ckpt, policy);
        }
        Path dir = v.path(ConcentrationFlags.OUT);
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            if (ckpt != null) {
                Path curve = learningCurve(ckpt, config, deck, v.get(ConcentrationFlags.ENV_SEED), dir, out);
                if (curve != null) {
                    files.add(curve);
                }
            }
            files.add(replay(policy, config, deck, v, dir, out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write figures to " + dir + ": " + e.getMessage(), e);
        }
        for (Path f : files) {
            out.println("=> wrote " + f);
        }
        return files;
    }

    /** The run's mean game length against env steps; null (with a note) when the run was not logged. */
    private static Path learningCurve(RunCheckpoint.Loaded ckpt, ConcentrationConfig config, Deck deck, long envSeed,
                                      Path dir, PrintStream out) throws IOException {
        String logDir = ckpt.metadata().getOrDefault("log_dir", "");
        Path csv = logDir.isEmpty() ? null : Path.of(logDir).resolve(CsvScalarWriter.SCALARS_FILE);
        if (csv == null || !Files.isRegularFile(csv)) {
            out.println("note: no learning curve: the run was not logged (train with --logging)"
                    + (csv == null ? "" : "; " + csv + " is missing"));
            return null;
        }
        TreeMap<Long, Double> flips = new TreeMap<>(), envSteps = new TreeMap<>();
        for (String line : Files.readAllLines(csv)) {
            String[] f = line.split(",");
            if (f.length != 4 || f[0].equals("wall_time")) {
                continue;
            }
            if (f[2].equals("Info/steps")) {
                flips.put(Long.parseLong(f[1]), Double.parseDouble(f[3]));
            } else if (f[2].equals("Info/env_steps")) {
                envSteps.put(Long.parseLong(f[1]), Double.parseDouble(f[3]));
            }
        }
        double[] x = new double[flips.size()], y = new double[flips.size()];
        int k = 0;
        for (var e : flips.entrySet()) {
            x[k] = envSteps.getOrDefault(e.getKey(), (double) e.getKey());
            y[k++] = e.getValue();
        }
        double optimum = OptimalFlips.expectedFlips(config.numCells());
        double random = Evaluation.randomAgent(config, deck, envSeed, 10_000).mean();
        LinePanel panel = new LinePanel("mean flips of the last " + GameLengths.WINDOW + " games",
                envSteps.isEmpty() ? "update" : "environment steps", "flips per game")
                .curve("agent", x, y)
                .horizontal(String.format(Locale.ROOT, "optimum %.2f", optimum), optimum)
                .horizontal(String.format(Locale.ROOT, "random agent %.2f", random), random);
        Path file = dir.resolve("concentration_learning_curve.png");
        Figure.single(panel).savePng(file, 900, 500);
        return file;
    }

    private static <S extends CarriedState> Path replay(RecurrentPolicy<S> policy, ConcentrationConfig config,
                                                        Deck deck, FlagValues v, Path dir, PrintStream out)
            throws IOException {
        Concentration game = new Concentration(config, deck, v.get(ConcentrationFlags.ENV_SEED) + 1);
        int obsSize = config.observationSize(), actions = config.numActions();
        float[] obs = new float[obsSize];
        game.reset(obs, 0);
        RecurrentCore<S> core = policy.core();
        RecurrentCore.Sequence<S> seq = core.newSequence();
        ActorCritic.Tape tape = policy.heads().newTape();
        S state = core.newState();
        float[] mask = {0f}, features = new float[core.outputSize()], logits = new float[actions], value = new float[1];
        int m = core.outputSize(), maxFlips = v.get(ConcentrationFlags.REPLAY_FLIPS);
        List<String> titles = new ArrayList<>();
        List<float[]> rasters = new ArrayList<>(), memories = new ArrayList<>();
        int steps = 0;
        while (!game.done() && titles.size() < maxFlips) {
            String before = String.join("", game.grid());
            seq.forward(obs, 0, mask, 0, 1, state, features, 0);
            seq.copyFinalState(state);
            mask[0] = 1f;
            policy.heads().forward(obs, 0, features, 0, 1, logits, 0, value, 0, tape);
            int a = Categorical.mode(logits, 0, actions);
            if (seq instanceof SpikingMemoryCore.Sequence spiking) {
                SpikingMemoryCore.StepTape t = spiking.tape(0);
                steps = t.reader().steps();
                rasters.add(t.reader().values().spikes().clone());
            }
            memories.add(valueMajor(state.tensors().get(0), m));
            game.step(a, obs, 0);
            titles.add(String.format(Locale.ROOT, "%d: %s -> cell %d", titles.size() + 1, before, a));
        }
        out.printf(Locale.ROOT, "=> replayed game: %d flips%s%n", titles.size(), game.done() ? ""
                : " shown, unfinished");
        int cols = titles.size(), rows = rasters.isEmpty() ? 1 : 2;
        Figure fig = Figure.grid(rows, cols).title("one game (deterministic policy): grid before each flip -> the "
                + "cell flipped");
        for (int k = 0; k < cols; k++) {
            int row = 0;
            if (!rasters.isEmpty()) {
                fig.add(row++, k, new RasterPanel(titles.get(k), rasters.get(k), m, steps)
                        .axisLabels("step", k == 0 ? "read value" : null));
            }
            fig.add(row, k, MatrixPanel.diverging(rasters.isEmpty() ? titles.get(k) : "memory after flip " + (k + 1),
                    memories.get(k), m, m).axisLabels("key", k == 0 ? "value" : null).colorBar(false));
        }
        Path file = dir.resolve("concentration_game.png");
        fig.savePng(file, Math.max(600, 260 * cols), 280 * rows);
        return file;
    }

    /** The engine's key-major memory as the reference's {@code M[i, j]} (value rows, key columns). */
    private static float[] valueMajor(float[] keyMajor, int n) {
        float[] out = new float[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                out[i * n + j] = keyMajor[j * n + i];
            }
        }
        return out;
    }
}
