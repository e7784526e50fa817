package io.switchboard.proxy.cli;

import io.switchboard.conf.RecordingsConfig;
import io.switchboard.conf.SwitchboardConfig;
import io.switchboard.proxy.server.StoresFactory;
import io.switchboard.recordings.files.RecordingFiles;
import io.switchboard.recordings.importer.ImportResult;
import io.switchboard.recordings.importer.RecordingImporter;
import io.switchboard.storage.Stores;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard recordings import DIR}: the bulk back-fill Scalelite does with {@code scalelite_batch_import.sh}.
 * Each {@code *.tar} of DIR (as {@code scalelite_post_publish.rb} writes them) is handed to the running Switchboard
 * through its spool, exactly as a BBB server hands one over, and followed until it is imported or refused; with
 * {@code --direct} the tarballs are imported by this process into the recording trees (and the PostgreSQL index when
 * DATABASE_URL is set), for a back-fill while Switchboard is stopped. DIR itself is never changed.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Import a directory of recording tarballs, with a progress bar and a summary of failures.")
public final class ImportCommand implements Callable<Integer> {
  private static final Duration POLL = Duration.ofMillis(200);

  @ParentCommand
  private RecordingsCommand recordings;

  @Spec
  private CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "Directory holding <recordID>.tar files.")
  private Path directory;

  @Option(names = "--direct", description = "Import in this process instead of through a running Switchboard's spool.")
  private boolean direct;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
      description = "Give up when the running Switchboard has imported nothing for this long (default: ${DEFAULT-VALUE}).")
  private long timeoutSeconds;

  @Override
  public Integer call() throws IOException, InterruptedException {
    SwitchboardConfig config = recordings.main().config();
    PrintWriter err = spec.commandLine().getErr();
    if (!config.recordings().enabled()) {
      err.println("switchboard: recordings are disabled (RECORDING_DISABLED); nothing imported");
      return 1;
    }
    if (!Files.isDirectory(directory)) {
      err.println("switchboard: " + directory + " is not a directory");
      return 1;
    }
    List<Path> tarballs = tarballs(directory);
    if (tarballs.isEmpty()) {
      err.println("switchboard: no *.tar files in " + directory);
      return 1;
    }
    Progress progress = new Progress(tarballs.size(), err);
    Map<String, String> failures = direct
        ? importDirectly(config, tarballs, progress)
        : handOff(config.recordings(), tarballs, progress);
    progress.finish();
    int pending = tarballs.size() - progress.done();
    err.printf("imported %d, failed %d%s%n", progress.done() - failures.size(), failures.size(),
        pending > 0 ? ", still waiting " + pending : "");
    failures.forEach((name, reason) -> err.println("  failed " + name + ": " + reason));
    if (pending > 0) {
      err.println("switchboard: nothing was imported from " + config.recordings().spoolDir() + " for "
          + timeoutSeconds + " s; is Switchboard running with recordings enabled? (or use --direct while it is stopped)");
    }
    return failures.isEmpty() && pending == 0 ? 0 : 1;
  }

  private static List<Path> tarballs(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".tar") && Files.isRegularFile(file))
          .filter(file -> !file.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    }
  }

  /**
   * Imports into the trees and, with DATABASE_URL, into the shared index; without it the index is Switchboard's own
   * and it rebuilds it from the trees when it starts.
   */
  private static Map<String, String> importDirectly(SwitchboardConfig switchboard, List<Path> tarballs,
      Progress progress) throws IOException {
    RecordingsConfig config = switchboard.recordings();
    Map<String, String> failures = new LinkedHashMap<>();
    Files.createDirectories(config.workDir());
    try (Stores stores = StoresFactory.open(switchboard, Clock.systemUTC());
        RecordingImporter importer = new RecordingImporter(config, stores.recordings(), new RecordingFiles(config),
            recording -> { }, Clock.systemUTC())) {
      for (Path tarball : tarballs) {
        // The importer consumes what it imports; work on a copy so DIR stays as it was.
        Path copy = config.workDir().resolve(tarball.getFileName());
        Files.copy(tarball, copy, StandardCopyOption.REPLACE_EXISTING);
        if (importer.blockingImport(copy) instanceof ImportResult.Failed failed) {
          failures.put(tarball.getFileName().toString(), failed.reason());
        }
        Files.deleteIfExists(copy);
        progress.advance();
      }
    }
    return failures;
  }

  private Map<String, String> handOff(RecordingsConfig config, List<Path> tarballs, Progress progress)
      throws IOException, InterruptedException {
    Files.createDirectories(config.spoolDir());
    List<String> pending = new ArrayList<>();
    long handedOffAt = System.currentTimeMillis();
    for (Path tarball : tarballs) {
      String name = tarball.getFileName().toString();
      // Written under a dot name and renamed, as rsync does, so the importer never reads a partial tarball.
      Path partial = config.spoolDir().resolve("." + name + ".partial");
      Files.copy(tarball, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(partial, config.spoolDir().resolve(name), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      pending.add(name);
    }
    Map<String, String> failures = new LinkedHashMap<>();
    long lastProgress = System.nanoTime();
    while (!pending.isEmpty() && System.nanoTime() - lastProgress < Duration.ofSeconds(timeoutSeconds).toNanos()) {
      Thread.sleep(POLL.toMillis());
      for (String name : List.copyOf(pending)) {
        if (Files.exists(config.spoolDir().resolve(name))) {
          continue;
        }
        Path reason = config.failedDir().resolve(name + ".reason");
        if (Files.exists(reason) && Files.getLastModifiedTime(reason).toMillis() >= handedOffAt - 1000) {
          failures.put(name, reasonText(reason));
        }
        pending.remove(name);
        progress.advance();
        lastProgress = System.nanoTime();
      }
    }
    return failures;
  }

  /** The reason the importer wrote, without its leading timestamp. */
  private static String reasonText(Path reasonFile) throws IOException {
    String text = Files.readString(reasonFile).strip();
    int space = text.indexOf(' ');
    return space < 0 ? text : text.substring(space + 1);
  }

  /** A one-line progress bar on a terminal; a line per tenth of the work otherwise (logs, pipes). */
  private static final class Progress {
    private static final int WIDTH = 30;
    private final int total;
    private final PrintWriter out;
    private final boolean terminal = System.console() != null;
    private int done;

    Progress(int total, PrintWriter out) {
      this.total = total;
      this.out = out;
      draw();
    }

    void advance() {
      done++;
      if (terminal || done == total || done % Math.max(1, total / 10) == 0) {
        draw();
      }
    }

    int done() {
      return done;
    }

    void finish() {
      if (terminal) {
        out.println();
      }
    }

    private void draw() {
      int filled = total == 0 ? WIDTH : done * WIDTH / total;
      String bar = "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total;
      if (terminal) {
        out.print("\r" + bar);
      } else {
        out.println(bar);
      }
      out.flush();
    }
  }
}
