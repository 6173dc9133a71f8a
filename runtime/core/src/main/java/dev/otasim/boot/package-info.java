/**
 * The boot, below both engines: {@link dev.otasim.boot.Boot}, the one boot skeleton (serial
 * console, {@code boot.py} then {@code main.py}, the prompt, the time limit, how the boot ended),
 * and {@link dev.otasim.boot.BootEngine}, the small interface an engine implements for it (open a
 * VM, load the board's modules, run a file, interrupt, halt, the board's stop). The run-result
 * protocol ({@link dev.otasim.boot.RunResult}) and the {@code _host} names the shims rely on are
 * docs/shim-contract.md. Imports only {@code stubs}; the engines ({@code engine.graalpy}, {@code
 * engine.micropython}) and the façade ({@code device}) import it, never the other way.
 */
package dev.otasim.boot;
