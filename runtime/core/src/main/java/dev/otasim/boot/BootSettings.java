package dev.otasim.boot;

import dev.otasim.stubs.Firmware;
import java.time.Duration;

/**
 * What a boot needs to know of the device's configuration, on either engine.
 *
 * @param firmware the firmware whose modules device code imports
 * @param timeLimit how long device code may work before the boot ends as hung ({@link BootLimit})
 * @param uartBaud the serial console's baud rate: every byte printed costs virtual time
 * @param consoleKeepBytes how much of a boot's console output the host keeps
 * @param heapBytes the board's heap
 * @param maxAllocBytes the largest block the board's heap can give at once
 * @param reuseContexts whether an engine may boot again on the VM of an earlier boot
 */
public record BootSettings(
    Firmware firmware,
    Duration timeLimit,
    int uartBaud,
    int consoleKeepBytes,
    int heapBytes,
    int maxAllocBytes,
    boolean reuseContexts) {}
