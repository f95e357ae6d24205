package org.sbi4j.runtime.io;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sbi4j.api.SbiException;

class TestOutputGuard {
    @TempDir
    Path dir;

    private List<OutputGuard.Input> model() {
        return List.of(new OutputGuard.Input("the model (--model)", dir.resolve("m.zip")));
    }

    @Test
    void refusesAnOutputFileThatIsAnInputUnderAnotherSpelling() throws IOException {
        Files.writeString(dir.resolve("m.zip"), "model");
        Files.createDirectories(dir.resolve("sub"));
        assertThatThrownBy(() -> OutputGuard.refuseFile(dir.resolve("sub/../m.zip"), "--out", model()))
                .isInstanceOf(SbiException.class)
                .hasMessageContaining("--out " + dir.resolve("sub/../m.zip") + " is the model (--model)")
                .hasMessageContaining("Choose another --out path");
        Path link = Files.createSymbolicLink(dir.resolve("link.zip"), dir.resolve("m.zip"));
        assertThatThrownBy(() -> OutputGuard.refuseFile(link, "--out", model())).hasMessageContaining("is the model");
        Path hard = Files.createLink(dir.resolve("hard.zip"), dir.resolve("m.zip"));
        assertThatThrownBy(() -> OutputGuard.refuseFile(hard, "--out", model())).hasMessageContaining("is the model");
        assertThatCode(() -> OutputGuard.refuseFile(dir.resolve("s.csv"), "--out", model())).doesNotThrowAnyException();
    }

    @Test
    void seesThroughALinkedFolderToAFileThatDoesNotExistYet() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path linked = Files.createSymbolicLink(dir.resolve("linked"), real);
        List<OutputGuard.Input> inputs = List.of(new OutputGuard.Input("the config (--config)", real.resolve("c.yaml")));
        assertThatThrownBy(() -> OutputGuard.refuseFile(linked.resolve("c.yaml"), "--out", inputs))
                .hasMessageContaining("is the config (--config)");
    }

    @Test
    void refusesAnOutputFolderThatHoldsOrIsAnInput() throws IOException {
        Path config = Files.writeString(Files.createDirectories(dir.resolve("run")).resolve("c.yaml"), "x: 1");
        List<OutputGuard.Input> inputs = List.of(new OutputGuard.Input("the config (--config)", config));
        assertThatThrownBy(() -> OutputGuard.refuseFolder(dir.resolve("run"), "--out", inputs))
                .hasMessageContaining("the output folder " + dir.resolve("run") + " (--out) holds the config (--config) "
                        + config)
                .hasMessageContaining("Choose another --out folder, or move the input out of it");
        assertThatThrownBy(() -> OutputGuard.refuseFolder(dir, "output", inputs)).hasMessageContaining("(output) holds");
        assertThatThrownBy(() -> OutputGuard.refuseFolder(config, "--out", inputs)).hasMessageContaining("holds");
        assertThatCode(() -> OutputGuard.refuseFolder(dir.resolve("runner"), "--out", inputs)).doesNotThrowAnyException();
        assertThatCode(() -> OutputGuard.refuseFolder(dir.resolve("run/out"), "--out", inputs)).doesNotThrowAnyException();
    }
}
