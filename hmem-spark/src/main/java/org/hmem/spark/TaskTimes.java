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

/**
 * For the benchmark: where a Spark job's time goes between submitting it and its end, from Spark's own task
 * records (milliseconds, wall clock of the driver and executors, which share this machine's clock). Per job, the
 * task that finished last is the one the driver waited for.
 */
final class TaskTimes extends SparkListener {

    /** One job: its start and end, and the last-finishing task's phases. */
    private record Job(long start, long end, long launch, long deserialize, long run, long serialize,
                       long finish, long resultBytes, long gc) {
    }

    private final Map<Integer, Long> starts = new HashMap<>();
    private final Map<Integer, Integer> stageToJob = new HashMap<>();
    private final Map<Integer, long[]> lastTask = new HashMap<>();
    private final List<Job> jobs = new ArrayList<>();

    @Override
    public synchronized void onJobStart(SparkListenerJobStart e) {
        starts.put(e.jobId(), e.time());
        for (Object s : scala.jdk.javaapi.CollectionConverters.asJava(e.stageIds())) {
            stageToJob.put((Integer) s, e.jobId());
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
        long[] last = lastTask.get(job);
        if (last == null || info.finishTime() >= last[5]) {
            lastTask.put(job, new long[] {info.launchTime(), m.executorDeserializeTime(), m.executorRunTime(),
                m.resultSerializationTime(), info.gettingResultTime(), info.finishTime(), m.resultSize(),
                m.jvmGCTime()});
        }
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd e) {
        Long start = starts.remove(e.jobId());
        long[] t = lastTask.remove(e.jobId());
        if (start != null && t != null) {
            jobs.add(new Job(start, e.time(), t[0], t[1], t[2], t[3], t[5], t[6], t[7]));
        }
    }

    synchronized int jobs() {
        return jobs.size();
    }

    /** Mean phases of the jobs after the first {@code skip}, per job. */
    synchronized void print(int skip, PrintStream out) {
        List<Job> measured = jobs.subList(Math.min(skip, jobs.size()), jobs.size());
        int n = measured.size();
        if (n == 0) {
            out.println("Spark task times: no job recorded");
            return;
        }
        double toLaunch = 0, deser = 0, run = 0, ser = 0, after = 0, total = 0, bytes = 0, gc = 0;
        for (Job j : measured) {
            toLaunch += j.launch - j.start;
            deser += j.deserialize;
            run += j.run;
            ser += j.serialize;
            // finish time is when the driver had the result; the rest is the job's end bookkeeping
            after += j.end - j.finish;
            total += j.end - j.start;
            bytes += j.resultBytes;
            gc += j.gc;
        }
        out.printf(Locale.ROOT, "Spark task times (last task of each of %d jobs, mean ms): job start to launch "
                + "%.1f, deserialising %.1f, running %.1f (GC %.1f), serialising the result %.1f (%.0f kB), "
                + "launch + these to finish %.1f, finish to job end %.1f; job %.1f%n", n, toLaunch / n, deser / n,
                run / n, gc / n, ser / n, bytes / n / 1e3,
                measured.stream().mapToLong(j -> j.finish - j.launch - j.deserialize - j.run - j.serialize).sum()
                        / (double) n, after / n, total / n);
    }
}
