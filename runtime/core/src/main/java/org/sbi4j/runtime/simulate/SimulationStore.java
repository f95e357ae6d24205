package org.sbi4j.runtime.simulate;

import static java.util.Objects.requireNonNull;
import static org.sbi4j.runtime.store.EntryChecksums.sha256;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.sbi4j.api.ErrorType;
import org.sbi4j.api.SbiException;
import org.sbi4j.runtime.Json;
import org.sbi4j.runtime.io.AtomicWrite;
import org.sbi4j.runtime.io.OutputLock;
import org.sbi4j.runtime.io.OutputPaths;
import org.sbi4j.runtime.store.Npy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulations on disk, one chunk per seeded batch, so that a long simulation survives a crash and can be extended.
 *
 * <pre>
 * STORE/manifest.json             what the simulations are ({@link StoreIdentity}), counts, SHA-256 of every chunk
 * STORE/batch-000000/theta.npy    the batch's parameters, float64 (rows × parameters)
 *                    x.npy        the data, float64 (rows × data); NaN in the rows of failed runs
 *                    valid.npy    the validity mask, bool (rows)
 *                    sha256       the files' SHA-256 (the format of {@code sha256sum}, so {@code sha256sum -c} checks it)
 * </pre>
 *
 * <p>A chunk is written in a hidden folder beside its place and renamed into place when complete, so a chunk is
 * there whole or not at all. A chunk whose files do not match the checksums recorded for them (in the manifest, or
 * in the chunk's own {@code sha256} for a chunk written after the manifest was last written) is reported with a
 * warning and simulated again. One job at a time writes a store ({@link OutputLock}, beside the folder). Every file
 * depends only on the identity and the batch index, so a store filled in several runs, killed or not, by any backend
 * and any number of threads, is byte for byte the store filled in one run.
 *
 * <p>A disk that fills up fails the job (an external error) without a half-written chunk: the chunk being written is
 * removed, the chunks stored before stay, and a run with space resumes from them. A store in a folder that takes no
 * files (read-only, or full) is opened <em>read-only</em> when it has a manifest: nothing is written, deleted or
 * locked, and a job that needs a batch it lacks (absent, or damaged) is refused, naming the batches and the fix.
 */
public final class SimulationStore implements AutoCloseable {
    /** The manifest's file name. */
    public static final String MANIFEST = "manifest.json";
    /** The value of the manifest's {@code format}. */
    public static final String FORMAT = "sbi4j-simulation-store";
    /** The version of the layout written. */
    public static final int FORMAT_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(SimulationStore.class);
    private static final String OPTION = "store folder (--store, or simulation.store in the config)";
    private static final List<String> FILES = List.of("theta.npy", "x.npy", "valid.npy");
    private static final String SUMS = "sha256";
    private static final Pattern CHUNK = Pattern.compile("batch-(\\d{6,})");
    private static final Pattern SUM_LINE = Pattern.compile("([0-9a-f]{64})  (\\S+)");

    private final Path dir;
    private final StoreIdentity identity;
    /** The lock, or {@code null} for a read-only store. */
    private final OutputLock lock;
    /** Why the folder takes no files, or {@code null} when it does. */
    private final String readOnly;
    private final Disk disk;
    private final Map<Integer, Chunk> chunks = new ConcurrentSkipListMap<>();
    /** Chunks are written one at a time, so that a failed write stops every later one (see {@link #put}). */
    private final Object writes = new Object();
    /** Why a chunk could not be written, once one could not; no chunk is written after it. */
    private IOException writeFailure;

    private SimulationStore(Path dir, StoreIdentity identity, OutputLock lock, String readOnly, Disk disk) {
        this.dir = dir;
        this.identity = identity;
        this.lock = lock;
        this.readOnly = readOnly;
        this.disk = disk;
    }

    /**
     * How the store reaches its disk: the tests' seam for a disk that fills up or takes no files. Every file the
     * store writes goes through {@link #output}.
     */
    interface Disk {
        /** The real disk. */
        Disk REAL = new Disk() {
        };

        /**
         * Checks that a folder takes new files.
         *
         * @param folder the folder
         * @throws IOException when it does not
         */
        default void probe(Path folder) throws IOException {
            Files.delete(Files.createTempFile(folder, ".probe-", ".tmp"));
        }

        /**
         * The stream a file is written through.
         *
         * @param file the file being written
         * @param out the file's stream
         * @return {@code out}, or a stream that fails as a disk would
         */
        default OutputStream output(Path file, OutputStream out) {
            return out;
        }
    }

    /**
     * One stored batch as the manifest lists it.
     *
     * @param batch the batch index
     * @param rows simulations in it
     * @param valid how many succeeded
     * @param sha256 file name → SHA-256 (hex) of {@code theta.npy}, {@code x.npy} and {@code valid.npy}
     */
    public record Chunk(int batch, int rows, int valid, Map<String, String> sha256) {
    }

    /**
     * The content of {@code manifest.json}.
     *
     * @param format always {@link #FORMAT}
     * @param formatVersion the layout's version
     * @param identity what the simulations are
     * @param simulations the simulations stored
     * @param valid how many of them succeeded
     * @param dropped how many failed (kept in the chunks, marked invalid)
     * @param chunks every stored batch, by index
     */
    public record Manifest(String format, int formatVersion, StoreIdentity identity, long simulations, long valid,
                           long dropped, List<Chunk> chunks) {
    }

    /**
     * What a store holds for a job of {@code budget} simulations.
     *
     * @param batches the job's batches
     * @param found batches stored and verified
     * @param missing batches to simulate into the store (absent, damaged, or stored with fewer rows)
     * @param damaged how many of the missing were stored but failed their checksums
     * @param transientBatches batches stored with more rows than the job's last batch has: simulated without storing
     */
    public record Scan(int batches, int found, int[] missing, int damaged, int[] transientBatches) {
    }

    /**
     * Opens a store folder for a job, creating it when absent: takes its lock, checks that the folder takes new
     * files, and refuses a store made for other simulations, naming every difference.
     *
     * @param dir the folder
     * @param identity what the job simulates
     * @return the open store; close it to release the lock
     * @throws SbiException a user error for a store of other simulations or a folder that is not a store, an
     *     external error (exit 1) when the folder cannot be created or written
     */
    public static SimulationStore open(Path dir, StoreIdentity identity) {
        return open(dir, identity, Disk.REAL);
    }

    /**
     * {@link #open(Path, StoreIdentity)} on a given disk.
     *
     * @param dir the folder
     * @param identity what the job simulates
     * @param disk how files are written
     * @return the open store
     */
    static SimulationStore open(Path dir, StoreIdentity identity, Disk disk) {
        requireNonNull(identity, "identity is null");
        Path absolute = dir.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw SbiException.userError("the simulation store " + dir + " is a file; give the " + OPTION
                    + " a folder (a new one is created) or move the file away");
        }
        String readOnly = null;
        try {
            Files.createDirectories(absolute);
            disk.probe(absolute);
        } catch (IOException e) {
            if (!Files.isRegularFile(absolute.resolve(MANIFEST))) {
                throw unwritable(dir, e, "cannot write into it");
            }
            readOnly = OutputPaths.reason(e); // a store to read: nothing is written, so no lock either
            LOG.info("the simulation store {} takes no files ({}): it is read, not written", dir, readOnly);
        }
        OutputLock lock = readOnly == null ? OutputLock.acquire(absolute, OPTION) : null;
        SimulationStore store = new SimulationStore(absolute, identity, lock, readOnly, disk);
        try {
            store.load(dir);
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Whether the store is only read (its folder takes no files). */
    public boolean readOnly() {
        return readOnly != null;
    }

    /** The folder. */
    public Path folder() {
        return dir;
    }

    /** What the store's simulations are. */
    public StoreIdentity identity() {
        return identity;
    }

    private void load(Path shown) {
        Path manifestFile = dir.resolve(MANIFEST);
        List<String> foreign = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".batch-") || name.startsWith("." + MANIFEST) || name.startsWith(".probe-")) {
                    if (readOnly == null) {
                        deleteTree(entry); // what a killed job was writing
                    }
                } else if (!name.equals(MANIFEST) && !CHUNK.matcher(name).matches()) {
                    foreign.add(name);
                }
            }
        } catch (IOException e) {
            throw unwritable(shown, e, "cannot read or tidy it");
        }
        if (!Files.isRegularFile(manifestFile)) {
            if (!foreign.isEmpty() || hasChunks()) {
                throw SbiException.userError("the folder " + shown + " is not a simulation store (it holds "
                        + (foreign.isEmpty() ? "batch folders" : foreign.stream().sorted().limit(3).toList())
                        + " but no " + MANIFEST + "); give the " + OPTION + " an empty or new folder");
            }
            writeManifest();
            return;
        }
        Manifest manifest;
        try {
            manifest = Json.mapper().readValue(manifestFile.toFile(), Manifest.class);
        } catch (JsonProcessingException e) {
            throw SbiException.userError("the " + MANIFEST + " of the simulation store " + shown
                    + " cannot be read (" + e.getOriginalMessage() + "); it was damaged or is not sbi4j's. "
                    + "Move the folder away or give the " + OPTION + " another folder");
        } catch (IOException e) {
            throw unwritable(shown, e, "cannot read its " + MANIFEST);
        }
        if (manifest == null) {
            throw SbiException.userError("the " + MANIFEST + " of the simulation store " + shown + " is empty; "
                    + "it was damaged or is not sbi4j's. "
                    + "Move the folder away or give the " + OPTION + " another folder");
        }
        if (!FORMAT.equals(manifest.format()) || manifest.identity() == null || manifest.chunks() == null) {
            throw SbiException.userError("the folder " + shown + " holds a " + MANIFEST + " that is not a simulation "
                    + "store's; give the " + OPTION + " another folder");
        }
        if (manifest.formatVersion() > FORMAT_VERSION) {
            throw SbiException.userError("the simulation store " + shown + " was written in format "
                    + manifest.formatVersion() + " by a newer sbi4j; this one reads format " + FORMAT_VERSION);
        }
        List<String> differences = normalised(identity).differencesFrom(normalised(manifest.identity()));
        if (!differences.isEmpty()) {
            throw SbiException.userError("the simulation store " + shown + " holds other simulations than this "
                    + "job asks for: " + String.join("; ", differences) + ". A store holds the simulations of one "
                    + "simulator, prior, seed and batch size: give this job another " + OPTION
                    + ", or use the store's values");
        }
        for (Chunk chunk : manifest.chunks()) {
            chunks.put(chunk.batch(), chunk);
        }
    }

    /**
     * Verifies the chunks a job of {@code budget} simulations needs (and any other found in the folder) and says
     * which batches are to be simulated. A chunk that fails its checksums is deleted with a warning.
     *
     * @param budget the job's simulations
     * @return what is there and what is missing
     * @throws SbiException an external error (exit 1) naming the missing batches and the fix when the store is
     *     read-only and lacks batches the job needs
     */
    public Scan scan(int budget) {
        int size = identity.batchSize();
        int batches = (int) ((budget + (long) size - 1) / size);
        Map<Integer, Chunk> recorded = new LinkedHashMap<>(chunks);
        chunks.clear();
        int damaged = 0;
        for (int b : chunkFolders()) {
            Chunk verified = verify(b, recorded.get(b));
            if (verified != null) {
                chunks.put(b, verified);
            } else if (b < batches) {
                damaged++;
            }
        }
        List<Integer> missing = new ArrayList<>();
        List<Integer> transientBatches = new ArrayList<>();
        int found = 0;
        for (int b = 0; b < batches; b++) {
            int rows = rows(b, budget);
            Chunk chunk = chunks.get(b);
            if (chunk == null || chunk.rows() < rows) {
                missing.add(b);
            } else if (chunk.rows() > rows) {
                transientBatches.add(b);
            } else {
                found++;
            }
        }
        if (readOnly != null && !missing.isEmpty()) {
            throw incomplete(budget, batches, missing, damaged);
        }
        return new Scan(batches, found, missing.stream().mapToInt(Integer::intValue).toArray(), damaged,
                transientBatches.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The refusal of a read-only store that lacks batches a job needs. */
    private SbiException incomplete(int budget, int batches, List<Integer> missing, int damaged) {
        long usable = 0;
        for (int b = 0; chunks.containsKey(b); b++) {
            usable += chunks.get(b).rows();
            if (chunks.get(b).rows() < identity.batchSize()) {
                break;
            }
        }
        return new SbiException(ErrorType.EXTERNAL, "the simulation store " + dir + " cannot be written ("
                + readOnly + ") and lacks " + missing.size() + " of the " + batches + " batches of "
                + identity.batchSize() + " simulations this job needs for its budget of " + budget + ": batch"
                + (missing.size() > 1 ? "es " : " ") + ranges(missing) + (damaged > 0 ? " (" + damaged
                + " of them stored but damaged)" : "") + ". Fill it where it can be written ('sbi4j simulate "
                + "--config CONFIG --store " + dir + "' with this config), give the " + OPTION + " a writable "
                + "copy, or lower simulation.budget to " + usable + " (what it holds from its first batch on)");
    }

    /** Batch indices in words: "3, 7-9, 12". */
    static String ranges(List<Integer> sorted) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < sorted.size(); i++) {
            int first = sorted.get(i);
            while (i + 1 < sorted.size() && sorted.get(i + 1) == sorted.get(i) + 1) {
                i++;
            }
            out.append(out.length() > 0 ? ", " : "").append(first);
            if (sorted.get(i) != first) {
                out.append(sorted.get(i) == first + 1 ? ", " : "-").append(sorted.get(i));
            }
        }
        return out.toString();
    }

    /**
     * Writes one batch as a chunk, atomically; thread-safe.
     *
     * @param b the batch index
     * @param batch its parameters and results
     * @throws SbiException an external error (exit 1) when the folder cannot take it (full, not writable)
     */
    public void put(int b, SimulationBackend.Batch batch) {
        if (readOnly != null) {
            throw new SbiException(ErrorType.INTERNAL_ERROR, "batch " + b + " was simulated for the read-only store "
                    + dir);
        }
        int rows = batch.theta().length;
        Map<String, byte[]> files = encode(batch, identity.parameters().size(), identity.data().size());
        Map<String, String> sums = new LinkedHashMap<>();
        StringBuilder sumFile = new StringBuilder();
        files.forEach((name, bytes) -> {
            String sum = sha256(bytes);
            sums.put(name, sum);
            sumFile.append(sum).append("  ").append(name).append('\n');
        });
        Path target = chunkFolder(b);
        Path temp = dir.resolve("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId());
        // one writer at a time (the encoding above runs in parallel): when a write fails (a full disk), its
        // temporary folder is removed before any other thread may start one, and every later put refuses at
        // once, so a job that stops on the failure never leaves another thread's half-written folder behind
        synchronized (writes) {
            if (writeFailure != null) {
                throw unwritable(dir, writeFailure, "cannot store batch " + b + " in it");
            }
            writeChunk(b, batch, files, sumFile, temp, target, rows, sums);
        }
    }

    private void writeChunk(int b, SimulationBackend.Batch batch, Map<String, byte[]> files, StringBuilder sumFile,
                            Path temp, Path target, int rows, Map<String, String> sums) {
        try {
            deleteTree(temp);
            Files.createDirectory(temp);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                write(temp.resolve(file.getKey()), file.getValue());
            }
            write(temp.resolve(SUMS), sumFile.toString().getBytes(StandardCharsets.US_ASCII));
            deleteTree(target);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target);
            }
        } catch (IOException e) {
            writeFailure = e;
            try {
                deleteTree(temp);
            } catch (IOException ignored) {
                // the next job tidies it
            }
            throw unwritable(dir, e, "cannot store batch " + b + " in it");
        }
        int valid = 0;
        for (int i = 0; i < rows; i++) {
            valid += batch.result().isValid(i) ? 1 : 0;
        }
        chunks.put(b, new Chunk(b, rows, valid, sums));
    }

    private void write(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = disk.output(file, Files.newOutputStream(file))) {
            out.write(bytes);
        }
    }

    /**
     * Reads a stored batch, checking it against its recorded checksums.
     *
     * @param b the batch index
     * @return its parameters and results (NaN data in the rows of failed runs)
     * @throws SbiException when the batch is not stored or was damaged since it was checked
     */
    public SimulationBackend.Batch get(int b) {
        Chunk chunk = chunks.get(b);
        if (chunk == null) {
            throw new SbiException(ErrorType.INTERNAL_ERROR, "batch " + b + " is not in the store " + dir);
        }
        try {
            Map<String, byte[]> files = readFiles(chunkFolder(b));
            String problem = checkSums(files, chunk.sha256());
            if (problem != null) {
                throw new SbiException(ErrorType.EXTERNAL, "batch " + b + " of the simulation store " + dir
                        + " changed while this job was reading it (" + problem + "); run the job again");
            }
            return decode(files, chunk.rows());
        } catch (IOException e) {
            throw new SbiException(ErrorType.EXTERNAL, "cannot read batch " + b + " of the simulation store " + dir
                    + ": " + OutputPaths.reason(e), e);
        }
    }

    /**
     * Rewrites {@code manifest.json} (atomically) with every chunk stored now.
     *
     * @throws SbiException an external error (exit 1) when it cannot be written
     */
    public void writeManifest() {
        if (readOnly != null) {
            return;
        }
        long simulations = 0;
        long valid = 0;
        List<Chunk> list = new ArrayList<>(chunks.values());
        for (Chunk c : list) {
            simulations += c.rows();
            valid += c.valid();
        }
        Manifest manifest = new Manifest(FORMAT, FORMAT_VERSION, identity, simulations, valid, simulations - valid,
                list);
        try {
            byte[] bytes = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
            Path file = dir.resolve(MANIFEST);
            AtomicWrite.write(file, out -> {
                OutputStream through = disk.output(file, out);
                through.write(bytes);
                through.write('\n');
                through.flush();
            });
        } catch (IOException e) {
            throw unwritable(dir, e, "cannot write its " + MANIFEST);
        }
    }

    /** The chunks stored now, by batch index. */
    public List<Chunk> chunks() {
        return List.copyOf(chunks.values());
    }

    /** Releases the store's lock. */
    @Override
    public void close() {
        if (lock != null) {
            lock.close();
        }
    }

    /** The rows of batch {@code b} in a job of {@code budget} simulations. */
    int rows(int b, int budget) {
        return (int) Math.min(identity.batchSize(), budget - (long) b * identity.batchSize());
    }

    private Path chunkFolder(int b) {
        return dir.resolve(String.format("batch-%06d", b));
    }

    private boolean hasChunks() {
        return !chunkFolders().isEmpty();
    }

    private List<Integer> chunkFolders() {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> CHUNK.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches).map(m -> Integer.parseInt(m.group(1))).sorted().toList();
        } catch (IOException e) {
            throw unwritable(dir, e, "cannot list it");
        }
    }

    /** The chunk checked against its checksums, or {@code null} (with a warning, the chunk deleted) when damaged. */
    private Chunk verify(int b, Chunk recorded) {
        Path folder = chunkFolder(b);
        String problem;
        Chunk chunk = null;
        try {
            Map<String, byte[]> files = readFiles(folder);
            Map<String, String> expected = recorded != null ? recorded.sha256() : sidecar(folder);
            problem = checkSums(files, expected);
            if (problem == null) {
                SimulationBackend.Batch batch = decode(files, -1);
                int rows = batch.theta().length;
                if (rows < 1 || rows > identity.batchSize()) {
                    problem = "it holds " + rows + " rows, more than the batch size";
                } else {
                    chunk = new Chunk(b, rows, rows - batch.result().invalidCount(), expected);
                    if (recorded != null && (recorded.rows() != rows || recorded.valid() != chunk.valid())) {
                        problem = "its row counts differ from the manifest's";
                    }
                }
            }
        } catch (IOException e) {
            problem = e instanceof NoSuchFileException n ? "its file " + Path.of(n.getFile()).getFileName()
                    + " is missing" : e.getMessage();
        }
        if (problem == null) {
            return chunk;
        }
        if (readOnly != null) {
            LOG.warn("batch {} of the read-only simulation store {} is damaged ({})", b, dir, problem);
            return null;
        }
        LOG.warn("batch {} of the simulation store {} is damaged ({}); it is simulated again", b, dir, problem);
        try {
            deleteTree(folder);
        } catch (IOException e) {
            throw unwritable(dir, e, "cannot delete its damaged batch " + b);
        }
        return null;
    }

    private static Map<String, String> sidecar(Path folder) throws IOException {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String line : Files.readAllLines(folder.resolve(SUMS), StandardCharsets.US_ASCII)) {
            Matcher m = SUM_LINE.matcher(line);
            if (m.matches()) {
                sums.put(m.group(2), m.group(1));
            }
        }
        return sums;
    }

    private static Map<String, byte[]> readFiles(Path folder) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : FILES) {
            files.put(name, Files.readAllBytes(folder.resolve(name)));
        }
        return files;
    }

    /** The first file whose checksum differs from the expected one, in words; {@code null} when all match. */
    private static String checkSums(Map<String, byte[]> files, Map<String, String> expected) {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String sum = expected == null ? null : expected.get(file.getKey());
            if (sum == null) {
                return "no checksum is recorded for " + file.getKey();
            }
            if (!sum.equalsIgnoreCase(sha256(file.getValue()))) {
                return file.getKey() + " does not match its SHA-256 checksum";
            }
        }
        return null;
    }

    private static Map<String, byte[]> encode(SimulationBackend.Batch batch, int d, int k) {
        int rows = batch.theta().length;
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(FILES.get(0), Npy.encode(batch.thetaValues(), rows, d));
        files.put(FILES.get(1), Npy.encode(batch.dataValues(k), rows, k));
        files.put(FILES.get(2), Npy.encode(batch.validity(), rows));
        return files;
    }

    /** Decodes a chunk's files, checking their shapes; {@code rows} &lt; 0 accepts any row count. */
    private SimulationBackend.Batch decode(Map<String, byte[]> files, int rows) throws IOException {
        int d = identity.parameters().size();
        int k = identity.data().size();
        Npy.Array theta = Npy.decode(files.get(FILES.get(0)));
        Npy.Array x = Npy.decode(files.get(FILES.get(1)));
        Npy.Booleans valid = Npy.decodeBooleans(files.get(FILES.get(2)));
        int n = valid.values().length;
        if (valid.shape().length != 1 || !Arrays.equals(theta.shape(), new int[] {n, d})
                || !Arrays.equals(x.shape(), new int[] {n, k}) || (rows >= 0 && n != rows)) {
            throw new IOException("its arrays have shapes " + Arrays.toString(theta.shape()) + ", "
                    + Arrays.toString(x.shape()) + " and " + Arrays.toString(valid.shape()) + ", expected [rows, "
                    + d + "], [rows, " + k + "] and [rows]");
        }
        return SimulationBackend.Batch.of(theta.values(), x.values(), valid.values());
    }

    /** The identity as JSON reads it back, so that numbers compare by value whatever their Java type. */
    private static StoreIdentity normalised(StoreIdentity identity) {
        try {
            JsonNode tree = Json.mapper().readTree(Json.mapper().writeValueAsString(identity));
            return Json.mapper().treeToValue(tree, StoreIdentity.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a store identity", e);
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static SbiException unwritable(Path dir, IOException e, String what) {
        return new SbiException(ErrorType.EXTERNAL, "the simulation store " + dir + ": " + what + " ("
                + OutputPaths.reason(e) + "). Make the folder writable and free space on its disk, or give the "
                + OPTION + " another folder; the batches stored so far are kept and a re-run resumes from them", e);
    }
}
