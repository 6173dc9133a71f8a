/**
 * One board on both engines: {@link dev.otasim.crosscheck.CrossCheck} runs it on GraalPy and on the
 * real MicroPython VM and reports where their timelines or flashes first part, with the line of
 * device code behind it. Imports the façade ({@code device}); the gate and the command line import
 * it.
 */
package dev.otasim.crosscheck;
