package dev.otasim.engine.micropython;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without the VM, the MicroPython engine says exactly how to get it. */
class WasmArtifactTest {
  @Test
  void aMissingVmSaysHowToFetchIt(@TempDir Path dir) {
    Path path = dir.resolve("micropython.wasm");
    assertThatThrownBy(() -> WasmArtifact.read(path))
        .isInstanceOf(WasmArtifact.MissingWasmException.class)
        .hasMessage(
            "the MicroPython engine needs the MicroPython VM"
                + " (@micropython/micropython-webassembly-pyscript@1.27.0's micropython.wasm), and "
                + path
                + " does not exist. Fetch it with: scripts/fetch-micropython-wasm (needs npm), or"
                + " point -Dotasim.micropython.wasm=PATH or the environment variable"
                + " OTASIM_MICROPYTHON_WASM at a copy of micropython.wasm.");
  }

  @Test
  void anotherWasmIsRefused(@TempDir Path dir) throws Exception {
    Path path = Files.write(dir.resolve("micropython.wasm"), new byte[] {0, 'a', 's', 'm'});
    assertThatThrownBy(() -> WasmArtifact.read(path))
        .isInstanceOf(WasmArtifact.MissingWasmException.class)
        .hasMessage(
            path
                + " is not @micropython/micropython-webassembly-pyscript@1.27.0's micropython.wasm"
                + " (SHA-256 cd5d4935a48c0672cb06407bb443bc0087aff947c6b864bac886982c73b3027f,"
                + " expected 06338c955b03c5700aa0069015d3e392d76836ef8e2ce25bedbe59b88ccd373c)."
                + " Fetch the pinned one with: scripts/fetch-micropython-wasm");
  }
}
