package dev.otasim.junit;

import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.device.Engine;
import dev.otasim.github.FakeGitHub;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Creates the device and fake GitHub of {@link OtaSimulatorTest} lazily, per test, and lets JUnit
 * close them through its store.
 */
final class SimulatorExtension implements ParameterResolver, AfterEachCallback {
  private static final Namespace NAMESPACE = Namespace.create(SimulatorExtension.class);

  /**
   * The JUnit configuration parameter (or system property) that runs every {@link OtaSimulatorTest}
   * on one engine, whatever its annotation says: {@code -Dotasim.engine=micropython} runs a suite
   * written for GraalPy on the real VM unchanged.
   */
  static final String ENGINE_PARAMETER = OtaSimulatorTest.ENGINE_PARAMETER;

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Device.class || type == FakeGitHub.class || type == DeviceConfig.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == FakeGitHub.class) {
      return github(context);
    }
    if (type == DeviceConfig.class) {
      return config(context);
    }
    if (type == Device.class) {
      return device(context);
    }
    throw new ParameterResolutionException(
        "@OtaSimulatorTest can only resolve parameters of type Device, FakeGitHub or DeviceConfig"
            + " but was: "
            + type.getName());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    StoredGitHub stored = store(context).get(StoredGitHub.class, StoredGitHub.class);
    if (stored != null && annotation(context).failOnUnexpectedRequests()) {
      stored.github().verify();
    }
  }

  private static FakeGitHub github(ExtensionContext context) {
    return store(context)
        .getOrComputeIfAbsent(
            StoredGitHub.class,
            k -> new StoredGitHub(FakeGitHub.create().start()),
            StoredGitHub.class)
        .github();
  }

  private static Device device(ExtensionContext context) {
    return store(context)
        .getOrComputeIfAbsent(
            Device.class,
            k -> Device.create(config(context)).connect(github(context)),
            Device.class);
  }

  private static DeviceConfig config(ExtensionContext context) {
    return store(context)
        .getOrComputeIfAbsent(
            DeviceConfig.class,
            k -> configFrom(annotation(context), engineParameter(context)),
            DeviceConfig.class);
  }

  /** The engine the configuration parameter names, if it is set. */
  private static Optional<Engine> engineParameter(ExtensionContext context) {
    Optional<String> value = context.getConfigurationParameter(ENGINE_PARAMETER);
    if (value.isEmpty() || value.get().isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Engine.parse(value.get().strip()));
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(
          "the configuration parameter "
              + ENGINE_PARAMETER
              + " is misconfigured: "
              + e.getMessage()
              + ", or leave it unset for each test's own",
          e);
    }
  }

  static DeviceConfig configFrom(OtaSimulatorTest a, Optional<Engine> engine) {
    DeviceConfig.Builder b = DeviceConfig.builder();
    try {
      if (!a.firmware().isEmpty()) {
        b.setFirmware(a.firmware());
      }
      if (a.flashBlocks() != 0) {
        b.setFlashBlocks(a.flashBlocks());
      }
      if (a.heapBytes() != 0) {
        b.setHeapBytes(a.heapBytes());
      }
      b.setEngine(engine.orElse(a.engine()));
      if (a.bootTimeLimitMillis() != 0) {
        b.setBootTimeLimit(Duration.ofMillis(a.bootTimeLimitMillis()));
      }
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(
          "@OtaSimulatorTest is misconfigured: " + e.getMessage(), e);
    }
    return b.build();
  }

  private static OtaSimulatorTest annotation(ExtensionContext context) {
    // The nearest annotation wins: the method's, then its class's, then enclosing classes'.
    for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
      Optional<OtaSimulatorTest> found =
          c.getElement().flatMap(e -> AnnotationSupport.findAnnotation(e, OtaSimulatorTest.class));
      if (found.isPresent()) {
        return found.get();
      }
    }
    throw new ExtensionConfigurationException(
        "SimulatorExtension is registered without @OtaSimulatorTest; annotate the test"
            + " class or method with @OtaSimulatorTest instead of @ExtendWith");
  }

  private static ExtensionContext.Store store(ExtensionContext context) {
    return context.getStore(NAMESPACE);
  }

  /** Holds the fake GitHub so the store closes it (it stops the server) after the test. */
  private record StoredGitHub(FakeGitHub github) implements AutoCloseable {
    @Override
    public void close() {
      github.close();
    }
  }
}
