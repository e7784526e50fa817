package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where this JVM's CPU time went during a phase, by thread group, from Linux's {@code /proc/self/task/<tid>/schedstat}
 * (time on a CPU, in nanoseconds), so GC and JIT compiler threads count too; the total is their sum, so a thread that
 * ended during the phase is not counted (the report says how many did). A group is a thread's
 * name ({@code comm}: the Java name cut to 15 characters) with its numbers removed, e.g. {@code HttpClient-Wo} for
 * {@code HttpClient-1-Worker-3}. Without {@code /proc}, the report says so.
 */
final class CpuAccount {
  private static final Path TASKS = Path.of("/proc/self/task");

  private final Map<String, Long> startNanosByThread; // nanoseconds, by tid
  private final long startNanos;

  private CpuAccount() {
    this.startNanosByThread = threadCpuNanos(new HashMap<>());
    this.startNanos = System.nanoTime();
  }

  static CpuAccount start() {
    return new CpuAccount();
  }

  /**
   * {@code JVM 1.85 cores, 912 µs/request: HttpClient-Wo 41 %, …}: the process's CPU over the phase, per request, and
   * the share of each thread group of at least 2 %.
   */
  String report(int requests) {
    long wall = System.nanoTime() - startNanos;
    Map<String, String> names = new HashMap<>();
    Map<String, Long> now = threadCpuNanos(names);
    Map<String, Long> byGroup = new HashMap<>();
    long counted = 0;
    for (Map.Entry<String, Long> thread : now.entrySet()) {
      long delta = thread.getValue() - startNanosByThread.getOrDefault(thread.getKey(), 0L);
      if (delta > 0) {
        byGroup.merge(group(names.get(thread.getKey())), delta, Long::sum);
        counted += delta;
      }
    }
    if (counted == 0) {
      return "CPU accounting needs /proc/self/task/*/schedstat";
    }
    long total = counted;
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(byGroup.entrySet());
    sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    List<String> parts = new ArrayList<>();
    long small = 0;
    for (Map.Entry<String, Long> entry : sorted) {
      double share = 100.0 * entry.getValue() / total;
      if (share >= 2) {
        parts.add(String.format(Locale.ROOT, "%s %.0f %%", entry.getKey(), share));
      } else {
        small += entry.getValue();
      }
    }
    if (small > 0) {
      parts.add(String.format(Locale.ROOT, "others %.0f %%", 100.0 * small / total));
    }
    long ended = startNanosByThread.keySet().stream().filter(tid -> !now.containsKey(tid)).count();
    if (ended > 0) {
      parts.add(ended + " threads ended during the phase (not counted)");
    }
    double nanos = total;
    return String.format(Locale.ROOT, "JVM %.2f cores, %.0f µs CPU/request: %s", nanos / wall,
        requests == 0 ? 0 : nanos / 1e3 / requests, String.join(", ", parts));
  }

  static String group(String threadName) {
    if (threadName.matches("C[12] CompilerThre.*")) {
      return "JIT compiler";
    }
    if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
      return "GC";
    }
    if (threadName.startsWith("multiThreadIoEv")) {
      return "Switchboard event loops";
    }
    if (threadName.equals("java")) {
      return "main";
    }
    String stripped = threadName.replaceAll("[0-9]+", "").replaceAll("[-_#. ]+", "-").replaceAll("^-|-$", "");
    return stripped.isEmpty() ? threadName : stripped;
  }

  /** Time on a CPU of every live thread in nanoseconds, by tid; fills {@code names} with their comm. */
  private static Map<String, Long> threadCpuNanos(Map<String, String> names) {
    Map<String, Long> cpu = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        try {
          String tid = task.getFileName().toString();
          String name = Files.readString(task.resolve("comm")).trim();
          String schedstat = Files.readString(task.resolve("schedstat")).trim();
          cpu.put(tid, Long.parseLong(schedstat.substring(0, schedstat.indexOf(' '))));
          names.put(tid, name);
        } catch (IOException | RuntimeException ended) {
          // The thread ended while we looked.
        }
      }
    } catch (IOException | RuntimeException unavailable) {
      return Map.of();
    }
    return cpu;
  }
}
