/**
 * The GraalPy engine: {@link dev.otasim.engine.graalpy.GraalPyEngine} boots a board in a sandboxed
 * GraalPy context with otasim's MicroPython dialect; the JVM's one GraalPy engine and its contexts
 * ({@link dev.otasim.engine.graalpy.PythonEngine}, WarmContext, ContextPool), compiled device code
 * (CodeCache), the firmware's modules installed with the bootstrap (ModuleTable), and how device
 * code is stopped (BoardOff) or denied (SandboxDenial). Imports {@code boot} and {@code stubs}; the
 * façade ({@code device}) and {@code lint} import it.
 */
package dev.otasim.engine.graalpy;
