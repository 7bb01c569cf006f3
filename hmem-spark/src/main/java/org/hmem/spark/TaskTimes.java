package org.hmem.spark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;

import scala.jdk.javaapi.CollectionConverters;

/**
 * For the benchmark: where a Spark job's time goes between its submission and its end, from Spark's own task records
 * (milliseconds; the driver and the executors share this machine's clock). Per job, the task that finished last is
 * the one the driver waited for.
 */
final class TaskTimes extends SparkListener {

    /** The phases of one task: launch and finish times, and the executor's deserialising, running, serialising. */
    private record Task(long launch, long deserialize, long run, long serialize, long finish, long resultBytes,
                        long gc) {

        /** What launch → finish holds besides the executor's phases: the launch message, the result's trip. */
        long rest() {
            return finish - launch - deserialize - run - serialize;
        }
    }

    /** One job: its start and end, and its last task. */
    private record Job(long start, long end, Task last) {
    }

    private final Map<Integer, Long> starts = new HashMap<>();
    private final Map<Integer, Integer> stageToJob = new HashMap<>();
    private final Map<Integer, Task> lastTask = new HashMap<>();
    private final List<Job> jobs = new ArrayList<>();

    @Override
    public synchronized void onJobStart(SparkListenerJobStart e) {
        starts.put(e.jobId(), e.time());
        for (Object stage : CollectionConverters.asJava(e.stageIds())) {
            stageToJob.put((Integer) stage, e.jobId());
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd e) {
        Integer job = stageToJob.get(e.stageId());
        TaskInfo info = e.taskInfo();
        TaskMetrics m = e.taskMetrics();
        if (job == null || m == null) {
            return;
        }
        Task last = lastTask.get(job);
        if (last == null || info.finishTime() >= last.finish()) {
            lastTask.put(job, new Task(info.launchTime(), m.executorDeserializeTime(), m.executorRunTime(),
                    m.resultSerializationTime(), info.finishTime(), m.resultSize(), m.jvmGCTime()));
        }
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd e) {
        Long start = starts.remove(e.jobId());
        Task last = lastTask.remove(e.jobId());
        if (start != null && last != null) {
            jobs.add(new Job(start, e.time(), last));
        }
    }

    /** Jobs recorded so far. */
    synchronized int jobs() {
        return jobs.size();
    }

    /**
     * Spark's share of each job (its duration less its last task's running time), as means over blocks of
     * {@code block} jobs from the first on: how it falls while the JIT compiles Spark's per-job code paths.
     */
    synchronized void printShareByBlock(int block, PrintStream out) {
        StringBuilder b = new StringBuilder();
        for (int from = 0; from < jobs.size(); from += block) {
            int to = Math.min(from + block, jobs.size());
            double share = 0;
            for (Job j : jobs.subList(from, to)) {
                share += j.end() - j.start() - j.last().run();
            }
            b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f", share / (to - from)));
        }
        out.printf(Locale.ROOT, "Spark's share of a job (job time - running), mean ms per block of %d jobs: %s%n",
                block, b);
    }

    /** The mean phases of the jobs after the first {@code skip}. */
    synchronized void print(int skip, PrintStream out) {
        List<Job> measured = jobs.subList(Math.min(skip, jobs.size()), jobs.size());
        int n = measured.size();
        if (n == 0) {
            out.println("Spark task times: no job recorded");
            return;
        }
        double toLaunch = 0, deserialize = 0, run = 0, gc = 0, serialize = 0, bytes = 0, rest = 0, after = 0, all = 0;
        for (Job j : measured) {
            Task t = j.last();
            toLaunch += t.launch() - j.start();
            deserialize += t.deserialize();
            run += t.run();
            gc += t.gc();
            serialize += t.serialize();
            bytes += t.resultBytes();
            rest += t.rest();
            after += j.end() - t.finish();
            all += j.end() - j.start();
        }
        out.printf(Locale.ROOT, "Spark task times (last task of each of %d jobs, mean ms): job start to launch "
                + "%.1f, deserialising %.1f, running %.1f (GC %.1f), serialising the result %.1f (%.0f kB), "
                + "launch + these to finish %.1f, finish to job end %.1f; job %.1f%n", n, toLaunch / n,
                deserialize / n, run / n, gc / n, serialize / n, bytes / n / 1e3, rest / n, after / n, all / n);
    }
}
