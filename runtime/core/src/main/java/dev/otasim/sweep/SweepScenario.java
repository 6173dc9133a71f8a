package dev.otasim.sweep;

import dev.otasim.device.Device;
import dev.otasim.github.FakeGitHub;

/**
 * One fresh run of a scenario for the power-cut sweep: a device with its starting flash, already
 * connected to its own fake GitHub. The sweep asks for a new one for every cut point and closes it
 * afterwards, so no state leaks between runs.
 */
public interface SweepScenario extends AutoCloseable {
  /** The device, powered off, with the scenario's starting flash. */
  Device device();

  /** The fake GitHub the device is connected to, started. */
  FakeGitHub github();

  /** Releases what the scenario started (its fake GitHub). */
  @Override
  default void close() {}
}
