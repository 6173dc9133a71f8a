package dev.otasim.device;

import dev.otasim.stubs.Firmware;
import dev.otasim.stubs.flash.Flash;
import dev.otasim.stubs.ota.Ota;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The immutable configuration of a simulated ESP32: flash size, heap, firmware, and how long a boot
 * may run before it counts as hung.
 *
 * <pre>{@code
 * DeviceConfig config = DeviceConfig.builder().setFlashBlocks(240).setHeapBytes(90_000).build();
 * }</pre>
 */
public final class DeviceConfig {
  private final int flashBlocks;
  private final int heapBytes;
  private final Firmware firmware;
  private final Duration bootTimeLimit;
  private final int maxBoots;
  private final int maxAllocBytes;
  private final Ota.Image image;
  private final boolean reuseContexts;
  private final Instant provisioningTime;
  private final boolean rtcSetAtProvisioning;
  private final int maxSockets;
  private final int uartBaud;
  private final int consoleKeepBytes;
  private final Engine engine;

  private DeviceConfig(Builder b) {
    this.flashBlocks = b.flashBlocks;
    this.heapBytes = b.heapBytes;
    this.firmware = b.firmware;
    this.bootTimeLimit = b.bootTimeLimit;
    this.maxBoots = b.maxBoots;
    this.maxAllocBytes = b.maxAllocBytes;
    this.image = b.image;
    this.reuseContexts = b.reuseContexts;
    this.provisioningTime = b.provisioningTime;
    this.rtcSetAtProvisioning = b.rtcSetAtProvisioning;
    this.maxSockets = b.maxSockets;
    this.uartBaud = b.uartBaud;
    this.consoleKeepBytes = b.consoleKeepBytes;
    this.engine = b.engine;
  }

