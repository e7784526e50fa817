package io.switchboard.recordings.files;

import static java.util.Objects.requireNonNull;

import io.switchboard.conf.RecordingsConfig;
import io.switchboard.conf.TenantsConfig;
import io.switchboard.recordings.tenants.TenantLookup;
import io.switchboard.storage.Tenant;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The published and unpublished recording trees, {@code <tree>/<format>/<recordId>/…} (spec §9.3, §9.5, §9.9):
 * publishRecordings moves a recording's format directories from one tree to the other and deleteRecordings removes
 * them from both (Scalelite leaves the unpublished copy behind). Besides the global pair, tenants listed in
 * {@code tenants.recordings-dirs} have a pair of their own (Scalelite #1182); {@link #placement} tells which trees a
 * recording of a tenant lives in. Every method that touches the disk is named {@code blocking*}: callers run it on a
 * blocking executor, never on an event loop. A record id must consist of letters, digits and {@code -} (BBB's
 * alphabet), so no argument can name a path outside the trees, deletion never follows a symbolic link, and calls on
 * one recording run one after the other.
 */
public final class RecordingFiles {
  private static final Pattern RECORD_ID = Pattern.compile("[A-Za-z0-9-]+");
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]+");

  private final RecordingTrees global;
  /** The tenants' own trees, by tenant name. */
  private final Map<String, RecordingTrees> tenantTrees;
  private final @Nullable TenantLookup tenants;
  private final RecordLocks locks = new RecordLocks();

  /** Every recording in the global trees. */
  public RecordingFiles(RecordingsConfig config) {
    requireNonNull(config, "config");
    this.global = new RecordingTrees(config.publishDir(), config.unpublishDir());
    this.tenantTrees = Map.of();
    this.tenants = null;
  }

  /** The global trees, and the trees of the tenants of {@code tenantsConfig}, found by id through {@code tenants}. */
  public RecordingFiles(RecordingsConfig config, TenantsConfig tenantsConfig, TenantLookup tenants) {
    requireNonNull(config, "config");
    requireNonNull(tenantsConfig, "tenantsConfig");
    this.global = new RecordingTrees(config.publishDir(), config.unpublishDir());
    this.tenantTrees = tenantsConfig.recordingsDirs().entrySet().stream().collect(Collectors.toUnmodifiableMap(
        Map.Entry::getKey, entry -> RecordingTrees.inside(entry.getValue())));
    this.tenants = requireNonNull(tenants, "tenants");
  }

  public Path publishDir() {
    return global.publishDir();
  }

  public Path unpublishDir() {
    return global.unpublishDir();
  }

  /** The global trees, then every tenant's own, by tenant name: all the trees recordings can be in. */
  public List<RecordingTrees> allTrees() {
    List<RecordingTrees> all = new ArrayList<>();
    all.add(global);
    all.addAll(new TreeMap<>(tenantTrees).values());
    return all;
  }

  /**
   * Where the recordings of the tenant with id {@code tenantId} ({@code ""} for none, a recording's
   * {@code tenant-id}) live: its own trees, then the global ones, when its name has a recordings directory; else the
   * global trees alone (no tenant, an unknown one, or one without a directory). Never blocks; fails when the tenant
   * store does.
   */
  public CompletionStage<Placement> placement(String tenantId) {
    requireNonNull(tenantId, "tenantId");
    if (tenantId.isEmpty() || tenants == null || tenantTrees.isEmpty()) {
      return CompletableFuture.completedStage(Placement.of(global));
    }
    return tenants.byId(tenantId).thenApply(tenant -> tenant.map(Tenant::name)
        .map(tenantTrees::get)
        .map(own -> new Placement(List.of(own, global)))
        .orElseGet(() -> Placement.of(global)));
  }

  /**
   * Moves every {@code <format>/<recordId>} directory into the published ({@code publish}) or the unpublished tree
   * of the pair it is in (spec §9.3): a format already only in the target is left alone, one in both trees loses its
   * copy in the other tree, one only in the other tree is moved ({@code <target>/<format>} created as needed).
   *
   * @throws NoSuchFileException when no tree of {@code placement} holds a directory of the recording
   * @throws IllegalArgumentException when {@code recordId} is not a BBB record id
   */
  public void blockingPublish(Placement placement, String recordId, boolean publish) throws IOException {
    requireNonNull(placement, "placement");
    checkRecordId(recordId);
    synchronized (locks.of(recordId)) {
      boolean found = false;
      for (RecordingTrees trees : placement.trees()) {
        Path target = trees.tree(publish);
        Path current = trees.tree(!publish);
        SortedSet<String> formats = formatsHolding(trees, recordId);
        found |= !formats.isEmpty();
        for (String format : formats) {
          Path from = current.resolve(format).resolve(recordId);
          Path to = target.resolve(format).resolve(recordId);
          boolean inCurrent = Files.exists(from, LinkOption.NOFOLLOW_LINKS);
          boolean inTarget = Files.exists(to, LinkOption.NOFOLLOW_LINKS);
          if (inCurrent && inTarget) {
            Trees.delete(from);
          } else if (inCurrent) {
            Files.createDirectories(to.getParent());
            Trees.move(from, to);
          }
        }
      }
      if (!found) {
        throw new NoSuchFileException(recordId, null, "no <format>/" + recordId + " directory in " + placement);
      }
    }
  }

  /**
   * Removes every {@code <format>/<recordId>} directory of the trees of {@code placement} (spec §9.5); nothing to
   * remove is no error.
   *
   * @throws IllegalArgumentException when {@code recordId} is not a BBB record id
   */
  public void blockingDelete(Placement placement, String recordId) throws IOException {
    requireNonNull(placement, "placement");
    checkRecordId(recordId);
    synchronized (locks.of(recordId)) {
      for (RecordingTrees trees : placement.trees()) {
        for (Path tree : List.of(trees.publishDir(), trees.unpublishDir())) {
          for (String format : formatDirectories(tree)) {
            Path directory = tree.resolve(format).resolve(recordId);
            if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
              Trees.delete(directory);
            }
          }
        }
      }
    }
  }

  /**
   * The directory of one format of the recording: the published copy if there is one, else the unpublished one, in
   * the first pair of {@code placement} holding either; empty when none exists as a real directory (a symbolic link
   * does not count).
   *
   * @throws IllegalArgumentException when {@code recordId} is not a BBB record id or {@code format} not a format name
   */
  public Optional<Path> blockingFormatDirectory(Placement placement, String recordId, String format) {
    requireNonNull(placement, "placement");
    checkRecordId(recordId);
    if (!FORMAT.matcher(requireNonNull(format, "format")).matches()) {
      throw new IllegalArgumentException("format: '" + format + "' (expected: letters, digits, '-' and '_')");
    }
    for (RecordingTrees trees : placement.trees()) {
      for (Path tree : List.of(trees.publishDir(), trees.unpublishDir())) {
        Path directory = tree.resolve(format).resolve(recordId);
        if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
          return Optional.of(directory);
        }
      }
    }
    return Optional.empty();
  }

  /** Disk work on one recording that must not interleave with a publish, a delete or another such work. */
  @FunctionalInterface
  public interface BlockingWork {
    void run() throws IOException;
  }

  /**
   * Runs {@code work} under the recording's lock, so an importer replacing a recording's directories and an API call
   * moving or deleting them take turns.
   */
  public void blockingLocked(String recordId, BlockingWork work) throws IOException {
    synchronized (locks.of(recordId)) {
      work.run();
    }
  }

  /** The lock that serializes the disk work on one recording, for the other classes of this package. */
  Object lockOf(String recordId) {
    return locks.of(recordId);
  }

  static void checkRecordId(String recordId) {
    if (!RECORD_ID.matcher(requireNonNull(recordId, "recordId")).matches()) {
      throw new IllegalArgumentException(
          "recordId: '" + recordId + "' (expected: a record id of letters, digits and '-')");
    }
  }

  private static SortedSet<String> formatsHolding(RecordingTrees trees, String recordId) throws IOException {
    SortedSet<String> formats = new TreeSet<>();
    for (Path tree : List.of(trees.publishDir(), trees.unpublishDir())) {
      for (String format : formatDirectories(tree)) {
        if (Files.exists(tree.resolve(format).resolve(recordId), LinkOption.NOFOLLOW_LINKS)) {
          formats.add(format);
        }
      }
    }
    return formats;
  }

  /** The names of the format directories of {@code tree}; none when the tree does not exist yet. */
  private static SortedSet<String> formatDirectories(Path tree) throws IOException {
    SortedSet<String> formats = new TreeSet<>();
    // A format directory may be a link (operators mount formats separately); nothing below it is ever followed.
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(tree, Files::isDirectory)) {
      for (Path entry : entries) {
        formats.add(entry.getFileName().toString());
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      return formats;
    }
    return formats;
  }
}
