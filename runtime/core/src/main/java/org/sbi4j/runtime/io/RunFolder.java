package org.sbi4j.runtime.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.Phases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's output folder, written as one transaction, so that the folder holds the previous complete run or the
 * new complete run, never a mix, whenever and however a run stops.
 *
 * <ul>
 *   <li>{@link #open} checks the folder can be written, takes its {@link OutputLock} (a second writer is refused),
 *       repairs what an interrupted run left (below), and creates the staging folder
 *       {@code .<name>.staging-<pid>} beside it, on the same file system. The job writes everything there.</li>
 *   <li>{@link #commit} renames the previous run aside ({@code .<name>.old-<pid>}), renames the staging folder into
 *       place and deletes the previous run. Nothing of the previous run stays beside the new one.</li>
 *   <li>{@link #close} without a commit deletes the staging folder: the previous run is untouched.</li>
 *   <li>Between the two renames of a commit the folder is briefly absent. A run killed exactly there left a
 *       complete new run in staging; the next {@link #open} moves it into place. Any other staging or old folder
 *       left by a killed run is deleted by the next {@code open} (it holds the lock, so no job owns them).</li>
 *   <li>A run replaces only a folder of sbi4j's own outputs ({@code model.zip}, {@code summary.json},
 *       {@code report.html}, {@code diagnostics.json}, {@code plots/}, a {@code diagnostics/} folder of
 *       {@code sbi4j diagnose}, one folder per observation with {@code samples.csv}, {@code observation.csv},
 *       {@code importance-weights.csv}). A folder that also holds anything else (the user's notes, data) is
 *       refused before any work, with the list of those entries: sbi4j never deletes what it did not write.</li>
 * </ul>
 */
public final class RunFolder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunFolder.class);
    private static final Set<String> OWN_FILES = Set.of("model.zip", "summary.json", "report.html",
            "diagnostics.json", "samples.csv", "observation.csv", "importance-weights.csv");
    private static final Set<String> OWN_PICTURES = Set.of(".png", ".svg");

    private final Path folder;
    private final Path staging;
    private final OutputLock lock;
    private boolean committed;

    private RunFolder(Path folder, Path staging, OutputLock lock) {
        this.folder = folder;
        this.staging = staging;
        this.lock = lock;
    }

    /**
     * Opens a run folder for a new run, before any work.
     *
     * @param folder the run's folder (created on commit when absent)
     * @param option how the user names it, for messages
     * @return the open folder; write into {@link #staging()}, then {@link #commit()}, and always {@link #close()}
     * @throws SbiException a user error when the folder cannot be written, is in use, or holds foreign files
     */
    public static RunFolder open(Path folder, String option) {
        OutputPaths.checkFolder(folder, option);
        Path target = folder.toAbsolutePath().normalize();
        try {
            if (Files.isSymbolicLink(target)) {
                target = target.toRealPath();
            }
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw SbiException.userError("cannot write the output folder " + folder + ": " + OutputPaths.reason(e)
                    + ". Choose another " + option + ".");
        }
        OutputLock lock = OutputLock.acquire(target, option);
        try {
            recoverInterruptedCommit(target);
            deleteLeftovers(target);
            refuseForeignEntries(folder, target, option);
            Path staging = sibling(target, "staging");
            try {
                Files.createDirectory(staging);
            } catch (IOException e) {
                throw SbiException.userError("cannot write the output folder " + folder + ": cannot create "
                        + staging + " (" + OutputPaths.reason(e) + "). Choose another " + option + ".");
            }
            return new RunFolder(target, staging, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The folder the run is written to, until it is committed. */
    public Path staging() {
        return staging;
    }

    /** The run's folder (absolute). */
    public Path folder() {
        return folder;
    }

    /**
     * Puts the staged run in place of the previous one and deletes the previous one.
     *
     * @throws SbiException when a rename fails (the previous run is then put back)
     */
    public void commit() {
        Path old = sibling(folder, "old");
        boolean replacing = Files.exists(folder, LinkOption.NOFOLLOW_LINKS);
        try {
            if (replacing) {
                rename(folder, old);
            }
            Phases.enter("committing");
            try {
                rename(staging, folder);
            } catch (IOException e) {
                if (replacing) {
                    rename(old, folder);
                }
                throw e;
            }
        } catch (IOException e) {
            throw new SbiException(ErrorType.EXTERNAL, "cannot move the finished run from " + staging + " to "
                    + folder + " (" + OutputPaths.reason(e) + "); the previous run is unchanged", e);
        }
        committed = true;
        Phases.enter("committed");
        if (replacing) {
            deleteQuietly(old);
        }
    }

    /** Releases the lock; without a commit the staged files are deleted and the previous run stays as it was. */
    @Override
    public void close() {
        try {
            if (!committed) {
                deleteQuietly(staging);
            }
        } finally {
            lock.close();
        }
    }

    /** A run killed between the two renames of its commit: its complete staging folder goes into place. */
    private static void recoverInterruptedCommit(Path target) {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        for (Leftover old : leftovers(target)) {
            if (!old.kind().equals("old")) {
                continue;
            }
            Path staged = target.resolveSibling("." + target.getFileName() + ".staging-" + old.pid());
            Path restore = Files.isDirectory(staged) ? staged : old.path();
            try {
                rename(restore, target);
                LOG.warn("{}: a run was stopped while moving its results into place; {}", target,
                        restore == staged ? "its complete new run is now in place" : "the previous run is back in place");
            } catch (IOException e) {
                throw new SbiException(ErrorType.EXTERNAL, "cannot repair " + target + " after an interrupted run: "
                        + "move " + restore + " to " + target + " by hand (" + OutputPaths.reason(e) + ")", e);
            }
            return;
        }
    }

    /** Staging and old folders of runs that were killed: no job owns them while the lock is held. */
    private static void deleteLeftovers(Path target) {
        for (Leftover leftover : leftovers(target)) {
            LOG.info("deleting {}, left by an interrupted run", leftover.path());
            deleteQuietly(leftover.path());
        }
    }

    private static void refuseForeignEntries(Path given, Path target, String option) {
        if (!Files.isDirectory(target)) {
            return;
        }
        List<String> foreign = new ArrayList<>();
        try (Stream<Path> entries = Files.list(target)) {
            for (Path entry : (Iterable<Path>) entries.sorted()::iterator) {
                if (!isOwn(entry)) {
                    foreign.add(entry.getFileName().toString() + (Files.isDirectory(entry) ? "/" : ""));
                }
            }
        } catch (IOException e) {
            throw SbiException.userError("cannot read the output folder " + given + " (" + OutputPaths.reason(e)
                    + "). Choose another " + option + ".");
        }
        if (!foreign.isEmpty()) {
            String shown = String.join(", ", foreign.subList(0, Math.min(5, foreign.size())))
                    + (foreign.size() > 5 ? " and " + (foreign.size() - 5) + " more" : "");
            throw SbiException.userError("the output folder " + given + " holds files sbi4j did not write ("
                    + shown + "); a run replaces the whole folder, so it would delete them. Move them elsewhere or "
                    + "choose another " + option + ".");
        }
    }

    /** Whether an entry of a run folder is one of sbi4j's outputs (recursively for folders). */
    private static boolean isOwn(Path entry) throws IOException {
        String name = entry.getFileName().toString();
        if (Files.isSymbolicLink(entry)) {
            return false;
        }
        if (Files.isRegularFile(entry)) {
            return OWN_FILES.contains(name) || entry.getParent().getFileName().toString().equals("plots")
                    && OWN_PICTURES.stream().anyMatch(name::endsWith);
        }
        try (Stream<Path> children = Files.list(entry)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                if (!isOwn(child)) {
                    return false;
                }
            }
        }
        return true;
    }

    private record Leftover(Path path, String kind, String pid) {
    }

    private static List<Leftover> leftovers(Path target) {
        Pattern pattern = Pattern.compile("\\." + Pattern.quote(target.getFileName().toString())
                + "\\.(staging|old)-(\\d+)");
        List<Leftover> found = new ArrayList<>();
        try (Stream<Path> siblings = Files.list(target.getParent())) {
            siblings.sorted().forEach(p -> {
                Matcher m = pattern.matcher(p.getFileName().toString());
                if (m.matches()) {
                    found.add(new Leftover(p, m.group(1), m.group(2)));
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot look for leftovers of interrupted runs beside {}: {}", target, OutputPaths.reason(e));
        }
        return found;
    }

    private static Path sibling(Path target, String kind) {
        return target.resolveSibling("." + target.getFileName() + "." + kind + "-" + ProcessHandle.current().pid());
    }

    private static void rename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteQuietly(Path tree) {
        if (!Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(tree, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot delete {} ({}); delete it by hand", tree, OutputPaths.reason(e));
        }
    }
}