  /** A generic ESP32-WROOM with the newest firmware: 2 MiB LittleFS, ~112 KB heap. */
  public static DeviceConfig esp32() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.flashBlocks = flashBlocks; // 0 keeps "the image's file system"
    return b.setHeapBytes(heapBytes)
        .setFirmware(firmware)
        .setBootTimeLimit(bootTimeLimit)
        .setMaxBoots(maxBoots)
        .setMaxAllocBytes(maxAllocBytes)
        .setImage(image)
        .setReuseContexts(reuseContexts)
        .setProvisioningTime(provisioningTime)
        .setRtcSetAtProvisioning(rtcSetAtProvisioning)
        .setMaxSockets(maxSockets)
        .setUartBaud(uartBaud)
        .setConsoleKeepBytes(consoleKeepBytes)
        .setEngine(engine);
  }

  /** The serial console's baud rate: what printing costs in virtual time. */
  public int uartBaud() {
    return uartBaud;
  }

  /** How much of one boot's console output the host keeps (its start and its end). */
  public int consoleKeepBytes() {
    return consoleKeepBytes;
  }

  /** When the board's files were copied onto it; the mtime of every file put or loaded. */
  public Instant provisioningTime() {
    return provisioningTime;
  }

  /** {@link #provisioningTime()} in the board's seconds since 2000-01-01. */
  public long provisioningSeconds() {
    return provisioningTime.getEpochSecond() - Builder.EPOCH_2000_UNIX;
  }

  /** Whether the RTC reads the provisioning time at the first boot (else 2000-01-01). */
  public boolean rtcSetAtProvisioning() {
    return rtcSetAtProvisioning;
  }

  /** How many sockets can be open at once (lwIP's table). */
  public int maxSockets() {
    return maxSockets;
  }

  /** The Python VM the board's boots run on. */
  public Engine engine() {
    return engine;
  }

  /** The flash capacity in blocks: as set, or the image's file system (512, or 240 on OTA). */
  public int flashBlocks() {
    if (flashBlocks > 0) {
      return flashBlocks;
    }
    return image == Ota.Image.OTA ? Builder.OTA_IMAGE_FLASH_BLOCKS : Builder.DEFAULT_FLASH_BLOCKS;
  }

  /** The largest single allocation the heap can satisfy, in bytes. */
  public int maxAllocBytes() {
    return Math.min(maxAllocBytes, heapBytes);
  }

  /** The firmware image's partition table: no OTA slots (the default), or two. */
  public Ota.Image image() {
    return image;
  }

  public int heapBytes() {
    return heapBytes;
  }

  public Firmware firmware() {
    return firmware;
  }

  public Duration bootTimeLimit() {
    return bootTimeLimit;
  }

  public int maxBoots() {
    return maxBoots;
  }

  /**
   * Whether a boot may run in a warm GraalPy context that an earlier boot used, made
   * indistinguishable from a new one; {@code false} builds a new context for every boot (slower,
   * the reference the reuse is tested against). The system property {@code otasim.freshContexts}
   * forces new contexts for every device.
   */
  public boolean reuseContexts() {
    return reuseContexts;
  }

  /** Builds a {@link DeviceConfig}; every setter validates its argument. */
  public static final class Builder {
    /** 512 blocks of 4096 bytes: the 2 MiB {@code vfs} partition of a 4 MiB board. */
    public static final int DEFAULT_FLASH_BLOCKS = Flash.DEFAULT_BLOCK_COUNT;

    /** The ESP32's Python heap after the first grow (commit f6d630877c, spec §15). */
    public static final int DEFAULT_HEAP_BYTES = 112_000;

    /** The firmware the board runs: {@link Firmware#DEFAULT}, as text. */
    public static final String DEFAULT_FIRMWARE = Firmware.DEFAULT.toString();

    /** Time a boot may work (its thread's CPU time) before it is stopped as hung. */
    public static final Duration DEFAULT_BOOT_TIME_LIMIT = Duration.ofSeconds(20);

    /** Boots a run may take to settle before it is reported as a boot loop. */
    public static final int DEFAULT_MAX_BOOTS = 12;

    /** The file system of the ESP32_GENERIC-OTA image: 960 KiB after two 1536 KiB app slots. */
    public static final int OTA_IMAGE_FLASH_BLOCKS = 240;

    /**
     * The largest single allocation: fragmentation limits it well below the free heap (spec §15).
     */
    public static final int DEFAULT_MAX_ALLOC_BYTES = 40_000;

    /** When the board's files were copied onto it, unless set: a fixed instant, so runs repeat. */
    public static final Instant DEFAULT_PROVISIONING_TIME = Instant.parse("2026-03-02T09:30:00Z");

    /** Unix seconds of 2000-01-01T00:00:00Z, the ESP32's time epoch (spec §12). */
    static final long EPOCH_2000_UNIX = 946_684_800L;

    /** lwIP's socket table on the ESP32_GENERIC build (CONFIG_LWIP_MAX_SOCKETS). */
    public static final int DEFAULT_MAX_SOCKETS = 10;

    /** The ESP32 REPL's UART speed. */
    public static final int DEFAULT_UART_BAUD = 115_200;

    /** How much of a boot's console the host keeps: 128 KiB. */
    public static final int DEFAULT_CONSOLE_KEEP_BYTES = 128 * 1024;

    private int uartBaud = DEFAULT_UART_BAUD;
    private int consoleKeepBytes = DEFAULT_CONSOLE_KEEP_BYTES;
    private Instant provisioningTime = DEFAULT_PROVISIONING_TIME;
    private boolean rtcSetAtProvisioning;
    private int maxSockets = DEFAULT_MAX_SOCKETS;
    private int flashBlocks;
    private int maxAllocBytes = DEFAULT_MAX_ALLOC_BYTES;
    private Ota.Image image = Ota.Image.GENERIC;
    private int heapBytes = DEFAULT_HEAP_BYTES;
    private Firmware firmware = Firmware.DEFAULT;
    private Duration bootTimeLimit = DEFAULT_BOOT_TIME_LIMIT;
    private int maxBoots = DEFAULT_MAX_BOOTS;
    private boolean reuseContexts = true;
    private Engine engine = Engine.GRAALPY;

    private Builder() {}

    /**
     * Sets the Python VM the boots run on: {@link Engine#GRAALPY} (the default) or {@link
     * Engine#MICROPYTHON}, the real MicroPython VM.
     */
    public Builder setEngine(Engine engine) {
      this.engine = java.util.Objects.requireNonNull(engine, "engine");
      return this;
    }

    /**
     * Sets the flash capacity in 4096-byte blocks. The default is the image's file system: 512 (2
     * MiB), or 240 on the OTA image.
     *
     * @throws IllegalArgumentException if blocks is below 4
     */
    public Builder setFlashBlocks(int blocks) {
      if (blocks < 4) {
        throw new IllegalArgumentException("flashBlocks (" + blocks + ") must be at least 4");
      }
      this.flashBlocks = blocks;
      return this;
    }

    /**
     * Sets the Python heap in bytes. The default is 112000.
     *
     * @throws IllegalArgumentException if bytes is not positive
     */
    public Builder setHeapBytes(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("heapBytes (" + bytes + ") must be positive");
      }
      this.heapBytes = bytes;
      return this;
    }

    /**
     * Sets the MicroPython firmware version, such as {@code 1.27.0} or {@code 1.22}. The default is
     * {@link Firmware#DEFAULT}.
     *
     * @throws IllegalArgumentException if the version is not of the form major.minor[.patch], or
     *     not one otasim has a module profile for
     */
    public Builder setFirmware(String version) {
      Objects.requireNonNull(version, "version");
      return setFirmware(Firmware.parse(version));
    }

    /** Sets the MicroPython firmware. The default is {@link Firmware#DEFAULT}. */
    public Builder setFirmware(Firmware firmware) {
      this.firmware = Objects.requireNonNull(firmware, "firmware");
      return this;
    }

    /**
     * Sets the time one boot may run before it is stopped as hung. The default is 20 seconds. It is
     * the boot thread's CPU time, so other threads (a parallel sweep, a busy machine) do not make a
     * boot hang; a boot that waits without working (a read from a server that never answers) is
     * stopped once the limit has passed in wall-clock time. Virtual sleeps take no time.
     *
     * @throws IllegalArgumentException if the limit is not positive
     */
    public Builder setBootTimeLimit(Duration limit) {
      Objects.requireNonNull(limit, "limit");
      if (limit.isZero() || limit.isNegative()) {
        throw new IllegalArgumentException("bootTimeLimit (" + limit + ") must be positive");
      }
      this.bootTimeLimit = limit;
      return this;
    }

    /**
     * Sets how many boots a run may take before it is reported as a boot loop. The default is 12.
     *
     * @throws IllegalArgumentException if boots is not positive
     */
    public Builder setMaxBoots(int boots) {
      if (boots <= 0) {
        throw new IllegalArgumentException("maxBoots (" + boots + ") must be positive");
      }
      this.maxBoots = boots;
      return this;
    }

    /**
     * Sets the largest single allocation in bytes; anything larger raises {@code MemoryError}. The
     * default is 40000.
     *
     * @throws IllegalArgumentException if bytes is not positive
     */
    public Builder setMaxAllocBytes(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxAllocBytes (" + bytes + ") must be positive");
      }
      this.maxAllocBytes = bytes;
      return this;
    }

    /**
     * Sets the firmware image: {@code GENERIC} (no OTA app slots, 2 MiB file system, the default)
     * or {@code OTA} (two app slots for {@code esp32.Partition} updates, 960 KiB file system).
     */
    public Builder setImage(Ota.Image image) {
      this.image = java.util.Objects.requireNonNull(image, "image");
      return this;
    }

    /**
     * Sets whether boots may reuse warm GraalPy contexts (the default) or each get a new one. Both
     * give the same journals, consoles and flash; new contexts cost ~50 ms more per boot.
     */
    public Builder setReuseContexts(boolean reuse) {
      this.reuseContexts = reuse;
      return this;
    }

    /**
     * Sets when the board's files were copied onto it: every file {@code flash().put}/{@code load}
     * writes carries it as its mtime, and the RTC starts there (spec §20.2). The default is
     * 2026-03-02T09:30:00Z.
     *
     * @throws IllegalArgumentException if the instant is before 2000-01-01, the board's epoch
     */
    public Builder setProvisioningTime(Instant time) {
      Objects.requireNonNull(time, "time");
      if (time.getEpochSecond() < EPOCH_2000_UNIX) {
        throw new IllegalArgumentException(
            "provisioningTime ("
                + time
                + ") must not be before 2000-01-01T00:00:00Z, the ESP32's"
                + " time epoch");
      }
      this.provisioningTime = time;
      return this;
    }

    /**
     * Sets whether the RTC reads the provisioning time at the first boot, as when Thonny or {@code
     * mpremote} set the clock while copying files and the board was reset without losing power, or
     * 2000-01-01 00:00:00 (the default): the first boot is a power-on, and the RTC starts at
     * 2000-01-01 at power-on unless something sets it (spec §20.2). A power cut always restarts it
     * at 2000-01-01. Files put or loaded carry the provisioning time either way.
     */
    public Builder setRtcSetAtProvisioning(boolean set) {
      this.rtcSetAtProvisioning = set;
      return this;
    }

    /**
     * Sets how many sockets can be open at once; one more raises {@code OSError(23)}. The default
     * is 10, lwIP's table on the ESP32_GENERIC build.
     *
     * @throws IllegalArgumentException if sockets is not positive
     */
    public Builder setMaxSockets(int sockets) {
      if (sockets <= 0) {
        throw new IllegalArgumentException("maxSockets (" + sockets + ") must be positive");
      }
      this.maxSockets = sockets;
      return this;
    }

    /**
     * Sets the serial console's baud rate; each byte printed costs 10 bits of it in virtual time.
     * The default is 115200, the ESP32 REPL's.
     *
     * @throws IllegalArgumentException if baud is not between 300 and 5000000
     */
    public Builder setUartBaud(int baud) {
      if (baud < 300 || baud > 5_000_000) {
        throw new IllegalArgumentException(
            "uartBaud (" + baud + ") must be between 300 and 5000000, such as 115200");
      }
      this.uartBaud = baud;
      return this;
    }

    /**
     * Sets how much of one boot's console output the host keeps: the first part and the last 16 KiB
     * (or a quarter); the rest is summarised as "N bytes not kept". The default is 128 KiB.
     *
     * @throws IllegalArgumentException if bytes is below 1024
     */
    public Builder setConsoleKeepBytes(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException(
            "consoleKeepBytes (" + bytes + ") must be at least 1024");
      }
      this.consoleKeepBytes = bytes;
      return this;
    }

    public DeviceConfig build() {
      return new DeviceConfig(this);
    }
  }
}
