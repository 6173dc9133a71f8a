package dev.otasim.scenario;

import dev.otasim.device.Device;
import dev.otasim.device.DeviceConfig;
import dev.otasim.github.FakeGitHub;
import dev.otasim.sweep.SweepScenario;
import java.util.function.Consumer;

/**
 * What every scenario is made of: a fake GitHub with the releases published, started, and a device
 * connected to it with its starting flash. Closing the scenario stops the fake GitHub. Subclasses
 * say only what to publish and what to flash.
 */
public abstract class BoardScenario implements SweepScenario {
  private final FakeGitHub github;
  private final Device device;

  /**
   * Builds the scenario.
   *
   * @param publish adds the repository and its releases to the fake GitHub before it starts
   * @param config the device's configuration
   * @param flash puts the starting files onto the connected device (and its Wi-Fi)
   */
  protected BoardScenario(
      Consumer<FakeGitHub> publish, DeviceConfig config, Consumer<Device> flash) {
    this.github = FakeGitHub.create();
    publish.accept(github);
    github.start();
    this.device = Device.create(config).connect(github);
    flash.accept(device);
  }

  /** The device, powered off, with the scenario's starting flash. */
  @Override
  public final Device device() {
    return device;
  }

  /** The fake GitHub the device is connected to, started. */
  @Override
  public final FakeGitHub github() {
    return github;
  }

  @Override
  public void close() {
    github.close();
  }
}
