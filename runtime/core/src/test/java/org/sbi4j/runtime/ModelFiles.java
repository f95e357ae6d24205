package org.sbi4j.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Test helper: copies a model zip with an edited manifest. */
final class ModelFiles {
    private ModelFiles() {
    }

    static Path rewriteManifest(Path in, Path out, UnaryOperator<String> edit) throws IOException {
        try (InputStream is = Files.newInputStream(in); ZipInputStream zin = new ZipInputStream(is);
             ZipOutputStream zout = new ZipOutputStream(Files.newOutputStream(out))) {
            ZipEntry e;
            while ((e = zin.getNextEntry()) != null) {
                byte[] bytes = zin.readAllBytes();
                if (e.getName().equals("manifest.json")) {
                    bytes = edit.apply(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                zout.putNextEntry(new ZipEntry(e.getName()));
                zout.write(bytes);
                zout.closeEntry();
            }
        }
        return out;
    }
}
