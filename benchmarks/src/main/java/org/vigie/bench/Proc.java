package org.vigie.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux's /proc says about a process and the machine: CPU time in clock ticks, thread names,
 * open sockets. The load generator shares the machine's cores with the server, so CPU is read
 * per process rather than guessed from wall time.
 */
final class Proc {

    /** Clock ticks per second ({@code getconf CLK_TCK}); 100 on every Linux this runs on. */
    static final long CLK_TCK = clockTicks();

    private Proc() {
    }

    /** utime + stime of the process (all its threads, reaped children excluded), in ticks. */
    static long cpuTicks(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (state); utime is field 14, stime field 15.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * CPU time of each live thread of the process in nanoseconds, from /proc/pid/task/ * /schedstat
     * (nanosecond precision, unlike the 10 ms ticks of /proc/pid/stat): for the cost of one request.
     * Per thread, so that a thread ending between two readings does not subtract its whole life.
     * The JIT compiler's threads are left out: compiling is a warm-up cost, not a request's.
     */
    static java.util.Map<Long, Long> threadsCpuNanos(long pid) {
        java.util.Map<Long, Long> threads = new java.util.HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8);
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("schedstat"), StandardCharsets.US_ASCII);
                    threads.put(Long.parseLong(task.getFileName().toString()), Long.parseLong(stat.substring(0, stat.indexOf(' '))));
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the threads of process " + pid, e);
        }
        return threads;
    }

    /** CPU used between two {@link #threadsCpuNanos} readings, by the threads alive at the second. */
    static long cpuNanosBetween(java.util.Map<Long, Long> before, java.util.Map<Long, Long> after) {
        long sum = 0;
        for (var thread : after.entrySet()) {
            sum += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
        }
        return sum;
    }

    /** The machine's CPU time: {busy ticks, total ticks} over all cores since boot (from /proc/stat). */
    static long[] machineTicks() {
        String first = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow();
        String[] f = first.trim().split("\\s+");
        long user = Long.parseLong(f[1]);
        long nice = Long.parseLong(f[2]);
        long system = Long.parseLong(f[3]);
        long idle = Long.parseLong(f[4]);
        long iowait = Long.parseLong(f[5]);
        long irq = Long.parseLong(f[6]);
        long softirq = Long.parseLong(f[7]);
        long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
        long busy = user + nice + system + irq + softirq + steal;
        return new long[] {busy, busy + idle + iowait};
    }

    /** How many threads of the process have a name starting with {@code prefix} (from /proc/pid/task/ * /comm). */
    static int threadsNamed(long pid, String prefix) {
        int count = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).trim();
                    // comm is cut at 15 characters: "executor-thread-123" reads "executor-thread".
                    if (name.startsWith(prefix) || prefix.startsWith(name) && name.length() == 15) {
                        count++;
                    }
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return count;
    }

    /**
     * CPU ticks of the process's JIT compiler threads and of its garbage collector's threads, {jit, gc}
     * (live threads only: compiler threads come and go, so the JIT figure is a lower bound).
     */
    static long[] jitAndGcTicks(long pid) {
        long jit = 0;
        long gc = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    boolean compiler = name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
                    boolean collector = name.startsWith("GC Thread") || name.startsWith("G1 ");
                    if (compiler || collector) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        if (compiler) {
                            jit += ticks;
                        } else {
                            gc += ticks;
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return new long[] {0, 0};
        }
        return new long[] {jit, gc};
    }

    /** Every thread of the process. */
    static int threads(long pid) {
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return (int) tasks.count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Open sockets of the process (file descriptors linking to {@code socket:[…]}). */
    static int sockets(long pid) {
        int count = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
                        count++;
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return count;
    }

    static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm"), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** The executable of the process (to find the matching JDK's jcmd). */
    static Path exe(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe"));
        } catch (IOException e) {
            return null;
        }
    }

    /** The command line's arguments. */
    static java.util.List<String> cmdline(long pid) {
        try {
            String raw = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
            return java.util.List.of(raw.split("\0"));
        } catch (IOException e) {
            return java.util.List.of();
        }
    }

    static String cpuModel() {
        return read(Path.of("/proc/cpuinfo")).lines()
                .filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst().orElse("unknown CPU");
    }

    static long memTotalKb() {
        return read(Path.of("/proc/meminfo")).lines()
                .filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                .findFirst().orElse(0L);
    }

    static double loadAverage1() {
        return Double.parseDouble(read(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + path + " (this benchmark needs Linux's /proc)", e);
        }
    }
}
